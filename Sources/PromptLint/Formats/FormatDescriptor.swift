/// One format promptlint reads: how its files are named, which comments carry suppressions, and
/// how a file of it is read. `FormatRegistry` holds one per `TemplateFormat`; adding a format is
/// adding a case and a descriptor.
public struct FormatDescriptor: Sendable {
    /// The format described.
    public let format: TemplateFormat
    /// Lower-case file extensions (without the dot) whose files are this format when nothing else is known.
    public let extensions: Set<String>
    /// Lower-case file names that are this format whatever their extension (`skprompt.txt`).
    public let fileNames: Set<String>
    /// The comment syntaxes in which suppressions may be written.
    public let comments: [CommentSyntax]
    /// The extension rule examples of this format are written with.
    public let usualExtension: String
    /// True when the format is a template language of its own, so a file of it that does not parse is
    /// certainly broken (a `.j2` file); false for formats that are only a guess from content (a `.txt`
    /// file that looked like an f-string), whose parse problems are not errors.
    public let isCertainTemplate: Bool
    /// How discovery treats files this format claims by extension or name (read always, on evidence, or
    /// for source code after a content test).
    public let discovery: DiscoveryRole
    /// Claims a file by its place and content when no extension or file name decides (a Markdown command
    /// in a `commands` folder, a Copilot `*.prompt.md`); nil for formats known by name or extension only.
    /// Claims are asked in `FormatRegistry.claimOrder`, before a generic file's dialect is sniffed.
    let claims: (@Sendable (FileCandidate) -> Bool)?
    /// Reads a file of this format.
    let read: @Sendable (SourceText) -> PromptTemplate

    init(
        _ format: TemplateFormat, extensions: Set<String> = [], fileNames: Set<String> = [],
        comments: [CommentSyntax], usualExtension: String, isCertainTemplate: Bool,
        discovery: DiscoveryRole? = nil, claims: (@Sendable (FileCandidate) -> Bool)? = nil,
        read: @escaping @Sendable (SourceText) -> PromptTemplate
    ) {
        self.format = format
        self.extensions = extensions
        self.fileNames = fileNames
        self.comments = comments
        self.usualExtension = usualExtension
        self.isCertainTemplate = isCertainTemplate
        // Without an explicit role: source files need the content test, template languages are always
        // read, guessed formats need evidence.
        if let discovery {
            self.discovery = discovery
        } else if !extensions.isDisjoint(with: SourceSniff.sourceExtensions) {
            self.discovery = .sourceCode(hasPrompts: SourceSniff.buildsPrompts)
        } else {
            self.discovery = isCertainTemplate ? .template : .onEvidence
        }
        self.claims = claims
        self.read = read
    }
}

/// A file whose format is being decided: its path as shown, lower-case name and extension, and its text.
struct FileCandidate: Sendable {
    let path: String
    let name: String
    let ext: String
    let text: String

    init(path: String, text: String) {
        self.path = path
        self.text = text
        name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        ext = name.contains(".") ? String(name.split(separator: ".").last ?? "") : ""
    }
}
