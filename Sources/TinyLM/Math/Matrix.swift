import COpenBLAS

/// Thin wrappers over OpenBLAS's `cblas_sgemm` for the two products the model needs (row-major throughout).
enum Matrix {
    /// C[m×n] = A[m×k] · B[n×k]ᵀ (+ C when `accumulate`). B is stored as n rows of k: ggml's `[in, out]` weight.
    @inline(__always)
    static func multiplyTransposed(
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, k: Int, accumulate: Bool = false
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b,
            Int32(ldb), accumulate ? 1 : 0, c, Int32(ldc))
    }

    /// C[m×n] = A[m×k] · B[k×n].
    @inline(__always)
    static func multiply(
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, k: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b,
            Int32(ldb), 0, c, Int32(ldc))
    }

    /// Sets the number of threads OpenBLAS uses for the following products.
    static func setThreads(_ n: Int) {
        openblas_set_num_threads(Int32(n))
    }
}
