import Foundation
import PromptCompression

// Compression inputs before the model: segmentation of plain text and JSON (JSON scanning, protected spans,
// placeholders, code fences). The first byte picks the format (auto, text, json). Errors are expected (invalid or
// too deeply nested JSON); crashes, hangs and stack overflows are not.

private let formats: [CompressionOptions.Format] = [.auto, .text, .json]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCompressInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size >= 1, let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    var options = CompressionOptions(keepDigits: data[0] & 8 != 0)
    options.format = formats[Int(data[0] & 3) % formats.count]
    if let pieces = try? PromptCompressor.segmentation(of: text, options: options) { _ = pieces }
    return 0
}
