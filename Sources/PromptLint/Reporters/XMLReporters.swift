import SafeIO

/// JUnit XML: one test case per file, failing with one `<failure>` per finding.
public enum JUnitReporter: Reporter {
    /// `junit`.
    public static let identifier = "junit"

    /// Renders the report.
    public static func generateReport(_ report: LintReport) -> String {
        let findings = report.findings
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"promptlint\" tests=\"\(report.files.count)\" failures=\"\(findings.count)\">\n"
        out += "  <testsuite name=\"promptlint\" tests=\"\(report.files.count)\" failures=\"\(findings.count)\" errors=\"0\">\n"
        for file in report.files {
            out += "    <testcase classname=\"promptlint\" name=\"\(xml(file.path))\""
            if file.findings.isEmpty {
                out += "/>\n"
                continue
            }
            out += ">\n"
            for f in file.findings {
                out += "      <failure type=\"\(f.severity.rawValue)\" message=\"\(xml("\(f.ruleID) \(f.message)"))\">"
                out += xml("\(f.path):\(f.line):\(f.column): \(f.ruleID) [\(f.ruleName)] \(f.message)")
                out += "</failure>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}

/// Checkstyle XML 4.3: `<file name><error line column severity message source/></file>`.
public enum CheckstyleReporter: Reporter {
    /// `checkstyle`.
    public static let identifier = "checkstyle"

    /// Renders the report.
    public static func generateReport(_ report: LintReport) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        for file in report.files {
            out += "  <file name=\"\(xml(file.path))\">\n"
            for f in file.findings {
                out += "    <error line=\"\(f.line)\" column=\"\(f.column)\" severity=\"\(f.severity.rawValue)\" "
                out += "message=\"\(xml(f.message))\" source=\"promptlint.\(f.ruleID).\(xml(f.ruleName))\"/>\n"
            }
            out += "  </file>\n"
        }
        return out + "</checkstyle>\n"
    }
}

/// Escapes text for XML attributes and content (`TextEscaping.xml`).
func xml(_ s: String) -> String { TextEscaping.xml(s) }
