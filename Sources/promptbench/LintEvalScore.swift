/// The score of one repository's run against the labels.
struct LintEvalScore: Sendable {
    /// How one finding was judged.
    enum Judgement: Sendable, Equatable {
        case truePositive
        case falsePositive(nonPrompt: Bool)
        case unlabelled
    }

    var truePositives = 0
    var falsePositives = 0
    var unlabelled: [ReportedFinding] = []
    var nonPromptFindings = 0
    var errorFindings = 0
    var problemFiles = 0
    var recalledFiles = 0
    var missed: [LintEvalLabels.Problem] = []

    /// Lines a finding may sit from a labelled line and still match it.
    static let window = 3

    /// How far a labelled line is from a finding: 0 when it is the line of one of the later values the
    /// finding lists (one finding per prefix break, at its first value), else the distance to its own line.
    static func distance(_ line: Int, _ finding: ReportedFinding) -> Int {
        finding.relatedLines.contains(line) ? 0 : abs(line - finding.line)
    }

    /// How far a labelled problem is from a finding: as `distance` in the finding's own file; 0 in another
    /// file only when the finding names exactly that slot (a call here filling a prompt defined there);
    /// nil when it cannot match.
    static func distance(_ problem: LintEvalLabels.Problem, _ finding: ReportedFinding) -> Int? {
        if problem.path == finding.path { return distance(problem.line, finding) }
        if finding.relatedSites.contains("\(problem.path):\(problem.line)") { return 0 }
        // A place the labels name for the same problem (an `alternative` row), for that row's rule.
        return problem.alternatives.filter { $0.path == finding.path && $0.rule == finding.rule }
            .map { distance($0.line, finding) }.min()
    }

    /// Judges every finding of `run` for `repo`.
    ///
    /// A finding is a true positive when it is the first to match a labelled problem (same path, one of
    /// its rules, line within `window` or exactly the line of a later value the finding lists; or in
    /// another file, exactly the prompt slot the finding names in its `related` sites); a
    /// finding on a file not labelled as a prompt is a false
    /// positive; other findings take the nearest `finding` verdict, or stay unlabelled. File recall is
    /// the share of files with a labelled problem where at least one problem was matched.
    init(repo: String, run: LintRun, labels: LintEvalLabels) {
        let problems = labels.problems(of: repo)
        var matched = Array(repeating: false, count: problems.count)
        for finding in run.findings {
            if finding.severity == "error" { errorFindings += 1 }
            let candidate = problems.indices
                .filter { i in
                    !matched[i] && problems[i].rules.contains(finding.rule)
                        && (Self.distance(problems[i], finding) ?? Int.max) <= Self.window
                }
                // A problem of the finding's own file first: a value it lists from another file (an included
                // partial's line) credits that file's problem only when its own file has none.
                .min { a, b in
                    let (pa, pb) = (problems[a].path != finding.path, problems[b].path != finding.path)
                    if pa != pb { return !pa }
                    return (Self.distance(problems[a], finding) ?? 0) < (Self.distance(problems[b], finding) ?? 0)
                }
            let judgement: Judgement
            if let candidate {
                matched[candidate] = true
                judgement = .truePositive
            } else if !labels.isPrompt(repo: repo, path: finding.path) {
                judgement = .falsePositive(nonPrompt: true)
            } else if let verdict = labels.verdict(
                repo: repo, path: finding.path, line: finding.line, rule: finding.rule, window: Self.window)
            {
                judgement = verdict.truePositive ? .truePositive : .falsePositive(nonPrompt: false)
            } else {
                judgement = .unlabelled
            }
            switch judgement {
            case .truePositive: truePositives += 1
            case .falsePositive(let nonPrompt):
                falsePositives += 1
                if nonPrompt { nonPromptFindings += 1 }
            case .unlabelled: unlabelled.append(finding)
            }
        }
        let files = Set(problems.map(\.path))
        problemFiles = files.count
        recalledFiles = files.filter { path in problems.indices.contains { matched[$0] && problems[$0].path == path } }.count
        missed = problems.indices.filter { !matched[$0] }.map { problems[$0] }
    }

    /// An empty score, for totals.
    init() {}

    /// TP / (TP + FP); nil when nothing was judged.
    var precision: Double? {
        truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }

    /// Recalled files / files with a real problem; nil when no file has one.
    var recall: Double? { problemFiles == 0 ? nil : Double(recalledFiles) / Double(problemFiles) }

    /// Adds another repository's counts.
    mutating func add(_ other: LintEvalScore) {
        truePositives += other.truePositives
        falsePositives += other.falsePositives
        unlabelled += other.unlabelled
        nonPromptFindings += other.nonPromptFindings
        errorFindings += other.errorFindings
        problemFiles += other.problemFiles
        recalledFiles += other.recalledFiles
        missed += other.missed
    }
}
