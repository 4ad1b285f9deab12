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
    /// Reads a file of this format.
    let read: @Sendable (SourceText) -> PromptTemplate

    init(
        _ format: TemplateFormat, extensions: Set<String> = [], fileNames: Set<String> = [],
        comments: [CommentSyntax], usualExtension: String, isCertainTemplate: Bool,
        discovery: DiscoveryRole? = nil, read: @escaping @Sendable (SourceText) -> PromptTemplate
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
        self.read = read
    }
}
