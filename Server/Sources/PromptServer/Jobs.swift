import Foundation
import PromptCompression
import TinyLM

/// A compression request, checked field by field before it takes a model worker.
struct CompressJob: Sendable {
    enum Input: Sendable { case text(String), request(String) }
    enum Target: Sendable { case ratio(Double), tokens(Int) }

    let input: Input
    let target: Target
    let roles: Set<String>
    let options: CompressionOptions

    init(_ body: Components.Schemas.CompressRequest, maxTextBytes: Int) throws {
        try Validate.exactlyOne(body.text != nil, "text", body.request != nil, "request")
        try Validate.exactlyOne(body.ratio != nil, "ratio", body.targetTokens != nil, "target_tokens")
        for (field, value) in [("text", body.text), ("request", body.request), ("question", body.question)] {
            try Validate.length(value, field: field, limit: maxTextBytes)
        }
        if let ratio = body.ratio {
            guard ratio.isFinite, ratio > 0, ratio <= 1 else { throw APIError.invalid("ratio", "must be in (0, 1], got \(ratio)") }
            target = .ratio(ratio)
        } else {
            let n = body.targetTokens ?? 0
            guard n >= 1 else { throw APIError.invalid("target_tokens", "must be at least 1, got \(n)") }
            target = .tokens(n)
        }
        if let text = body.text {
            guard !text.allSatisfy(\.isWhitespace) else { throw APIError.invalid("text", "is empty") }
            input = .text(text)
        } else {
            let request = body.request ?? ""
            do { try PromptCompressor.validateMessages(request) } catch let error as CompressionError {
                throw APIError.invalid("request", error.errorDescription ?? "not a messages request")
            }
            input = .request(request)
        }
        let roleList = body.roles ?? ["user", "system"]
        for (i, role) in roleList.enumerated() where role.trimmingCharacters(in: .whitespaces).isEmpty {
            throw APIError.invalid("roles[\(i)]", "is empty")
        }
        roles = Set(roleList.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        let force = body.force ?? []
        for (i, word) in force.enumerated() where word.allSatisfy(\.isWhitespace) {
            throw APIError.invalid("force[\(i)]", "is empty")
        }
        try Validate.length(force.joined(), field: "force", limit: maxTextBytes)
        options = CompressionOptions(
            question: body.question, keepDigits: body.keepDigits ?? false, forceWords: force,
            compressLastUser: body.compressLastUser ?? false)
    }

    /// Compresses on the calling thread (a model worker).
    func run(_ compressor: PromptCompressor) throws -> CompressionResult {
        do { return try compress(compressor) } catch let error as CompressionError { throw APIError(compression: error, input: input) }
    }

    private func compress(_ compressor: PromptCompressor) throws -> CompressionResult {
        switch (input, target) {
        case (.text(let t), .ratio(let r)): return try compressor.compress(t, ratio: r, options: options)
        case (.text(let t), .tokens(let n)): return try compressor.compress(t, targetTokens: n, options: options)
        case (.request(let t), .ratio(let r)): return try compressor.compressMessages(t, ratio: r, roles: roles, options: options)
        case (.request(let t), .tokens(let n)): return try compressor.compressMessages(t, targetTokens: n, roles: roles, options: options)
        }
    }
}

/// A few-shot selection request, checked before it takes a model worker.
struct FewShotJob: Sendable {
    let examples: String
    let format: FewShotDocument.Format?
    let split: String?
    let limit: FewShotLimit
    let query: String?
    let lastIsQuery: Bool
    let options: FewShotPruner.Options

    init(_ body: Components.Schemas.FewShotRequest, maxTextBytes: Int) throws {
        try Validate.exactlyOne(body.keep != nil, "keep", body.budget != nil, "budget")
        try Validate.length(body.examples, field: "examples", limit: maxTextBytes)
        try Validate.length(body.query, field: "query", limit: maxTextBytes)
        if let keep = body.keep {
            guard keep >= 1 else { throw APIError.invalid("keep", "must be at least 1, got \(keep)") }
            limit = .count(keep)
        } else {
            let budget = body.budget ?? 0
            guard budget >= 1 else { throw APIError.invalid("budget", "must be at least 1 token, got \(budget)") }
            limit = .budget(budget)
        }
        var options = FewShotPruner.Options()
        if let lambda = body.lambda {
            guard lambda.isFinite, (0...1).contains(lambda) else { throw APIError.invalid("lambda", "must be between 0 and 1") }
            options.lambda = Float(lambda)
        }
        options.objective = body.objective == .kcenter ? .kCenter : .facilityLocation
        options.stratifyByLabel = body.stratify ?? true
        self.options = options
        examples = body.examples
        switch body.inputFormat {
        case nil, .auto?: format = nil
        case .json?: format = .json
        case .jsonl?: format = .jsonl
        case .plain?: format = .plain
        }
        split = body.split
        query = body.query
        lastIsQuery = body.lastIsQuery ?? false
    }

    /// Parses, embeds and selects on the calling thread (a model worker); the JSON of `promptcompress fewshot
    /// --format json` with the pruned text and the warnings added.
    func run(_ model: LanguageModel) throws -> String {
        let pruned: FewShotPrunedText
        do { pruned = try prune(model) } catch { throw APIError(fewShot: error) }
        let warnings = (pruned.document.warnings + pruned.result.warnings).map { JSONText.string("\($0)") }
        var json = pruned.result.json
        json.removeLast(2)  // "}\n"
        return json + ", \"text\": \(JSONText.string(pruned.text)), \"warnings\": [\(warnings.joined(separator: ", "))]}\n"
    }

    private func prune(_ model: LanguageModel) throws(FewShotError) -> FewShotPrunedText {
        let document = try FewShotDocument.parse(examples, format: format, splitPattern: split)
        let pruner = FewShotPruner(languageModel: model, options: options)
        return try pruner.prune(document: document, limit: limit, query: query, lastIsQuery: lastIsQuery)
    }
}

extension APIError {
    /// The field a compression failure is about.
    init(compression error: CompressionError, input: CompressJob.Input) {
        let message = error.errorDescription ?? "\(error)"
        let inputField: String
        if case .text = input { inputField = "text" } else { inputField = "request" }
        let field: String
        switch error {
        case .invalidRatio, .ratioKeepsNothing: field = "ratio"
        case .questionTooLong: field = "question"
        case .invalidTargetTokens: field = "target_tokens"
        case .emptyInput, .invalidJSON, .notAMessagesRequest, .inputTooLong: field = inputField
        case .model: self.init(.internalServerError, code: "model_error", message: message); return
        }
        self.init(.badRequest, code: "invalid_field", message: "\(field): \(message)", field: field)
    }

    /// The field a few-shot failure is about.
    init(fewShot error: FewShotError) {
        let message = error.errorDescription ?? "\(error)"
        let field: String
        switch error {
        case .invalidSplitPattern: field = "split"
        case .invalidKeep: field = "keep"
        case .invalidBudget, .budgetTooSmall: field = "budget"
        case .emptyQuery: field = "query"
        case .model: self.init(.internalServerError, code: "model_error", message: message); return
        default: field = "examples"
        }
        self.init(.badRequest, code: "invalid_field", message: "\(field): \(message)", field: field)
    }
}
