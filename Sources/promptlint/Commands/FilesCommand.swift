import ArgumentParser
import Foundation
import PromptLint

/// `promptlint files PATH...`: which files `check` reads and why, and which candidates it skips and why.
struct FilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files", abstract: "List the files check would read (with format and evidence) and the skipped ones.")

    @Argument(help: "Files or directories (directories are searched recursively).")
    var paths: [String] = ["."]

    @Option(name: .long, help: "Output format: text or json.")
    var format: String = "text"

    @Option(name: .long, help: "Configuration file (default: nearest .promptlint.yml above each path).")
    var config: String?

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
    }

    func run() throws {
        let text: String = try withUsageErrors {
            let cwd = FileManager.default.currentDirectoryPath
            let loader = try ConfigurationLoader(explicitPath: config, fallbackDirectory: cwd)
            let report = try DiscoveryReport(paths: paths, configurations: loader, workingDirectory: cwd)
            return format == "json" ? report.json() : report.text()
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
