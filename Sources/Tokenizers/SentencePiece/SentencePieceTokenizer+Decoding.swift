extension SentencePieceTokenizer {
    /// Turns ids back into text, like `llama_detokenize` with `remove_special` off.
    ///
    /// Normal pieces have "▁" turned back into spaces, byte tokens become their byte, user-defined tokens
    /// their text. Control and unknown tokens (BOS, `<end_of_turn>`, …) are left out unless `renderSpecial`.
    /// The bytes are joined before UTF-8 decoding, so byte tokens of one character decode together; bytes that
    /// still do not form valid UTF-8 become U+FFFD. Ids outside the vocabulary are skipped.
    public func decode(_ ids: [Int32], renderSpecial: Bool = false) -> String {
        String(decoding: decodeBytes(ids, renderSpecial: renderSpecial), as: UTF8.self)
    }

    /// The raw bytes `decode(_:renderSpecial:)` decodes.
    public func decodeBytes(_ ids: [Int32], renderSpecial: Bool = false) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 4)
        for (i, id) in ids.enumerated() {
            let start = bytes.count
            appendPiece(id, renderSpecial: renderSpecial, to: &bytes)
            // With a space prefix the encoder added a space in front; the first piece gives it back.
            if i == 0, options.addSpacePrefix, bytes.count > start, bytes[start] == 0x20 {
                bytes.remove(at: start)
            }
        }
        return bytes
    }

    /// One token's text: a normal piece with "▁" as space, a byte token's byte, a control or user-defined
    /// token's stored text (`<bos>`). A lone byte of a multi-byte character reads as U+FFFD; use
    /// `tokenBytes(_:)` for exact bytes. Empty for ids outside the vocabulary.
    public func tokenText(_ id: Int32) -> String {
        String(decoding: tokenBytes(id), as: UTF8.self)
    }

    /// One token's bytes, as `tokenText(_:)` renders them.
    public func tokenBytes(_ id: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        appendPiece(id, renderSpecial: true, to: &bytes)
        return bytes
    }

    /// The token's text exactly as stored in the vocabulary (spaces as "▁", `<0x41>` for a byte token).
    public func storedPiece(_ id: Int32) -> String? {
        guard contains(id) else { return nil }
        return vocabulary.pieces.withKey(Int(id)) { String(decoding: $0, as: UTF8.self) }
    }

    /// llama.cpp's `token_to_piece` for SentencePiece vocabularies.
    func appendPiece(_ id: Int32, renderSpecial: Bool, to bytes: inout [UInt8]) {
        guard contains(id) else { return }
        let attributes = vocabulary.attributes[Int(id)]
        if !renderSpecial, !attributes.isDisjoint(with: [.control, .unknown]) { return }
        vocabulary.pieces.withKey(Int(id)) { piece in
            if !attributes.isDisjoint(with: [.control, .unknown, .userDefined]) {
                bytes.append(contentsOf: piece)
            } else if attributes.contains(.normal) {
                var i = 0
                while i < piece.count {
                    if i + 2 < piece.count, piece[i] == 0xE2, piece[i + 1] == 0x96, piece[i + 2] == 0x81 {
                        bytes.append(0x20)
                        i += 3
                    } else {
                        bytes.append(piece[i])
                        i += 1
                    }
                }
            } else if attributes.contains(.byte), let value = Self.byteValue(piece) {
                bytes.append(value)
            }
        }
    }

    /// The byte of a `<0xXX>` piece.
    static func byteValue(_ piece: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard piece.count >= 5 else { return nil }
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        guard let hi = hex(piece[3]), let lo = hex(piece[4]) else { return nil }
        return hi << 4 | lo
    }
}
