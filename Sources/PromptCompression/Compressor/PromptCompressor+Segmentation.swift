extension PromptCompressor {
    /// Segments a prompt the way compression does before the model runs (JSON scanning, protected spans,
    /// placeholders, code fences), without a model: the number of pieces. For fuzzing and diagnostics.
    /// - Throws: `CompressionError` for an empty input, or JSON that is invalid (with `.json`) or nested too deeply.
    public static func segmentation(of prompt: String, options: CompressionOptions = .init()) throws -> Int {
        try segment(prompt, options: options).pieces.count
    }

    /// Segments a request's message texts the way `compressMessages` does, without a model: the number of pieces.
    /// - Throws: `CompressionError` for an empty input, invalid or too deeply nested JSON, or no messages.
    public static func messagesSegmentation(of json: String, roles: Set<String>) throws -> Int {
        try segmentMessages(json, roles: roles, options: .init()).0.pieces.count
    }
}
