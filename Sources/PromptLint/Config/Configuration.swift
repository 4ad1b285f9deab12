import Foundation

/// The settings of `.promptlint.yml`.
///
/// ```yaml
/// rules: {PL001: error, PL006: off}      # severity per rule id, name or id prefix; off disables
/// disable: [PL003]                        # also disables
/// enable: [PL012]                         # turns on rules that are off by default
/// exclude: ["vendor/**", "*.generated.j2"]
/// include: ["tests/fixtures/prompts/**", "agents/*.yaml"]   # read whatever discovery would say
/// per-file-ignores: {"tests/**": [PL001]}
/// constants: [app_name, max_actions]      # variables that are per-deployment constants
/// constants: {app_name: Acme, tools: [search, fetch]}   # or with values: a list's length counts loop iterations
/// slot-kinds: {customer: per-user, docs: documents}
/// providers: [anthropic, openai]
/// formats: {"prompts/*.txt": jinja}
/// rules-dirs: [lint/rules]                # extra folders of YAML rules
/// max-file-bytes: 16777216
/// profile: strict                         # layout hygiene instead of cost (see `LintProfile`)
/// ```
public struct Configuration: Sendable {
    /// The file it was read from, if any.
    public var path: String?
    /// The directory globs are relative to.
    public var baseDirectory: String
    /// Severity overrides by rule key (id, name or id prefix); nil means off.
    public var severities: [String: Severity?] = [:]
    /// Rule keys disabled.
    public var disabled: [String] = []
    /// Rule keys enabled (including rules off by default).
    public var enabled: [String] = []
    /// Paths not linted.
    public var exclude = GlobList([])
    /// Paths read whatever discovery would decide (`include:`); `exclude` still wins.
    public var include = GlobList([])
    /// The `include:` patterns as written.
    public var includePatterns: [String] = []
    /// Rules ignored under some paths.
    public var perFileIgnores: [(GlobList, [String])] = []
    /// Variables declared constant.
    public var constants: [String] = []
    /// Lengths of constant lists given with values in `constants:`, by name.
    public var constantLengths: [String: Int] = [:]
    /// Variables with a declared class.
    public var slotKinds: [String: SlotClass] = [:]
    /// Providers in scope (empty: all).
    public var providers: [Provider] = []
    /// Format overrides by glob.
    public var formats: [(GlobList, TemplateFormat)] = []
    /// Extra rule folders (absolute).
    public var ruleDirectories: [String] = []
    /// Largest file read.
    public var maxFileBytes: Int?
    /// Which thresholds the layout rules use.
    public var profile: LintProfile = .cost

    /// An empty configuration rooted at `baseDirectory`.
    public init(baseDirectory: String = FileManager.default.currentDirectoryPath) {
        self.baseDirectory = baseDirectory
    }

    /// The classifier these settings imply.
    public var classifier: SlotClassifier {
        SlotClassifier(constants: Set(constants), declared: slotKinds, constantLengths: constantLengths)
    }

    /// `path` relative to the configuration's directory (slash-separated).
    public func relative(_ path: String) -> String {
        PathUtil.relative(path, to: baseDirectory)
    }

    /// Whether a rule runs at all.
    public func isEnabled(_ rule: RuleDefinition) -> Bool {
        if disabled.contains(where: { Self.key($0, selects: rule) }) { return false }
        if let (_, severity) = bestSeverity(rule) { return severity != nil }
        if enabled.contains(where: { Self.key($0, selects: rule) }) { return true }
        return rule.enabledByDefault
    }

    /// The effective severity of a rule.
    public func severity(for rule: RuleDefinition) -> Severity {
        if let (_, severity) = bestSeverity(rule), let severity { return severity }
        return rule.severity
    }

    /// Whether `rule` is ignored for the file at `path`.
    public func isIgnored(_ rule: RuleDefinition, path: String) -> Bool {
        let rel = relative(path)
        return perFileIgnores.contains { globs, keys in
            globs.matches(rel) && keys.contains { Self.key($0, selects: rule) }
        }
    }

    /// Whether `path` is excluded from linting.
    public func isExcluded(_ path: String) -> Bool {
        exclude.matches(relative(path))
    }

    /// Whether `include:` forces `path` in.
    public func isIncluded(_ path: String) -> Bool {
        !includePatterns.isEmpty && include.matches(relative(path))
    }

    /// Whether some `include:` pattern could match a path below the folder `path`.
    public func mayIncludeBelow(_ path: String) -> Bool {
        let rel = relative(path)
        guard !includePatterns.isEmpty, !rel.hasPrefix("/") else { return false }
        return includePatterns.contains { Glob.mayMatchBelow($0, folder: rel) }
    }

    /// The configured format for `path`, if any.
    public func format(for path: String) -> TemplateFormat? {
        let rel = relative(path)
        return formats.last { $0.0.matches(rel) }?.1
    }

    /// Providers in scope for a rule.
    public func providers(for rule: RuleDefinition) -> [Provider] {
        let base = rule.providers.isEmpty ? Provider.allCases : rule.providers
        guard !providers.isEmpty else { return base }
        return base.filter(providers.contains)
    }

    private func bestSeverity(_ rule: RuleDefinition) -> (String, Severity?)? {
        severities.filter { Self.key($0.key, selects: rule) }.max { $0.key.count < $1.key.count }.map { ($0.key, $0.value) }
    }

    /// True when a configuration key (id, name, `all`, or id prefix) selects `rule`.
    public static func key(_ key: String, selects rule: RuleDefinition) -> Bool {
        let k = key.lowercased()
        if k == "all" { return true }
        return rule.id.lowercased() == k || rule.name.lowercased() == k || rule.id.lowercased().hasPrefix(k)
    }
}

/// Path helpers.
public enum PathUtil {
    /// An absolute version of `path` with `.` and `..` removed lexically (symbolic links are kept).
    public static func absolute(_ path: String, cwd: String = FileManager.default.currentDirectoryPath) -> String {
        if isNormalAbsolute(path) { return path }
        let joined = path.hasPrefix("/") ? path : cwd + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The folder holding `absolute` (a normal absolute path): everything before its last slash, `/` for a path
    /// directly below the root and for the root itself. A byte search from the end (`NSString`'s
    /// `deletingLastPathComponent` normalises the whole path first, which costs a deep walk its depth each call).
    static func parent(_ absolute: String) -> String {
        guard let slash = absolute.utf8.lastIndex(of: UInt8(ascii: "/")) else { return absolute }
        return slash == absolute.utf8.startIndex ? "/" : String(absolute[..<slash])
    }

    /// True when `path` is absolute and has no empty, `.` or `..` component and no trailing slash (or is `/`):
    /// `absolute` returns it as it is. One scan of the bytes, so that a walk calling `absolute` on every path
    /// of a deep tree does not split and join each one.
    static func isNormalAbsolute(_ path: String) -> Bool {
        var utf8 = path.utf8.makeIterator()
        guard utf8.next() == UInt8(ascii: "/") else { return false }
        if path.utf8.count == 1 { return true }
        // Bytes of the current component so far, and whether they are all dots (1 or 2 of them: `.` or `..`).
        var length = 0, onlyDots = true
        while let byte = utf8.next() {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (onlyDots && length <= 2) { return false }
                length = 0
                onlyDots = true
            } else {
                length += 1
                if byte != UInt8(ascii: ".") { onlyDots = false }
            }
        }
        return length > 0 && !(onlyDots && length <= 2)
    }

    /// `path` relative to `base` when it lies below it, else the absolute path.
    public static func relative(_ path: String, to base: String) -> String {
        let abs = absolute(path)
        let b = absolute(base)
        if abs == b { return "." }
        let prefix = b.hasSuffix("/") ? b : b + "/"
        return abs.hasPrefix(prefix) ? String(abs.dropFirst(prefix.count)) : abs
    }
}
