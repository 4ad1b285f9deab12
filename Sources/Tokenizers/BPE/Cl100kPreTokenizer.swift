/// The cl100k_base pre-tokenizer, written out by hand. It cuts text where tiktoken's pattern
///
///     '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s
///
/// would, trying the alternatives in order at each position: a contraction; letters, with one leading
/// character that is not a letter, digit or line break; one to three digits; punctuation and symbols, with an
/// optional leading space and trailing line breaks; whitespace that runs to the end; whitespace up to its last
/// line break; whitespace but its last character when a non-space follows; a single whitespace character.
///
/// Classes follow Unicode as the regex crate does: letters are general category L, digits N, whitespace the
/// White_Space property; case-insensitive "s" also matches "ſ" (U+017F).
enum Cl100kPreTokenizer {
    /// A scalar's class for the pattern.
    enum ScalarClass: UInt8 {
        case letter, number, lineBreak, space, other
    }

    /// Calls `piece` with the UTF-8 byte range of each piece of `text`, in order.
    static func split(_ text: UnsafeBufferPointer<UInt8>, _ piece: (Range<Int>) -> Void) {
        var scalars: [UInt32] = []
        var classes: [ScalarClass] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(text.count)
        classes.reserveCapacity(text.count)
        offsets.reserveCapacity(text.count + 1)
        decode(text, &scalars, &classes, &offsets)
        let n = scalars.count
        var i = 0
        while i < n {
            let end = pieceEnd(at: i, scalars, classes)
            piece(offsets[i]..<offsets[end])
            i = end
        }
    }

    /// Where the piece starting at scalar `i` ends (exclusive), by the pattern's first matching alternative.
    static func pieceEnd(at i: Int, _ s: [UInt32], _ c: [ScalarClass]) -> Int {
        let n = s.count
        // '(?i:[sdmt]|ll|ve|re)
        if s[i] == 0x27, i + 1 < n {
            let a = foldedASCII(s[i + 1])
            if a == 0x73 || a == 0x64 || a == 0x6D || a == 0x74 { return i + 2 }  // s d m t
            if i + 2 < n {
                let b = foldedASCII(s[i + 2])
                if (a == 0x6C && b == 0x6C) || (a == 0x76 && b == 0x65) || (a == 0x72 && b == 0x65) { return i + 3 }  // ll ve re
            }
        }
        // [^\r\n\p{L}\p{N}]?+\p{L}++
        var j = i
        if c[j] != .letter, c[j] != .number, c[j] != .lineBreak { j += 1 }
        if j < n, c[j] == .letter {
            j += 1
            while j < n, c[j] == .letter { j += 1 }
            return j
        }
        // \p{N}{1,3}+
        if c[i] == .number {
            j = i + 1
            while j < n, j < i + 3, c[j] == .number { j += 1 }
            return j
        }
        // ` ?[^\s\p{L}\p{N}]++[\r\n]*+`
        j = i
        if s[i] == 0x20, i + 1 < n, c[i + 1] == .other { j += 1 }
        if c[j] == .other {
            j += 1
            while j < n, c[j] == .other { j += 1 }
            while j < n, c[j] == .lineBreak { j += 1 }
            return j
        }
        // Whitespace alternatives: the run is i..<j.
        j = i
        var lastBreak = -1
        while j < n, c[j] == .space || c[j] == .lineBreak {
            if c[j] == .lineBreak { lastBreak = j }
            j += 1
        }
        if j == n { return n }  // \s++$
        if lastBreak >= 0 { return lastBreak + 1 }  // \s*[\r\n]
        if j - i >= 2 { return j - 1 }  // \s+(?!\S)
        return i + 1  // \s
    }

    /// ASCII letters lowercased, "ſ" read as "s"; anything else unchanged.
    @inline(__always)
    static func foldedASCII(_ v: UInt32) -> UInt32 {
        if v >= 0x41, v <= 0x5A { return v + 0x20 }
        if v == 0x17F { return 0x73 }
        return v
    }

    /// Decodes UTF-8 into scalars, their classes and byte offsets (one extra offset: the end). Invalid bytes
    /// (impossible in a Swift `String`) are read as U+FFFD, one byte each.
    static func decode(
        _ text: UnsafeBufferPointer<UInt8>, _ scalars: inout [UInt32], _ classes: inout [ScalarClass],
        _ offsets: inout [Int]
    ) {
        var i = 0
        let n = text.count
        while i < n {
            offsets.append(i)
            let b0 = UInt32(text[i])
            var value: UInt32 = 0xFFFD
            var width = 1
            if b0 < 0x80 {
                value = b0
            } else if b0 >= 0xC2, b0 < 0xE0, i + 1 < n {
                value = (b0 & 0x1F) << 6 | UInt32(text[i + 1] & 0x3F)
                width = 2
            } else if b0 >= 0xE0, b0 < 0xF0, i + 2 < n {
                value = (b0 & 0x0F) << 12 | UInt32(text[i + 1] & 0x3F) << 6 | UInt32(text[i + 2] & 0x3F)
                width = 3
            } else if b0 >= 0xF0, b0 < 0xF5, i + 3 < n {
                value = (b0 & 0x07) << 18 | UInt32(text[i + 1] & 0x3F) << 12 | UInt32(text[i + 2] & 0x3F) << 6
                    | UInt32(text[i + 3] & 0x3F)
                width = 4
            }
            scalars.append(value)
            classes.append(classify(value))
            i += width
        }
        offsets.append(n)
    }

    private static let asciiClasses: [ScalarClass] = (0..<128).map { v in
        switch UInt8(v) {
        case 0x0A, 0x0D: return .lineBreak
        case 0x09, 0x0B, 0x0C, 0x20: return .space
        case 0x41...0x5A, 0x61...0x7A: return .letter
        case 0x30...0x39: return .number
        default: return .other
        }
    }

    /// The class of one scalar.
    @inline(__always)
    static func classify(_ value: UInt32) -> ScalarClass {
        if value < 128 { return asciiClasses[Int(value)] }
        guard let scalar = Unicode.Scalar(value) else { return .other }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
        case .decimalNumber, .letterNumber, .otherNumber: return .number
        default: return properties.isWhitespace ? .space : .other
        }
    }
}
