import Foundation
import PromptCompression

// The `--messages` reader: an OpenAI or Anthropic request body (or a bare messages array) checked and segmented
// as `promptcompress --messages` does before the model runs. The first byte picks the roles compressed.

private let roleSets: [Set<String>] = [["user", "system"], ["user"], ["system"], ["assistant", "tool", "developer"]]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessages(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size >= 1, let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    guard (try? PromptCompressor.validateMessages(text)) != nil else { return 0 }
    let roles = roleSets[Int(data[0]) % roleSets.count]
    if let pieces = try? PromptCompressor.messagesSegmentation(of: text, roles: roles) { _ = pieces }
    return 0
}
