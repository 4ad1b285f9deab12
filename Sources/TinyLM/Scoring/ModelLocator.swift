import Foundation

/// Finds the model file: an explicit path, then `PROMPTLINT_MODEL`, then the setup script's cache folder.
public enum ModelLocator {
    /// The model file's name in the cache folder.
    public static let fileName = "gemma-3-270m-q4_k_m.gguf"

    /// `${XDG_CACHE_HOME:-~/.cache}/promptlint`.
    public static func cacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")
        return base + "/promptlint"
    }

    /// The path to use.
    /// - Parameter explicit: a path the user gave (`--model`); used as is, and an error when missing.
    /// - Throws: `TinyLMError.modelNotFound` listing the places looked at.
    public static func locate(
        explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        var candidates: [String] = []
        if let explicit { candidates = [explicit] } else {
            if let fromEnvironment = environment["PROMPTLINT_MODEL"], !fromEnvironment.isEmpty {
                candidates.append(fromEnvironment)
            } else {
                candidates.append(cacheDirectory(environment: environment) + "/" + fileName)
            }
        }
        for c in candidates where FileManager.default.fileExists(atPath: c) { return c }
        throw TinyLMError.modelNotFound(searched: candidates)
    }
}
