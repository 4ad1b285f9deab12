/// One demonstration of a few-shot prompt.
public struct FewShotExample: Sendable, Hashable {
    /// What the demonstration asks (a JSON `input`, or a plain block's header line without its `Question:` tag).
    public var input: String
    /// What it answers (a JSON `output`, or the rest of a plain block).
    public var output: String
    /// Its category, when given (a JSON `label`); used to keep every category represented.
    public var label: String?
    /// Every other member of a JSON example, in source order, passed through untouched.
    public var extra: [FewShotJSONMember]
    /// The text a prompt carries for this example: a plain block as written, else `input`, a newline and
    /// `output`. Token counts and embeddings use it.
    public var text: String
    /// The example exactly as written in the input (a plain block, a JSONL line, a JSON list element).
    public var source: String
    /// The JSON object it was read from, when it was read from JSON.
    public var object: FewShotJSON?

    /// An example. `text` defaults to `input`, a newline and `output`; `source` defaults to `text`.
    public init(
        input: String, output: String, label: String? = nil, extra: [FewShotJSONMember] = [],
        text: String? = nil, source: String? = nil, object: FewShotJSON? = nil
    ) {
        self.input = input
        self.output = output
        self.label = label
        self.extra = extra
        self.text = text ?? input + "\n" + output
        self.source = source ?? self.text
        self.object = object
    }

    /// The example as a JSON object: the object it was read from, else `input`, `output`, `label` (when set)
    /// and the extra members in their order.
    public var json: FewShotJSON {
        if let object { return object }
        var members = [FewShotJSONMember(key: "input", value: .string(input)), FewShotJSONMember(key: "output", value: .string(output))]
        if let label { members.append(FewShotJSONMember(key: "label", value: .string(label))) }
        return .object(members + extra)
    }
}
