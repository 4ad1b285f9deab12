/// Walks a template's messages, tracking open loops and conditionals, to produce `LayoutItem`s.
struct LayoutBuilder {
    let template: PromptTemplate
    let classifier: SlotClassifier
    let tokenCounter: any TokenCounter
    let unknownIsDynamic: Bool

    private enum Block {
        case loop(SlotClass, bound: [String], end: Int)
        case conditional(end: Int)

        var end: Int {
            switch self {
            case .loop(_, _, let e), .conditional(let e): return e
            }
        }
    }

    private var blocks: [Block] = []
    private var items: [LayoutItem] = []
    private var extents: BlockExtentIndex

    init(template: PromptTemplate, classifier: SlotClassifier, tokenCounter: any TokenCounter, unknownIsDynamic: Bool) {
        self.template = template
        self.classifier = classifier
        self.tokenCounter = tokenCounter
        self.unknownIsDynamic = unknownIsDynamic
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
                    let dynamicLoop = enclosingDynamicLoop() != nil
                    items.append(LayoutItem(
                        content: .text(text), messageIndex: index, role: message.role, position: position,
                        staticTokens: dynamicLoop ? 0 : tokenCounter.count(text), inDynamicLoop: dynamicLoop))
                case .slot(let slot):
                    add(slot, messageIndex: index, role: message.role)
                }
            }
        }
        return items
    }

    private func enclosingDynamicLoop() -> SlotClass? {
        for block in blocks.reversed() {
            if case .loop(let c, _, _) = block, c.isDynamic(unknownIsDynamic: unknownIsDynamic) { return c }
        }
        return nil
    }

    private func boundToConstantLoop(_ slot: TemplateSlot) -> Bool {
        let root = String(NameTokens.head(of: slot.expression).split(separator: ".").first ?? "")
        for block in blocks.reversed() {
            if case .loop(let c, let bound, _) = block, !c.isDynamic(unknownIsDynamic: unknownIsDynamic),
                bound.contains(root) || root == "this" || root.hasPrefix("@") || root == "loop"
            {
                return true
            }
        }
        return false
    }

    private mutating func add(_ slot: TemplateSlot, messageIndex: Int, role: MessageRole) {
        var own = classifier.classify(slot, in: template)
        let loop = enclosingDynamicLoop()
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
            blocks.append(.loop(own, bound: LoopSyntax.boundNames(of: slot.expression), end: end))
        } else if slot.isConditional {
            blocks.append(.conditional(end: end))
        }
    }

    /// Leaves every block whose closing tag lies before `offset`.
    private mutating func closeBlocks(before offset: Int) {
        while let last = blocks.last, last.end <= offset { blocks.removeLast() }
    }
}
