import Foundation
import SafeIO

extension LintRunner {
    /// The reason discovery gives for a source file it does not read for prompts (`FileDecision`).
    static let sourceWithoutPrompts = DiscoveryRules.sourceWithoutPromptsReason

    /// Reads the discovered source files together (`SourceProject`): the prompt files, and the source
    /// files skipped only for naming no LLM SDK or prompt (they may define a prompt's helpers or render a
    /// template file). Test code and ignored files stay out. Unreadable files are left to the main pass.
    func sourceProject(_ entries: [DiscoveryEntry], limit: (String) throws -> Int) throws -> SourceProject {
        var files: [SourceProject.File] = []
        var templateFiles: [String] = []
        // Template files' absolute paths by the relative path they are known by, for reading their text on demand.
        var absolutes: [String: String] = [:]
        for entry in entries {
            let abs: String
            let isPrompt: Bool
            switch entry {
            case .read(let file):
                abs = file.absolute
                isPrompt = true
            case .skipped(let skipped) where !skipped.isDirectory && skipped.reason == Self.sourceWithoutPrompts:
                abs = PathUtil.absolute(skipped.display, cwd: workingDirectory)
                isPrompt = false
            default:
                continue
            }
            let shown = PathUtil.relative(abs, to: workingDirectory)
            guard SourceProject.language(of: abs) != nil else {
                if isPrompt {
                    templateFiles.append(shown)
                    absolutes[shown] = abs
                }
                continue
            }
            let format = try configurations.configuration(for: abs).format(for: abs)
            guard format == nil || format?.isSourceCode == true,
                let data = try? FileReadPolicy.read(abs, limit: try limit(abs))
            else { continue }
            files.append(SourceProject.File(path: shown, data: data, isPrompt: isPrompt))
        }
        return SourceProject(files: files, templateFiles: templateFiles) { shown in
            guard let abs = absolutes[shown], let limit = try? limit(abs), let data = try? FileReadPolicy.read(abs, limit: limit) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
