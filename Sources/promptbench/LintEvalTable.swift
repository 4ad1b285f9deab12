import Foundation

/// Prints `promptbench lint-eval`'s Markdown table and the findings that still need a label.
enum LintEvalTable {
    static func print(_ rows: [(PinnedRepository, LintRun, LintEvalScore)], showMisses: Bool = false) {
        Swift.print("| repository | files read | findings | TP | FP | unlabelled | precision | file recall | on non-prompts | errors | exit | time s | files/s |")
        Swift.print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        var total = LintEvalScore()
        var files = 0, findings = 0, seconds = 0.0, failing = 0
        for (repo, run, score) in rows {
            Swift.print(line(repo.name, files: run.filesRead, findings: run.findings.count, score: score,
                             exit: "\(run.exitCode)", seconds: run.seconds))
            total.add(score)
            files += run.filesRead
            findings += run.findings.count
            seconds += run.seconds
            if run.exitCode != 0 { failing += 1 }
        }
        Swift.print(line("**total**", files: files, findings: findings, score: total,
                         exit: "\(failing)/\(rows.count) fail", seconds: seconds))
        Swift.print("")
        Swift.print("precision = TP/(TP+FP) over labelled findings; file recall = files with a labelled problem where a finding matched one (\(total.recalledFiles)/\(total.problemFiles)); a match is the same path, rule and line within \(LintEvalScore.window) (or the line of a later value the finding lists).")
        if !total.unlabelled.isEmpty {
            Swift.print("\nunlabelled findings on prompt files (add a `finding` row to the labels):")
            for (repo, _, score) in rows {
                for f in score.unlabelled {
                    Swift.print("unlabelled\t\(repo.name)\t\(f.path)\t\(f.line)\t\(f.rule)\t\(f.severity)\t\(f.message)")
                }
            }
        }
        if showMisses && !total.missed.isEmpty {
            Swift.print("\nlabelled problems no finding matched:")
            for p in total.missed {
                Swift.print("missed\t\(p.repo)\t\(p.path)\t\(p.line)\t\(p.rules.sorted().joined(separator: "|"))\t\(p.note)")
            }
        }
    }

    static func line(_ name: String, files: Int, findings: Int, score: LintEvalScore, exit: String, seconds: Double) -> String {
        let cells: [String] = [
            name, "\(files)", "\(findings)", "\(score.truePositives)", "\(score.falsePositives)", "\(score.unlabelled.count)",
            ratio(score.precision), ratio(score.recall), "\(score.nonPromptFindings)", "\(score.errorFindings)", exit,
            String(format: "%.2f", seconds), seconds > 0 ? String(format: "%.0f", Double(files) / seconds) : "-",
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    static func ratio(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "-" }
}
