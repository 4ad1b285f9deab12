import Foundation

/// How a slot's typical size was chosen.
public struct SlotEstimate: Sendable, Hashable {
    /// The slot as written (`{{ question }}`).
    public var source: String
    /// The variable or collection it reads.
    public var name: String
    /// Its kind.
    public var kind: SlotKind
    /// True when it changes between requests (it breaks the prefix).
    public var isDynamic: Bool
    /// Typical tokens.
    public var tokens: Int
    /// Where the size came from: "sample value", "config", or "default (kind)".
    public var sizeSource: String
}

/// A run of tokens in request order, for the layout strip.
public struct LayoutStripSegment: Sendable, Hashable {
    /// What the run is.
    public enum Kind: String, Sendable, Hashable {
        /// Static tokens the provider caches.
        case staticCached = "static-cached"
        /// Static tokens that are sent uncached (after a dynamic value, or below the minimum).
        case staticMissed = "static-missed"
        /// Dynamic slot values.
        case dynamic
    }

    /// What the run is.
    public var kind: Kind
    /// How many tokens.
    public var tokens: Int
}

/// The estimate for one template (one request of a file; promptfoo files may hold several).
public struct TemplateSavings: Sendable {
    /// The file as reported.
    public var path: String
    /// The request within the file (0 for files with one).
    public var promptIndex: Int
    /// `path`, or `path#N` for the N-th request of a multi-prompt file.
    public var label: String
    /// The format it was read as.
    public var format: String
    /// Static tokens (text plus constant slots).
    public var staticTokens: Int
    /// Static tokens before the first dynamic value (or volatile literal): the cacheable prefix today.
    public var prefixTokensNow: Int
    /// Typical tokens of the dynamic slots.
    public var dynamicTokens: Int
    /// Input tokens per request.
    public var inputTokens: Int { staticTokens + dynamicTokens }
    /// Tokens cached per request today (prefix rounded to the provider's minimum and increment).
    public var cachedTokensNow: Int
    /// Tokens cached with static content first and dynamic slots after.
    public var cachedTokensFixed: Int
    /// Requests per day assumed.
    public var requestsPerDay: Double
    /// Chance a request finds the cache warm.
    public var warmProbability: Double
    /// Expected USD per request with today's layout.
    public var costPerRequest: Double
    /// Expected USD per request with the suggested layout.
    public var costPerRequestFixed: Double
    /// Days per month assumed.
    public var daysPerMonth: Double
    /// Slots and the sizes assumed for them.
    public var slots: [SlotEstimate]
    /// Today's layout in request order.
    public var strip: [LayoutStripSegment]
    /// Explanations (below minimum, no breakpoint, caching does not pay, …).
    public var notes: [String]

    /// USD saved per request by the fix.
    public var savingsPerRequest: Double { costPerRequest - costPerRequestFixed }
    /// USD per month today.
    public var costPerMonth: Double { costPerRequest * requestsPerDay * daysPerMonth }
    /// USD per month fixed.
    public var costPerMonthFixed: Double { costPerRequestFixed * requestsPerDay * daysPerMonth }
    /// USD saved per month.
    public var savingsPerMonth: Double { costPerMonth - costPerMonthFixed }
    /// The suggested layout as a strip.
    public var fixedStrip: [LayoutStripSegment] {
        [LayoutStripSegment(kind: .staticCached, tokens: cachedTokensFixed),
         LayoutStripSegment(kind: .staticMissed, tokens: staticTokens - cachedTokensFixed),
         LayoutStripSegment(kind: .dynamic, tokens: dynamicTokens)].filter { $0.tokens > 0 }
    }
}

/// Estimates per-template cost now and after moving dynamic slots behind the static content.
public struct SavingsEstimator: Sendable {
    /// Prices and caching rules.
    public let pricing: ModelPricing
    /// Token counts (already scaled by the model's factor).
    public let counter: any TokenCounter
    /// Traffic and slot-size assumptions.
    public let traffic: TrafficAssumptions

    /// Creates an estimator.
    public init(pricing: ModelPricing, counter: any TokenCounter, traffic: TrafficAssumptions) {
        self.pricing = pricing
        self.counter = counter
        self.traffic = traffic
    }

    /// Estimates every request of `template`.
    /// - Parameters:
    ///   - template: a template read by `TemplateReading`.
    ///   - classifier: the configuration's slot classifier.
    ///   - requestsPerDay: overrides the traffic settings for this template.
    public func estimate(_ template: PromptTemplate, classifier: SlotClassifier = SlotClassifier(),
                         requestsPerDay: Double? = nil) -> [TemplateSavings] {
        let parts = PromptLinter.requests(in: template)
        return parts.enumerated().map { index, part in
            let label = parts.count > 1 ? "\(template.path)#\(index + 1)" : template.path
            return estimate(part: part, index: parts.count > 1 ? index + 1 : 0, label: label, classifier: classifier,
                            requestsPerDay: requestsPerDay ?? traffic.requestsPerDay(for: template.path))
        }
    }

    private struct Piece {
        var tokens: Int
        var isStatic: Bool
        var breaks: Bool
    }

    private func estimate(part: PromptTemplate, index: Int, label: String, classifier: SlotClassifier,
                          requestsPerDay: Double) -> TemplateSavings {
        let layout = CacheLayout(template: part, classifier: classifier, tokenCounter: counter)
        var pieces: [Piece] = []
        var slots: [SlotEstimate] = []
        var notes: [String] = []
        var literalBreak: (piece: Int, tokensBefore: Int)?
        for (i, item) in layout.items.enumerated() {
            if let text = item.text {
                pieces.append(Piece(tokens: item.staticTokens, isStatic: !item.inDynamicLoop, breaks: false))
                if literalBreak == nil, !item.inDynamicLoop, let cut = Self.volatileLiteralStart(in: text) {
                    literalBreak = (pieces.count - 1, counter.count(String(text[..<cut])))
                }
                continue
            }
            guard let slot = item.slot, let cls = item.slotClass else { continue }
            let dynamic = layout.isDynamic(i)
            if item.inDynamicLoop || cls.kind == .structural || slot.isConditional || (slot.isLoop && !dynamic) {
                pieces.append(Piece(tokens: 0, isStatic: !dynamic, breaks: dynamic))
                continue
            }
            let (tokens, origin, name) = size(of: slot, kind: cls.kind, template: part)
            slots.append(SlotEstimate(source: slot.source, name: name, kind: cls.kind, isDynamic: dynamic, tokens: tokens,
                                      sizeSource: origin))
            pieces.append(Piece(tokens: tokens, isStatic: !dynamic, breaks: dynamic))
        }
        // Today's prefix: static pieces up to the first dynamic slot, or a volatile literal inside static text.
        var firstBreak = pieces.firstIndex { $0.breaks } ?? pieces.count
        var prefix = pieces[..<firstBreak].filter(\.isStatic).reduce(0) { $0 + $1.tokens }
        var literalCut: (piece: Int, tokensBefore: Int)?
        if let lit = literalBreak, lit.piece < firstBreak {
            prefix = pieces[..<lit.piece].filter(\.isStatic).reduce(0) { $0 + $1.tokens } + lit.tokensBefore
            firstBreak = lit.piece
            literalCut = lit
            notes.append("a literal timestamp or id in static text ends today's prefix")
        }
        if pricing.knownProvider == .anthropic || pricing.knownProvider == .bedrock {
            let marked = layout.breakpointMessages
            if part.format == .anthropicRequest && marked.isEmpty {
                prefix = 0
                notes.append("no cache_control breakpoint: nothing is cached today")
            } else if !marked.isEmpty {
                let breakMessage = firstBreak < layout.items.count ? layout.items[firstBreak].messageIndex : Int.max
                if let last = marked.last(where: { $0 < breakMessage }) {
                    let end = layout.items.firstIndex { $0.messageIndex > last } ?? layout.items.count
                    prefix = min(prefix, pieces[..<min(end, firstBreak)].filter(\.isStatic).reduce(0) { $0 + $1.tokens })
                } else {
                    prefix = 0
                    notes.append("every cache_control breakpoint comes after dynamic content")
                }
            }
        }
        let staticTokens = pieces.filter(\.isStatic).reduce(0) { $0 + $1.tokens }
        let dynamicTokens = pieces.filter { !$0.isStatic }.reduce(0) { $0 + $1.tokens }
        let input = staticTokens + dynamicTokens
        let minimum = pricing.minimumCacheableTokens
        let cachedNow = CacheArithmetic.cachedTokens(prefix: prefix, minimum: minimum, increment: pricing.increment)
        var cachedFixed = CacheArithmetic.cachedTokens(prefix: staticTokens, minimum: minimum, increment: pricing.increment)
        let warm = CacheArithmetic.warmProbability(requestsPerDay: requestsPerDay, ttlMinutes: pricing.ttlMinutes)
        func cost(_ cached: Int) -> Double {
            CacheArithmetic.costPerRequest(inputTokens: input, cachedTokens: cached, outputTokens: traffic.outputTokens,
                                           warm: warm, pricing: pricing)
        }
        let costNow = cost(cachedNow)
        var costFixed = cost(cachedFixed)
        if cachedFixed > 0, cost(0) < costFixed {
            costFixed = cost(0)
            notes.append(String(format: "caching does not pay at P(warm) %.3f (write surcharge): fixed cost assumes no cache breakpoint", warm))
            cachedFixed = 0
        }
        if prefix > 0 && prefix < minimum { notes.append("today's prefix (\(prefix)) is below the \(minimum)-token minimum") }
        if staticTokens < minimum { notes.append("all static content (\(staticTokens)) is below the \(minimum)-token minimum") }
        let strip = Self.strip(pieces: pieces, firstBreak: firstBreak, literalCut: literalCut, prefix: prefix, cached: cachedNow)
        return TemplateSavings(
            path: part.path, promptIndex: index, label: label, format: part.format.rawValue, staticTokens: staticTokens,
            prefixTokensNow: prefix, dynamicTokens: dynamicTokens, cachedTokensNow: cachedNow, cachedTokensFixed: cachedFixed,
            requestsPerDay: requestsPerDay, warmProbability: warm, costPerRequest: costNow, costPerRequestFixed: costFixed,
            daysPerMonth: traffic.daysPerMonth, slots: slots, strip: strip, notes: notes)
    }

    /// Typical tokens of a slot: the template's sample value, else configuration by name, else the kind's default.
    func size(of slot: TemplateSlot, kind: SlotKind, template: PromptTemplate) -> (Int, String, String) {
        let expression = slot.expression
        let name = slot.isLoop ? (LoopSyntax.collection(of: expression) ?? expression)
            : (slot.variable.flatMap { $0.isEmpty ? nil : $0 } ?? NameTokens.head(of: expression))
        let clean = name.trimmingCharacters(in: CharacterSet(charactersIn: "$ "))
        let root = String(clean.split(separator: ".").first ?? Substring(clean))
        for key in [clean, root] where !key.isEmpty {
            if let sample = template.sampleValues[key], !sample.isEmpty {
                return (counter.count(sample), "sample value", clean)
            }
        }
        for key in [clean.lowercased(), root.lowercased()] where !key.isEmpty {
            if let n = traffic.slotTokens[key] { return (n, "config", clean) }
        }
        return (traffic.kindTokens[kind] ?? TrafficAssumptions.defaultKindTokens[kind] ?? 0, "default (\(kind.rawValue))", clean)
    }

    /// Where the first volatile literal (timestamp, uuid, request id, "today is …") starts in `text`.
    static func volatileLiteralStart(in text: String) -> String.Index? {
        var first: String.Index?
        for pattern in VolatileLiteralCheck.defaultPatterns.values {
            guard let regex = try? TextMatch.regex(pattern) else { continue }
            let matches = ((try? TextMatch.matches(regex, in: text)) ?? []).filter { !LiteralContext.isQuoted($0.0, in: text) }
            if let (range, _) = matches.first, first.map({ range.lowerBound < $0 }) ?? true {
                first = range.lowerBound
            }
        }
        return first
    }

    private static func strip(pieces: [Piece], firstBreak: Int, literalCut: (piece: Int, tokensBefore: Int)?, prefix: Int,
                              cached: Int) -> [LayoutStripSegment] {
        var out: [LayoutStripSegment] = []
        func add(_ kind: LayoutStripSegment.Kind, _ n: Int) {
            guard n > 0 else { return }
            if let last = out.last, last.kind == kind { out[out.count - 1].tokens += n } else { out.append(.init(kind: kind, tokens: n)) }
        }
        var prefixLeft = prefix
        var cachedLeft = cached
        for (i, piece) in pieces.enumerated() {
            guard piece.tokens > 0 else { continue }
            guard piece.isStatic else { add(.dynamic, piece.tokens); continue }
            var inPrefix = 0
            if i < firstBreak {
                inPrefix = min(piece.tokens, prefixLeft)
            } else if let cut = literalCut, cut.piece == i {
                inPrefix = min(cut.tokensBefore, prefixLeft, piece.tokens)
            }
            prefixLeft -= inPrefix
            let c = min(inPrefix, cachedLeft)
            cachedLeft -= c
            add(.staticCached, c)
            add(.staticMissed, piece.tokens - c)
        }
        return out
    }
}
