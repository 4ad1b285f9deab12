// The fast mode's transformer trunk: every linear layer whose GGUF type repacks without loss (Q8_0, Q5_0, Q4_0,
// Q4_K, Q6_K) moved once to block int8 (`BlockInt8Matrix`, about 1.1 bytes per weight), built in parallel on first use;
// the others stay in float. Only the activations are rounded (to int16 per block of 32). The packed bytes are kept
// on disk for the next process (`PackedWeightFile`).
import Foundation
import GGUF

/// One block's seven linear layers in block int8 (nil: that layer multiplies in float).
struct Int8LayerWeights: Sendable {
    let query, key, value, output, gate, up, down: BlockInt8Matrix?
}

/// A model's trunk in block int8, shared by every fast session of the process.
final class Int8Trunk: Sendable {
    let layers: [Int8LayerWeights]
    /// The packed bytes of every matrix (built here, or mapped from the cache file of an earlier process).
    let packed: PackedWeightFile

    /// Packs the trunk of `weights` (from the model file at `modelPath`), or maps it from `cachePath` when a valid
    /// cache file is there (see `PackedWeightFile`).
    init(weights: Gemma3Weights, modelPath: String, cachePath: String?) {
        let tensors = weights.layers.flatMap { [$0.query, $0.key, $0.value, $0.output, $0.gate, $0.up, $0.down] }
        let sizes = tensors.map(BlockInt8Matrix.packedSizes)
        // Sections: each packed matrix's panels, then (Q4_K) its offsets; `first[i]` is matrix i's first section.
        var sectionSizes: [Int] = []
        var first: [Int?] = []
        for size in sizes {
            guard let size else { first.append(nil); continue }
            first.append(sectionSizes.count)
            sectionSizes.append(size.panels)
            if size.offsets > 0 { sectionSizes.append(size.offsets) }
        }
        func matrix(_ i: Int, _ sections: [UnsafeMutableRawPointer], pack: Bool) -> BlockInt8Matrix? {
            guard let s = first[i], let size = sizes[i] else { return nil }
            let offsets = size.offsets > 0 ? sections[s + 1].bindMemory(to: Float.self, capacity: size.offsets / 4) : nil
            return BlockInt8Matrix(tensors[i], panels: sections[s], negatedOffsets: offsets, pack: pack)
        }
        var builtMatrices: [BlockInt8Matrix?]?
        let packed = PackedWeightFile.loadOrBuild(
            kind: "trunk", modelPath: modelPath, sectionSizes: sectionSizes, cachePath: cachePath
        ) { sections in
            let built = UnsafeMutableBufferPointer<BlockInt8Matrix?>.allocate(capacity: tensors.count)
            built.initialize(repeating: nil)
            defer { built.deallocate() }
            // Each matrix is written by exactly one worker into its own slot and its own sections.
            Parallel.forEach(tensors.count) { i in built[i] = matrix(i, sections, pack: true) }
            builtMatrices = Array(built)
        }
        let matrices = builtMatrices ?? tensors.indices.map { matrix($0, packed.sections, pack: false) }
        self.packed = packed
        layers = stride(from: 0, to: matrices.count, by: 7).map { i in
            Int8LayerWeights(
                query: matrices[i], key: matrices[i + 1], value: matrices[i + 2], output: matrices[i + 3],
                gate: matrices[i + 4], up: matrices[i + 5], down: matrices[i + 6])
        }
    }

    /// The block-int8 trunk of `model`, built on first use and kept for the process.
    static func shared(for model: Gemma3Model) -> Int8Trunk {
        int8Trunks.value(for: model)
    }
}

/// Int8 trunks built once per model file and kept for the process.
private let int8Trunks = PerModelFileStore { model in
    PhaseTiming.measure("int8 trunk map/build") {
        Int8Trunk(
            weights: model.weights, modelPath: model.file.path,
            cachePath: PackedWeightFile.defaultCachePath(kind: "trunk", modelPath: model.file.path))
    }
}

extension Gemma3Model {
    /// Builds this model's block-int8 trunk for fast mode now (it is otherwise built by the first fast forward pass).
    public func prepareInt8Trunk() {
        _ = Int8Trunk.shared(for: self)
    }

    /// Starts mapping (or building) the fast mode's trunk and output head on a background thread and returns at
    /// once. Each is built once per process under its store's lock, so a fast pass that needs one before the thread
    /// is done waits for it instead of building it again.
    public func prepareFastWeightsInBackground() {
        let model = self
        let thread = Thread {
            _ = Int8Trunk.shared(for: model)
            _ = Int8OutputHead.shared(for: model)
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
