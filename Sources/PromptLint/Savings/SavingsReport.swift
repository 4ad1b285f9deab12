import Foundation
import SafeIO

/// The estimates of one run, with the assumptions behind them (reports state every one).
public struct SavingsReport: Sendable {
    /// The model priced.
    public var pricing: ModelPricing
    /// The tokenizer used, as one line (`LoadedTokenCounter.summary`).
    public var tokenizer: String
    /// True when counts are the chars/4 fallback.
    public var tokenizerIsFallback: Bool
    /// Traffic and size assumptions.
    public var traffic: TrafficAssumptions
    /// Per template, in path order.
    public var templates: [TemplateSavings]

    /// Creates a report.
    public init(pricing: ModelPricing, tokenizer: String, tokenizerIsFallback: Bool, traffic: TrafficAssumptions,
                templates: [TemplateSavings]) {
        self.pricing = pricing
        self.tokenizer = tokenizer
        self.tokenizerIsFallback = tokenizerIsFallback
        self.traffic = traffic
        self.templates = templates.sorted { ($0.path, $0.promptIndex) < ($1.path, $1.promptIndex) }
    }

    /// The estimates for a reported file path.
    public func templates(forPath path: String) -> [TemplateSavings] { templates.filter { $0.path == path } }

    /// Sum of per-request cost today over templates.
    public var costPerRequest: Double { templates.reduce(0) { $0 + $1.costPerRequest } }
    /// Sum of per-request cost fixed.
    public var costPerRequestFixed: Double { templates.reduce(0) { $0 + $1.costPerRequestFixed } }
    /// Sum of per-request savings.
    public var savingsPerRequest: Double { templates.reduce(0) { $0 + $1.savingsPerRequest } }
    /// Monthly cost today, all templates.
    public var costPerMonth: Double { templates.reduce(0) { $0 + $1.costPerMonth } }
    /// Monthly cost fixed, all templates.
    public var costPerMonthFixed: Double { templates.reduce(0) { $0 + $1.costPerMonthFixed } }
    /// Monthly savings, all templates.
    public var savingsPerMonth: Double { templates.reduce(0) { $0 + $1.savingsPerMonth } }

    /// Header lines naming model, prices, tokenizer, traffic and slot-size assumptions.
    public var assumptionLines: [String] {
        let p = pricing
        var lines: [String] = []
        lines.append("Savings estimate for \(p.provider) \(p.id) (\(p.definedIn.isEmpty ? "pricing data" : PathUtil.relative(p.definedIn, to: FileManager.default.currentDirectoryPath)); source \(p.source), \(p.date))")
        var prices = "  prices per 1M tokens: input $\(Self.price(p.input)), cache write $\(Self.price(p.cacheWrite)), "
            + "cache read $\(Self.price(p.cachedRead)), output $\(Self.price(p.output)); "
        prices += "cached prefix >= \(p.minimumCacheableTokens) tokens in steps of \(p.increment), TTL \(Self.number(p.ttlMinutes)) min refreshed on hit"
        lines.append(prices)
        lines.append("  tokens: \(tokenizer)")
        var traffic = "  traffic: \(Self.number(self.traffic.requestsPerDay)) requests/day per template"
        if !self.traffic.perTemplate.isEmpty { traffic += " (\(self.traffic.perTemplate.count) per-template overrides)" }
        traffic += "; P(warm) = 1 - exp(-L*T), L = requests/day / 1440; output \(self.traffic.outputTokens) tokens/request; "
            + "\(Self.number(self.traffic.daysPerMonth)) days/month"
        lines.append(traffic)
        let kinds = SlotKind.allCases.filter { $0 != .structural }
            .map { "\($0.rawValue) \(self.traffic.kindTokens[$0] ?? 0)" }.joined(separator: ", ")
        lines.append("  slot sizes: the template's sample values, else traffic.slot-tokens in .promptlint.yml, else per kind: \(kinds)")
        lines.append("  cost/request = [cached x (P*read + (1-P)*write) + (input - cached) x input price + output x output price] / 1e6; "
            + "fixed = static content first, dynamic slots after")
        return lines
    }

    static func price(_ d: Double) -> String {
        var s = String(format: "%.4f", d)
        while s.hasSuffix("0"), let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) > 3 { s.removeLast() }
        return s
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(format: "%.2f", d)
    }

    static func usd(_ d: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", d) }
}

// MARK: - Text

extension SavingsReport {
    /// The text table appended to the text report.
    public func renderText() -> String {
        var out = "\n" + assumptionLines.joined(separator: "\n") + "\n\n"
        let header = ["TEMPLATE", "STATIC", "PREFIX", "DYNAMIC", "CACHED NOW", "CACHED FIXED", "P(WARM)", "$/REQ NOW",
                      "$/REQ FIXED", "$/MONTH NOW", "$/MONTH FIXED", "SAVED/MONTH"]
        var rows: [[String]] = templates.map { t in
            [DisplayText.escaped(t.label), "\(t.staticTokens)", "\(t.prefixTokensNow)", "\(t.dynamicTokens)", "\(t.cachedTokensNow)",
             "\(t.cachedTokensFixed)", String(format: "%.4f", t.warmProbability), Self.usd(t.costPerRequest, 6),
             Self.usd(t.costPerRequestFixed, 6), Self.usd(t.costPerMonth, 2), Self.usd(t.costPerMonthFixed, 2),
             Self.usd(t.savingsPerMonth, 2)]
        }
        rows.append(["TOTAL (\(templates.count) templates)", "", "", "", "", "", "", Self.usd(costPerRequest, 6),
                     Self.usd(costPerRequestFixed, 6), Self.usd(costPerMonth, 2), Self.usd(costPerMonthFixed, 2),
                     Self.usd(savingsPerMonth, 2)])
        let widths = header.indices.map { c in max(header[c].count, rows.map { $0[c].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        out += line(header)
        for (i, row) in rows.enumerated() {
            if i == rows.count - 1 { out += String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)) + "\n" }
            out += line(row)
        }
        let noted = templates.filter { !$0.notes.isEmpty || $0.slots.contains { $0.isDynamic } }
        if !noted.isEmpty { out += "\n" }
        for t in noted {
            let sizes = t.slots.filter(\.isDynamic).prefix(6).map { "\($0.name) \($0.tokens) (\($0.sizeSource))" }
            var parts: [String] = []
            if !sizes.isEmpty { parts.append("dynamic: " + sizes.joined(separator: ", ") + (t.slots.filter(\.isDynamic).count > 6 ? ", …" : "")) }
            parts += t.notes
            out += "  \(DisplayText.escaped(t.label)): \(DisplayText.escaped(parts.joined(separator: "; ")))\n"
        }
        if tokenizerIsFallback {
            out += "\nWARNING: token counts are a chars/4 estimate (--tokenizer-fallback); run `bash Scripts/setup.sh` for real counts.\n"
        }
        return out
    }
}

// MARK: - JSON and SARIF

extension SavingsReport {
    /// The four headline figures plus token details for one file (summed over its requests), or nil when none.
    public func jsonFields(forPath path: String) -> [String: JSONValue]? {
        let ts = templates(forPath: path)
        guard !ts.isEmpty else { return nil }
        var fields = Self.money(ts)
        fields["savings"] = .object([
            "static_tokens": .int(ts.reduce(0) { $0 + $1.staticTokens }),
            "prefix_tokens_now": .int(ts.reduce(0) { $0 + $1.prefixTokensNow }),
            "dynamic_tokens": .int(ts.reduce(0) { $0 + $1.dynamicTokens }),
            "cached_tokens_now": .int(ts.reduce(0) { $0 + $1.cachedTokensNow }),
            "cached_tokens_fixed": .int(ts.reduce(0) { $0 + $1.cachedTokensFixed }),
            "requests_per_day": .number(ts[0].requestsPerDay),
            "warm_probability": .number(ts[0].warmProbability),
            "cost_per_month_usd": .number(ts.reduce(0) { $0 + $1.costPerMonth }),
            "cost_per_month_fixed_usd": .number(ts.reduce(0) { $0 + $1.costPerMonthFixed }),
            "slots": .array(ts.flatMap(\.slots).map { s in
                .object(["slot": .string(s.source), "name": .string(s.name), "kind": .string(s.kind.rawValue),
                         "dynamic": .bool(s.isDynamic), "tokens": .int(s.tokens), "size_source": .string(s.sizeSource)])
            }),
            "notes": .array(ts.flatMap(\.notes).map { .string($0) }),
        ])
        return fields
    }

    /// Summary fields: the four figures summed, and the assumptions under `savings`.
    public var jsonSummary: [String: JSONValue] {
        var fields = Self.money(templates)
        fields["savings"] = .object([
            "provider": .string(pricing.provider), "model": .string(pricing.id),
            "pricing_source": .string(pricing.source), "pricing_date": .string(pricing.date),
            "tokenizer": .string(tokenizer), "tokenizer_fallback": .bool(tokenizerIsFallback),
            "requests_per_day": .number(traffic.requestsPerDay), "output_tokens": .int(traffic.outputTokens),
            "days_per_month": .number(traffic.daysPerMonth), "templates": .int(templates.count),
            "cost_per_month_usd": .number(costPerMonth), "cost_per_month_fixed_usd": .number(costPerMonthFixed),
            "slot_kind_tokens": .object(Dictionary(uniqueKeysWithValues: traffic.kindTokens.map { ($0.key.rawValue, JSONValue.int($0.value)) })),
        ])
        return fields
    }

    static func money(_ ts: [TemplateSavings]) -> [String: JSONValue] {
        [
            "cost_per_request_usd": .number(ts.reduce(0) { $0 + $1.costPerRequest }),
            "cost_per_request_fixed_usd": .number(ts.reduce(0) { $0 + $1.costPerRequestFixed }),
            "savings_per_request_usd": .number(ts.reduce(0) { $0 + $1.savingsPerRequest }),
            "savings_per_month_usd": .number(ts.reduce(0) { $0 + $1.savingsPerMonth }),
        ]
    }

    /// SARIF `run.properties`: totals and assumptions.
    public var sarifRunProperties: JSONValue { .object(["promptlint.savings": .object(jsonSummary)]) }

    /// SARIF `result.properties` for a finding in `path`.
    public func sarifResultProperties(forPath path: String) -> JSONValue? {
        guard var fields = jsonFields(forPath: path) else { return nil }
        fields["savings"] = nil
        return .object(fields)
    }
}

extension JSONValue {
    /// JSON text of a number: integers without a fraction, others rounded to 10 decimals.
    static func formatNumber(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let rounded = (d * 1e10).rounded() / 1e10
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        return "\(rounded)"
    }
}
