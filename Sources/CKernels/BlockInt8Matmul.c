// The block-int8 linear layer declared in CKernels.h: int8 weights times int16 activations, one float scale per
// block of 32 along k on each side (ggml's Q8_0 granularity for the weights; int16 activations because int8 ones
// cost 10x the accuracy budget of the fast mode across 18 layers). A scalar reference, AVX2 (vpmaddwd) and AVX-512
// VNNI (vpdpwssd) paths. Written here; no installed package multiplies block-scaled integer matrices.
//
// Panel layout (16 rows, k a multiple of 32): for each block of 32, 16 float row scales (64 bytes), then 16 groups
// of 2 consecutive k x 16 rows (32 bytes each: row r's pair at 2r), sign-extended to int16 in registers so that
// one 32-bit lane holds one row's pair for vpdpwssd / vpmaddwd against a broadcast activation pair.
//
// Every path computes the same exact int32 dot product per block, then the same float epilogue in the same order:
//   acc = acc + ((float)dot_b * weight_scale_b) * activation_scale_b,   blocks b in increasing order,
// with no fused multiply-add (contraction is off in this file), so all paths give bit-identical results.
#pragma clang fp contract(off)
#include "CKernels.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CK_X86 1
#endif

enum { BLK = CK_BLOCK, BLOCK_BYTES = 64 + CK_PANEL_ROWS * CK_BLOCK };

size_t ck_block_panel_bytes(int k) { return (size_t)(k / BLK) * BLOCK_BYTES; }

// With `given` > 0 the block is quantized to round(x / given) (exact when x = given x integer, as in Q8_0 / Q5_0 /
// Q4_0 blocks); otherwise to the scale max|x| / 127.
static float quantize_block_with(const float *x, float given, int8_t *q) {
    if (given > 0 && isfinite(given)) {
        for (int i = 0; i < BLK; i++) {
            float v = roundf(x[i] / given);
            q[i] = (int8_t)(v > 127 ? 127 : v < -127 ? -127 : v);
        }
        return given;
    }
    float largest = 0;
    for (int i = 0; i < BLK; i++) {
        float v = fabsf(x[i]);
        if (v > largest) largest = v;
    }
    if (!(largest > 0) || !isfinite(largest)) {
        memset(q, 0, BLK);
        return 0;
    }
    float inverse = 127.0f / largest;
    for (int i = 0; i < BLK; i++) {
        float v = roundf(x[i] * inverse);
        q[i] = (int8_t)(v > 127 ? 127 : v < -127 ? -127 : v);
    }
    return largest / 127.0f;
}


void ck_block_pack_panel(
    const float *rows, const float *block_scales, const float *block_offsets, int row_count, int k, void *panel) {
    uint8_t *p = (uint8_t *)panel;
    int8_t q[BLK];
    float shifted[BLK];
    for (int b = 0; b < k / BLK; b++) {
        uint8_t *block = p + (size_t)b * BLOCK_BYTES;
        float scales[CK_PANEL_ROWS];
        for (int r = 0; r < CK_PANEL_ROWS; r++) {
            if (r < row_count) {
                size_t at = (size_t)r * (k / BLK) + b;
                float given = block_scales ? block_scales[at] : 0;
                float offset = block_offsets ? block_offsets[at] : 0;
                for (int i = 0; i < BLK; i++) shifted[i] = rows[(size_t)r * k + b * BLK + i] + offset;
                scales[r] = quantize_block_with(shifted, given, q);
            } else {
                scales[r] = 0;
                memset(q, 0, BLK);
            }
            for (int i = 0; i < BLK; i++) block[64 + (i / 2) * 32 + r * 2 + i % 2] = (uint8_t)q[i];
        }
        memcpy(block, scales, sizeof scales);
    }
}

void ck_block_quantize(const float *x, int tokens, int k, int16_t *q, float *scales, float *sums) {
    int blocks = k / BLK;
    for (int t = 0; t < tokens; t++) {
        for (int b = 0; b < blocks; b++) {
            size_t at = (size_t)t * k + (size_t)b * BLK;
            if (sums) {
                float sum = 0;
                for (int i = 0; i < BLK; i++) sum = sum + x[at + i];
                sums[(size_t)t * blocks + b] = sum;
            }
            float largest = 0;
            for (int i = 0; i < BLK; i++) {
                float v = fabsf(x[at + i]);
                largest = v > largest ? v : largest;
            }
            if (!(largest > 0) || !isfinite(largest)) {
                memset(q + at, 0, BLK * sizeof(int16_t));
                scales[(size_t)t * blocks + b] = 0;
                continue;
            }
            float inverse = 32767.0f / largest;
            for (int i = 0; i < BLK; i++) {
                float v = roundf(x[at + i] * inverse);
                q[at + i] = (int16_t)(v > 32767 ? 32767 : v < -32767 ? -32767 : v);
            }
            scales[(size_t)t * blocks + b] = largest / 32767.0f;
        }
    }
}

static void block_scalar(
    const uint8_t *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo) {
    size_t bytes = ck_block_panel_bytes(k);
    int blocks = k / BLK;
    for (size_t p = 0; p < panel_count; p++) {
        const uint8_t *panel = panels + p * bytes;
        for (int t = 0; t < tokens; t++) {
            for (int r = 0; r < CK_PANEL_ROWS; r++) {
                float acc = 0;
                for (int b = 0; b < blocks; b++) {
                    const uint8_t *block = panel + (size_t)b * BLOCK_BYTES;
                    float ws;
                    memcpy(&ws, block + 4 * r, 4);
                    const int16_t *x = a + (size_t)t * k + (size_t)b * BLK;
                    const int8_t *w = (const int8_t *)(block + 64);
                    int32_t dot = 0;
                    for (int i = 0; i < BLK; i++) dot += (int32_t)x[i] * (int32_t)w[(i / 2) * 32 + r * 2 + i % 2];
                    acc = acc + ((float)dot * ws) * ascale[(size_t)t * blocks + b];
                }
                out[(size_t)t * ldo + p * CK_PANEL_ROWS + r] = acc;
            }
        }
    }
}

#ifdef CK_X86

static inline int32_t load4(const void *p) {
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

// The last, partial tile of `tile` tokens: the rows from `full` on copied into zeroed buffers (`pad` holds
// `tile` rows of `k`, `pad_scale` `tile` rows of `k / BLK` block scales), so the tile loop reads whole tiles.
static void pad_tail_tile(const int16_t *a, const float *ascale, int tokens, int full, int k, int tile, int16_t *pad,
                          float *pad_scale) {
    int blocks = k / BLK;
    memset(pad, 0, (size_t)tile * CK_MAX_K * sizeof(int16_t));
    memset(pad_scale, 0, (size_t)tile * (CK_MAX_K / BLK) * sizeof(float));
    memcpy(pad, a + (size_t)full * k, (size_t)(tokens - full) * k * sizeof(int16_t));
    memcpy(pad_scale, ascale + (size_t)full * blocks, (size_t)(tokens - full) * blocks * sizeof(float));
}

// AVX2: 2 tokens x one panel (two 8-row halves) per tile.
#define B_AVX2_TOKENS 2
__attribute__((target("avx2,fma"))) static void block_avx2(
    const uint8_t *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo) {
    size_t bytes = ck_block_panel_bytes(k);
    int blocks = k / BLK;
    int16_t pad[B_AVX2_TOKENS * CK_MAX_K];
    float pad_scale[B_AVX2_TOKENS * (CK_MAX_K / BLK)];
    int full = tokens / B_AVX2_TOKENS * B_AVX2_TOKENS;
    if (full < tokens) pad_tail_tile(a, ascale, tokens, full, k, B_AVX2_TOKENS, pad, pad_scale);
    for (size_t p = 0; p < panel_count; p++) {
        const uint8_t *panel = panels + p * bytes;
        for (int t0 = 0; t0 < tokens; t0 += B_AVX2_TOKENS) {
            const int16_t *x = t0 < full ? a + (size_t)t0 * k : pad;
            const float *xs = t0 < full ? ascale + (size_t)t0 * blocks : pad_scale;
            int n = tokens - t0 < B_AVX2_TOKENS ? tokens - t0 : B_AVX2_TOKENS;
            __m256 facc[2 * B_AVX2_TOKENS];
            for (int i = 0; i < 2 * B_AVX2_TOKENS; i++) facc[i] = _mm256_setzero_ps();
            for (int b = 0; b < blocks; b++) {
                const uint8_t *block = panel + (size_t)b * BLOCK_BYTES;
                __m256i acc[2 * B_AVX2_TOKENS];
                for (int i = 0; i < 2 * B_AVX2_TOKENS; i++) acc[i] = _mm256_setzero_si256();
                for (int g = 0; g < BLK / 2; g++) {
                    __m256i lo = _mm256_cvtepi8_epi16(_mm_load_si128((const __m128i *)(block + 64 + g * 32)));
                    __m256i hi = _mm256_cvtepi8_epi16(_mm_load_si128((const __m128i *)(block + 80 + g * 32)));
                    for (int i = 0; i < B_AVX2_TOKENS; i++) {
                        __m256i v = _mm256_set1_epi32(load4(x + (size_t)i * k + b * BLK + 2 * g));
                        acc[2 * i] = _mm256_add_epi32(acc[2 * i], _mm256_madd_epi16(lo, v));
                        acc[2 * i + 1] = _mm256_add_epi32(acc[2 * i + 1], _mm256_madd_epi16(hi, v));
                    }
                }
                __m256 ws_lo = _mm256_load_ps((const float *)block);
                __m256 ws_hi = _mm256_load_ps((const float *)(block + 32));
                for (int i = 0; i < B_AVX2_TOKENS; i++) {
                    __m256 s = _mm256_set1_ps(xs[(size_t)i * blocks + b]);
                    facc[2 * i] = _mm256_add_ps(facc[2 * i], _mm256_mul_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(acc[2 * i]), ws_lo), s));
                    facc[2 * i + 1] =
                        _mm256_add_ps(facc[2 * i + 1], _mm256_mul_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(acc[2 * i + 1]), ws_hi), s));
                }
            }
            for (int i = 0; i < n; i++) {
                float *o = out + (size_t)(t0 + i) * ldo + p * CK_PANEL_ROWS;
                _mm256_storeu_ps(o, facc[2 * i]);
                _mm256_storeu_ps(o + 8, facc[2 * i + 1]);
            }
        }
    }
}

// AVX-512 VNNI: 4 tokens x two panels (32 rows) per tile; 8 int32 and 8 float accumulators.
#define B_VNNI_TOKENS 4
__attribute__((target("avx512f,avx512bw,avx512vnni"))) static void block_vnni(
    const uint8_t *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo) {
    size_t bytes = ck_block_panel_bytes(k);
    int blocks = k / BLK;
    int16_t pad[B_VNNI_TOKENS * CK_MAX_K];
    float pad_scale[B_VNNI_TOKENS * (CK_MAX_K / BLK)];
    int full = tokens / B_VNNI_TOKENS * B_VNNI_TOKENS;
    if (full < tokens) pad_tail_tile(a, ascale, tokens, full, k, B_VNNI_TOKENS, pad, pad_scale);
    for (size_t p = 0; p < panel_count; p += 2) {
        int two = p + 1 < panel_count;
        const uint8_t *p0 = panels + p * bytes;
        const uint8_t *p1 = two ? p0 + bytes : p0;
        for (int t0 = 0; t0 < tokens; t0 += B_VNNI_TOKENS) {
            const int16_t *x = t0 < full ? a + (size_t)t0 * k : pad;
            const float *xs = t0 < full ? ascale + (size_t)t0 * blocks : pad_scale;
            int n = tokens - t0 < B_VNNI_TOKENS ? tokens - t0 : B_VNNI_TOKENS;
            __m512 f0[B_VNNI_TOKENS], f1[B_VNNI_TOKENS];
            for (int i = 0; i < B_VNNI_TOKENS; i++) f0[i] = f1[i] = _mm512_setzero_ps();
            for (int b = 0; b < blocks; b++) {
                const uint8_t *w0 = p0 + (size_t)b * BLOCK_BYTES;
                const uint8_t *w1 = p1 + (size_t)b * BLOCK_BYTES;
                __m512i acc0[B_VNNI_TOKENS], acc1[B_VNNI_TOKENS];
                for (int i = 0; i < B_VNNI_TOKENS; i++) acc0[i] = acc1[i] = _mm512_setzero_si512();
                for (int g = 0; g < BLK / 2; g++) {
                    __m512i v0 = _mm512_cvtepi8_epi16(_mm256_load_si256((const __m256i *)(w0 + 64 + g * 32)));
                    __m512i v1 = _mm512_cvtepi8_epi16(_mm256_load_si256((const __m256i *)(w1 + 64 + g * 32)));
                    for (int i = 0; i < B_VNNI_TOKENS; i++) {
                        __m512i v = _mm512_set1_epi32(load4(x + (size_t)i * k + b * BLK + 2 * g));
                        acc0[i] = _mm512_dpwssd_epi32(acc0[i], v0, v);
                        acc1[i] = _mm512_dpwssd_epi32(acc1[i], v1, v);
                    }
                }
                __m512 ws0 = _mm512_load_ps((const void *)w0);
                __m512 ws1 = _mm512_load_ps((const void *)w1);
                for (int i = 0; i < B_VNNI_TOKENS; i++) {
                    __m512 s = _mm512_set1_ps(xs[(size_t)i * blocks + b]);
                    f0[i] = _mm512_add_ps(f0[i], _mm512_mul_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(acc0[i]), ws0), s));
                    f1[i] = _mm512_add_ps(f1[i], _mm512_mul_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(acc1[i]), ws1), s));
                }
            }
            for (int i = 0; i < n; i++) {
                float *o = out + (size_t)(t0 + i) * ldo + p * CK_PANEL_ROWS;
                _mm512_storeu_ps(o, f0[i]);
                if (two) _mm512_storeu_ps(o + CK_PANEL_ROWS, f1[i]);
            }
        }
    }
}

#endif  // CK_X86

int ck_block_matmul(
    const void *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo, int path) {
    if (k <= 0 || k % BLK != 0 || k > CK_MAX_K || tokens < 0 || !ck_path_supported(path)) return -1;
    if (path == CK_PATH_AUTO) path = ck_best_path();
    const uint8_t *p = (const uint8_t *)panels;
    switch (path) {
#ifdef CK_X86
    case CK_PATH_AVX512VNNI:
        block_vnni(p, panel_count, k, a, ascale, tokens, out, ldo);
        return 0;
    case CK_PATH_AVX2:
        block_avx2(p, panel_count, k, a, ascale, tokens, out, ldo);
        return 0;
#endif
    default:
        block_scalar(p, panel_count, k, a, ascale, tokens, out, ldo);
        return 0;
    }
}
