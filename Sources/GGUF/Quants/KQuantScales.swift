// The 6-bit scale/min packing shared by Q4_K and Q5_K (ggml-quants.c get_scale_min_k4).

/// Unpacks sub-block `j`'s 6-bit scale and 6-bit min from the 12 packed `scales` bytes of a Q4_K/Q5_K block.
///
/// Sub-blocks 0-3 keep their values in the low six bits of bytes j and j+4; sub-blocks 4-7 keep their low four
/// bits in byte j+4 and their top two bits in the spare high bits of bytes j-4 and j.
@inlinable
public func kQuantScaleMin(_ j: Int, _ scales: UnsafeRawPointer) -> (scale: UInt8, min: UInt8) {
    let q = { (i: Int) in scales.load(fromByteOffset: i, as: UInt8.self) }
    if j < 4 {
        return (q(j) & 63, q(j + 4) & 63)
    }
    let scale = (q(j + 4) & 0x0F) | ((q(j - 4) >> 6) << 4)
    let min = (q(j + 4) >> 4) | ((q(j) >> 6) << 4)
    return (scale, min)
}
