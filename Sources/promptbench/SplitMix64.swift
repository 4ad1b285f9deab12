/// promptbench's seeded generator (SplitMix64, Steele, Lea and Flood 2014) for random baselines: the same
/// draws on every platform. (The tests have their own copy in the test support target: a tool does not link
/// test support, and no library of the package is the place for a random generator.)
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0 ..< n` (modulo: the bias is negligible for the small `n` drawn here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
