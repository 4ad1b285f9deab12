/// One example of a rule: a template text in a format, which must (or must not) trigger the rule.
public struct RuleExample: Sendable, Hashable {
    /// The format the text is read as.
    public var format: TemplateFormat
    /// The template text.
    public var text: String
    /// A file name to read it under (defaults to `example` plus the format's usual extension).
    public var path: String
    /// The profile the example is linted under (`profile: strict` in the YAML; `cost` otherwise).
    public var profile: LintProfile

    /// Creates an example.
    public init(format: TemplateFormat, text: String, path: String? = nil, profile: LintProfile = .cost) {
        self.format = format
        self.text = text
        self.path = path ?? "example.\(format.usualExtension)"
        self.profile = profile
    }
}

/// A rule as written in `Rules/*.yml`: its text, defaults, examples, and the check it parameterizes.
public struct RuleDefinition: Sendable, Hashable {
    /// The code, e.g. `PL001`.
    public var id: String
    /// The kebab-case name, e.g. `dynamic-content-in-cached-prefix`.
    public var name: String
    /// Default severity.
    public var severity: Severity
    /// Whether the rule runs when configuration does not mention it.
    public var enabledByDefault: Bool
    /// The message template; `{key}` placeholders are filled from the check's values.
    public var message: String
    /// Short description (one line) for listings and SARIF `shortDescription`.
    public var summary: String
    /// Why it matters.
    public var rationale: String
    /// How to fix it.
    public var fix: String
    /// Providers the rule applies to (empty means all).
    public var providers: [Provider]
    /// The Swift check the rule runs.
    public var check: String
    /// The check's parameters.
    public var parameters: RuleParameters
    /// Templates that must trigger the rule.
    public var triggeringExamples: [RuleExample]
    /// Templates that must not trigger the rule.
    public var nonTriggeringExamples: [RuleExample]
    /// The file the rule came from.
    public var sourcePath: String

    /// Creates a definition.
    public init(
        id: String, name: String, severity: Severity, enabledByDefault: Bool = true, message: String,
        summary: String, rationale: String, fix: String, providers: [Provider] = [], check: String,
        parameters: RuleParameters = RuleParameters(), triggeringExamples: [RuleExample] = [],
        nonTriggeringExamples: [RuleExample] = [], sourcePath: String = ""
    ) {
        self.id = id
        self.name = name
        self.severity = severity
        self.enabledByDefault = enabledByDefault
        self.message = message
        self.summary = summary
        self.rationale = rationale
        self.fix = fix
        self.providers = providers
        self.check = check
        self.parameters = parameters
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
        self.sourcePath = sourcePath
    }

    /// Fills `{key}` placeholders of `message` with `values`; unknown placeholders stay as written. One pass over
    /// the message: a value is never searched for placeholders itself, so the result does not depend on the order
    /// of `values`.
    public func formatMessage(_ values: [String: String]) -> String {
        var out = ""
        var rest = message[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(where: { $0 == "}" || $0 == "{" }), rest[close] == "}",
                let value = values[String(rest[afterOpen..<close])]
            {
                // A finding's message is one line: a value written over several lines (an expression in code)
                // is shown with its whitespace runs as single spaces (a leading space, which separates a sentence
                // the value adds, stays).
                out += value.contains(where: \.isNewline) ? Self.collapsingWhitespace(value) : value
                rest = rest[rest.index(after: close)...]
            } else {
                out += "{"
                rest = rest[afterOpen...]
            }
        }
        return out + rest
    }

    /// `text` with each run of whitespace (newlines included) as one space.
    static func collapsingWhitespace(_ text: String) -> String {
        var out = ""
        var inRun = false
        for character in text {
            if character.isWhitespace {
                if !inRun { out.append(" ") }
                inRun = true
            } else {
                out.append(character)
                inRun = false
            }
        }
        return out
    }
}

extension TemplateFormat {
    /// The extension files of this format usually have.
    public var usualExtension: String { FormatRegistry.descriptor(self).usualExtension }
}
