import Foundation

/// Liquid's clock: `{{ "now" | date: "%Y-%m-%d %H:%M", "Europe/Amsterdam" }}` (also `'now'`, `"today"`), the
/// current time formatted when the template is rendered. Voice-agent platforms (Vapi) render an assistant's
/// prompt this way when each call starts, so the text changes per call even though the code wrote a literal.
enum LiquidClock {
    /// `"now" | date` with its format (group 1 double-quoted, group 2 single-quoted), inside `{{ }}` or bare.
    private static let pattern = try? NSRegularExpression(
        pattern: #"^\s*["'](?:now|today)["']\s*\|\s*date\s*(?::\s*(?:"([^"]*)"|'([^']*)'))?"#)
    /// The same expression written with its braces in a longer text.
    private static let inText = try? NSRegularExpression(
        pattern: #"\{\{-?\s*["'](?:now|today)["']\s*\|\s*date\b[^}]*\}\}"#)

    /// The class of a Liquid clock expression (`"now" | date: "…"`), or nil for anything else: per request
    /// when the format keeps the time of day (or is not given), per day when it keeps only the date, constant
    /// when it keeps only the year or the zone.
    static func slotClass(_ expression: String) -> SlotClass? {
        guard let regex = pattern,
            let match = regex.firstMatch(in: expression, range: NSRange(expression.startIndex..., in: expression))
        else { return nil }
        let group = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
        let format = Range(group, in: expression).map { String(expression[$0]) }
        let quoted = "`\(expression)`"
        if let format, VolatileSources.keepsOnlyYearOrZone(method: "strftime", format: format) {
            let what = VolatileSources.yearOrZoneWords(format: format)
            return SlotClass(volatility: .constant, kind: .value, reason: "\(quoted) formats only \(what) of the current date")
        }
        if let format, VolatileSources.keepsOnlyDate(method: "strftime", format: format) {
            return SlotClass(volatility: .perDay, kind: .time, reason: "\(quoted) is Liquid's current date, rendered without the time of day")
        }
        return SlotClass(
            volatility: .perRequest, kind: .time,
            reason: "\(quoted) is Liquid's clock, rendered with the time of day each time the prompt is rendered (each call)")
    }

    /// The byte ranges (UTF-8 offsets) of Liquid clock expressions `{{ "now" | date … }}` written in `text`.
    static func ranges(in text: String) -> [Range<Int>] {
        guard text.contains("{{"), let regex = inText else { return [] }
        let utf16 = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: utf16).compactMap { match in
            guard let r = Range(match.range, in: text) else { return nil }
            let start = text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)
            return start..<(start + text[r].utf8.count)
        }
    }
}
