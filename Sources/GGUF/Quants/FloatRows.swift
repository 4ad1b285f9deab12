// Half and bfloat16 rows: one weight per two bytes.

/// Dequantizes `count` IEEE half values (branch-free conversion, so the loop vectorizes).
@inlinable
public func dequantizeRowF16(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for i in 0..<count {
        dst[i] = floatFromHalfBitsBranchFree(src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
    }
}

/// Dequantizes `count` bfloat16 values.
@inlinable
public func dequantizeRowBF16(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for i in 0..<count { dst[i] = floatFromBFloat16Bits(src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)) }
}
