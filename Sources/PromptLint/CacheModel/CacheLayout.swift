import Foundation

/// One piece of a template in request order, with what the cache model knows about it.
public struct LayoutItem: Sendable, Hashable {
    /// Static text or a classified slot.
    public enum Content: Sendable, Hashable {
        /// Literal text.
        case text(String)
        /// A slot and its classification (after enclosing loops are taken into account).
        case slot(TemplateSlot, SlotClass)
    }

    /// What the item is.
    public var content: Content
    /// Index of its message in `PromptTemplate.messages`.
    public var messageIndex: Int
    /// Its message's role.
    public var role: MessageRole
    /// Where it starts.
    public var position: SourcePosition
    /// Estimated tokens of static text (0 for slots and for text repeated by a dynamic loop).
    public var staticTokens: Int
    /// True when the item sits inside a loop over a dynamic collection.
    public var inDynamicLoop: Bool
    /// Static tokens when every conditional renders its largest branch (the most a request can render);
    /// `staticTokens` counts the smallest (the least every request renders).
    public var largestStaticTokens = 0
    /// The condition (`epic.complexity`) of the innermost conditional whose branch choice changes this
    /// item's count between the smallest and the largest rendering; nil when both count it the same.
    public var alternativeCondition: String?

    /// The slot's class, for slot items.
    public var slotClass: SlotClass? {
        if case .slot(_, let c) = content { return c }
        return nil
    }

    /// The slot, for slot items.
    public var slot: TemplateSlot? {
        if case .slot(let s, _) = content { return s }
        return nil
    }

    /// The text, for text items.
    public var text: String? {
        if case .text(let t) = content { return t }
        return nil
    }
}

/// A template flattened into request order (tools → system → messages), with every slot classified
/// and loop bodies attributed to their loop. The basis of every cache rule.
public struct CacheLayout: Sendable {
    /// The items in request order.
    public let items: [LayoutItem]
    /// Indices of messages that carry a cache breakpoint.
    public let breakpointMessages: [Int]
    /// The template.
    public let template: PromptTemplate
    /// Treat slots of unknown volatility as dynamic.
    public let unknownIsDynamic: Bool
    /// Results that several checks need, computed once per layout (copies share it).
    let memo = LayoutMemo()
    private let suffixStatic: [Int]
    private let suffixLargest: [Int]
    /// For each index i, the first session-stable slot (history, attachment) at or after i; `items.count` if none.
    private let nextSessionSlot: [Int]
    /// For each index i, the first dynamic history slot at or after i; `items.count` if none.
    private let nextHistorySlot: [Int]
    /// For each index i, the first dynamic slot at or after i; `items.count` if none.
    private let nextDynamicSlot: [Int]

    /// Builds the layout of `template`.
    /// - Parameters:
    ///   - template: the template read by a reader.
    ///   - classifier: slot classification (configuration-aware).
    ///   - tokenCounter: token estimates for static text.
    ///   - unknownIsDynamic: whether unknown slots count as dynamic.
    public init(
        template: PromptTemplate, classifier: SlotClassifier = SlotClassifier(),
        tokenCounter: any TokenCounter = EstimatedTokenCounter(), unknownIsDynamic: Bool = true
    ) {
        self.template = template
        self.unknownIsDynamic = unknownIsDynamic
        var builder = LayoutBuilder(
            template: template, classifier: classifier, tokenCounter: tokenCounter, unknownIsDynamic: unknownIsDynamic)
        items = builder.build()
        breakpointMessages = template.messages.indices.filter { template.messages[$0].hasCacheBreakpoint }
        var suffix = Array(repeating: 0, count: items.count + 1)
        for i in stride(from: items.count - 1, through: 0, by: -1) {
            suffix[i] = suffix[i + 1] + items[i].staticTokens
        }
        suffixStatic = suffix
        var largest = Array(repeating: 0, count: items.count + 1)
        for i in stride(from: items.count - 1, through: 0, by: -1) {
            largest[i] = largest[i + 1] + items[i].largestStaticTokens
        }
        suffixLargest = largest
        var session = Array(repeating: items.count, count: items.count + 1)
        var history = session
        var dynamic = session
        for j in stride(from: items.count - 1, through: 0, by: -1) {
            session[j] = session[j + 1]
            history[j] = history[j + 1]
            dynamic[j] = dynamic[j + 1]
            guard let cls = items[j].slotClass, cls.isDynamic(unknownIsDynamic: unknownIsDynamic) else { continue }
            dynamic[j] = j
            if cls.kind == .history { history[j] = j }
            if cls.kind == .history || cls.kind == .attachment, !items[j].inDynamicLoop || items[j].slot?.isLoop == true {
                session[j] = j
            }
        }
        nextSessionSlot = session
        nextHistorySlot = history
        nextDynamicSlot = dynamic
    }

    /// True when item `i` is a slot whose value can change between requests (history included).
    public func isDynamic(_ i: Int) -> Bool {
        guard let c = items[i].slotClass else { return false }
        return c.isDynamic(unknownIsDynamic: unknownIsDynamic)
    }

    /// Total static tokens in the template (every conditional at its smallest branch).
    public var totalStaticTokens: Int { suffixStatic.first ?? 0 }

    /// Total static tokens when every conditional renders its largest branch.
    public var totalLargestStaticTokens: Int { suffixLargest.first ?? 0 }

    /// Static tokens strictly after item `i`.
    public func staticTokens(after i: Int) -> Int { suffixStatic[min(i + 1, items.count)] }

    /// Static tokens between item `i` and the next dynamic slot (or the end of the request): what a
    /// provider would add to the cached prefix if the value at `i` moved out of the way. Static text
    /// after a later dynamic slot is not counted, since that slot breaks the prefix again.
    public func staticTokensUntilNextDynamic(after i: Int) -> Int {
        let from = min(i + 1, items.count)
        return suffixStatic[from] - suffixStatic[nextDynamicSlot[from]]
    }

    /// For every item i, the static tokens after it that lie in stretches (runs of static text between
    /// two dynamic slots, or after the last one) of at least `minBlock` tokens. Shorter stretches label the
    /// values around them (`Here is the file:`) and move with them in a fix, so they are not counted.
    /// With `minBlock` 0 this is `staticTokens(after:)` for every item. With `largest`, every conditional
    /// counts its largest branch (`LayoutItem.largestStaticTokens`) instead of its smallest.
    ///
    /// A value written again after its first place (`$ARGUMENTS` named in ten sentences) does not end a
    /// stretch: the fix states it once after the static content and the text refers to it there, so the
    /// sentences around its repeats stay static.
    public func staticBlockTokensAfter(minBlock: Int, largest: Bool = false) -> [Int] {
        var result = Array(repeating: 0, count: items.count + 1)
        var counted = 0  // qualifying stretches after the current stretch
        var stretch = 0  // static tokens from the current position to the end of its stretch
        let repeats = repeatedValues()
        for i in stride(from: items.count - 1, through: 0, by: -1) {
            // result[i] counts what lies strictly after item i.
            result[i] = counted + (stretch >= minBlock ? stretch : 0)
            if isDynamic(i) && !repeats.contains(i) {
                counted = result[i]
                stretch = 0
            } else {
                stretch += largest ? items[i].largestStaticTokens : items[i].staticTokens
            }
        }
        return result
    }

    /// Indices of dynamic slots whose value (the same source text, outside loops) was already written at
    /// an earlier dynamic slot of the same request.
    func repeatedValues() -> Set<Int> {
        var seen: Set<String> = []
        var repeats: Set<Int> = []
        for i in items.indices where isDynamic(i) && !items[i].inDynamicLoop {
            guard let slot = items[i].slot else { continue }
            let key = slot.source.filter { !$0.isWhitespace }
            if !seen.insert(key).inserted { repeats.insert(i) }
        }
        return repeats
    }

    /// The conditions whose branch choice changes how much static content follows item `i`, the one that
    /// changes it most first: what a range of counts "depends on".
    public func alternativeConditions(after i: Int) -> [String] {
        var weight: [String: Int] = [:]
        var order: [String] = []
        for item in items[min(i + 1, items.count)...] where item.staticTokens != item.largestStaticTokens {
            guard let c = item.alternativeCondition else { continue }
            if weight[c] == nil { order.append(c) }
            weight[c, default: 0] += abs(item.largestStaticTokens - item.staticTokens)
        }
        return order.enumerated().sorted { a, b in
            let (wa, wb) = (weight[a.element] ?? 0, weight[b.element] ?? 0)
            return wa != wb ? wa > wb : a.offset < b.offset
        }.map(\.element)
    }

    /// Static tokens strictly before item `i`.
    public func staticTokens(before i: Int) -> Int { totalStaticTokens - suffixStatic[min(i, items.count)] }

    /// The first item after `i` that is a history slot, if any.
    public func historySlot(after i: Int) -> Int? {
        let j = nextHistorySlot[min(max(i + 1, 0), items.count)]
        return j < items.count ? j : nil
    }

    /// The first item after `i` whose content stays the same across the turns of a session (history,
    /// attached files) and so would be cached turn to turn if nothing volatile preceded it.
    public func sessionSlot(after i: Int) -> Int? {
        let j = nextSessionSlot[min(max(i + 1, 0), items.count)]
        return j < items.count ? j : nil
    }

    /// The first dynamic slot (of any kind), if any.
    public var firstDynamicIndex: Int? { items.indices.first { isDynamic($0) } }

    /// Static tokens of the cacheable prefix for `provider`: everything before the first dynamic slot,
    /// or, when the template has explicit breakpoints and the provider honours them, everything up to
    /// the last breakpoint that lies before the first dynamic slot.
    public func cacheablePrefixTokens(for provider: Provider) -> Int {
        let firstDynamic = firstDynamicIndex ?? items.count
        guard provider == .anthropic || provider == .bedrock, !breakpointMessages.isEmpty else {
            return staticTokens(before: firstDynamic)
        }
        let firstDynamicMessage = firstDynamic < items.count ? items[firstDynamic].messageIndex : Int.max
        guard let lastUsable = breakpointMessages.last(where: { $0 < firstDynamicMessage }) else { return 0 }
        let end = items.indices.first { items[$0].messageIndex > lastUsable } ?? items.count
        return staticTokens(before: end)
    }

    /// Where the cacheable prefix ends: the end of the last static block before the first dynamic slot.
    public var prefixEnd: SourcePosition {
        let firstDynamic = firstDynamicIndex ?? items.count
        guard let last = items[..<firstDynamic].lastIndex(where: { $0.staticTokens > 0 }) else { return .start }
        return items[last].position
    }
}

/// Values derived from one layout that more than one check needs (the volatile-literal scan serves PL002 and PL004),
/// computed on first use and kept for the layout's life: a request is linted by every rule over the same layout.
final class LayoutMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Any] = [:]

    /// The value stored under `key`, computed by `make` the first time (outside the lock: checks may run in parallel,
    /// and computing twice is harmless, since `make` is a pure function of the layout).
    func value<T>(_ key: String, _ make: () -> T) -> T {
        if let stored = lock.withLock({ values[key] }) as? T { return stored }
        let made = make()
        lock.withLock { values[key] = made }
        return made
    }
}
