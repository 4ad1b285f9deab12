// IEEE 754 half and bfloat16 bit patterns to Float, without relying on the platform's Float16 type.

/// Converts IEEE 754 binary16 bits to a `Float` (subnormals, infinities and NaN included).
///
/// Branches on the exponent, which is the fastest form for one block scale at a time (real scales are normal
/// numbers, so the branches predict perfectly). Whole rows of halves use `floatFromHalfBitsBranchFree`.
@inlinable
public func floatFromHalfBits(_ h: UInt16) -> Float {
    let sign = UInt32(h & 0x8000) << 16
    let exponent = UInt32(h >> 10) & 0x1F
    let mantissa = UInt32(h & 0x3FF)
    if exponent == 0 {
        if mantissa == 0 { return Float(bitPattern: sign) }
        // Subnormal: value = mantissa * 2^-24.
        let magnitude = Float(mantissa) * (1.0 / 16_777_216.0)
        return sign == 0 ? magnitude : -magnitude
    }
    if exponent == 0x1F {
        return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    }
    return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
}

/// Converts IEEE 754 binary16 bits to a `Float`, as `floatFromHalfBits`, without branches.
///
/// Selects only, so a loop over a row of halves vectorizes: the exponent and mantissa are moved into place and
/// rebiased; infinities and NaN get the rest of the exponent bias, and subnormals are normalized by adding 2^-14
/// as a normal float and subtracting it again (exact).
@inlinable
public func floatFromHalfBitsBranchFree(_ h: UInt16) -> Float {
    let shifted = UInt32(h & 0x7FFF) << 13
    let exponent = shifted & 0x0F80_0000
    var bits = shifted &+ 0x3800_0000  // rebias: (127 - 15) << 23
    if exponent == 0x0F80_0000 { bits &+= 0x3800_0000 }  // infinity or NaN: exponent 255
    let normal = Float(bitPattern: bits)
    let subnormal = Float(bitPattern: bits &+ 0x0080_0000) - Float(bitPattern: 0x3880_0000)  // minus 2^-14
    let magnitude = exponent == 0 ? subnormal : normal
    return Float(bitPattern: magnitude.bitPattern | UInt32(h & 0x8000) << 16)
}

/// Converts bfloat16 bits (the upper half of a binary32) to a `Float`.
@inlinable
public func floatFromBFloat16Bits(_ b: UInt16) -> Float {
    Float(bitPattern: UInt32(b) << 16)
}

/// Converts a `Float` to IEEE 754 binary16 bits, rounding to nearest even. Used to build test blocks.
public func halfBitsFromFloat(_ value: Float) -> UInt16 {
    let bits = value.bitPattern
    let sign = UInt16((bits >> 16) & 0x8000)
    let exponent = Int((bits >> 23) & 0xFF) - 127 + 15
    var mantissa = bits & 0x7F_FFFF
    if value.isNaN { return sign | 0x7E00 }
    if exponent >= 0x1F { return sign | 0x7C00 }
    if exponent <= 0 {
        if exponent < -10 { return sign }
        mantissa |= 0x80_0000
        let shift = UInt32(14 - exponent)
        var half = mantissa >> shift
        let remainder = mantissa & ((1 << shift) - 1)
        let halfway = UInt32(1) << (shift - 1)
        if remainder > halfway || (remainder == halfway && (half & 1) == 1) { half += 1 }
        return sign | UInt16(half)
    }
    var half = UInt32(exponent) << 10 | (mantissa >> 13)
    let remainder = mantissa & 0x1FFF
    if remainder > 0x1000 || (remainder == 0x1000 && (half & 1) == 1) { half += 1 }
    return sign | UInt16(truncatingIfNeeded: half)
}
