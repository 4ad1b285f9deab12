import Foundation

/// One corpus file's label and prediction.
public struct CorpusRow: Sendable, Hashable {
    /// File name under `files/`.
    public var file: String
    /// The manifest's format column.
    public var format: String
    /// The label: dynamic content in the cacheable prefix.
    public var expected: Bool
    /// Whether the rule fired.
    public var predicted: Bool
    /// The rule's findings (first lines), for disagreements.
    public var findings: [Finding]
    /// The manifest's note.
    public var note: String
}

/// Precision and recall of a rule against `MANIFEST.tsv` file-level labels.
public struct CorpusEvaluation: Sendable {
    /// The rule evaluated.
    public var ruleID: String
    /// Per-file rows, in manifest order.
    public var rows: [CorpusRow]

    /// True positives.
    public var truePositives: Int { rows.filter { $0.expected && $0.predicted }.count }
    /// False positives.
    public var falsePositives: Int { rows.filter { !$0.expected && $0.predicted }.count }
    /// False negatives.
    public var falseNegatives: Int { rows.filter { $0.expected && !$0.predicted }.count }
    /// True negatives.
    public var trueNegatives: Int { rows.filter { !$0.expected && !$0.predicted }.count }
    /// TP / (TP + FP), 1 when nothing was predicted.
    public var precision: Double {
        let d = truePositives + falsePositives
        return d == 0 ? 1 : Double(truePositives) / Double(d)
    }
    /// TP / (TP + FN), 1 when nothing is labelled.
    public var recall: Double {
        let d = truePositives + falseNegatives
        return d == 0 ? 1 : Double(truePositives) / Double(d)
    }
    /// Rows where prediction and label differ.
    public var disagreements: [CorpusRow] { rows.filter { $0.expected != $0.predicted } }

    /// Runs `linter` (restricted to `ruleID`) over the corpus at `directory`.
    /// - Throws: `PromptLintError.corpusNotFound` or `.unknownRule`.
    public static func run(directory: String, linter: PromptLinter, ruleID: String = "PL001") throws -> CorpusEvaluation {
        let manifest = (directory as NSString).appendingPathComponent("MANIFEST.tsv")
        guard let data = FileManager.default.contents(atPath: manifest) else {
            throw PromptLintError.corpusNotFound(path: directory)
        }
        guard let rule = linter.rules.rule(ruleID) else { throw PromptLintError.unknownRule(ruleID) }
        var only = linter
        only.configuration.severities = [:]
        only.configuration.disabled = linter.rules.rules.map(\.definition.id).filter { $0 != rule.definition.id }
        only.configuration.enabled = [rule.definition.id]
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.components(separatedBy: "\t") else { throw PromptLintError.corpusNotFound(path: directory) }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let fileColumn = column("file"), let labelColumn = column("dynamic_in_cacheable_prefix") else {
            throw PromptLintError.corpusNotFound(path: directory)
        }
        var rows: [CorpusRow] = []
        for line in lines.dropFirst() {
            let cells = line.components(separatedBy: "\t")
            guard cells.count > max(fileColumn, labelColumn) else { continue }
            let file = cells[fileColumn]
            let path = ((directory as NSString).appendingPathComponent("files") as NSString).appendingPathComponent(file)
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            let findings = only.lint(path: file, data: bytes).findings.filter { $0.ruleID == rule.definition.id }
            rows.append(CorpusRow(
                file: file, format: column("format").map { cells.count > $0 ? cells[$0] : "" } ?? "",
                expected: cells[labelColumn].lowercased() == "yes", predicted: !findings.isEmpty, findings: findings,
                note: column("note").map { cells.count > $0 ? cells[$0] : "" } ?? ""))
        }
        return CorpusEvaluation(ruleID: rule.definition.id, rows: rows)
    }
}
