import Foundation

/// The patterns of one `.gitignore` file, matched the way git does for the common cases: globs with
/// `*`, `?`, `[...]` and `**`; a pattern without an inner `/` matches a name at any depth below the
/// file's folder; a leading or inner `/` anchors it to that folder; a trailing `/` matches folders
/// only; `!` re-includes; `#` starts a comment; the last matching pattern decides.
/// Hand-written: no installed package reads `.gitignore`.
struct GitIgnore {
    private struct Pattern {
        let negated: Bool
        let directoryOnly: Bool
        let matcher: Matcher
        let text: String
    }

    /// How a pattern is tested: most lines of real `.gitignore` files are a bare name (`build`) or
    /// `*.ext`, which need no regular expression.
    private enum Matcher {
        case name(String)
        case suffix(String)
        case regex(NSRegularExpression)

        func matches(_ relative: String) -> Bool {
            switch self {
            case .name(let name):
                return relative == name || relative.hasSuffix("/" + name)
            case .suffix(let suffix):
                let base = relative.split(separator: "/").last.map(String.init) ?? relative
                return base.hasSuffix(suffix) && base.count > suffix.count
            case .regex(let regex):
                return regex.firstMatch(in: relative, range: NSRange(relative.startIndex..., in: relative)) != nil
            }
        }
    }

    private static let wildcards = CharacterSet(charactersIn: "*?[\\")

    private static func matcher(_ pattern: String, anchored: Bool) -> Matcher? {
        if !anchored, pattern.rangeOfCharacter(from: wildcards) == nil { return .name(pattern) }
        if !anchored, pattern.hasPrefix("*"), pattern.dropFirst().rangeOfCharacter(from: wildcards) == nil,
            !pattern.dropFirst().isEmpty
        {
            return .suffix(String(pattern.dropFirst()))
        }
        let expression = "^" + (anchored ? "" : "(?:.*/)?") + Glob.translate(pattern) + "$"
        return (try? NSRegularExpression(pattern: expression)).map(Matcher.regex)
    }

    /// The folder the file sits in (absolute), which anchored patterns are relative to.
    let base: String
    /// Where the patterns came from, for reasons (`.gitignore`, `sub/.gitignore`).
    let source: String
    private let patterns: [Pattern]

    /// Parses `text` for the folder `base`.
    init(text: String, base: String, source: String) {
        self.base = base
        self.source = source
        var patterns: [Pattern] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = String(raw)
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let negated = line.hasPrefix("!")
            if negated { line.removeFirst() }
            if line.hasPrefix("\\") { line.removeFirst() }
            let directoryOnly = line.hasSuffix("/")
            if directoryOnly { line.removeLast() }
            guard !line.isEmpty else { continue }
            let anchored = line.contains("/")
            if line.hasPrefix("/") { line.removeFirst() }
            guard let matcher = Self.matcher(line, anchored: anchored) else { continue }
            patterns.append(Pattern(negated: negated, directoryOnly: directoryOnly, matcher: matcher, text: String(raw)))
        }
        self.patterns = patterns
    }

    /// Reads the `.gitignore` in `folder`, if any.
    static func load(folder: String, display: String) -> GitIgnore? {
        let path = (folder as NSString).appendingPathComponent(".gitignore")
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let shown = display.isEmpty || display == "." ? ".gitignore"
            : display == "the repository's ." ? "the repository's .gitignore" : display + "/.gitignore"
        return GitIgnore(text: String(decoding: data, as: UTF8.self), base: folder, source: shown)
    }

    /// The verdict for `absolute` (inside `base`): the deciding pattern and whether it ignores, or nil
    /// when no pattern matches.
    func verdict(for absolute: String, isDirectory: Bool) -> (ignored: Bool, pattern: String)? {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard absolute.hasPrefix(prefix) else { return nil }
        let relative = String(absolute.dropFirst(prefix.count))
        for pattern in patterns.reversed() where !pattern.directoryOnly || isDirectory {
            if pattern.matcher.matches(relative) { return (!pattern.negated, pattern.text) }
        }
        return nil
    }
}

/// The `.gitignore` files in force in one folder: the repository's ancestors' and the walked folders',
/// deepest last. The deepest file with a matching pattern decides.
/// In a repository whose index can be read, a file git tracks is never ignored (git's own rule), and a
/// folder matched by a pattern is still entered for the tracked files it holds; its other files stay
/// ignored.
struct GitIgnoreStack {
    private(set) var files: [GitIgnore] = []
    /// The files git tracks in the repository walked, when its index was read.
    private(set) var tracked: TrackedFiles?
    /// Set inside an ignored folder entered for its tracked files: why its untracked files are skipped.
    private(set) var ignoredFolder: String?

    /// The stack for a walk that starts at `root`: the `.gitignore` files of its ancestors up to the
    /// repository root (the folder holding `.git`), if it is inside a repository, and its tracked files.
    static func ancestors(of root: String) -> GitIgnoreStack {
        guard let repositoryRoot = RepositoryRoot.of(root) else { return GitIgnoreStack() }
        var stack = GitIgnoreStack()
        stack.tracked = TrackedFiles.load(repositoryRoot: repositoryRoot)
        guard repositoryRoot != root else { return stack }
        var chain: [String] = []
        var dir = root
        while dir != repositoryRoot {
            dir = (dir as NSString).deletingLastPathComponent
            chain.append(dir)
        }
        for folder in chain.reversed() {
            let relative = PathUtil.relative(folder, to: repositoryRoot)
            if let file = GitIgnore.load(folder: folder, display: "the repository's " + relative) {
                stack.files.append(file)
            }
        }
        return stack
    }

    /// A copy with `folder`'s own `.gitignore` pushed, if it has one.
    func entering(_ folder: String, display: String) -> GitIgnoreStack {
        guard let file = GitIgnore.load(folder: folder, display: display) else { return self }
        var copy = self
        copy.files.append(file)
        return copy
    }

    /// The reason `absolute` is ignored, or nil when it is not: a tracked file, or a folder holding one, is
    /// not; an untracked path inside an ignored folder entered for its tracked files is.
    func ignoreReason(_ absolute: String, isDirectory: Bool) -> String? {
        if let tracked {
            if isDirectory ? tracked.holdsTracked(folder: absolute) : tracked.tracks(file: absolute) { return nil }
            if let ignoredFolder { return ignoredFolder }
        }
        return patternReason(absolute, isDirectory: isDirectory)
    }

    /// A copy for the inside of a folder that `.gitignore` matches but that holds tracked files, when it
    /// does; else nil.
    func enteringTracked(_ absolute: String) -> GitIgnoreStack? {
        guard let tracked, tracked.holdsTracked(folder: absolute), let reason = patternReason(absolute, isDirectory: true) else { return nil }
        var copy = self
        copy.ignoredFolder = copy.ignoredFolder ?? reason + "; only the files git tracks there are read"
        return copy
    }

    /// The reason the patterns ignore `absolute`, or nil when none does.
    private func patternReason(_ absolute: String, isDirectory: Bool) -> String? {
        for file in files.reversed() {
            if let verdict = file.verdict(for: absolute, isDirectory: isDirectory) {
                return verdict.ignored ? "ignored by \(file.source) (`\(verdict.pattern)`)" : nil
            }
        }
        return nil
    }
}
