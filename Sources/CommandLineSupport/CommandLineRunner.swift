import ArgumentParser
import Foundation
@_exported import PromptLintVersion
import SafeIO

/// Parses and runs a command the way all of this project's tools promise: help and version go to standard output
/// with status 0; an `ExitCode` a command throws is the status; any other failure (a bad flag, bad input, an I/O
/// error on a standard stream) is one line on standard error, control characters escaped, and status 2.
public enum CommandLineRunner {
    /// Runs `C` (the root command) and exits.
    public static func run<C: ParsableCommand>(_: C.Type, name: String, arguments: [String]? = nil) -> Never {
        StandardStreams.prepare()
        do {
            var command = try C.parseAsRoot(arguments)
            try command.run()
            try StandardStreams.flushOutput()
            exit(0)
        } catch {
            finish(C.self, name: name, error: error)
        }
    }

    /// Runs `C`, a root command whose `run` is async (the HTTP server), and exits, as `run` does.
    public static func runAsync<C: AsyncParsableCommand>(_: C.Type, name: String, arguments: [String]? = nil) async -> Never {
        StandardStreams.prepare()
        do {
            var command = try C.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()  // help and version
            }
            try StandardStreams.flushOutput()
            exit(0)
        } catch {
            finish(C.self, name: name, error: error)
        }
    }

    /// Exits for a failure of `run` or `runAsync`: an `ExitCode`'s status, help on standard output with status 0,
    /// anything else one line on standard error and status 2.
    private static func finish<C: ParsableCommand>(_: C.Type, name: String, error: any Error) -> Never {
        if let code = error as? ExitCode {
            do { try StandardStreams.flushOutput() } catch { fail(name, error.description) }
            exit(code.rawValue)
        }
        if C.exitCode(for: error) == .success {
            do { try StandardStreams.writeOutput(C.fullMessage(for: error) + "\n") } catch { fail(name, error.description) }
            exit(0)
        }
        fail(name, message(for: error, command: C.self))
    }

    /// The first line of an error's description.
    static func message<C: ParsableCommand>(for error: any Error, command: C.Type) -> String {
        let text: String
        if let access = error as? FileAccessError {
            text = access.description
        } else if let localized = error as? LocalizedError, let description = localized.errorDescription {
            text = description
        } else {
            text = C.message(for: error)
        }
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "error"
    }

    /// Writes `name: message` to standard error and exits with status 2.
    public static func fail(_ name: String, _ message: String) -> Never {
        StandardStreams.writeError("\(name): \(DisplayText.escaped(message))\n")
        exit(2)
    }
}
