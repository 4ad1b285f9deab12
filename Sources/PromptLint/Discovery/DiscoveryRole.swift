import Foundation

/// How discovery treats the files a format claims by extension or file name.
public enum DiscoveryRole: Sendable {
    /// A prompt template language of its own (`.j2`, `.prompty`, `skprompt.txt`): read whenever found.
    case template
    /// A generic text format (`.txt`, `.md`): read only on positive evidence (a prompts folder, a
    /// prompt-like name) or when named explicitly.
    case onEvidence
    /// Source code (`.py`, `.ts`): read only when the cheap content test says the file builds prompts
    /// (an import of an LLM SDK, a `SYSTEM_PROMPT` name). The test gets the file's first bytes as text.
    case sourceCode(hasPrompts: @Sendable (String) -> Bool)
    /// Source code inside a container file (a Jupyter notebook's JSON): the whole file (within the size
    /// limit) is given to `verdict`, which returns nil to read it or the reason it is skipped. Files
    /// without prompts are skipped with `DiscoveryRules.sourceWithoutPromptsReason`.
    case container(verdict: @Sendable (Data) -> String?)
}
