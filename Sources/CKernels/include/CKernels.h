// Hand-written int8 kernels for the output layer's log-normaliser (no installed package multiplies int8 matrices
// with AVX2 / AVX-512 VNNI; OpenBLAS has float GEMM only). One entry point, three paths chosen at run time:
// AVX-512 VNNI, AVX2, and a portable scalar loop. All three return bit-identical results: the integer dot products
// are exact and the float epilogue is the same two multiplies in the same order.
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Rows of the weight matrix per packed panel.
#define CK_PANEL_ROWS 16
/// Longest row (k) the kernels accept.
#define CK_MAX_K 4096
/// Largest magnitude of a packed weight of the int8 logits kernels (7 bits): with activations biased to unsigned
/// bytes (a + 128 <= 255), 2 x 255 x 63 fits vpmaddubsw's int16 pair sums, so the AVX2 path needs no sign trick.
#define CK_WEIGHT_MAX 63

/// Kernel paths. `CK_PATH_AUTO` picks the fastest the CPU supports.
enum {
    CK_PATH_AUTO = 0,
    CK_PATH_SCALAR = 1,
    CK_PATH_AVX2 = 2,
    CK_PATH_AVX512VNNI = 3,
};

/// Bytes of one packed panel of 16 rows of length `k` (k a multiple of 4): 16 int32 row sums, 16 float row
/// scales, then k/4 groups of 16 rows x 4 bytes. A multiple of 64.
size_t ck_panel_bytes(int k);

/// 1 when this CPU (and OS) can run `path`, else 0. `CK_PATH_AUTO` and `CK_PATH_SCALAR` are always supported.
int ck_path_supported(int path);

/// The fastest supported path.
int ck_best_path(void);

/// Packs 16 int8 rows (`rows[r * k + i]`, each value in [-CK_WEIGHT_MAX, CK_WEIGHT_MAX]) and their scales into one
/// panel at `panel` (64-byte aligned, `ck_panel_bytes(k)` bytes).
void ck_pack_panel(const int8_t *rows, const float *scales, int k, void *panel);

/// Approximate logits of `tokens` int8 activation rows against `panel_count` consecutive panels:
///   out[t * ldo + j] = ((float)(sum_i a[t * k + i] * w_j[i]) * scale_j) * token_scale[t]
/// for j < 16 * panel_count (w_j the j-th packed row, values in [-CK_WEIGHT_MAX, CK_WEIGHT_MAX]). `a` holds values
/// in [-127, 127]; `a_biased` holds the same values as unsigned bytes a + 128 (that is a ^ 0x80), used by the
/// AVX2 and VNNI paths (which subtract 128 x the row sum). `panels` is 64-byte aligned.
/// Returns 0, or -1 when `k` is not a positive multiple of 4 up to CK_MAX_K or `path` is unsupported.
int ck_int8_logits(
    const void *panels, size_t panel_count, int k, const int8_t *a, const uint8_t *a_biased,
    const float *token_scale, int tokens, float *out, size_t ldo, int path);

/// Requantizes 16 rows of Q8_0 blocks (ggml block_q8_0: f16 scale, 32 int8; `row_bytes` apart, `rows` of them,
/// the rest of the panel zero) to one symmetric scale per row, max|w| / CK_WEIGHT_MAX with round to nearest (ties
/// away from zero), and packs them into `panel` as `ck_pack_panel` does. `k` is a multiple of 32 up to CK_MAX_K.
void ck_pack_q8_0_panel(const void *q8_rows, size_t row_bytes, int rows, int k, void *panel);

/// Largest of `n` floats (-INFINITY for n = 0).
float ck_max(const float *x, int n);

/// Writes the indices j < n with x[j] > threshold to `indices` (room for n) and returns how many.
int ck_indices_above(const float *x, int n, float threshold, int32_t *indices);

/// Folds `n` floats into a running (max, sum of exp(x - max)) pair: afterwards *sum is the sum of exp over all
/// values folded so far, relative to the new *max. exp is a Cephes-style polynomial (relative error < 1e-6).
void ck_fold_exp(const float *x, int n, float *max, float *sum);

/// Weights per block of the block-int8 linear layer (weights and activations each have one float scale per block).
#define CK_BLOCK 32

/// Bytes of one block-int8 panel of 16 rows of length `k` (k a multiple of 32): per block, 16 float scales then
/// 16 groups of 2 consecutive k x 16 rows of int8 weights (row r's pair at byte 2r of a group).
size_t ck_block_panel_bytes(int k);

/// Quantizes `row_count` (<= 16, the rest zero) float rows (`rows[r * k + i]`) per block of 32 to int8 and packs
/// them into `panel` (64-byte aligned, `ck_block_panel_bytes(k)` bytes). When `block_offsets` is given, the block
/// packed is w + block_offsets[r * k/32 + b] (the caller subtracts offset x block sum of the input afterwards).
/// A block's scale is `block_scales[r * k/32 + b]` when `block_scales` is given and that value is positive
/// (lossless for blocks that are a scale's magnitude times integers in [-127, 127], as ggml's Q8_0 / Q5_0 / Q4_0,
/// and Q4_K's sub-blocks shifted by their min), else max|w| / 127; values are rounded to nearest, ties away from
/// zero.
void ck_block_pack_panel(
    const float *rows, const float *block_scales, const float *block_offsets, int row_count, int k, void *panel);

/// Quantizes `tokens` float rows of `k` (a multiple of 32) per block of 32 to int16 with scale max|x| / 32767
/// (round to nearest, ties away from zero): values to `q` (tokens x k), scales to `scales` (tokens x k/32), and,
/// when `sums` is given, each block's float sum (added in order) to `sums` (tokens x k/32).
void ck_block_quantize(const float *x, int tokens, int k, int16_t *q, float *scales, float *sums);

/// A linear layer with int8 weights and int16 activations: for j < 16 * panel_count,
///   out[t * ldo + j] = sum over blocks b (in order) of ((float)(sum_{i in b} a[t*k+i] * w_j[i]) * ws_jb) * as_tb
/// accumulated in float from 0 without fused multiply-add, so every path gives the same bits. `a` and `ascale`
/// come from `ck_block_quantize`. Returns 0, or -1 when `k` is not a positive multiple of 32 up to CK_MAX_K or
/// `path` is unsupported.
int ck_block_matmul(
    const void *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo, int path);

/// Bytes of one panel of `ck_block16_pack_panel` (k a multiple of 32): per block of 32, 16 float scales of its
/// first half, 16 of its second half, then the int8 weights laid out as in `ck_block_pack_panel`.
size_t ck_block16_panel_bytes(int k);

/// As `ck_block_pack_panel` with one scale per 16 weights (`sub_scales[r * k/16 + s]`, used when positive, else
/// max|w| / 127 of those 16): lossless for blocks that are a scale times integers in [-127, 127] per 16 weights,
/// as ggml's Q6_K (d x scale_j per 16, times q - 32). `panel` is 64-byte aligned, `ck_block16_panel_bytes(k)`.
void ck_block16_pack_panel(const float *rows, const float *sub_scales, int row_count, int k, void *panel);

/// `ck_block_matmul` over panels of `ck_block16_pack_panel`: per block, the dot product of each half is scaled
/// by its own weight scale and added (first half first), then times the block's activation scale:
///   acc = acc + ((float)dot_h * ws_h) * as_tb,   h = 0, 1 per block b, in order.
/// Every path gives the same bits. Returns 0, or -1 as `ck_block_matmul`.
int ck_block16_matmul(
    const void *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo, int path);

/// A 64-bit checksum of `n` bytes (Fletcher sums over 32-bit words in 8 lanes, folded with FNV-1a; the length is
/// part of it). Detects truncated or damaged files; not a cryptographic hash.
uint64_t ck_checksum(const void *data, size_t n);

#endif
