import TinyLM

/// LongLLMLingua's coarse ranking: the mean log-likelihood of the question given each unit alone
/// (higher = the unit explains the question better).
enum QuestionLikelihood {
    /// Rows of the output layer computed per call (the layer's weights are read once per call).
    static let rowsPerCall = 1024

    /// Mean log p(question token | BOS, unit, question tokens before) per unit; units with no tokens get nil.
    static func scores(model: Gemma3Model, bos: Int32, units: [[Int32]], question: [Int32]) throws -> [Double?] {
        guard !question.isEmpty else { return units.map { _ in nil } }
        let d = model.configuration.embeddingLength
        var pendingHidden: [Float] = []
        var pendingTargets: [Int32] = []
        var pendingOwners: [Int] = []
        var sums = [Double](repeating: 0, count: units.count)
        func flush() {
            guard !pendingTargets.isEmpty else { return }
            let lps = model.outputStatistics(hidden: pendingHidden, targets: pendingTargets).logProbabilities
            for (k, owner) in pendingOwners.enumerated() { sums[owner] += Double(lps[k]) }
            pendingHidden.removeAll(keepingCapacity: true)
            pendingTargets.removeAll(keepingCapacity: true)
            pendingOwners.removeAll(keepingCapacity: true)
        }
        for (u, ids) in units.enumerated() where !ids.isEmpty {
            var cache = model.makeCache()
            let prefix = try model.forward([bos] + ids, cache: &cache)
            let q = try model.forward(question, cache: &cache)
            pendingHidden += prefix[(prefix.count - d)...]
            pendingHidden += q[0..<((question.count - 1) * d)]
            pendingTargets += question
            pendingOwners += [Int](repeating: u, count: question.count)
            if pendingTargets.count >= rowsPerCall { flush() }
        }
        flush()
        return units.indices.map { units[$0].isEmpty ? nil : sums[$0] / Double(question.count) }
    }
}
