import TinyLM

/// How to compress: question, protections, input format and tuning.
public struct CompressionOptions: Sendable {
    /// How the input text is read.
    public enum Format: String, Sendable, CaseIterable {
        /// JSON when the text parses as a JSON object or array, plain text otherwise.
        case auto
        /// Plain text (Markdown structure respected).
        case text
        /// JSON: only string values are compressed, keys and structure are kept, the output stays valid JSON.
        case json
    }

    /// A question the prompt will be used to answer: enables question-aware ranking and contrastive surprisal
    /// (LongLLMLingua). It is not added to the output.
    public var question: String?
    /// The longest question accepted, in UTF-8 bytes: the question is put before every scoring window, so a
    /// long one multiplies the work (a real question is a sentence or two).
    public static let maxQuestionBytes = 4096
    /// Keep every word that contains a digit.
    public var keepDigits: Bool
    /// Words or phrases always kept (whole-word, case-insensitive).
    public var forceWords: [String]
    /// How the input is read.
    public var format: Format
    /// Target size of a segment of the iterative token-level pass, in model tokens.
    public var segmentTokens: Int
    /// Size of a window of the input scored with one KV cache, in model tokens (the cache restarts per window).
    public var windowTokens: Int
    /// Called with the fraction done (0...1) as the model works; never on the calling thread's behalf for output.
    public var progress: (@Sendable (Double) -> Void)?
    /// How token log-probabilities are computed: `.fast` (default: int8 trunk and output head; on the evaluation
    /// texts it made the same keep/drop decisions as exact scoring, see `ScoringModeAgreementTests`) or `.exact`.
    public var scoringMode: ScoringMode
    /// The most tokens the model may read for one compression (nil: no limit). Above it the input is refused with
    /// `CompressionError.inputTooLong` before any scoring, so that a run is bounded in time: the model reads about
    /// 145 tokens per CPU second with a question (two passes), about twice that without (see `defaultMaxModelTokens`).
    public var maxModelTokens: Int?
    /// The default `maxModelTokens`: the context length of Gemma 3 270M. A question-aware compression of that
    /// many tokens takes about two minutes on two cores; a longer input is refused rather than run for many
    /// minutes (issue 18: 10,000 short chat messages are 348,900 tokens read, about 40 CPU minutes).
    public static let defaultMaxModelTokens = 32_768
    /// Messages mode only: compress the last `user` message too. By default (false) it is kept verbatim, since it
    /// usually holds the user's question, and it is the question when `question` is nil.
    public var compressLastUser: Bool

    /// Options with defaults: no question, no extra protection, automatic format, 512-token segments, 2,048-token windows,
    /// the last user message of a request kept, at most `defaultMaxModelTokens` tokens read by the model.
    public init(
        question: String? = nil, keepDigits: Bool = false, forceWords: [String] = [], format: Format = .auto,
        segmentTokens: Int = 512, windowTokens: Int = 2048, progress: (@Sendable (Double) -> Void)? = nil,
        scoringMode: ScoringMode = .fast, compressLastUser: Bool = false,
        maxModelTokens: Int? = CompressionOptions.defaultMaxModelTokens
    ) {
        self.maxModelTokens = maxModelTokens
        self.compressLastUser = compressLastUser
        self.scoringMode = scoringMode
        self.question = question
        self.keepDigits = keepDigits
        self.forceWords = forceWords
        self.format = format
        self.segmentTokens = segmentTokens
        self.windowTokens = windowTokens
        self.progress = progress
    }
}
