/// One text and its expected token ids from llama.cpp.
struct GoldenTokenizeCase: Sendable {
    let text: String
    /// `add_special` on, specials not parsed.
    let withBOS: [Int32]
    /// `add_special` off, specials not parsed.
    let noBOS: [Int32]
    /// `add_special` on, control tokens parsed.
    let special: [Int32]

    init(text: String, withBOS: String, noBOS: String, special: String) {
        func ids(_ s: String) -> [Int32] { s.split(separator: " ").map { Int32($0)! } }
        self.text = text
        self.withBOS = ids(withBOS)
        self.noBOS = ids(noBOS)
        self.special = ids(special)
    }
}
