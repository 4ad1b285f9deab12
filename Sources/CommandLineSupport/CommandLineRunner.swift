import ArgumentParser
import Foundation
@_exported import PromptLintVersion

/// Parses and runs a command the way this project's three tools promise: help and `--version` go to stdout with
/// status 0; a command may end with its own `ExitCode` (1: findings); any other failure (a bad flag, bad input, a
/// missing model) is one line on stderr, `NAME: message`, and exit status 2 (ArgumentParser alone would use 64
/// for usage errors).
public enum CommandLineRunner {
    /// Runs `C` with `arguments` (default: the process's) and exits.
    public static func run<C: ParsableCommand>(_: C.Type, name: String, arguments: [String]? = nil) -> Never {
        do {
            var command = try C.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = C.exitCode(for: error)
            if code == .success {
                print(C.fullMessage(for: error))
                exit(0)
            }
            let message: String
            if let localized = error as? LocalizedError, let description = localized.errorDescription {
                message = description
            } else {
                message = C.message(for: error)
            }
            let firstLine = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "error"
            FileHandle.standardError.write(Data("\(name): \(firstLine)\n".utf8))
            exit(2)
        }
    }
}
