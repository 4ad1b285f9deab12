/// What a piece of the input is, and so how the compressor may treat it.
enum PieceKind: Sendable, Equatable {
    /// One word, or several kept or dropped together (a name, a number with its unit, a date, a short quote).
    case word
    /// Kept verbatim: placeholders, `<keep>` content, force words, digits under `keepDigits`, JSON structure.
    case protected
    /// Removed from the output: the `<keep>` and `<llmlingua ...>` tags themselves.
    case marker
    /// Indentation and list or heading markers: kept exactly when their line keeps some content.
    case structure
    /// The newlines (and blank lines) ending a line: kept when their line keeps content and later content is kept.
    case lineBreak
    /// A fenced code block (fences included) or a JSON object or array in the text: kept or dropped whole.
    case code
}

/// Lexical facts about a word piece, used as priors by the compressor.
struct WordTraits: Sendable, Equatable, OptionSet {
    let rawValue: UInt16
    /// A function word (the, of, is, ...).
    static let stopword = WordTraits(rawValue: 1 << 0)
    /// Contains a digit.
    static let number = WordTraits(rawValue: 1 << 1)
    /// A capitalised word or a merged name.
    static let capitalized = WordTraits(rawValue: 1 << 2)
    /// Several words merged into one unit (a name, a date, a number with its unit, a quote).
    static let compound = WordTraits(rawValue: 1 << 3)
    /// No letter or digit at all.
    static let punctuation = WordTraits(rawValue: 1 << 4)
    /// Ends a sentence.
    static let sentenceEnd = WordTraits(rawValue: 1 << 5)
    /// A URL, e-mail address, path or inline code span.
    static let literal = WordTraits(rawValue: 1 << 6)
    /// The first word of its sentence.
    static let sentenceStart = WordTraits(rawValue: 1 << 7)
    /// A negation or restriction (not, never, only, unless, ...).
    static let negation = WordTraits(rawValue: 1 << 8)
    /// A lowercase word ending in -ly: usually an adverb.
    static let adverb = WordTraits(rawValue: 1 << 9)
    /// A lowercase word ending in -ed or -ing: usually a verb form.
    static let verbForm = WordTraits(rawValue: 1 << 10)
    /// A number written as a word (four, hundred, third).
    static let numeral = WordTraits(rawValue: 1 << 11)
    /// A function word joined to the content words of its phrase: an article or possessive that opens it ("the"
    /// in "the liver", "her" in "her castle") or a link between its nouns ("of" in "Inequality of opportunity";
    /// see `PhraseBuilder`).
    static let article = WordTraits(rawValue: 1 << 12)
}

/// A contiguous byte range of the input with its treatment. Pieces partition the input exactly.
struct Piece: Sendable, Equatable {
    /// Bytes of the original input.
    var range: Range<Int>
    /// How the piece is treated.
    var kind: PieceKind
    /// The input line the piece starts on (line breaks inside JSON strings count).
    var line: Int
    /// The coarse unit (sentence, list item, heading, code block) the piece belongs to, or -1.
    var sentence: Int = -1
    /// Bytes of inter-word whitespace at the start of `range`, dropped when the piece starts an output line.
    var leadingSpace: Int = 0
    /// Lexical traits (word pieces).
    var traits: WordTraits = []
    /// Whether the piece counts towards the token ratio (false for the JSON around `--messages` contents).
    var counted: Bool = true
    /// The counted region (one per message content under `--messages`; 0 otherwise).
    var region: Int = 0
    /// The phrase (see `PhraseBuilder`) a word piece belongs to, or -1: a phrase is kept or dropped as a whole.
    var phrase: Int = -1
}

/// A coarse unit: a sentence, a list item, a heading or a code block.
struct CoarseUnit: Sendable, Equatable {
    /// Indices of the pieces that belong to it, ascending.
    var pieces: [Int] = []
    /// The paragraph (blank-line separated block) it sits in.
    var paragraph: Int = 0
    /// A heading line.
    var isHeading = false
    /// A list item.
    var isListItem = false
    /// A fenced code block.
    var isCode = false
    /// The first unit of its paragraph.
    var startsParagraph = false
}

/// The input cut into pieces and coarse units.
struct SegmentedText: Sendable {
    /// The original input's UTF-8 bytes.
    var bytes: [UInt8]
    /// Pieces covering `bytes` exactly, in order.
    var pieces: [Piece]
    /// Coarse units in order.
    var units: [CoarseUnit]
}
