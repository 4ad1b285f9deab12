import Foundation
import GGUF
import Tokenizers

// Tokenizers on arbitrary bytes: the model's SentencePiece vocabulary (PROMPTLINT_MODEL) and cl100k
// (PROMPTLINT_CL100K or the cache). Byte-level BPE must give the input back exactly, for any bytes;
// SentencePiece must give back valid UTF-8 input (it has byte fallback and no normalizer besides spaces).

nonisolated(unsafe) private let sentencePiece: SentencePieceTokenizer = {
    let env = ProcessInfo.processInfo.environment
    let path = env["PROMPTLINT_MODEL"] ?? NSHomeDirectory() + "/.cache/promptlint/gemma-3-270m-q4_k_m.gguf"
    do { return try SentencePieceTokenizer(gguf: try GGUFFile(path: path)) } catch { fatalError("model: \(error)") }
}()
nonisolated(unsafe) private let bpe: TiktokenBPE = {
    do { return try TiktokenBPE.cl100k() } catch { fatalError("cl100k: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
    // cl100k: arbitrary bytes round-trip.
    let ranks = bpe.encode(utf8: bytes)
    let back = bpe.decodeBytes(ranks)
    precondition(back.elementsEqual(bytes), "cl100k lost bytes: \(Array(bytes)) -> \(back)")
    // SentencePiece: raw bytes (possibly invalid UTF-8) must not crash; offsets stay inside the input.
    let spans = sentencePiece.encodeWithOffsets(utf8: bytes, addBOS: true, parseSpecial: size > 0 && data![0] & 1 == 1)
    for span in spans {
        precondition(span.byteRange.lowerBound >= 0 && span.byteRange.upperBound <= size, "span \(span) outside input")
    }
    // Valid UTF-8 without special-token parsing decodes back to itself.
    let text = String(decoding: bytes, as: UTF8.self)
    let ids = sentencePiece.encode(text, addBOS: false)
    let decoded = sentencePiece.decodeBytes(ids)
    if text.utf8.elementsEqual(bytes) {
        precondition(decoded.elementsEqual(text.utf8), "SentencePiece lost text: \(Array(text.utf8)) -> \(decoded)")
    }
    return 0
}

/// Loads both vocabularies before the first input, so the per-input timeout does not count the model load
/// (about 15 s for 262,144 pieces in a debug AddressSanitizer build).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzTokenizersInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = sentencePiece.vocabularySize
    _ = bpe.vocabularySize
    return 0
}
