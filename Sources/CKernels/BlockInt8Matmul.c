// The block-int8 linear layer declared in CKernels.h: int8 weights times int16 activations, one float scale per
// block of 32 along k on each side (ggml's Q8_0 granularity for the weights; int16 activations because int8 ones
// cost 10x the accuracy budget of the fast mode across 18 layers). A scalar reference, AVX2 (vpmaddwd) and AVX-512
// VNNI (vpdpwssd) paths. Written here; no installed package multiplies block-scaled integer matrices.
//
// Panel layout (16 rows, k a multiple of 32): for each block of 32, 16 float row scales (64 bytes), then 16 groups
// of 2 consecutive k x 16 rows (32 bytes each: row r's pair at 2r), sign-extended to int16 in registers so that
// one 32-bit lane holds one row's pair for vpdpwssd / vpmaddwd against a broadcast activation pair. The `block16`
// variant (Q6_K: a scale per 16 weights) stores 16 scales for each half of the block (128 bytes) before the same
// weights, and scales each half's integer dot product on its own.
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

enum { BLK = CK_BLOCK, WEIGHT_BYTES = CK_PANEL_ROWS * CK_BLOCK, BLOCK_BYTES = 64 + WEIGHT_BYTES };

// Bytes of one block of 32 along k: the row scales (16 floats, or 32 when each half of the block has its own,
// `split`), then the int8 weights.
static inline size_t block_bytes(int split) { return (size_t)(64 << split) + WEIGHT_BYTES; }

size_t ck_block_panel_bytes(int k) { return (size_t)(k / BLK) * BLOCK_BYTES; }

size_t ck_block16_panel_bytes(int k) { return (size_t)(k / BLK) * block_bytes(1); }

// roundf (to nearest, ties away from zero) without a library call (truncf is one without SSE4.1); the same value
// for every input: |x| >= 2^23 (and inf, NaN) is already whole, and below that x - (int)x is exact.
static inline float round_away(float x) {
    if (!(fabsf(x) < 8388608.0f)) return x;
    float t = (float)(int32_t)x;
    return fabsf(x - t) >= 0.5f ? t + copysignf(1.0f, x) : t;
}

#ifdef CK_X86
// round(x[i] / given) clamped to [-127, 127] for n (a multiple of 8) values with AVX2: the same division, the same
// rounding (to nearest, ties away from zero) and the same clamp as the scalar loop, so the same bytes. Returns 0
// without writing when some quotient is not below 2^23 in magnitude (or NaN): the scalar loop takes those.
__attribute__((target("avx2"))) static int divide_round_avx2(const float *x, float given, int8_t *q, int n) {
    const __m256 sign = _mm256_set1_ps(-0.0f), d = _mm256_set1_ps(given), half = _mm256_set1_ps(0.5f);
    const __m256 one = _mm256_set1_ps(1.0f), big = _mm256_set1_ps(8388608.0f);
    const __m256 hi = _mm256_set1_ps(127.0f), lo = _mm256_set1_ps(-127.0f);
    __m256i n32[4];
    for (int j = 0; j < n / 8; j++) {
        __m256 y = _mm256_div_ps(_mm256_loadu_ps(x + 8 * j), d);
        if (_mm256_movemask_ps(_mm256_cmp_ps(_mm256_andnot_ps(sign, y), big, _CMP_LT_OQ)) != 0xff) return 0;
        __m256 t = _mm256_round_ps(y, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
        __m256 away = _mm256_cmp_ps(_mm256_andnot_ps(sign, _mm256_sub_ps(y, t)), half, _CMP_GE_OQ);
        t = _mm256_add_ps(t, _mm256_and_ps(away, _mm256_or_ps(_mm256_and_ps(y, sign), one)));
        n32[j % 4] = _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(t, lo), hi));
        if (j % 4 == 3 || j == n / 8 - 1) {
            for (int i = j % 4 + 1; i < 4; i++) n32[i] = _mm256_setzero_si256();
            // int32 -> int16 -> int8 (saturation never bites: values are in [-127, 127]), lanes back in order.
            __m256i w = _mm256_permute4x64_epi64(_mm256_packs_epi32(n32[0], n32[1]), 0xD8);
            __m256i v = _mm256_permute4x64_epi64(_mm256_packs_epi32(n32[2], n32[3]), 0xD8);
            __m256i b = _mm256_permute4x64_epi64(_mm256_packs_epi16(w, v), 0xD8);
            int8_t out[32];
            _mm256_storeu_si256((__m256i *)out, b);
            int first = j / 4 * 32, count = n - first < 32 ? n - first : 32;
            memcpy(q + first, out, (size_t)count);
        }
    }
    return 1;
}
#endif

// With `given` > 0 the block is quantized to round(x / given) (exact when x = given x integer, as in Q8_0 / Q5_0 /
// Q4_0 blocks); otherwise to the scale max|x| / 127.
static float quantize_block_with(const float *x, float given, int8_t *q, int n) {
    if (given > 0 && isfinite(given)) {
#ifdef CK_X86
        if (n % 8 == 0 && ck_path_supported(CK_PATH_AVX2) && divide_round_avx2(x, given, q, n)) return given;
#endif
        for (int i = 0; i < n; i++) {
            float v = round_away(x[i] / given);
            q[i] = (int8_t)(v > 127 ? 127 : v < -127 ? -127 : v);
        }
        return given;
    }
    float largest = 0;
    for (int i = 0; i < n; i++) {
        float v = fabsf(x[i]);
        if (v > largest) largest = v;
    }
    if (!(largest > 0) || !isfinite(largest)) {
        memset(q, 0, (size_t)n);
        return 0;
    }
    float inverse = 127.0f / largest;
    for (int i = 0; i < n; i++) {
        float v = round_away(x[i] * inverse);
        q[i] = (int8_t)(v > 127 ? 127 : v < -127 ? -127 : v);
    }
    return largest / 127.0f;
}


// Packs with one scale per `BLK >> split` weights of a row (`split` 0: per block of 32; 1: per half block).
static void pack_panel(
    const float *rows, const float *sub_scales, const float *block_offsets, int row_count, int k, int split,
    void *panel) {
    uint8_t *p = (uint8_t *)panel;
    int sub = BLK >> split, subs = k / sub;
    int8_t q[BLK];
    float shifted[BLK];
    for (int b = 0; b < k / BLK; b++) {
        uint8_t *block = p + (size_t)b * block_bytes(split);
        float scales[2][CK_PANEL_ROWS];
        for (int r = 0; r < CK_PANEL_ROWS; r++) {
            if (r < row_count) {
                for (int h = 0; h <= split; h++) {
                    size_t at = (size_t)r * subs + (size_t)b * (1 + split) + h;
                    float given = sub_scales ? sub_scales[at] : 0;
                    float offset = block_offsets ? block_offsets[(size_t)r * (k / BLK) + b] : 0;
                    for (int i = 0; i < sub; i++) shifted[i] = rows[(size_t)r * k + b * BLK + h * sub + i] + offset;
                    scales[h][r] = quantize_block_with(shifted, given, q + h * sub, sub);
                }
            } else {
                scales[0][r] = scales[1][r] = 0;
                memset(q, 0, BLK);
            }
            uint8_t *w = block + (64 << split);
            for (int i = 0; i < BLK; i++) w[(i / 2) * 32 + r * 2 + i % 2] = (uint8_t)q[i];
        }
        memcpy(block, scales, (size_t)(64 << split));
    }
}

void ck_block_pack_panel(
    const float *rows, const float *block_scales, const float *block_offsets, int row_count, int k, void *panel) {
    pack_panel(rows, block_scales, block_offsets, row_count, k, 0, panel);
}

void ck_block16_pack_panel(const float *rows, const float *sub_scales, int row_count, int k, void *panel) {
    pack_panel(rows, sub_scales, NULL, row_count, k, 1, panel);
}

// One block of 32 activations to int16 (scalar path of ck_block_quantize).
static void quantize_activations(const float *x, int16_t *q, float *scale) {
    float largest = 0;
    for (int i = 0; i < BLK; i++) {
        float v = fabsf(x[i]);
        largest = v > largest ? v : largest;
    }
    if (!(largest > 0) || !isfinite(largest)) {
        memset(q, 0, BLK * sizeof(int16_t));
        *scale = 0;
        return;
    }
    float inverse = 32767.0f / largest;
    for (int i = 0; i < BLK; i++) {
        float v = round_away(x[i] * inverse);
        q[i] = (int16_t)(v > 32767 ? 32767 : v < -32767 ? -32767 : v);
    }
    *scale = largest / 32767.0f;
}

#ifdef CK_X86
// The same block with AVX2: the same max, the same products and the same rounding, so the same bits.
__attribute__((target("avx2"))) static void quantize_activations_avx2(const float *x, int16_t *q, float *scale) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 v[4];
    __m256 m = _mm256_setzero_ps();
    for (int j = 0; j < 4; j++) {
        v[j] = _mm256_loadu_ps(x + 8 * j);
        m = _mm256_max_ps(_mm256_andnot_ps(sign, v[j]), m);  // NaN lanes keep the running max, as the scalar loop
    }
    __m128 h = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
    h = _mm_max_ps(h, _mm_movehl_ps(h, h));
    h = _mm_max_ss(h, _mm_shuffle_ps(h, h, 1));
    float largest = _mm_cvtss_f32(h);
    if (!(largest > 0) || !isfinite(largest)) {
        memset(q, 0, BLK * sizeof(int16_t));
        *scale = 0;
        return;
    }
    const __m256 inverse = _mm256_set1_ps(32767.0f / largest);
    const __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.0f);
    const __m256 hi = _mm256_set1_ps(32767.0f), lo = _mm256_set1_ps(-32767.0f);
    __m256i n[4];
    for (int j = 0; j < 4; j++) {
        __m256 y = _mm256_mul_ps(v[j], inverse);
        __m256 t = _mm256_round_ps(y, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
        __m256 away = _mm256_cmp_ps(_mm256_andnot_ps(sign, _mm256_sub_ps(y, t)), half, _CMP_GE_OQ);
        __m256 step = _mm256_or_ps(_mm256_and_ps(y, sign), one);
        t = _mm256_add_ps(t, _mm256_and_ps(away, step));
        n[j] = _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(t, lo), hi));
    }
    __m256i p0 = _mm256_permute4x64_epi64(_mm256_packs_epi32(n[0], n[1]), 0xD8);
    __m256i p1 = _mm256_permute4x64_epi64(_mm256_packs_epi32(n[2], n[3]), 0xD8);
    _mm256_storeu_si256((__m256i *)q, p0);
    _mm256_storeu_si256((__m256i *)(q + 16), p1);
    *scale = largest / 32767.0f;
}
#endif

void ck_block_quantize(const float *x, int tokens, int k, int16_t *q, float *scales, float *sums) {
    int blocks = k / BLK;
#ifdef CK_X86
    int avx2 = ck_path_supported(CK_PATH_AVX2);
#endif
    for (int t = 0; t < tokens; t++) {
        for (int b = 0; b < blocks; b++) {
            size_t at = (size_t)t * k + (size_t)b * BLK;
            if (sums) {
                float sum = 0;
                for (int i = 0; i < BLK; i++) sum = sum + x[at + i];
                sums[(size_t)t * blocks + b] = sum;
            }
#ifdef CK_X86
            if (avx2) {
                quantize_activations_avx2(x + at, q + at, scales + (size_t)t * blocks + b);
                continue;
            }
#endif
            quantize_activations(x + at, q + at, scales + (size_t)t * blocks + b);
        }
    }
}

// With `split`, each half block has its own weight scale: its dot product is scaled and added on its own, first
// half first (the same order in every path).
static void block_scalar(
    const uint8_t *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo, int split) {
    size_t bytes = (size_t)(k / BLK) * block_bytes(split);
    int blocks = k / BLK, sub = BLK >> split;
    for (size_t p = 0; p < panel_count; p++) {
        const uint8_t *panel = panels + p * bytes;
        for (int t = 0; t < tokens; t++) {
            for (int r = 0; r < CK_PANEL_ROWS; r++) {
                float acc = 0;
                for (int b = 0; b < blocks; b++) {
                    const uint8_t *block = panel + (size_t)b * block_bytes(split);
                    const int16_t *x = a + (size_t)t * k + (size_t)b * BLK;
                    const int8_t *w = (const int8_t *)(block + (64 << split));
                    for (int h = 0; h <= split; h++) {
                        float ws;
                        memcpy(&ws, block + 64 * h + 4 * r, 4);
                        int32_t dot = 0;
                        for (int i = h * sub; i < (h + 1) * sub; i++)
                            dot += (int32_t)x[i] * (int32_t)w[(i / 2) * 32 + r * 2 + i % 2];
                        acc = acc + ((float)dot * ws) * ascale[(size_t)t * blocks + b];
                    }
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

// AVX2: 4 tokens x one panel (two 8-row halves) per tile (8 int32 and 8 float accumulators; 4 tokens measured
// about 7% faster than 2 on an AMD EPYC, same bits). Inlined into one copy per `split`.
#define B_AVX2_TOKENS 4
__attribute__((target("avx2,fma"), always_inline)) static inline void block_avx2(
    const uint8_t *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo, int split) {
    size_t bytes = (size_t)(k / BLK) * block_bytes(split);
    int blocks = k / BLK, groups = (BLK >> split) / 2;
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
                const uint8_t *block = panel + (size_t)b * block_bytes(split);
                const uint8_t *w = block + (64 << split);
                for (int h = 0; h <= split; h++) {
                    __m256i acc[2 * B_AVX2_TOKENS];
                    for (int i = 0; i < 2 * B_AVX2_TOKENS; i++) acc[i] = _mm256_setzero_si256();
                    for (int g = h * groups; g < (h + 1) * groups; g++) {
                        __m256i lo = _mm256_cvtepi8_epi16(_mm_load_si128((const __m128i *)(w + g * 32)));
                        __m256i hi = _mm256_cvtepi8_epi16(_mm_load_si128((const __m128i *)(w + 16 + g * 32)));
                        for (int i = 0; i < B_AVX2_TOKENS; i++) {
                            __m256i v = _mm256_set1_epi32(load4(x + (size_t)i * k + b * BLK + 2 * g));
                            acc[2 * i] = _mm256_add_epi32(acc[2 * i], _mm256_madd_epi16(lo, v));
                            acc[2 * i + 1] = _mm256_add_epi32(acc[2 * i + 1], _mm256_madd_epi16(hi, v));
                        }
                    }
                    __m256 ws_lo = _mm256_load_ps((const float *)(block + 64 * h));
                    __m256 ws_hi = _mm256_load_ps((const float *)(block + 64 * h + 32));
                    for (int i = 0; i < B_AVX2_TOKENS; i++) {
                        __m256 s = _mm256_set1_ps(xs[(size_t)i * blocks + b]);
                        facc[2 * i] = _mm256_add_ps(
                            facc[2 * i], _mm256_mul_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(acc[2 * i]), ws_lo), s));
                        facc[2 * i + 1] = _mm256_add_ps(
                            facc[2 * i + 1], _mm256_mul_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(acc[2 * i + 1]), ws_hi), s));
                    }
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

// AVX-512 VNNI: 4 tokens x two panels (32 rows) per tile; 8 int32 and 8 float accumulators. Inlined per `split`.
#define B_VNNI_TOKENS 4
__attribute__((target("avx512f,avx512bw,avx512vnni"), always_inline)) static inline void block_vnni(
    const uint8_t *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo, int split) {
    size_t bytes = (size_t)(k / BLK) * block_bytes(split);
    int blocks = k / BLK, groups = (BLK >> split) / 2;
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
                const uint8_t *s0 = p0 + (size_t)b * block_bytes(split);
                const uint8_t *s1 = p1 + (size_t)b * block_bytes(split);
                const uint8_t *w0 = s0 + (64 << split), *w1 = s1 + (64 << split);
                for (int h = 0; h <= split; h++) {
                    __m512i acc0[B_VNNI_TOKENS], acc1[B_VNNI_TOKENS];
                    for (int i = 0; i < B_VNNI_TOKENS; i++) acc0[i] = acc1[i] = _mm512_setzero_si512();
                    for (int g = h * groups; g < (h + 1) * groups; g++) {
                        __m512i v0 = _mm512_cvtepi8_epi16(_mm256_load_si256((const __m256i *)(w0 + g * 32)));
                        __m512i v1 = _mm512_cvtepi8_epi16(_mm256_load_si256((const __m256i *)(w1 + g * 32)));
                        for (int i = 0; i < B_VNNI_TOKENS; i++) {
                            __m512i v = _mm512_set1_epi32(load4(x + (size_t)i * k + b * BLK + 2 * g));
                            acc0[i] = _mm512_dpwssd_epi32(acc0[i], v0, v);
                            acc1[i] = _mm512_dpwssd_epi32(acc1[i], v1, v);
                        }
                    }
                    __m512 ws0 = _mm512_load_ps((const void *)(s0 + 64 * h));
                    __m512 ws1 = _mm512_load_ps((const void *)(s1 + 64 * h));
                    for (int i = 0; i < B_VNNI_TOKENS; i++) {
                        __m512 s = _mm512_set1_ps(xs[(size_t)i * blocks + b]);
                        f0[i] = _mm512_add_ps(f0[i], _mm512_mul_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(acc0[i]), ws0), s));
                        f1[i] = _mm512_add_ps(f1[i], _mm512_mul_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(acc1[i]), ws1), s));
                    }
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

__attribute__((target("avx2,fma"))) static void block_avx2_32(
    const uint8_t *p, size_t c, int k, const int16_t *a, const float *as, int t, float *o, size_t ldo) {
    block_avx2(p, c, k, a, as, t, o, ldo, 0);
}
__attribute__((target("avx2,fma"))) static void block_avx2_16(
    const uint8_t *p, size_t c, int k, const int16_t *a, const float *as, int t, float *o, size_t ldo) {
    block_avx2(p, c, k, a, as, t, o, ldo, 1);
}
__attribute__((target("avx512f,avx512bw,avx512vnni"))) static void block_vnni_32(
    const uint8_t *p, size_t c, int k, const int16_t *a, const float *as, int t, float *o, size_t ldo) {
    block_vnni(p, c, k, a, as, t, o, ldo, 0);
}
__attribute__((target("avx512f,avx512bw,avx512vnni"))) static void block_vnni_16(
    const uint8_t *p, size_t c, int k, const int16_t *a, const float *as, int t, float *o, size_t ldo) {
    block_vnni(p, c, k, a, as, t, o, ldo, 1);
}

#endif  // CK_X86

static int matmul(
    const void *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo, int path, int split) {
    if (k <= 0 || k % BLK != 0 || k > CK_MAX_K || tokens < 0 || !ck_path_supported(path)) return -1;
    if (path == CK_PATH_AUTO) path = ck_best_path();
    const uint8_t *p = (const uint8_t *)panels;
    switch (path) {
#ifdef CK_X86
    case CK_PATH_AVX512VNNI:
        (split ? block_vnni_16 : block_vnni_32)(p, panel_count, k, a, ascale, tokens, out, ldo);
        return 0;
    case CK_PATH_AVX2:
        (split ? block_avx2_16 : block_avx2_32)(p, panel_count, k, a, ascale, tokens, out, ldo);
        return 0;
#endif
    default:
        block_scalar(p, panel_count, k, a, ascale, tokens, out, ldo, split);
        return 0;
    }
}

int ck_block_matmul(
    const void *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo, int path) {
    return matmul(panels, panel_count, k, a, ascale, tokens, out, ldo, path, 0);
}

int ck_block16_matmul(
    const void *panels, size_t panel_count, int k, const int16_t *a, const float *ascale, int tokens, float *out,
    size_t ldo, int path) {
    return matmul(panels, panel_count, k, a, ascale, tokens, out, ldo, path, 1);
}
