import Foundation
import GGUF

// GGUF reader: the input is a whole file. The reader maps a path, so each input is written to one scratch file
// (unlinked first: rewriting in place makes ext4 flush). Every rejection must be a GGUFError with a one-line
// description; every accepted file's tensors must lie inside the file.

nonisolated(unsafe) private var scratch: String = {
    let dir = ProcessInfo.processInfo.environment["FUZZ_SCRATCH"] ?? NSTemporaryDirectory()
    return dir + "/fuzz-gguf-\(getpid()).gguf"
}()

private func write(_ bytes: UnsafeRawBufferPointer, to path: String) {
    unlink(path)
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    precondition(fd >= 0, "cannot create \(path)")
    var done = 0
    while done < bytes.count {
        let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
        precondition(n > 0, "cannot write \(path)")
        done += n
    }
    close(fd)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGGUF(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    write(bytes, to: scratch)
    do {
        let file = try GGUFFile(path: scratch)
        for tensor in file.tensors {
            precondition(tensor.fileOffset >= file.dataOffset, "tensor \(tensor.name) starts before the data section")
            precondition(tensor.fileOffset + tensor.byteCount <= size, "tensor \(tensor.name) ends past the file")
            precondition(tensor.elementCount >= 1)
            _ = tensor.rowBytes
            _ = file.tensor(named: tensor.name)
        }
        for (key, _) in file.metadata { _ = try? file.requireString(key); _ = try? file.requireInt(key) }
        _ = try? file.requireTensor("token_embd.weight")
    } catch let error as GGUFError {
        let line = error.errorDescription ?? ""
        precondition(!line.isEmpty && !line.contains("\n") && !line.contains("\r"), "not one line: \(line)")
    } catch {
        preconditionFailure("GGUFFile threw a non-GGUFError: \(error)")
    }
    return 0
}
