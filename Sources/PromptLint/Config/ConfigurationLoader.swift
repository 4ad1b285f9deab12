import Foundation
import Yams

/// Reads `.promptlint.yml` files and finds the one that applies to a path.
public final class ConfigurationLoader: @unchecked Sendable {
    /// The file name searched for.
    public static let fileName = ".promptlint.yml"
    private var cache: [String: Configuration?] = [:]
    /// Folders a walk listed, with whether each holds a configuration file (see `noteListedFolder`).
    private var listed: [String: Bool] = [:]
    private let lock = NSLock()
    private let explicit: Configuration?
    private let fallbackDirectory: String

    /// Creates a loader. With `explicitPath`, that file applies to every path.
    /// - Throws: `PromptLintError.invalidConfiguration` when the explicit file is invalid.
    public init(explicitPath: String? = nil, fallbackDirectory: String = FileManager.default.currentDirectoryPath) throws {
        self.fallbackDirectory = fallbackDirectory
        explicit = try explicitPath.map { try Self.load(path: PathUtil.absolute($0)) }
    }

    /// The configuration for a file: the explicit one, else the nearest `.promptlint.yml` at or above
    /// the file's directory, else defaults rooted at the working directory.
    /// - Throws: `PromptLintError.invalidConfiguration` when a found file is invalid.
    public func configuration(for path: String) throws -> Configuration {
        if let explicit { return explicit }
        let abs = PathUtil.absolute(path)
        // A folder looked up before is in the cache: answer without asking the file system whether it is one.
        if let cached = lock.withLock({ cache[abs] }) { return cached ?? Configuration(baseDirectory: fallbackDirectory) }
        var isDir: ObjCBool = false
        let known = lock.withLock { listed[abs] != nil }
        var dir = known || FileManager.default.fileExists(atPath: abs, isDirectory: &isDir) && isDir.boolValue
            ? abs : PathUtil.parent(abs)
        var visited: [String] = []
        while true {
            if let cached = lock.withLock({ cache[dir] }) {
                remember(visited, cached)
                return cached ?? Configuration(baseDirectory: fallbackDirectory)
            }
            visited.append(dir)
            let candidate = (dir as NSString).appendingPathComponent(Self.fileName)
            if lock.withLock({ listed[dir] }) ?? FileManager.default.fileExists(atPath: candidate) {
                let config = try Self.load(path: candidate)
                remember(visited, config)
                return config
            }
            let parent = PathUtil.parent(dir)
            if parent == dir || parent.isEmpty { break }
            dir = parent
        }
        remember(visited, nil)
        return Configuration(baseDirectory: fallbackDirectory)
    }

    /// Records that the folder `absolute` exists and whether it holds a `.promptlint.yml`, as a walk's listing
    /// showed: lookups for it and below it then ask the file system nothing about it (each such call resolved the
    /// whole path again, which made deep trees quadratic in their depth).
    public func noteListedFolder(_ absolute: String, hasConfigurationFile: Bool) {
        lock.withLock { listed[absolute] = hasConfigurationFile }
    }

    private func remember(_ dirs: [String], _ config: Configuration?) {
        lock.withLock { for d in dirs { cache[d] = .some(config) } }
    }

    /// Reads one configuration file.
    /// - Throws: `PromptLintError.invalidConfiguration`.
    public static func load(path: String) throws -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PromptLintError.invalidConfiguration(path: path, reason: "cannot read file")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses configuration YAML.
    /// - Throws: `PromptLintError.invalidConfiguration`.
    public static func parse(_ yaml: String, path: String) throws -> Configuration {
        func fail(_ reason: String) -> PromptLintError { .invalidConfiguration(path: path, reason: reason) }
        let root: Any?
        do { root = try SafeYAML.load(yaml: yaml) } catch { throw fail("YAML does not parse: \(error)") }
        var config = Configuration(baseDirectory: (path as NSString).deletingLastPathComponent)
        config.path = path
        guard let root else { return config }
        guard let map = root as? [String: Any] else { throw fail("expected a mapping at the top level") }
        let known: Set<String> = ["rules", "disable", "enable", "exclude", "include", "per-file-ignores", "constants", "slot-kinds",
                                  "providers", "formats", "rules-dirs", "max-file-bytes", "profile",
                                  "pricing", "traffic"]  // pricing/traffic: read by SavingsSettingsLoader
        if let unknown = map.keys.sorted().first(where: { !known.contains($0) }) { throw fail("unknown key '\(unknown)'") }
        func strings(_ key: String) throws -> [String] {
            guard let raw = map[key] else { return [] }
            guard let list = ParameterValue(yaml: raw)?.stringList else { throw fail("'\(key)' must be a list of strings") }
            return list
        }
        func stringMap(_ key: String) throws -> [String: ParameterValue] {
            guard let raw = map[key] else { return [:] }
            guard case .map(let m)? = ParameterValue(yaml: raw) else { throw fail("'\(key)' must be a mapping") }
            return m
        }
        for (key, value) in try stringMap("rules") {
            let text = value.stringValue?.lowercased() ?? ""
            if ["off", "false", "disable", "disabled"].contains(text) {
                config.severities[key] = .some(nil)
            } else if let severity = Severity(rawValue: text == "warn" ? "warning" : text) {
                config.severities[key] = severity
            } else if text == "on" || text == "true" {
                config.enabled.append(key)
            } else {
                throw fail("rule '\(key)': severity must be error, warning, info or off")
            }
        }
        config.disabled = try strings("disable")
        config.enabled += try strings("enable")
        config.exclude = GlobList(try strings("exclude"))
        config.includePatterns = try strings("include").filter { !$0.hasPrefix("!") }
        config.include = GlobList(config.includePatterns)
        for (glob, value) in try stringMap("per-file-ignores").sorted(by: { $0.key < $1.key }) {
            guard let ids = value.stringList else { throw fail("per-file-ignores '\(glob)' must list rule ids") }
            config.perFileIgnores.append((GlobList([glob]), ids))
        }
        if case .map(let values)? = map["constants"].flatMap(ParameterValue.init(yaml:)) {
            // `constants: {name: value}`: the names are constants; a list value also gives a loop's length.
            config.constants = values.keys.sorted()
            for (name, value) in values { if case .list(let items) = value { config.constantLengths[name] = items.count } }
        } else {
            config.constants = try strings("constants")
        }
        for (name, value) in try stringMap("slot-kinds") {
            guard let cls = SlotClass(configName: value.stringValue ?? "", variable: name) else {
                throw fail("slot-kinds '\(name)': unknown kind '\(value.stringValue ?? "")'")
            }
            config.slotKinds[name] = cls
        }
        for raw in try strings("providers") {
            guard let provider = Provider(rawValue: raw.lowercased()) else { throw fail("unknown provider '\(raw)'") }
            config.providers.append(provider)
        }
        for (glob, value) in try stringMap("formats").sorted(by: { $0.key < $1.key }) {
            guard let format = value.stringValue.flatMap(TemplateFormat.init(rawValue:)) else {
                throw fail("formats '\(glob)': unknown format")
            }
            config.formats.append((GlobList([glob]), format))
        }
        config.ruleDirectories = try strings("rules-dirs").map { PathUtil.absolute($0, cwd: config.baseDirectory) }
        if let raw = map["max-file-bytes"] {
            guard let n = raw as? Int, n > 0 else { throw fail("'max-file-bytes' must be a positive integer") }
            config.maxFileBytes = n
        }
        if let raw = map["profile"] {
            guard let name = raw as? String, let profile = LintProfile(rawValue: name.lowercased()) else {
                throw fail("'profile' must be one of \(LintProfile.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            config.profile = profile
        }
        return config
    }
}

extension SlotClass {
    /// A class from a configuration word: constant, per-day, per-user, per-request, history, documents,
    /// input, time, identifier, structural.
    public init?(configName: String, variable: String) {
        let reason = "`\(variable)` is declared \(configName) in configuration"
        switch configName.lowercased() {
        case "constant", "per-deployment": self.init(volatility: .constant, kind: .value, reason: reason)
        case "per-day", "daily": self.init(volatility: .perDay, kind: .value, reason: reason)
        case "per-user", "per-session": self.init(volatility: .perUser, kind: .value, reason: reason)
        case "per-request", "dynamic": self.init(volatility: .perRequest, kind: .value, reason: reason)
        case "history": self.init(volatility: .perRequest, kind: .history, reason: reason)
        case "documents": self.init(volatility: .perRequest, kind: .documents, reason: reason)
        case "input": self.init(volatility: .perRequest, kind: .input, reason: reason)
        case "time": self.init(volatility: .perRequest, kind: .time, reason: reason)
        case "identifier": self.init(volatility: .perRequest, kind: .identifier, reason: reason)
        case "structural": self = .structural(reason)
        default: return nil
        }
    }
}
