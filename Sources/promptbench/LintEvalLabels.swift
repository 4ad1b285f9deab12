import Foundation

/// The hand labels of the real-repository development set (`Eval/repos/labels.tsv`).
///
/// One tab-separated row per label, columns `kind repo path line rule label note`:
/// - `prompt`: `path` is a prompt file; `label` names its format or dialect; `line` and `rule` are empty.
/// - `problem`: a real cache-layout problem at `path:line`; `rule` lists the acceptable rule ids
///   (`PL001|PL005`); `label` is `real`.
/// - `finding`: a verdict on a finding the tool gave (`label` `TP` or `FP`) at `path:line` for `rule`.
/// - `alternative`: another place where a finding for `rule` reports the same labelled problem (the labeller
///   names it: the line where a value enters the request, in another file); `label` is that problem's
///   `path:line`. A finding there matches the problem, which counts for the problem's own file.
/// Lines starting with `#` and the header row are skipped.
struct LintEvalLabels: Sendable {
    /// A labelled real problem.
    struct Problem: Sendable {
        let repo: String
        let path: String
        let line: Int
        let rules: Set<String>
        let note: String
        /// Other places (`path`, `line`, rule) a finding of the same problem may be reported at (`alternative` rows).
        var alternatives: [(path: String, line: Int, rule: String)] = []
    }

    /// A labelled verdict on one finding.
    struct Verdict: Sendable {
        let repo: String
        let path: String
        let line: Int
        let rule: String
        let truePositive: Bool
        let note: String
    }

    /// Prompt files by repository, with their format.
    private(set) var promptFiles: [String: [String: String]] = [:]
    private(set) var problems: [Problem] = []
    private(set) var verdicts: [Verdict] = []

    /// Reads and checks the TSV at `path`.
    /// - Throws: `LintEvalError.badLabels` naming the file, line and what is wrong.
    init(path: String) throws {
        var alternatives: [(repo: String, path: String, line: Int, rule: String, problem: String, place: String)] = []
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw LintEvalError.unreadable(path: path)
        }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let row = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if row.allSatisfy(\.isEmpty) || row[0].hasPrefix("#") || row[0] == "kind" { continue }
            let where_ = "\(path):\(index + 1)"
            guard row.count >= 6 else { throw LintEvalError.badLabels(where_, "expected 7 tab-separated columns") }
            let note = row.count > 6 ? row[6...].joined(separator: "\t") : ""
            let (kind, repo, file, lineText, rule, label) = (row[0], row[1], row[2], row[3], row[4], row[5])
            guard !repo.isEmpty, !file.isEmpty else { throw LintEvalError.badLabels(where_, "repo and path are required") }
            switch kind {
            case "prompt":
                promptFiles[repo, default: [:]][file] = label
            case "alternative":
                guard let line = Int(lineText), line > 0 else { throw LintEvalError.badLabels(where_, "line must be a positive number") }
                guard !rule.isEmpty, label.contains(":") else {
                    throw LintEvalError.badLabels(where_, "an alternative names a rule and its problem's path:line as label")
                }
                alternatives.append((repo, file, line, rule, label, where_))
            case "problem", "finding":
                guard let line = Int(lineText), line > 0 else { throw LintEvalError.badLabels(where_, "line must be a positive number") }
                guard !rule.isEmpty else { throw LintEvalError.badLabels(where_, "rule is required") }
                if kind == "problem" {
                    let rules = Set(rule.split(separator: "|").map(String.init))
                    problems.append(Problem(repo: repo, path: file, line: line, rules: rules, note: note))
                } else {
                    guard label == "TP" || label == "FP" else { throw LintEvalError.badLabels(where_, "a finding's label is TP or FP") }
                    verdicts.append(Verdict(repo: repo, path: file, line: line, rule: rule, truePositive: label == "TP", note: note))
                }
            default:
                throw LintEvalError.badLabels(where_, "unknown kind '\(kind)' (prompt, problem, finding, alternative)")
            }
        }
        for a in alternatives {
            guard let i = problems.firstIndex(where: { $0.repo == a.repo && "\($0.path):\($0.line)" == a.problem }) else {
                throw LintEvalError.badLabels(a.place, "no problem labelled at \(a.problem) for \(a.repo)")
            }
            problems[i].alternatives.append((a.path, a.line, a.rule))
        }
    }

    /// Whether `path` is a labelled prompt file of `repo`.
    func isPrompt(repo: String, path: String) -> Bool { promptFiles[repo]?[path] != nil }

    /// Every path a label of `repo` names, sorted.
    func labelledPaths(of repo: String) -> [String] {
        Set(Array(promptFiles[repo, default: [:]].keys) + problems(of: repo).map(\.path)
            + verdicts.filter { $0.repo == repo }.map(\.path)).sorted()
    }

    /// The labelled problems of `repo`.
    func problems(of repo: String) -> [Problem] { problems.filter { $0.repo == repo } }

    /// The verdict nearest to a finding (same path and rule, line within `window`), if any.
    func verdict(repo: String, path: String, line: Int, rule: String, window: Int) -> Verdict? {
        verdicts
            .filter { $0.repo == repo && $0.path == path && $0.rule == rule && abs($0.line - line) <= window }
            .min { abs($0.line - line) < abs($1.line - line) }
    }
}

/// What can go wrong in `promptbench lint-eval`.
enum LintEvalError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case badLabels(String, String)
    case missingCheckout(repo: String, directory: String)
    case wrongCommit(repo: String, expected: String, found: String)
    case binaryNotFound(String)
    case badReport(repo: String, detail: String)

    var description: String {
        switch self {
        case .unreadable(let path): "\(path): cannot read file"
        case .badLabels(let place, let what): "\(place): \(what)"
        case .missingCheckout(let repo, let dir):
            "\(repo): no checkout at \(dir) (run: bash Scripts/eval-repos.sh checkout MIRRORS DEST)"
        case .wrongCommit(let repo, let expected, let found): "\(repo): checked out at \(found), pinned \(expected)"
        case .binaryNotFound(let path): "\(path): promptlint binary not found (build it: swift build -c release --product promptlint)"
        case .badReport(let repo, let detail): "\(repo): promptlint gave no JSON report (\(detail))"
        }
    }
}
