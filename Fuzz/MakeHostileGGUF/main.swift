// Writes the hostile GGUF set (Tests/GGUFTests/Support/HostileGGUF.swift: the valid seed file and every way a
// header can lie) into a folder, one file per case, plus `expected.tsv` (name, error kind). Built and run by
// Scripts/make-hostile-gguf.sh, compiled in one module with Sources/GGUF and the test support files.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: make-hostile-gguf OUT_DIR\n".utf8))
    exit(2)
}
let out = URL(fileURLWithPath: arguments[1])
try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
var table = "name\texpected\n"
for (name, bytes) in HostileGGUF.seedCorpus {
    try Data(bytes).write(to: out.appendingPathComponent(name + ".gguf"))
    let expected = HostileGGUF(rawValue: name)?.expected.rawValue ?? "valid"
    table += "\(name)\t\(expected)\n"
}
try Data(table.utf8).write(to: out.appendingPathComponent("expected.tsv"))
print("wrote \(HostileGGUF.seedCorpus.count) files to \(out.path)")
