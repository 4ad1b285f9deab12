import Foundation

/// A self-contained HTML page for a savings report: inline CSS and JavaScript, no network.
/// It holds a sortable table of templates, an inline-SVG bar chart of monthly cost now vs fixed, and for
/// each template its layout as a strip (static cached, static missed, dynamic), today and fixed.
public enum HTMLReport {
    /// The page. `findings` maps a report path to its number of findings (shown in the table).
    public static func render(_ report: SavingsReport, findings: [String: Int] = [:], title: String = "promptlint savings") -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(esc(title))</title>\n<style>\n\(css)\n</style>\n</head>\n<body>\n"
        h += "<h1>\(esc(title))</h1>\n"
        h += "<section class=\"totals\">"
        h += card("Cost per month now", "$" + money(report.costPerMonth))
        h += card("Cost per month fixed", "$" + money(report.costPerMonthFixed))
        h += card("Savings per month", "$" + money(report.savingsPerMonth), strong: true)
        h += card("Templates", "\(report.templates.count)")
        h += "</section>\n"
        h += "<details open class=\"assumptions\"><summary>Assumptions</summary><ul>"
        for line in report.assumptionLines { h += "<li>\(esc(line.trimmingCharacters(in: .whitespaces)))</li>" }
        h += "</ul></details>\n"
        if report.tokenizerIsFallback {
            h += "<p class=\"warning\">Token counts are a chars/4 estimate: the tokenizer file is missing (run <code>bash Scripts/setup.sh</code>).</p>\n"
        }
        h += "<h2>Monthly cost now vs fixed</h2>\n" + chart(report) + "\n"
        h += "<h2>Templates</h2>\n<p class=\"hint\">Click a column heading to sort.</p>\n" + "<div class=\"table-wrap\">" + table(report, findings: findings) + "</div>\n"
        h += "<h2>Layouts</h2>\n" + legend() + strips(report) + "\n"
        h += "<script>\n\(script)\n</script>\n</body>\n</html>\n"
        return h
    }

    static func card(_ label: String, _ value: String, strong: Bool = false) -> String {
        "<div class=\"card\(strong ? " strong" : "")\"><div class=\"label\">\(esc(label))</div><div class=\"value\">\(esc(value))</div></div>"
    }

    static func table(_ report: SavingsReport, findings: [String: Int]) -> String {
        let columns: [(String, Bool)] = [
            ("Template", false), ("Findings", true), ("Static tokens", true), ("Prefix today", true), ("Dynamic tokens", true),
            ("Cached now", true), ("Cached fixed", true), ("Requests/day", true), ("P(warm)", true), ("$/request now", true),
            ("$/request fixed", true), ("$/month now", true), ("$/month fixed", true), ("Saved/month", true),
        ]
        var h = "<table id=\"templates\" class=\"sortable\"><thead><tr>"
        for (i, (name, numeric)) in columns.enumerated() {
            h += "<th data-col=\"\(i)\" data-type=\"\(numeric ? "num" : "text")\" tabindex=\"0\">\(esc(name))</th>"
        }
        h += "</tr></thead><tbody>"
        for t in report.templates {
            let cells: [(String, String)] = [
                (t.label, t.label), ("\(findings[t.path] ?? 0)", "\(findings[t.path] ?? 0)"),
                ("\(t.staticTokens)", "\(t.staticTokens)"), ("\(t.prefixTokensNow)", "\(t.prefixTokensNow)"),
                ("\(t.dynamicTokens)", "\(t.dynamicTokens)"), ("\(t.cachedTokensNow)", "\(t.cachedTokensNow)"),
                ("\(t.cachedTokensFixed)", "\(t.cachedTokensFixed)"),
                (SavingsReport.number(t.requestsPerDay), "\(t.requestsPerDay)"),
                (String(format: "%.4f", t.warmProbability), "\(t.warmProbability)"),
                (String(format: "%.6f", t.costPerRequest), "\(t.costPerRequest)"),
                (String(format: "%.6f", t.costPerRequestFixed), "\(t.costPerRequestFixed)"),
                (money(t.costPerMonth), "\(t.costPerMonth)"), (money(t.costPerMonthFixed), "\(t.costPerMonthFixed)"),
                (money(t.savingsPerMonth), "\(t.savingsPerMonth)"),
            ]
            h += "<tr>"
            for (i, (shown, key)) in cells.enumerated() {
                h += "<td\(i == 0 ? " class=\"path\"" : "") data-sort=\"\(esc(key))\">\(esc(shown))</td>"
            }
            h += "</tr>"
        }
        h += "</tbody><tfoot><tr><td>Total</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td>"
        h += "<td>\(String(format: "%.6f", report.costPerRequest))</td><td>\(String(format: "%.6f", report.costPerRequestFixed))</td>"
        h += "<td>\(money(report.costPerMonth))</td><td>\(money(report.costPerMonthFixed))</td><td>\(money(report.savingsPerMonth))</td>"
        h += "</tr></tfoot></table>"
        return h
    }

    /// Horizontal grouped bars: now (grey) and fixed (green) per template, largest first (at most 40).
    static func chart(_ report: SavingsReport) -> String {
        let rows = report.templates.sorted { $0.costPerMonth > $1.costPerMonth }.prefix(40)
        guard !rows.isEmpty else { return "<p>No templates.</p>" }
        let labelWidth = 300.0, barWidth = 560.0, rowHeight = 30.0, top = 24.0
        let maxValue = max(rows.map(\.costPerMonth).max() ?? 0, 1e-9)
        let height = top + rowHeight * Double(rows.count) + 10
        var s = "<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(labelWidth + barWidth + 120))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"Monthly cost now and fixed per template\">"
        s += "<rect x=\"\(labelWidth)\" y=\"4\" width=\"12\" height=\"10\" class=\"now\"/><text x=\"\(labelWidth + 16)\" y=\"13\" class=\"small\">now</text>"
        s += "<rect x=\"\(labelWidth + 60)\" y=\"4\" width=\"12\" height=\"10\" class=\"fixed\"/><text x=\"\(labelWidth + 76)\" y=\"13\" class=\"small\">fixed</text>"
        for (i, t) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            let wNow = barWidth * t.costPerMonth / maxValue
            let wFixed = barWidth * t.costPerMonthFixed / maxValue
            let label = t.label.count > 44 ? "…" + t.label.suffix(43) : Substring(t.label)
            s += "<text x=\"\(labelWidth - 6)\" y=\"\(f(y + 15))\" text-anchor=\"end\" class=\"small\"><title>\(esc(t.label))</title>\(esc(String(label)))</text>"
            s += "<rect x=\"\(labelWidth)\" y=\"\(f(y + 2))\" width=\"\(f(max(wNow, 0.5)))\" height=\"11\" class=\"now\"><title>now $\(money(t.costPerMonth))/month</title></rect>"
            s += "<rect x=\"\(labelWidth)\" y=\"\(f(y + 14))\" width=\"\(f(max(wFixed, 0.5)))\" height=\"11\" class=\"fixed\"><title>fixed $\(money(t.costPerMonthFixed))/month</title></rect>"
            s += "<text x=\"\(f(labelWidth + max(wNow, 0.5) + 4))\" y=\"\(f(y + 12))\" class=\"small\">$\(money(t.costPerMonth))</text>"
            s += "<text x=\"\(f(labelWidth + max(wFixed, 0.5) + 4))\" y=\"\(f(y + 24))\" class=\"small\">$\(money(t.costPerMonthFixed))</text>"
        }
        return s + "</svg>"
    }

    static func legend() -> String {
        "<p class=\"legend\"><span class=\"sw static-cached\"></span> static, cached <span class=\"sw static-missed\"></span> static, sent uncached <span class=\"sw dynamic\"></span> dynamic (typical size)</p>"
    }

    static func strips(_ report: SavingsReport) -> String {
        let width = 720.0
        var h = "<div class=\"strips\">"
        for t in report.templates {
            let total = max(Double(t.inputTokens), 1)
            h += "<div class=\"strip-row\"><div class=\"strip-label\">\(esc(t.label))</div>"
            for (name, strip) in [("now", t.strip), ("fixed", t.fixedStrip)] {
                h += "<svg class=\"strip\" width=\"\(Int(width + 60))\" height=\"18\" xmlns=\"http://www.w3.org/2000/svg\">"
                h += "<text x=\"0\" y=\"13\" class=\"small\">\(name)</text>"
                var x = 44.0
                for seg in strip {
                    let w = width * Double(seg.tokens) / total
                    h += "<rect x=\"\(f(x))\" y=\"2\" width=\"\(f(max(w, 0.5)))\" height=\"14\" class=\"\(seg.kind.rawValue)\"><title>\(seg.kind.rawValue.replacingOccurrences(of: "-", with: " ")): \(seg.tokens) tokens</title></rect>"
                    x += w
                }
                h += "</svg>"
            }
            if !t.notes.isEmpty { h += "<div class=\"notes\">\(esc(t.notes.joined(separator: "; ")))</div>" }
            h += "</div>"
        }
        return h + "</div>"
    }

    static func money(_ d: Double) -> String { String(format: "%.2f", d) }
    static func f(_ d: Double) -> String { String(format: "%.1f", d) }

    /// Escapes text for HTML content and attributes.
    static func esc(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let css = """
    body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #1d2329; background: #fff; }
    h1 { font-size: 22px; margin: 0 0 12px; } h2 { font-size: 17px; margin: 28px 0 8px; }
    .totals { display: flex; gap: 12px; flex-wrap: wrap; }
    .card { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 14px; min-width: 150px; }
    .card .label { color: #57606a; font-size: 12px; } .card .value { font-size: 20px; font-weight: 600; }
    .card.strong .value { color: #1a7f37; }
    .assumptions { margin-top: 14px; color: #333; } .assumptions li { margin: 2px 0; font-size: 12.5px; }
    .warning { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px; border-radius: 6px; }
    .table-wrap { overflow-x: auto; max-width: 100%; }
    table { border-collapse: collapse; font-size: 12.5px; }
    th, td { border-bottom: 1px solid #e1e4e8; padding: 4px 8px; text-align: right; white-space: nowrap; }
    th { background: #f6f8fa; cursor: pointer; user-select: none; position: sticky; top: 0; }
    th.asc::after { content: " \\25B2"; } th.desc::after { content: " \\25BC"; }
    td.path, th:first-child, tfoot td:first-child { text-align: left; max-width: 420px; overflow: hidden; text-overflow: ellipsis; }
    tfoot td { font-weight: 600; border-top: 2px solid #999; }
    tbody tr:hover { background: #f6f8fa; }
    .hint { color: #57606a; font-size: 12px; margin: 0 0 6px; }
    svg text.small, .small { font-size: 11px; fill: #24292f; }
    rect.now { fill: #8c959f; } rect.fixed { fill: #2da44e; }
    .static-cached { fill: #2da44e; background: #2da44e; } .static-missed { fill: #cf222e; background: #cf222e; }
    .dynamic { fill: #0969da; background: #0969da; }
    .legend .sw { display: inline-block; width: 12px; height: 12px; vertical-align: -2px; margin: 0 4px 0 12px; }
    .strip-row { margin: 6px 0 10px; } .strip-label { font-size: 12.5px; font-family: ui-monospace, monospace; }
    .strip { display: block; } .notes { color: #57606a; font-size: 12px; }
    """

    static let script = """
    (function () {
      var table = document.getElementById('templates');
      if (!table) return;
      var headers = table.querySelectorAll('th');
      function sortBy(col, type, dir) {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute('data-sort'), y = b.cells[col].getAttribute('data-sort');
          var c = type === 'num' ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y);
          return dir * c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      Array.prototype.forEach.call(headers, function (th) {
        function activate() {
          var dir = th.classList.contains('desc') ? 1 : -1;
          Array.prototype.forEach.call(headers, function (h) { h.classList.remove('asc', 'desc'); });
          th.classList.add(dir === 1 ? 'asc' : 'desc');
          sortBy(parseInt(th.getAttribute('data-col'), 10), th.getAttribute('data-type'), dir);
        }
        th.addEventListener('click', activate);
        th.addEventListener('keydown', function (e) { if (e.key === 'Enter') activate(); });
      });
      var saved = table.querySelector('th[data-col="13"]');
      if (saved) saved.click();
    })();
    """
}
