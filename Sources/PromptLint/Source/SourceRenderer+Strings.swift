import Foundation

/// Rendering string literals: plain and Liquid-clock text, `{name}` fields filled by `.format(...)`, and printf-style
/// `%` fields.
extension SourceAnalysis {
    func renderString(_ literal: StringLiteral, scope: Int, bindings: Bindings, fields: FieldValues?, depth: Int)
        -> [TemplateSegment]
    {
        var out: [TemplateSegment] = []
        let language: SourceLanguage = literal.prefix == "`" ? .script : .python
        for piece in literal.pieces {
            switch piece {
            case .text(let d):
                // A JS template literal's `${…}` are evaluated where it is written; its text may still hold
                // the `{name}` fields of the template object it becomes (`PromptTemplate.fromTemplate(`…`)`).
                if let fields, !literal.isInterpolated || language == .script {
                    out += braceFields(d, values: fields, bindings: bindings, depth: depth)
                } else if fields == nil, !literal.isInterpolated, language == .python, Self.holdsJinja(d.text) {
                    // A Jinja template kept as a Python string (`PROMPT = """…{{ now() }}…{% for e in entities %}…"""`),
                    // rendered later by `Template(PROMPT).render(…)` or a framework's template helper: its
                    // `{{ … }}` are the values it renders, read as a template file's are.
                    var jinja = FieldValues(scope: scope)
                    jinja.jinja = true
                    jinja.wholeJinjaFields = true
                    out += braceFields(d, values: jinja, bindings: bindings, depth: depth)
                } else if !d.text.isEmpty {
                    out += liquidClockSegments(d)
                }
            case .field(let f):
                let expression = SourceParser.field(f, language: language)
                if let e = expression, f.spec.isEmpty || f.spec == "!s",
                    let text = inlined(e, scope: scope, bindings: bindings, depth: depth)
                {
                    out += Self.entering(text, at: RelatedLocation(at(f.range.lowerBound), snippet: f.source))
                } else {
                    out.append(slot(expression, text: f.source, spec: f.spec, range: f.range, scope: scope, bindings: bindings))
                }
            }
        }
        return out
    }

    /// `segments`, text inlined into a prompt at `site` (the field that interpolates it), with each slot naming
    /// `site` as where its value enters the prompt (`TemplateSlot.enclosingSite`). Text inlined in turn into an
    /// outer prompt is stamped again, so the outermost field wins.
    static func entering(_ segments: [TemplateSegment], at site: RelatedLocation) -> [TemplateSegment] {
        segments.map { segment in
            guard case .slot(var s) = segment else { return segment }
            s.enclosingSite = site
            return .slot(s)
        }
    }

    /// Literal text, with each Liquid clock written in it (`'Today is {{"now" | date: "%Y-%m-%d %H:%M"}}.'`, which a
    /// voice-agent platform renders when each call starts) as a slot of its own; the text whole when it holds none.
    func liquidClockSegments(_ d: DecodedText) -> [TemplateSegment] {
        let clocks = LiquidClock.ranges(in: d.text)
        guard !clocks.isEmpty else { return [.text(d.text, at(d.map[0]))] }
        let bytes = Array(d.text.utf8)
        var out: [TemplateSegment] = []
        var last = 0
        for r in clocks {
            if r.lowerBound > last { out.append(.text(String(decoding: bytes[last..<r.lowerBound], as: UTF8.self), at(d.map[last]))) }
            let written = String(decoding: bytes[r], as: UTF8.self)
            let inner = written.dropFirst(2).dropLast(2).trimmingCharacters(in: CharacterSet(charactersIn: "- ").union(.whitespacesAndNewlines))
            var slot = TemplateSlot(expression: inner, variable: nil, source: written, position: at(d.map[r.lowerBound]))
            slot.provenance = LiquidClock.slotClass(inner)
            out.append(.slot(slot))
            last = r.upperBound
        }
        if last < bytes.count { out.append(.text(String(decoding: bytes[last...], as: UTF8.self), at(d.map[last]))) }
        return out
    }

    /// True for text written as a Jinja template: a statement tag (`{% if … %}`, `{%- for … %}`) and an
    /// expression (`{{ … }}`). A `str.format` template escapes braces as `{{`/`}}` but never writes `{%`.
    static func holdsJinja(_ text: String) -> Bool {
        guard let tag = text.range(of: "{%"), text.range(of: "%}", range: tag.upperBound..<text.endIndex) != nil else { return false }
        return text.contains("{{") && text.contains("}}")
    }

    /// The Python default a parameter `name` of `scope` or an enclosing function names, and that function's scope.
    func namedDefault(_ name: String, scope: Int) -> (SourceNode, Int)? {
        guard let owner = scopeDeclaring(parameter: name, from: scope) else { return nil }
        return scopes[owner].namedDefaults[name].map { ($0, owner) }
    }

    /// The scope, `scope` or the nearest enclosing one, whose function declares the parameter `name`.
    func scopeDeclaring(parameter name: String, from scope: Int) -> Int? {
        var owner: Int? = scope
        while let s = owner, !scopes[s].parameters.contains(name) { owner = scopes[s].parent }
        return owner
    }

    /// Splits decoded text at `{name}` fields (`{{`/`}}` are braces) and fills them from `values`.
    func braceFields(_ d: DecodedText, values: FieldValues, bindings: Bindings, depth: Int) -> [TemplateSegment] {
        let bytes = Array(d.text.utf8)
        var out: [TemplateSegment] = []
        var text: [UInt8] = []
        var textStart = 0
        var auto = 0
        var i = 0
        func flush() {
            if !text.isEmpty { out.append(.text(String(decoding: text, as: UTF8.self), at(d.map[textStart]))) }
            text.removeAll()
        }
        while i < bytes.count {
            let b = bytes[i]
            if values.jinja {
                // `{{ name }}`: the name is the expression's leading identifier (a filter may follow it).
                guard b == UInt8(ascii: "{"), i + 1 < bytes.count, bytes[i + 1] == b,
                    let close = ByteSearch.find(Array("}}".utf8), in: bytes, from: i + 2, to: min(bytes.count, i + 202)),
                    !bytes[(i + 2)..<close].contains(0x0A)
                else {
                    if text.isEmpty { textStart = i }
                    text.append(b)
                    i += 1
                    continue
                }
                flush()
                let inner = String(decoding: bytes[(i + 2)..<close], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                let name = String(inner.prefix(while: \.isWordCharacter))
                let written = String(decoding: bytes[i..<(close + 2)], as: UTF8.self)
                var s = FStringScanner.slot(name, source: written, position: at(d.map[i]))
                if values.wholeJinjaFields, values.named[name] == nil {
                    let expression = inner.trimmingCharacters(in: CharacterSet(charactersIn: "-+~ "))
                    let parts = ExpressionParts.jinja(expression)
                    s = TemplateSlot(expression: expression, variable: parts.variable, filters: parts.filters, source: written, position: at(d.map[i]))
                }
                if let value = values.named[name], case .slot(let t) = slot(value, scope: values.scope, bindings: bindings) {
                    s.provenance = t.provenance
                    s.expression = "\(name)=\(t.expression)"
                }
                out.append(.slot(s))
                i = close + 2
                textStart = i
                continue
            }
            if (b == UInt8(ascii: "{") || b == UInt8(ascii: "}")), i + 1 < bytes.count, bytes[i + 1] == b {
                if text.isEmpty { textStart = i }
                text.append(b)
                i += 2
                continue
            }
            if b == UInt8(ascii: "{"), let close = bytes[(i + 1)...].prefix(200).firstIndex(of: UInt8(ascii: "}")),
                !bytes[(i + 1)..<close].contains(0x0A)
            {
                flush()
                let inner = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                let name = String(inner.prefix { $0 != "!" && $0 != ":" && $0 != "." && $0 != "[" })
                    .trimmingCharacters(in: .whitespaces)
                let value: SourceNode? = Int(name).flatMap { $0 < values.positional.count ? values.positional[$0] : nil }
                    ?? (name.isEmpty ? (auto < values.positional.count ? values.positional[auto] : nil) : values.named[name])
                if name.isEmpty { auto += 1 }
                if value == nil, values.onlyNamed || values.complete {
                    // Not a field of the table: the braces are text (a code example, JSON); not a field the
                    // `.format` call fills: the call raises before any request is made.
                    if text.isEmpty { textStart = i }
                    text.append(b)
                    i += 1
                    continue
                }
                let position = at(d.map[i])
                let owner = values.owner ?? self
                let ownerBindings = values.owner == nil ? bindings : values.ownerBindings
                if let value, inner == name,
                    let text = owner.inlined(value, scope: values.scope, bindings: ownerBindings, depth: depth)
                {
                    out += text
                    i = close + 1
                    textStart = i
                    continue
                }
                var s = FStringScanner.slot(inner, source: "{\(inner)}", position: position)
                if value == nil, let set = values.setBy[name],
                    case .slot(let t) = set.owner.slot(set.value, scope: set.scope, bindings: Bindings())
                {
                    // Set by a helper of another module that the call at `set.site` runs: reported at that call,
                    // naming the field in the prompt's own file.
                    s.provenance = t.provenance
                    s.filters += t.filters
                    s.expression = "\(name)=\(t.expression)"
                    let line = set.owner.source.position(set.value.range.lowerBound).line
                    s.provenance?.reason += "; `\(set.helper)` (\(set.owner.path) line \(line)) sets it"
                    s.position = set.site
                    if owner !== self {
                        let site = source.position(d.map[i])
                        s.provenance?.reason += " and it fills `{\(inner)}` of the prompt in \(path) line \(site.line)"
                        s.promptSite = RelatedLocation(site, snippet: "{\(inner)}", path: path)
                    }
                } else if let value {
                    let traced = owner.slot(value, scope: values.scope, bindings: ownerBindings)
                    if case .slot(let t) = traced {
                        s.provenance = t.provenance
                        // `{contexto}` filled with `search_results`: when data flow found nothing and the field's
                        // name says nothing, the value's own name is what there is to judge.
                        let classifier = SlotClassifier()
                        if s.provenance == nil, classifier.nameClass(of: name) == nil, let own = t.variable,
                            var named = classifier.nameClass(of: own), [.documents, .time, .identifier].contains(named.kind),
                            named.volatility != .constant
                        {
                            named.evidence = .name
                            s.provenance = named
                        }
                        // `You are {name}.` filled with `agent_name` (`bot_name`, `assistant_persona`): the value's own
                        // name says it is the application's setting, which outweighs what the field's bare word suggests.
                        if s.provenance == nil, let own = t.variable, own != name, !own.contains("."),
                            var named = classifier.nameClass(of: own), named.volatility == .constant,
                            classifier.nameClass(of: name).map({ $0.volatility != .constant }) ?? true
                        {
                            named.evidence = .name
                            named.reason += " (it fills `{\(name)}`)"
                            s.provenance = named
                        }
                        s.filters += t.filters
                        s.expression = name.isEmpty ? t.expression : "\(name)=\(t.expression)"
                        if owner !== self {
                            // A prompt of this module filled in another file: reported at the value there.
                            s.position = t.position
                            s.source = t.source
                            let site = source.position(d.map[i])
                            s.provenance?.reason += "; it fills `{\(inner)}` of the prompt in \(path) line \(site.line)"
                            s.promptSite = RelatedLocation(site, snippet: "{\(inner)}", path: path)
                        }
                    }
                }
                out.append(.slot(s))
                i = close + 1
                textStart = i
                continue
            }
            if text.isEmpty { textStart = i }
            text.append(b)
            i += 1
        }
        flush()
        return out
    }

    /// A printf-style field (`%s`, `%5.2f`, `%(name)s`; group 1 the parenthesised name); compiled once.
    static let percentField = try? NSRegularExpression(pattern: #"%(\(\w+\))?[-#0 +]*\d*(\.\d+)?[sdrifgexXo]"#)

    /// Replaces `%s`, `%d`, `%(name)s` in rendered text with slots for `values`.
    func percentFields(_ segments: [TemplateSegment], values: FieldValues, bindings: Bindings, depth: Int)
        -> [TemplateSegment]
    {
        var out: [TemplateSegment] = []
        var index = 0
        for segment in segments {
            guard case .text(let text, let position) = segment,
                let regex = Self.percentField
            else {
                out.append(segment)
                continue
            }
            var last = text.startIndex
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let r = Range(match.range, in: text) else { continue }
                if last < r.lowerBound { out.append(.text(String(text[last..<r.lowerBound]), position.advanced(over: text[..<last]))) }
                let spot = position.advanced(over: text[..<r.lowerBound])
                let field = String(text[r])
                var value: SourceNode?
                if let nameRange = Range(match.range(at: 1), in: text) {
                    value = values.named[String(text[nameRange].dropFirst().dropLast())]
                } else if index < values.positional.count {
                    value = values.positional[index]
                    index += 1
                }
                let owner = values.owner ?? self
                let ownerBindings = values.owner == nil ? bindings : values.ownerBindings
                if let value, field == "%s", let text = owner.inlined(value, scope: values.scope, bindings: ownerBindings, depth: depth) {
                    out += text
                    last = r.upperBound
                    continue
                }
                var s = TemplateSlot(expression: field, source: field, position: spot)
                if let value, case .slot(let t) = owner.slot(value, scope: values.scope, bindings: ownerBindings) {
                    s = t
                    s.position = spot
                    s.source = field
                }
                out.append(.slot(s))
                last = r.upperBound
            }
            if last < text.endIndex { out.append(.text(String(text[last...]), position.advanced(over: text[..<last]))) }
        }
        return out
    }
}
