/// One progress line on standard error, rewritten in place with `\r`, for long runs of the command-line tools.
/// Drawn only when standard error is a terminal: redirected or piped standard error gets no byte of it.
public struct ProgressLine: Sendable {
    /// What is being done, e.g. "scoring".
    public let label: String

    /// A progress line for `label` when standard error is a terminal, else nil (nothing is drawn).
    public static func onTerminal(_ label: String) -> ProgressLine? {
        StandardStreams.errorIsTerminal ? ProgressLine(label: label) : nil
    }

    /// A line for `label`; use `onTerminal` in the tools.
    public init(label: String) { self.label = label }

    /// The text drawn for `fraction` done (clamped to 0...1): carriage return, label, a 30-cell bar, whole percent.
    public static func text(label: String, fraction: Double) -> String {
        let width = 30
        let done = fraction.isNaN ? 0 : min(1, max(0, fraction))
        let filled = Int((done * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        return "\r\(label) [\(bar)] \(Int((done * 100).rounded(.down)))%"
    }

    /// The text that erases the line (carriage return, clear to end of line).
    public static let clearText = "\r\u{1B}[K"

    /// Draws the line for `fraction` done.
    public func draw(_ fraction: Double) { StandardStreams.writeError(Self.text(label: label, fraction: fraction)) }

    /// Erases the line, so that what follows on standard error starts at the line's beginning.
    public func clear() { StandardStreams.writeError(Self.clearText) }
}
