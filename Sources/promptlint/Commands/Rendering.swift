import Foundation
import PromptLint

/// Text renderings for the rule and evaluation commands.
enum RuleDocumentation {
    static func render(_ rule: RuleDefinition) -> String {
        var out = "\(rule.id) \(rule.name)  [\(rule.severity.rawValue)\(rule.enabledByDefault ? "" : ", off by default")]\n"
        out += "\(rule.summary)\n\n"
        out += "Why it costs money\n  \(indent(rule.rationale))\n\n"
        out += "Fix\n  \(indent(rule.fix))\n\n"
        let providers = rule.providers.isEmpty ? "all" : rule.providers.map(\.rawValue).joined(separator: ", ")
        out += "Providers: \(providers)\nCheck: \(rule.check)\n"
        if !rule.parameters.values.isEmpty {
            out += "Options:\n"
            for key in rule.parameters.values.keys.sorted() {
                out += "  \(key): \(describe(rule.parameters.values[key]!))\n"
            }
        }
        for (title, examples) in [("Triggers on", rule.triggeringExamples), ("Does not trigger on", rule.nonTriggeringExamples)] {
            for (i, example) in examples.enumerated() {
                let profile = example.profile == .cost ? "" : ", profile: \(example.profile.rawValue)"
                out += "\n\(title) (example \(i + 1), \(example.format.rawValue)\(profile)):\n"
                out += example.text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
                    .joined(separator: "\n")
                if !out.hasSuffix("\n") { out += "\n" }
            }
        }
        return out
    }

    static func table(_ rules: [RuleDefinition]) -> String {
        let nameWidth = rules.map(\.name.count).max() ?? 4
        var out = "ID     " + "NAME".padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0) + "SEVERITY  SUMMARY\n"
        for r in rules {
            out += r.id.padding(toLength: 7, withPad: " ", startingAt: 0)
                + r.name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                + (r.severity.rawValue + (r.enabledByDefault ? "" : "*")).padding(toLength: 10, withPad: " ", startingAt: 0)
                + r.summary + "\n"
        }
        if rules.contains(where: { !$0.enabledByDefault }) { out += "* off by default; enable in .promptlint.yml\n" }
        return out
    }

    static func indent(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n  ")
    }

    static func describe(_ value: ParameterValue) -> String {
        switch value {
        case .list(let items): return "[" + items.map(describe).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { "\($0): \(describe(m[$0]!))" }.joined(separator: ", ") + "}"
        default: return value.stringValue ?? ""
        }
    }
}

enum EvaluationTable {
    static func render(_ e: CorpusEvaluation, all: Bool) -> String {
        var out = "\(e.ruleID) against \(e.rows.count) labelled files (dynamic_in_cacheable_prefix)\n\n"
        out += "                 labelled yes  labelled no\n"
        out += "  flagged        " + pad(e.truePositives, 14) + pad(e.falsePositives, 11) + "\n"
        out += "  not flagged    " + pad(e.falseNegatives, 14) + pad(e.trueNegatives, 11) + "\n\n"
        out += String(format: "  precision %.3f   recall %.3f\n", e.precision, e.recall)
        out += "\n  format                          files  TP  FP  FN  TN\n"
        var groups: [String: [CorpusRow]] = [:]
        for row in e.rows {
            let name = row.format.components(separatedBy: " (").first?.trimmingCharacters(in: .whitespaces) ?? row.format
            groups[name.isEmpty ? "?" : name, default: []].append(row)
        }
        for name in groups.keys.sorted() {
            let rows = groups[name]!
            let cells = [rows.count, rows.filter { $0.expected && $0.predicted }.count,
                         rows.filter { !$0.expected && $0.predicted }.count, rows.filter { $0.expected && !$0.predicted }.count,
                         rows.filter { !$0.expected && !$0.predicted }.count]
            out += "  " + String(name.prefix(30)).padding(toLength: 30, withPad: " ", startingAt: 0) + pad(cells[0], 7)
                + cells.dropFirst().map { pad($0, 4) }.joined() + "\n"
        }
        let listed = all ? e.rows : e.disagreements
        out += "\n\(all ? "Files" : "Disagreements") (\(listed.count)):\n"
        for row in listed {
            let verdict = row.expected == row.predicted ? "ok" : (row.predicted ? "FP" : "FN")
            out += "  \(verdict)  labelled \(row.expected ? "yes" : "no ")  \(row.file)\n"
            for f in row.findings.prefix(2) { out += "        \(f.line):\(f.column) \(f.message.prefix(140))\n" }
            if row.expected != row.predicted && !row.note.isEmpty { out += "        note: \(row.note.prefix(200))\n" }
        }
        return out
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
