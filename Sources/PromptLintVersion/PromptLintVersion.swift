/// The version of this project's libraries and tools: one constant, printed by `--version` of `promptlint`,
/// `promptcompress` and `promptbench` and written into SARIF reports.
public enum PromptLintVersion {
    /// The version string (semantic versioning).
    public static let current = "0.1.0"
}
