// The fast mode's packed weights (the int8 head, the block-int8 trunk) kept on disk between processes: packing
// them costs about a tenth of a short compression's CPU time, mapping them back from the page cache almost nothing.
// A cache file is used only when its header names this model file (size, modification time, inode), this packing
// code (`packVersion`) and the same section sizes, and its checksum matches; anything else (no file, a stale or
// damaged one, a folder that cannot be written) means packing in memory as before. Writes are atomic.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CKernels
import Foundation
import SafeIO

/// 64-byte aligned bytes owned by one object, freed with it.
final class AlignedBytes: @unchecked Sendable {
    /// The first byte.
    let base: UnsafeMutableRawPointer

    /// Allocates `count` bytes (at least one), aligned to `alignment`.
    init(count: Int, alignment: Int = 64) {
        base = .allocate(byteCount: max(1, count), alignment: alignment)
    }

    deinit { base.deallocate() }
}

/// The bytes of one kind of packed weights of one model, in sections (each 64-byte aligned): built in memory,
/// or mapped read-only from the cache file an earlier process wrote. Never written after `loadOrBuild` returns.
final class PackedWeightFile: @unchecked Sendable {
    /// Version of the packing code: bump it whenever a packed byte or the section order could change, so that cache
    /// files written by older code are rebuilt instead of read.
    /// 2: the output head's weights in 7 bits (`CK_WEIGHT_MAX`), for the AVX2 kernel without the sign trick.
    static let packVersion: UInt64 = 2
    /// Bytes before the first section (the header, padded to a page).
    static let headerBytes = 4096
    /// "PLPACK01" read as a little-endian integer.
    static let magic: UInt64 = 0x3130_4B43_4150_4C50
    /// Bytes per checksummed chunk (chunks are summed in parallel, then their checksums are checksummed in order).
    static let chunkBytes = 4 << 20

    /// Where the bytes came from.
    enum Origin: Sendable, Equatable {
        /// Packed by this process (and, when possible, written to the cache file).
        case built
        /// Mapped from a cache file.
        case loaded
    }

    /// The first byte of each section.
    let sections: [UnsafeMutableRawPointer]
    /// Where the bytes came from.
    let origin: Origin
    private let owned: AlignedBytes?
    private let mapping: (base: UnsafeMutableRawPointer, count: Int)?

    private init(sections: [UnsafeMutableRawPointer], origin: Origin, owned: AlignedBytes?, mapping: (UnsafeMutableRawPointer, Int)?) {
        self.sections = sections
        self.origin = origin
        self.owned = owned
        self.mapping = mapping
    }

    deinit {
        if let mapping { munmap(mapping.base, mapping.count) }
    }

    /// The packed weights of kind `kind` for the model file at `modelPath`: mapped from `cachePath` when that file
    /// is valid for this model, code and layout; otherwise `build` fills freshly allocated sections (every byte) and
    /// the result is written to `cachePath` (atomically; a failure to write is ignored, the bytes are still used).
    /// - Parameters:
    ///   - kind: up to 8 ASCII letters naming what is packed (part of the header).
    ///   - sectionSizes: bytes of each section.
    ///   - cachePath: the cache file, or nil for none.
    ///   - build: writes every section (`sections[i]` holds `sectionSizes[i]` bytes).
    static func loadOrBuild(
        kind: String, modelPath: String, sectionSizes: [Int], cachePath: String?,
        build: ([UnsafeMutableRawPointer]) -> Void
    ) -> PackedWeightFile {
        var offsets: [Int] = []
        var end = headerBytes
        for size in sectionSizes {
            offsets.append(end)
            end += (size + 63) / 64 * 64
        }
        let identity = modelIdentity(modelPath)
        let header = identity.map { expectedHeader(kind: kind, identity: $0, sectionSizes: sectionSizes, total: end) }
        if let cachePath, let header, let loaded = map(cachePath, header: header, total: end) {
            return PackedWeightFile(sections: offsets.map { loaded + $0 }, origin: .loaded, owned: nil, mapping: (loaded, end))
        }
        let bytes = AlignedBytes(count: end, alignment: 4096)
        // `build` writes every byte of each section; the header and the padding after each section are zeroed here
        // (not the whole allocation: its pages are touched once, by the packing).
        bytes.base.initializeMemory(as: UInt8.self, repeating: 0, count: headerBytes)
        for (offset, size) in zip(offsets, sectionSizes) {
            (bytes.base + offset + size).initializeMemory(as: UInt8.self, repeating: 0, count: (64 - size % 64) % 64)
        }
        let sections = offsets.map { bytes.base + $0 }
        build(sections)
        if let cachePath, var header {
            header[checksumIndex] = checksum(bytes.base + headerBytes, count: end - headerBytes)
            header.withUnsafeBytes { bytes.base.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            // Written only if the model is still the one identified above (it was not replaced while packing).
            if modelIdentity(modelPath) == identity {
                let data = Data(bytesNoCopy: bytes.base, count: end, deallocator: .none)
                try? FileWritePolicy.write(data, to: cachePath)
            }
        }
        return PackedWeightFile(sections: sections, origin: .built, owned: bytes, mapping: nil)
    }

    /// Position of the payload checksum in the header words.
    private static let checksumIndex = 9

    /// The model file's size, modification time (seconds, nanoseconds), inode and device; nil when it cannot be read.
    static func modelIdentity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [
            UInt64(info.st_size), UInt64(bitPattern: Int64(info.st_mtim.tv_sec)),
            UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)), UInt64(info.st_ino), UInt64(info.st_dev),
        ]
    }

    /// Header words: magic, pack version, kind, model identity (5 words), total bytes, checksum (0 here), section
    /// count, section sizes.
    private static func expectedHeader(kind: String, identity: [UInt64], sectionSizes: [Int], total: Int) -> [UInt64] {
        var kindWord: UInt64 = 0
        for (i, byte) in kind.utf8.prefix(8).enumerated() { kindWord |= UInt64(byte) << (8 * UInt64(i)) }
        let words = [magic, packVersion, kindWord] + identity + [UInt64(total), 0, UInt64(sectionSizes.count)]
            + sectionSizes.map { UInt64($0) }
        precondition(words.count * 8 <= headerBytes, "too many sections for the header")
        return words
    }

    /// Maps `path` and returns its base when its size, header and checksum are those expected; nil otherwise.
    private static func map(_ path: String, header: [UInt64], total: Int) -> UnsafeMutableRawPointer? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == total else { return nil }
        #if canImport(Glibc)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let pointer = mmap(nil, total, PROT_READ, flags, fd, 0), pointer != MAP_FAILED else { return nil }
        let words = UnsafeRawPointer(pointer).bindMemory(to: UInt64.self, capacity: header.count)
        var valid = (0..<header.count).allSatisfy { $0 == checksumIndex || words[$0] == header[$0] }
        if valid {
            valid = checksum(UnsafeRawPointer(pointer) + headerBytes, count: total - headerBytes) == words[checksumIndex]
        }
        if !valid {
            munmap(pointer, total)
            return nil
        }
        return pointer
    }

    /// `ck_checksum` of each `chunkBytes` chunk (in parallel), then of the chunks' checksums in order.
    static func checksum(_ bytes: UnsafeRawPointer, count: Int) -> UInt64 {
        let chunks = (count + chunkBytes - 1) / chunkBytes
        var sums = [UInt64](repeating: 0, count: chunks)
        sums.withUnsafeMutableBufferPointer { out in
            let out = out
            let parts = Parallel.split(chunks, parts: Parallel.workers)
            Parallel.forEach(parts.count) { p in
                for c in parts[p] {
                    let start = c * chunkBytes
                    out[c] = ck_checksum(bytes + start, min(chunkBytes, count - start))
                }
            }
        }
        return sums.withUnsafeBytes { ck_checksum($0.baseAddress!, $0.count) }
    }

    /// The cache file for weights of kind `kind` of the model at `modelPath`: in the promptlint cache folder, named
    /// after the model file; nil when that folder does not exist (nothing is created for a cache).
    static func defaultCachePath(kind: String, modelPath: String) -> String? {
        if let setting = ProcessInfo.processInfo.environment["PROMPTLINT_PACK_CACHE"], setting == "0" { return nil }
        let folder = ModelLocator.cacheDirectory()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        let name = (modelPath as NSString).lastPathComponent
        return folder + "/" + name + "." + kind + ".v\(packVersion).pack"
    }
}
