/// Walks a template's messages, tracking open loops and conditionals, to produce `LayoutItem`s.
///
/// Counting follows what one request renders:
/// - a loop over a constant collection of known length (`LoopLength`) counts its body's static text once
///   per item; of unknown length, once; a loop over a dynamic collection counts nothing (its text varies
///   with the collection and sits after the loop's own dynamic slot);
/// - a conditional (`if/elif/else`, a Mustache section and its inverted section) counts one branch, the
///   one with the fewest static tokens: whichever branch a request takes, at least that much is rendered,
///   so savings never rest on text that some requests do not send. An `if` without `else` counts its
///   body: it has no second written branch, and its condition is almost always a setting or an item of
///   the constant list being looped over, so the text renders wherever it applies. Each item also keeps
///   its count in the largest rendering (`LayoutItem.largestStaticTokens`, the largest branch of each
///   conditional, never the sum of its branches): a layout problem exists when some rendering puts
///   enough static content after a dynamic value (see `DynamicPrefixCheck`);
/// - a condition (`{% if x %}`, `{{#if x}}`, `{{^x}}`) is not itself a dynamic value: it picks one of the
///   branches written in the template, so each rendering is a cacheable variant; the values inside the
///   branches are judged on their own.
struct LayoutBuilder {
    let template: PromptTemplate
    let classifier: SlotClassifier
    let tokenCounter: any TokenCounter
    let unknownIsDynamic: Bool

    private var blocks: OpenBlocks
    private var items: [LayoutItem] = []
    private var extents: BlockExtentIndex
    /// Conditional blocks' alternative branches (byte ranges), one group per block.
    private var alternatives: [[Range<Int>]] = []
    /// The condition of each group in `alternatives` (its opening tag's subject), for messages.
    private var alternativeConditions: [String] = []
    /// The last Mustache section seen: its name and where its closing tag ends, to pair `{{^x}}` with it.
    private var lastSection: (name: String, closeEnd: Int, group: Int)?
    /// The last block that tested a value against a literal (`AlternativeBranches.equalityTest`): its subject,
    /// the literals of its run so far, where its closing tag ends and its group, to join the next arm of the run.
    private var lastEqualityArm: (subject: String, literals: Set<String>, closeEnd: Int, group: Int)?
    private lazy var sourceBytes = Array(template.source.utf8)
    private lazy var branchTags = AlternativeBranches.boundaries(in: sourceBytes)

    init(template: PromptTemplate, classifier: SlotClassifier, tokenCounter: any TokenCounter, unknownIsDynamic: Bool) {
        self.template = template
        self.classifier = classifier
        self.tokenCounter = tokenCounter
        self.unknownIsDynamic = unknownIsDynamic
        self.blocks = OpenBlocks(unknownIsDynamic: unknownIsDynamic)
        self.extents = BlockExtentIndex(source: template.source)
    }

    mutating func build() -> [LayoutItem] {
        let order = template.messages.indices.sorted { a, b in
            let ta = template.messages[a].role == .tools
            let tb = template.messages[b].role == .tools
            return ta != tb ? ta : a < b
        }
        for index in order {
            let message = template.messages[index]
            for segment in message.segments {
                closeBlocks(before: segment.position.offset)
                switch segment {
                case .text(let text, let position):
                    let dynamicLoop = blocks.innermostDynamicLoop != nil
                    items.append(LayoutItem(
                        content: .text(text), messageIndex: index, role: message.role, position: position,
                        staticTokens: dynamicLoop ? 0 : tokenCounter.count(text) * blocks.repetitions, inDynamicLoop: dynamicLoop))
                case .slot(let slot):
                    add(slot, messageIndex: index, role: message.role)
                }
            }
        }
        for i in items.indices { items[i].largestStaticTokens = items[i].staticTokens }
        countBranches()
        return items
    }

    /// Counts one branch of each conditional block: the smallest in `staticTokens` (the least any request
    /// renders), the largest in `largestStaticTokens` (the most one renders); items of the other branches
    /// keep their text but count nothing there. Inner blocks first, so nested alternatives are settled
    /// before outer ones; loop repetitions are already in the items' counts, so a branch holding a loop is
    /// compared by what it renders. Items whose two counts differ are marked with the block's condition.
    private mutating func countBranches() {
        let groups = alternatives.indices.filter { alternatives[$0].count > 1 }
            .sorted { span(alternatives[$0]) < span(alternatives[$1]) }
        guard !groups.isEmpty else { return }
        let byOffset = items.indices.filter { items[$0].largestStaticTokens > 0 }
            .sorted { items[$0].position.offset < items[$1].position.offset }
        let offsets = byOffset.map { items[$0].position.offset }
        for g in groups {
            let group = alternatives[g]
            var members = Array(repeating: [Int](), count: group.count)
            let lo = group[0].lowerBound
            let hi = group[group.count - 1].upperBound
            var k = offsets.partitioningIndex { $0 >= lo }
            while k < offsets.count, offsets[k] < hi {
                if let b = group.firstIndex(where: { $0.contains(offsets[k]) }) { members[b].append(byOffset[k]) }
                k += 1
            }
            let small = members.map { $0.reduce(0) { $0 + items[$1].staticTokens } }
            let large = members.map { $0.reduce(0) { $0 + items[$1].largestStaticTokens } }
            guard let smallest = small.indices.min(by: { small[$0] < small[$1] }),
                let largest = large.indices.max(by: { large[$0] < large[$1] })
            else { continue }
            for (b, indices) in members.enumerated() {
                for i in indices {
                    if b != smallest { items[i].staticTokens = 0 }
                    if b != largest { items[i].largestStaticTokens = 0 }
                    if items[i].staticTokens != items[i].largestStaticTokens, items[i].alternativeCondition == nil {
                        items[i].alternativeCondition = alternativeConditions[g]
                    }
                }
            }
        }
    }

    private func leadingSpace(_ tag: String) -> Int {
        tag.utf8.prefix { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }.count
    }

    private func span(_ group: [Range<Int>]) -> Int {
        (group.last?.upperBound ?? 0) - (group.first?.lowerBound ?? 0)
    }

    /// Records the branches of a conditional block that opens with `slot` and closes at `end`.
    private mutating func recordBranches(_ slot: TemplateSlot, end: Int) {
        let bodyStart = slot.position.offset + slot.source.utf8.count
        let branches = AlternativeBranches.branches(
            opening: slot.position.offset + leadingSpace(slot.source), bodyStart: bodyStart, end: end, boundaries: branchTags)
        guard !branches.isEmpty else { return }
        let trimmed = slot.source.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = String(trimmed.dropFirst(3).prefix { !$0.isWhitespace && $0 != "}" && $0 != "~" })
        let closeEnd = ByteSearch.find(Array("}}".utf8), in: sourceBytes, from: end).map { $0 + 2 } ?? end
        if trimmed.hasPrefix("{{^"), let last = lastSection, last.name == name,
            AlternativeBranches.onlyWhitespace(sourceBytes, from: last.closeEnd, to: slot.position.offset)
        {
            // `{{#x}}…{{/x}}{{^x}}…{{/x}}`: the inverted section is the other branch of the section before it.
            alternatives[last.group].append(contentsOf: branches)
            lastSection = nil
            return
        }
        let arm = branches.count == 1 ? AlternativeBranches.equalityTest(slot) : nil
        let armEnd = trimmed.hasPrefix("{%")
            ? ByteSearch.find(Array("%}".utf8), in: sourceBytes, from: end).map { $0 + 2 } ?? end : closeEnd
        if let arm, let last = lastEqualityArm, last.subject == arm.subject, !last.literals.contains(arm.literal),
            AlternativeBranches.onlyWhitespace(sourceBytes, from: last.closeEnd, to: slot.position.offset)
        {
            // `{{#if (eq kind 'a')}}…{{/if}}{{#if (eq kind 'b')}}…{{/if}}`: one value equals one literal at
            // most, so the arms are branches of one switch.
            alternatives[last.group].append(contentsOf: branches)
            lastEqualityArm = (arm.subject, last.literals.union([arm.literal]), armEnd, last.group)
            lastSection = nil
            return
        }
        alternatives.append(branches)
        alternativeConditions.append(Self.condition(of: slot))
        lastSection = trimmed.hasPrefix("{{#") ? (name, closeEnd, alternatives.count - 1) : nil
        lastEqualityArm = arm.map { ($0.subject, [$0.literal], armEnd, alternatives.count - 1) }
    }

    /// The subject of a conditional's opening tag, for messages: `epic.complexity` for
    /// `{% if epic.complexity and epic.complexity == 'simple' %}`, `user` for `{{^user}}`.
    static func condition(of slot: TemplateSlot) -> String {
        var text = Substring(slot.expression.trimmingCharacters(in: .whitespacesAndNewlines))
        text = text.drop { "#^~-+ ".contains($0) }
        for keyword in ["if ", "elif ", "elsif ", "elseif ", "unless ", "not "] where text.hasPrefix(keyword) {
            text = text.dropFirst(keyword.count).drop { $0 == " " }
        }
        text = text.drop { $0 == "(" || $0 == " " }
        let subject = text.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "@" }
        return subject.isEmpty ? slot.source : String(subject)
    }

    /// True when the slot reads the item of an enclosing constant loop (`OpenBlocks.readsConstantLoopItem`).
    private func boundToConstantLoop(_ slot: TemplateSlot) -> Bool {
        blocks.readsConstantLoopItem(root: String(NameTokens.head(of: slot.expression).split(separator: ".").first ?? ""))
    }

    private mutating func add(_ slot: TemplateSlot, messageIndex: Int, role: MessageRole) {
        var own = classifier.classify(slot, in: template)
        let sectionValue = own
        if AlternativeBranches.isCondition(slot) {
            own = .structural("the condition `\(Self.condition(of: slot))` picks one of the branches written here, each a cacheable variant")
        }
        if slot.isLoop, own.volatility != .constant,
            let written = LoopLength.writtenInFile(slot, in: template)
        {
            own = SlotClass(volatility: .constant, kind: .value, reason: written.reason)
        }
        let loop = blocks.innermostDynamicLoop
        if own.kind != .structural, let loop {
            own = loop
        } else if own.kind != .structural && boundToConstantLoop(slot) {
            own = SlotClass(volatility: .constant, kind: .value, reason: "item of a constant collection")
        }
        items.append(LayoutItem(
            content: .slot(slot, own), messageIndex: messageIndex, role: role, position: slot.position,
            staticTokens: 0, inDynamicLoop: loop != nil))
        guard slot.isLoop || slot.isConditional else { return }
        let end = extents.end(of: slot) ?? (slot.position.offset + slot.source.utf8.count)
        if slot.isLoop {
            let iterations = own.isDynamic(unknownIsDynamic: unknownIsDynamic)
                ? 1 : LoopLength.iterations(of: slot, in: template, classifier: classifier) ?? 1
            blocks.push(.loop(own, bound: LoopSyntax.boundNames(of: slot.expression), end: end, iterations: iterations))
        } else if slot.isConditional {
            blocks.push(.conditional(end: end))
            if let known = extents.end(of: slot) { recordBranches(slot, end: known) }
            // A Mustache section over a constant list (`{{#tools}}…{{/tools}}`) renders its items: the
            // names inside read the item, so they are constant too (counted once, as a branch).
            if Self.isMustacheSection(slot), sectionValue.volatility == .constant {
                blocks.push(.loop(sectionValue, bound: [], end: end, iterations: 1))
            }
        }
    }

    /// `{{#name}}` opening a Mustache section (not a Handlebars `#if`/`#unless`/`#with`/`#each` helper).
    static func isMustacheSection(_ slot: TemplateSlot) -> Bool {
        guard slot.source.hasPrefix("{{#") else { return false }
        let name = slot.expression.dropFirst().trimmingCharacters(in: .whitespaces)
        return !name.isEmpty && !name.contains(" ")
            && !["if", "unless", "with", "each"].contains(name)
    }

    /// Leaves every block whose closing tag lies before `offset`.
    private mutating func closeBlocks(before offset: Int) {
        blocks.close(before: offset)
    }
}

extension Array where Element == Int {
    /// The first index whose element satisfies `predicate`, for a predicate that is false then true
    /// over the (sorted) array.
    func partitioningIndex(where predicate: (Int) -> Bool) -> Int {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if predicate(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
