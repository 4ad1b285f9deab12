import ArgumentParser
import Foundation
import PromptLint
import SafeIO

/// `promptlint layout FILE`: shows how the cache model sees a template (a debugging aid).
struct LayoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layout", abstract: "Show a template's messages, slot classes and static token counts.")

    @Argument(help: "A template file.")
    var file: String

    @Option(name: .long, help: "Configuration file.")
    var config: String?

    /// The size limit without a configured `max_file_bytes` (the unreadable-file rule's default).
    static let maxFileBytes = 16 << 20

    func run() throws {
        let text: String = try withUsageErrors {
            let loader = try ConfigurationLoader(explicitPath: config)
            let configuration = try loader.configuration(for: file)
            let data: Data
            do { data = try FileReadPolicy.read(file, limit: configuration.maxFileBytes ?? Self.maxFileBytes) } catch let error as FileAccessError {
                throw PromptLintError.unreadableFile(path: file, reason: error.reason)
            }
            let template = TemplateReading.read(path: file, data: data, format: configuration.format(for: file))
            let requests = PromptLinter.requests(in: template)
            var out = "\(DisplayText.path(file)): \(template.format.rawValue), \(template.messages.count) messages"
                + (requests.count > 1 ? " in \(requests.count) requests\n" : "\n")
            for issue in template.issues { out += "  issue \(issue.position): \(DisplayText.escaped(issue.message))\n" }
            for (r, request) in requests.enumerated() {
                let layout = CacheLayout(template: request, classifier: configuration.classifier)
                out += (requests.count > 1 ? "request \(r + 1): " : "") + "~\(layout.totalStaticTokens) static tokens\n"
                out += Self.render(layout)
            }
            return out
        }
        try printOutput(text)
    }

    /// One line per message start, slot and text block of a request's layout.
    static func render(_ layout: CacheLayout) -> String {
        var out = ""
        var lastMessage = -1
        for (i, item) in layout.items.enumerated() {
            if item.messageIndex != lastMessage {
                lastMessage = item.messageIndex
                let m = layout.template.messages[item.messageIndex]
                out += "[\(item.messageIndex)] \(m.role.rawValue)\(m.hasCacheBreakpoint ? " (cache_control)" : "") at \(m.position)\n"
            }
            let loop = item.inDynamicLoop ? " (in dynamic loop)" : ""
            if let slot = item.slot, let c = item.slotClass {
                let flags = [slot.isLoop ? "loop" : nil, slot.isConditional ? "if" : nil, slot.isInclude ? "include" : nil]
                    .compactMap { $0 }.joined(separator: ",")
                out += "    \(slot.position) SLOT \(DisplayText.escaped(String(slot.source.prefix(60)))) [\(flags)] → \(c.volatility.label)/\(c.kind.rawValue)"
                    + " (\(c.evidence.rawValue))\(loop); static after ~\(layout.staticTokens(after: i))\n"
            } else if let t = item.text {
                let shown = t.replacingOccurrences(of: "\n", with: "⏎").prefix(70)
                out += "    \(item.position) text ~\(item.staticTokens)\(loop): \(DisplayText.escaped(String(shown)))\n"
            }
        }
        return out
    }
}
