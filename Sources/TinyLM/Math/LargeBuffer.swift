// Large, long-lived weight buffers (the int8 output head: 170 MB) on 2 MB pages where the kernel offers them
// (Linux transparent huge pages in `madvise` mode): one page fault per 2 MB instead of 512 while the buffer is
// filled, and the head's product, which streams the whole buffer for every batch, walks 2 MB pages.
#if canImport(Glibc)
import Glibc
#endif

enum LargeBuffer {
    /// Alignment of the buffers: a huge page.
    static let hugePage = 2 << 20

    /// Uninitialized memory of `byteCount` bytes, 2 MB aligned, advised for huge pages on Linux (advice only:
    /// where the kernel declines, the buffer is ordinary memory). Free with `deallocate()`.
    static func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: hugePage)
        #if os(Linux)
        // Whole 2 MB pages only: the tail past the last one is not part of a huge page anyway.
        if byteCount >= hugePage { _ = madvise(buffer, byteCount / hugePage * hugePage, MADV_HUGEPAGE) }
        #endif
        return buffer
    }
}
