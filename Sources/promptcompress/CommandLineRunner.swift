import ArgumentParser
import Foundation

/// Parses and runs a command the way this project's tools promise: help and version go to stdout with status 0;
/// any other failure (a bad flag, bad input, a missing model) is one line on stderr and exit status 2.
enum CommandLineRunner {
    static func run<C: ParsableCommand>(_: C.Type, name: String, arguments: [String]? = nil) -> Never {
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
