import Foundation

/// A message built by a function of another module from values this module passes: `get_rag_system_prompt(docs)`
/// returning `SystemMessage(content=RULES + f"Context:\n{context}")`, sent here before the conversation.
/// The values enter the prompt at this call, so their slots are this file's arguments (at their own lines);
/// the other module's static text is kept for its size, and its own values stay with that module's report.
extension SourceAnalysis {
    /// The messages `call` (a function of another module) returns, with each parameter the text uses
    /// replaced by the argument this call passes; nil when the function is not another module's, builds
    /// no text, or uses no parameter in it.
    func foreignMessages(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard case .call(let callee, let args) = call.kind, let dotted = callee.dottedPath,
            let (other, function) = foreignCallable(dotted), let value = other.scopes[function].returns.last
        else { return nil }
        let arguments = args.byParameter(other.scopes[function].parameters)
        guard !arguments.isEmpty else { return nil }
        let built: [SourceMessage]
        if Self.buildsMessage(value) {
            built = other.messageList(SourceNode(kind: .list([value], isSet: false), range: value.range), scope: function)
        } else if case .list = value.kind {
            built = other.messageList(value, scope: function)
        } else if other.isTextual(value) {
            built = [SourceMessage(role: .system, segments: other.render(value, scope: function, bindings: Bindings()),
                                   position: source.position(call.range.lowerBound))]
        } else {
            return nil
        }
        var used = false
        let here = source.position(call.range.lowerBound)
        let messages = built.map { message -> SourceMessage in
            var m = message
            m.position = here
            m.segments = message.segments.compactMap { segment -> TemplateSegment? in
                switch segment {
                case .text(let t, _):
                    return .text(t, here)
                case .slot(let s):
                    guard let name = s.variable ?? Self.plainName(s.expression), let passed = arguments[name] else { return nil }
                    used = true
                    return slot(passed, scope: scope, bindings: Bindings())
                }
            }
            return m
        }
        return used ? messages : nil
    }

    /// The function of another module a dotted callee names: a function it defines, or an arrow function
    /// written as an entry of an object it exports (`export const Prompts = { planner: (plan: string) => `…` }`,
    /// called as `Prompts.planner(plan)`), with that function's scope there; nil otherwise.
    func foreignCallable(_ dotted: String) -> (SourceAnalysis, Int)? {
        switch foreign(dotted) {
        case .function(let other, let function)?:
            return (other, function)
        case .value(let other, let entry, let s)? where other.isFunctionLiteral(entry):
            guard let function = other.scopes.indices.first(where: { other.scopes[$0].parent == s && entry.range.contains(other.scopes[$0].offset) })
            else { return nil }
            return (other, function)
        default:
            return nil
        }
    }

    /// The plain name an expression is (`context`), or nil.
    private static func plainName(_ expression: String) -> String? {
        let trimmed = expression.trimmingCharacters(in: CharacterSet(charactersIn: "{} "))
        return trimmed.allSatisfy(\.isWordCharacter) && !trimmed.isEmpty ? trimmed : nil
    }
}
