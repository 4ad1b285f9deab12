/// Walks a template's messages, tracking open loops and conditionals, to produce `LayoutItem`s.
struct LayoutBuilder {
    let template: PromptTemplate
    let classifier: SlotClassifier
    let tokenCounter: any TokenCounter
    let unknownIsDynamic: Bool

    private enum Block {
        case loop(SlotClass, bound: [String])
        case conditional
    }

    private var blocks: [Block] = []
    private var items: [LayoutItem] = []

    init(template: PromptTemplate, classifier: SlotClassifier, tokenCounter: any TokenCounter, unknownIsDynamic: Bool) {
        self.template = template
        self.classifier = classifier
        self.tokenCounter = tokenCounter
        self.unknownIsDynamic = unknownIsDynamic
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
            if case .loop(let c, _) = block, c.isDynamic(unknownIsDynamic: unknownIsDynamic) { return c }
        }
        return nil
    }

    private func boundToConstantLoop(_ slot: TemplateSlot) -> Bool {
        let root = String(NameTokens.head(of: slot.expression).split(separator: ".").first ?? "")
        for block in blocks.reversed() {
            if case .loop(let c, let bound) = block, !c.isDynamic(unknownIsDynamic: unknownIsDynamic),
                bound.contains(root) || root == "this" || root.hasPrefix("@") || root == "loop"
            {
                return true
            }
        }
        return false
    }

    private mutating func add(_ slot: TemplateSlot, messageIndex: Int, role: MessageRole) {
        var own = classifier.classify(slot, in: template)
        if own.kind == .structural && !slot.isLoop && !slot.isConditional {
            closeBlockIfEnd(slot.expression)
        }
        let loop = enclosingDynamicLoop()
        if own.kind != .structural, let loop {
            own = loop
        } else if own.kind != .structural && boundToConstantLoop(slot) {
            own = SlotClass(volatility: .constant, kind: .value, reason: "item of a constant collection")
        }
        items.append(LayoutItem(
            content: .slot(slot, own), messageIndex: messageIndex, role: role, position: slot.position,
            staticTokens: 0, inDynamicLoop: loop != nil))
        if slot.isLoop {
            blocks.append(.loop(own, bound: LoopSyntax.boundNames(of: slot.expression)))
        } else if slot.isConditional {
            blocks.append(.conditional)
        }
    }

    private mutating func closeBlockIfEnd(_ expression: String) {
        var text = expression.trimmingCharacters(in: .whitespaces)
        while let f = text.first, "~-#".contains(f) { text.removeFirst() }
        let lower = text.lowercased()
        let isEnd = lower.hasPrefix("end") || lower.hasPrefix("/")
        guard isEnd, !blocks.isEmpty else { return }
        let wantsLoop = ["endfor", "endeach", "/each", "/for", "endforeach"].contains { lower.hasPrefix($0) }
        let wantsConditional = ["endif", "/if", "/unless", "endunless", "/with", "endwith"].contains { lower.hasPrefix($0) }
        if wantsLoop, let i = blocks.lastIndex(where: { if case .loop = $0 { return true } else { return false } }) {
            blocks.removeSubrange(i...)
        } else if wantsConditional,
            let i = blocks.lastIndex(where: { if case .conditional = $0 { return true } else { return false } })
        {
            blocks.removeSubrange(i...)
        } else {
            blocks.removeLast()
        }
    }
}
