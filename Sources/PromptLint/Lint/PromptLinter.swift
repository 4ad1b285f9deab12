import Foundation

/// The findings for one file.
public struct FileReport: Sendable, Hashable {
    /// The path as reported.
    public var path: String
    /// The format it was read as (`unknown` when it was not read).
    public var format: String
    /// Findings, in report order.
    public var findings: [Finding]

    /// Creates a file report.
    public init(path: String, format: String, findings: [Finding]) {
        self.path = path
        self.format = format
        self.findings = findings.sorted(by: Finding.reportOrder)
    }
}

/// Which request JSON a body is.
public enum RequestKind: String, Sendable, CaseIterable {
    /// OpenAI Chat Completions or Responses request.
    case openAI = "openai"
    /// Anthropic Messages request.
    case anthropic

    var format: TemplateFormat { self == .openAI ? .openAIRequest : .anthropicRequest }
    var provider: Provider { self == .openAI ? .openai : .anthropic }
}

/// Lints templates and request bodies. Never prints, never exits: results are values.
///
/// ```swift
/// let linter = try PromptLinter.builtIn()
/// let findings = linter.lintRequest(body, kind: .anthropic)
/// ```
public struct PromptLinter: Sendable {
    /// The rules.
    public let rules: RuleSet
    /// The configuration applied.
    public var configuration: Configuration
    /// Token estimates.
    public var tokenCounter: any TokenCounter
    /// Where included partials are read from; nil leaves includes as opaque static sub-templates.
    public var partials: (any PartialSource)?
    /// Provenance for variables of the file being linted, from code elsewhere that renders it
    /// (`SourceProject`): variable name → class.
    var linkedSlots: [String: SlotClass] = [:]
    /// Fields of this data file that code elsewhere fills as prompts (`SourceProject`).
    var linkedFields: Set<String> = []
    /// The conversation that code elsewhere sends after this file's prompt (`SourceProject`): it follows
    /// the prompt in the request, so a per-request value in the prompt keeps it out of the cache too.
    var linkedConversation: TemplateSlot?
    /// The load in code elsewhere that sends this file without filling it, or filling only named placeholders by
    /// `.replace` (`SourceProject`), if every load does: its other placeholders go out as written.
    var unfilledLoad: UnfilledLoad?

    /// Creates a linter.
    public init(rules: RuleSet, configuration: Configuration = Configuration(),
                tokenCounter: any TokenCounter = EstimatedTokenCounter(), partials: (any PartialSource)? = nil) {
        self.rules = rules
        self.configuration = configuration
        self.tokenCounter = tokenCounter
        self.partials = partials
    }

    /// A linter with the built-in rules (compiled into the library), plus the rules of `rulesDirectory`,
    /// `PROMPTLINT_RULES` and the configuration's `rules-dirs` (a rule with a built-in id replaces it).
    /// - Throws: `PromptLintError` when an added folder is missing or its rules do not load.
    public static func builtIn(rulesDirectory: String? = nil, configuration: Configuration = Configuration()) throws -> PromptLinter {
        let added = try RuleLocator.additionalDirectories(explicit: rulesDirectory)
        return PromptLinter(rules: try RuleLoader.load(directories: added + configuration.ruleDirectories),
                            configuration: configuration)
    }

    /// Lints a request body before it is sent. The findings are those `promptlint check` reports for
    /// the same JSON saved as a file, with path `<request>`.
    public func lintRequest(_ body: Data, kind: RequestKind) -> [Finding] {
        lintRequestReport(body, kind: kind).findings
    }

    /// `lintRequest`'s findings with the path and format they are reported under (for JSON reports).
    public func lintRequestReport(_ body: Data, kind: RequestKind) -> FileReport {
        lint(path: "<request>", data: body, format: kind.format)
    }

    /// Reads and lints one file's bytes.
    public func lint(path: String, data: Data, format: TemplateFormat? = nil) -> FileReport {
        var template = TemplateReading.read(path: path, data: data, format: format ?? configuration.format(for: path))
        if !linkedFields.isEmpty, template.format == .promptFields {
            template = PromptFieldsReader.read(SourceText(String(decoding: data, as: UTF8.self)), format: .promptFields, linkedKeys: linkedFields)
            template.path = path
        }
        if !linkedSlots.isEmpty { template = Self.linking(template, linkedSlots) }
        if let unfilledLoad { template = Self.unfilled(template, by: unfilledLoad) }
        if let conversation = linkedConversation, let last = template.messages.indices.last {
            // The conversation follows the prompt whose variables the code fills (a file of several prompts), else the last.
            let filled = template.messages.lastIndex { m in
                m.segments.contains { if case .slot(let s) = $0 { linkedSlots[s.variable ?? s.expression] != nil } else { false } }
            }
            let prompt = template.messages[filled ?? last].promptIndex
            let end = template.messages.lastIndex { $0.promptIndex == prompt } ?? last
            template.messages.insert(TemplateMessage(
                role: .unknown, segments: [.slot(conversation)], position: conversation.position, promptIndex: prompt), at: end + 1)
        }
        if let partials {
            var expansion = PartialExpansion(source: partials, classifier: configuration.classifier, tokenCounter: tokenCounter)
            expansion.linked = linkedSlots
            template = expansion.expand(template)
        }
        return FileReport(path: path, format: template.format.rawValue, findings: lint(template))
    }

    /// `template` with the linked variables' provenance where it says more than the template alone.
    static func linking(_ template: PromptTemplate, _ linked: [String: SlotClass]) -> PromptTemplate {
        var copy = template
        for m in copy.messages.indices {
            for s in copy.messages[m].segments.indices {
                guard case .slot(var slot) = copy.messages[m].segments[s], let name = slot.variable ?? Optional(slot.expression),
                    let provenance = linked[name], !slot.isLoop, !slot.isInclude
                else { continue }
                if let existing = slot.provenance, existing.evidence == .evidence, existing.volatility >= provenance.volatility { continue }
                slot.provenance = provenance
                copy.messages[m].segments[s] = .slot(slot)
            }
        }
        return copy
    }

    /// `template` with the slots that only a name or nothing classifies made constant: the code that
    /// loads it (`load`) passes no values, or replaces only the placeholders it names, so the others are sent
    /// as written.
    static func unfilled(_ template: PromptTemplate, by load: UnfilledLoad) -> PromptTemplate {
        var copy = template
        let how = load.filled.isEmpty
            ? "\(load.load) loads this file without values"
            : "\(load.load) fills only " + load.filled.sorted().map { "`{\($0)}`" }.joined(separator: ", ") + " by replacing it"
        for m in copy.messages.indices {
            for s in copy.messages[m].segments.indices {
                guard case .slot(var slot) = copy.messages[m].segments[s], !slot.isLoop, !slot.isInclude,
                    slot.provenance?.evidence != .evidence, !load.filled.contains(slot.variable ?? slot.expression)
                else { continue }
                slot.provenance = SlotClass(
                    volatility: .constant, kind: .value, reason: "\(how), so the placeholder is sent as written")
                copy.messages[m].segments[s] = .slot(slot)
            }
        }
        return copy
    }

    /// Lints template text (for examples and tests).
    public func lint(text: String, path: String, format: TemplateFormat? = nil) -> FileReport {
        lint(path: path, data: Data(text.utf8), format: format)
    }

    /// Lints a template that has already been read.
    public func lint(_ template: PromptTemplate) -> [Finding] {
        var findings: [Finding] = []
        for (index, part) in Self.requests(in: template).enumerated() {
            let layout = CacheLayout(template: part, classifier: configuration.classifier, tokenCounter: tokenCounter)
            var prefixBreaks: [(rule: LoadedRule, hits: [CheckHit])] = []
            var misplacedBreakpoints: [(rule: LoadedRule, hit: CheckHit)] = []
            for rule in rules.rules where isActive(rule.definition, path: template.path) {
                // File-level checks run once, not once per prompt of a multi-prompt file.
                if index > 0 && [ParseErrorCheck.identifier, UnreadableFileCheck.identifier].contains(rule.definition.check) {
                    continue
                }
                let context = CheckContext(
                    template: part, layout: layout, providers: providers(for: rule.definition, format: template.format),
                    tokenCounter: tokenCounter, profile: configuration.profile)
                let checkHits = rule.check.run(context)
                if Self.prefixBreakChecks.contains(rule.definition.check) {
                    prefixBreaks.append((rule, checkHits))
                    continue
                }
                if rule.definition.check == CacheBreakpointCheck.identifier {
                    // Breakpoints after a dynamic value: folded into that value's prefix-break finding below.
                    misplacedBreakpoints += checkHits.filter { $0.breakPosition != nil }.map { (rule, $0) }
                    findings += checkHits.filter { $0.breakPosition == nil }.map { finding(rule.definition, hit: $0, path: template.path) }
                    continue
                }
                var hits = checkHits.map { finding(rule.definition, hit: $0, path: template.path) }
                if rule.definition.check == ParseErrorCheck.identifier, let guess = template.formatGuess {
                    hits = Self.guessed(hits, guess)
                }
                findings += hits
            }
            let firstBreak = Self.firstBreak(in: prefixBreaks)
            var first = firstBreak.map { finding($0.0.definition, hit: $0.1, path: template.path) }
            let breakAt = firstBreak.map { $0.1.breakPosition ?? $0.1.position }
            for (rule, hit) in misplacedBreakpoints {
                let own = finding(rule.definition, hit: hit, path: template.path)
                // The same break as the prefix-break finding (the breakpoint comes after the value it reports), and
                // no more severe: one finding, which names the breakpoint.
                if var merged = first, let breakAt, hit.breakPosition?.offset == breakAt.offset, own.severity <= merged.severity {
                    merged.message += " The cache breakpoint at \(hit.position.line):\(hit.position.column) comes after it too,"
                        + " so that breakpoint is never hit (\(own.ruleID))."
                    first = merged
                } else {
                    findings.append(own)
                }
            }
            if let first { findings.append(first) }
        }
        if template.format == .notebook, !findings.isEmpty { findings = NotebookSource.realigned(findings, raw: template.source) }
        findings = applySuppressions(Self.foldingLocalSendSites(Self.onePerTracedValue(Self.onePerPlace(findings))), template: template)
        return findings.sorted(by: Finding.reportOrder)
    }

    /// Checks that each say where a request's cacheable prefix breaks, in the order they speak for a
    /// break: a dynamic value before static content (PL001, reported at the value, its message listing
    /// the later ones), then retrieved content or history before the instructions (PL005), then
    /// examples after the input (PL006). The later ones rest on what kind of value a slot holds, which
    /// is more often a guess, so they speak only for breaks PL001 does not report.
    static let prefixBreakChecks = [
        DynamicPrefixCheck.identifier, ContextBeforeInstructionsCheck.identifier, ExamplesAfterInputCheck.identifier,
    ]

    /// A request's prefix breaks once, so it gets one finding: at the earliest break any check found,
    /// the hit of the first check in `prefixBreakChecks` order.
    static func firstBreak(in reports: [(rule: LoadedRule, hits: [CheckHit])]) -> (LoadedRule, CheckHit)? {
        let all = reports.flatMap { report in report.hits.map { (report.rule, $0) } }
        // Hits that name their place in the request's layout are ordered by it: the order the request is sent in.
        let indexed = all.compactMap { hit in hit.1.breakIndex.map { (hit, $0) } }
        if !indexed.isEmpty, indexed.count == all.count, let earliest = indexed.map(\.1).min() {
            let atBreak = indexed.filter { $0.1 == earliest }.map(\.0)
            for check in prefixBreakChecks {
                if let hit = atBreak.first(where: { $0.0.definition.check == check }) { return hit }
            }
            return atBreak.first
        }
        guard let earliest = all.map({ ($0.1.breakPosition ?? $0.1.position).offset }).min() else { return nil }
        let atBreak = all.filter { ($0.1.breakPosition ?? $0.1.position).offset == earliest }
        for check in prefixBreakChecks {
            if let hit = atBreak.first(where: { $0.0.definition.check == check }) { return hit }
        }
        return atBreak.first
    }

    /// Parse problems in a file whose format was only guessed: one `info` finding, at the first of them, saying
    /// what the guess was and where the others are, since the file may simply not be a template of that kind
    /// (a prompt filled by `str.replace` whose braces are JSON examples gets one note, not one per brace).
    static func guessed(_ findings: [Finding], _ guess: String) -> [Finding] {
        let ordered = findings.sorted(by: Finding.reportOrder)
        guard var first = ordered.first else { return [] }
        first.severity = .info
        let others = ordered.dropFirst().map(\.line)
        if !others.isEmpty {
            let lines = others.prefix(5).map(String.init).joined(separator: ", ") + (others.count > 5 ? ", …" : "")
            first.message += " \(others.count) more in this file (line\(others.count > 1 ? "s" : "") \(lines))."
        }
        first.message += " The format is not certain (\(guess)), so this is not an error; set it under `formats:` in"
            + " .promptlint.yml to make it one."
        return [first]
    }

    /// The separate requests a file holds: one per `promptIndex` (promptfoo files list alternatives; data
    /// files hold one prompt per field).
    public static func requests(in template: PromptTemplate) -> [PromptTemplate] {
        // One pass, not one filter per prompt: source files can hold thousands of requests.
        let groups = Dictionary(grouping: template.messages, by: \.promptIndex)
        guard groups.count > 1 else { return [template] }
        return groups.keys.sorted().map { i in
            var part = template
            part.messages = groups[i] ?? []
            return part
        }
    }

    /// A finding for a file that could not be read (binary, too large, unreadable, symlink loop).
    public func unreadableFinding(path: String, problem: String) -> Finding? {
        guard let rule = rules.rule(forCheck: UnreadableFileCheck.identifier),
            isActive(rule.definition, path: path)
        else { return nil }
        return finding(rule.definition, hit: CheckHit(position: .start, snippet: problem, values: ["problem": problem]), path: path)
    }

    /// The byte limit above which files are not read.
    public var maxFileBytes: Int {
        if let configured = configuration.maxFileBytes { return configured }
        if let check = rules.rule(forCheck: UnreadableFileCheck.identifier)?.check as? UnreadableFileCheck {
            return check.maxFileBytes
        }
        return 16 * 1024 * 1024
    }

    /// Providers a rule checks for a file: a request body only goes to its own API.
    func providers(for rule: RuleDefinition, format: TemplateFormat) -> [Provider] {
        let configured = configuration.providers(for: rule)
        switch format {
        case .anthropicRequest: return configured.filter { $0 == .anthropic || $0 == .bedrock }
        case .openAIRequest: return configured.filter { $0 == .openai }
        default: return configured
        }
    }

    func isActive(_ rule: RuleDefinition, path: String) -> Bool {
        configuration.isEnabled(rule) && !configuration.isIgnored(rule, path: path)
    }

    func finding(_ rule: RuleDefinition, hit: CheckHit, path: String) -> Finding {
        var made = Finding(
            ruleID: rule.id, ruleName: rule.name, severity: min(configuration.severity(for: rule), hit.severityCap ?? .error),
            message: hit.failure.map { "Rule \(rule.id) failed: \($0)." } ?? rule.formatMessage(hit.values),
            fix: rule.fix.trimmingCharacters(in: .whitespacesAndNewlines),
            path: path, line: hit.position.line, column: hit.position.column, snippet: hit.snippet, related: hit.related)
        made.breakSite = hit.breakSite
        made.tracedOrigin = hit.tracedOrigin
        made.smallCostNote = hit.smallCostNote
        made.isLiteralValue = hit.isLiteralValue
        return made
    }
}
