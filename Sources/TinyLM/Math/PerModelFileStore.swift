import Foundation

/// Values derived from a model's weights (the int8 output head, the int8 trunk), built on first use once per model
/// file and kept for the process. Building holds the lock, so two threads never build the same value twice.
final class PerModelFileStore<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var built: [String: Value] = [:]
    private let build: @Sendable (Gemma3Model) -> Value

    /// A store that derives each model's value with `build`.
    init(build: @escaping @Sendable (Gemma3Model) -> Value) { self.build = build }

    /// The value of `model`'s file, built now if this process has not built it yet.
    func value(for model: Gemma3Model) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let hit = built[model.file.path] { return hit }
        let value = build(model)
        built[model.file.path] = value
        return value
    }
}
