// The block-int8 linear layer declared in CKernels.h: weights and activations both int8 with one float scale per
// block of 32 along k (ggml's Q8_0 granularity), a scalar reference, AVX2 (vpsignb + vpmaddubsw + vpmaddwd) and
// AVX-512 VNNI (vpdpbusd) paths. Written here; no installed package multiplies block-scaled int8 matrices.
//
// Panel layout (16 rows, k a multiple of 32): for each block of 32, 16 float row scales (64 bytes), then 8 groups
// of 16 rows x 4 bytes (512 bytes), the weights stored biased (w + 128, unsigned) so that vpdpbusd can take them as
// its unsigned operand against signed activations; 128 x (block sum of the activations) is subtracted after.
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

static float quantize_block(const float *x, int8_t *q) {
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

void ck_block_pack_panel(const float *rows, int row_count, int k, void *panel) {
    uint8_t *p = (uint8_t *)panel;
    int8_t q[BLK];
    for (int b = 0; b < k / BLK; b++) {
        uint8_t *block = p + (size_t)b * BLOCK_BYTES;
        float scales[CK_PANEL_ROWS];
        for (int r = 0; r < CK_PANEL_ROWS; r++) {
            if (r < row_count) {
                scales[r] = quantize_block(rows + (size_t)r * k + b * BLK, q);
            } else {
                scales[r] = 0;
                memset(q, 0, BLK);
            }
            for (int i = 0; i < BLK; i++) block[64 + (i / 4) * 64 + r * 4 + i % 4] = (uint8_t)(q[i] + 128);
        }
        memcpy(block, scales, sizeof scales);
    }
}

void ck_block_quantize(const float *x, int tokens, int k, int8_t *q, float *scales, int32_t *corrections) {
    int blocks = k / BLK;
    for (int t = 0; t < tokens; t++) {
        for (int b = 0; b < blocks; b++) {
            size_t at = (size_t)t * k + (size_t)b * BLK;
            scales[(size_t)t * blocks + b] = quantize_block(x + at, q + at);
            int32_t sum = 0;
            for (int i = 0; i < BLK; i++) sum += q[at + i];
            corrections[(size_t)t * blocks + b] = 128 * sum;
        }
    }
}

static void block_scalar(
    const uint8_t *panels, size_t panel_count, int k, const int8_t *a, const float *ascale, int tokens, float *out,
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
                    const int8_t *x = a + (size_t)t * k + (size_t)b * BLK;
                    int32_t dot = 0;
                    for (int i = 0; i < BLK; i++) dot += (int32_t)x[i] * ((int32_t)block[64 + (i / 4) * 64 + r * 4 + i % 4] - 128);
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

// AVX2: 2 tokens x one panel (two 8-row halves) per tile; weights unbiased with an xor, |a| x sign(w, a) keeps
// vpmaddubsw from saturating (|a|, |w| <= 127).
#define B_AVX2_TOKENS 2
__attribute__((target("avx2,fma"))) static void block_avx2(
    const uint8_t *panels, size_t panel_count, int k, const int8_t *a, const float *ascale, int tokens, float *out,
    size_t ldo) {
    size_t bytes = ck_block_panel_bytes(k);
    int blocks = k / BLK;
    const __m256i ones = _mm256_set1_epi16(1);
    const __m256i flip = _mm256_set1_epi8((char)0x80);
    int8_t pad[B_AVX2_TOKENS * CK_MAX_K];
    float pad_scale[B_AVX2_TOKENS * (CK_MAX_K / BLK)];
    int full = tokens / B_AVX2_TOKENS * B_AVX2_TOKENS;
    if (full < tokens) {
        memset(pad, 0, (size_t)B_AVX2_TOKENS * k);
        memset(pad_scale, 0, sizeof pad_scale);
        memcpy(pad, a + (size_t)full * k, (size_t)(tokens - full) * k);
        memcpy(pad_scale, ascale + (size_t)full * blocks, (size_t)(tokens - full) * blocks * sizeof(float));
    }
    for (size_t p = 0; p < panel_count; p++) {
        const uint8_t *panel = panels + p * bytes;
        for (int t0 = 0; t0 < tokens; t0 += B_AVX2_TOKENS) {
            const int8_t *x = t0 < full ? a + (size_t)t0 * k : pad;
            const float *xs = t0 < full ? ascale + (size_t)t0 * blocks : pad_scale;
            int n = tokens - t0 < B_AVX2_TOKENS ? tokens - t0 : B_AVX2_TOKENS;
            __m256 facc[2 * B_AVX2_TOKENS];
            for (int i = 0; i < 2 * B_AVX2_TOKENS; i++) facc[i] = _mm256_setzero_ps();
            for (int b = 0; b < blocks; b++) {
                const uint8_t *block = panel + (size_t)b * BLOCK_BYTES;
                __m256i acc[2 * B_AVX2_TOKENS];
                for (int i = 0; i < 2 * B_AVX2_TOKENS; i++) acc[i] = _mm256_setzero_si256();
                for (int g = 0; g < BLK / 4; g++) {
                    __m256i lo = _mm256_xor_si256(_mm256_load_si256((const __m256i *)(block + 64 + g * 64)), flip);
                    __m256i hi = _mm256_xor_si256(_mm256_load_si256((const __m256i *)(block + 96 + g * 64)), flip);
                    for (int i = 0; i < B_AVX2_TOKENS; i++) {
                        __m256i v = _mm256_set1_epi32(load4(x + (size_t)i * k + b * BLK + 4 * g));
                        __m256i vabs = _mm256_abs_epi8(v);
                        __m256i plo = _mm256_maddubs_epi16(vabs, _mm256_sign_epi8(lo, v));
                        __m256i phi = _mm256_maddubs_epi16(vabs, _mm256_sign_epi8(hi, v));
                        acc[2 * i] = _mm256_add_epi32(acc[2 * i], _mm256_madd_epi16(plo, ones));
                        acc[2 * i + 1] = _mm256_add_epi32(acc[2 * i + 1], _mm256_madd_epi16(phi, ones));
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
    const uint8_t *panels, size_t panel_count, int k, const int8_t *a, const float *ascale, const int32_t *acorr,
    int tokens, float *out, size_t ldo) {
    size_t bytes = ck_block_panel_bytes(k);
    int blocks = k / BLK;
    int8_t pad[B_VNNI_TOKENS * CK_MAX_K];
    float pad_scale[B_VNNI_TOKENS * (CK_MAX_K / BLK)];
    int32_t pad_corr[B_VNNI_TOKENS * (CK_MAX_K / BLK)];
    int full = tokens / B_VNNI_TOKENS * B_VNNI_TOKENS;
    if (full < tokens) {
        memset(pad, 0, (size_t)B_VNNI_TOKENS * k);
        memset(pad_scale, 0, sizeof pad_scale);
        memset(pad_corr, 0, sizeof pad_corr);
        memcpy(pad, a + (size_t)full * k, (size_t)(tokens - full) * k);
        memcpy(pad_scale, ascale + (size_t)full * blocks, (size_t)(tokens - full) * blocks * sizeof(float));
        memcpy(pad_corr, acorr + (size_t)full * blocks, (size_t)(tokens - full) * blocks * sizeof(int32_t));
    }
    for (size_t p = 0; p < panel_count; p += 2) {
        int two = p + 1 < panel_count;
        const uint8_t *p0 = panels + p * bytes;
        const uint8_t *p1 = two ? p0 + bytes : p0;
        for (int t0 = 0; t0 < tokens; t0 += B_VNNI_TOKENS) {
            const int8_t *x = t0 < full ? a + (size_t)t0 * k : pad;
            const float *xs = t0 < full ? ascale + (size_t)t0 * blocks : pad_scale;
            const int32_t *xc = t0 < full ? acorr + (size_t)t0 * blocks : pad_corr;
            int n = tokens - t0 < B_VNNI_TOKENS ? tokens - t0 : B_VNNI_TOKENS;
            __m512 f0[B_VNNI_TOKENS], f1[B_VNNI_TOKENS];
            for (int i = 0; i < B_VNNI_TOKENS; i++) f0[i] = f1[i] = _mm512_setzero_ps();
            for (int b = 0; b < blocks; b++) {
                const uint8_t *w0 = p0 + (size_t)b * BLOCK_BYTES;
                const uint8_t *w1 = p1 + (size_t)b * BLOCK_BYTES;
                __m512i acc0[B_VNNI_TOKENS], acc1[B_VNNI_TOKENS];
                for (int i = 0; i < B_VNNI_TOKENS; i++) acc0[i] = acc1[i] = _mm512_setzero_si512();
                for (int g = 0; g < BLK / 4; g++) {
                    __m512i v0 = _mm512_load_si512((const void *)(w0 + 64 + g * 64));
                    __m512i v1 = _mm512_load_si512((const void *)(w1 + 64 + g * 64));
                    for (int i = 0; i < B_VNNI_TOKENS; i++) {
                        __m512i v = _mm512_set1_epi32(load4(x + (size_t)i * k + b * BLK + 4 * g));
                        acc0[i] = _mm512_dpbusd_epi32(acc0[i], v0, v);
                        acc1[i] = _mm512_dpbusd_epi32(acc1[i], v1, v);
                    }
                }
                __m512 ws0 = _mm512_load_ps((const void *)w0);
                __m512 ws1 = _mm512_load_ps((const void *)w1);
                for (int i = 0; i < B_VNNI_TOKENS; i++) {
                    __m512i c = _mm512_set1_epi32(xc[(size_t)i * blocks + b]);
                    __m512 s = _mm512_set1_ps(xs[(size_t)i * blocks + b]);
                    __m512 d0 = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc0[i], c));
                    __m512 d1 = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc1[i], c));
                    f0[i] = _mm512_add_ps(f0[i], _mm512_mul_ps(_mm512_mul_ps(d0, ws0), s));
                    f1[i] = _mm512_add_ps(f1[i], _mm512_mul_ps(_mm512_mul_ps(d1, ws1), s));
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
    const void *panels, size_t panel_count, int k, const int8_t *a, const float *ascale, const int32_t *acorr,
    int tokens, float *out, size_t ldo, int path) {
    if (k <= 0 || k % BLK != 0 || k > CK_MAX_K || tokens < 0 || !ck_path_supported(path)) return -1;
    if (path == CK_PATH_AUTO) path = ck_best_path();
    const uint8_t *p = (const uint8_t *)panels;
    switch (path) {
#ifdef CK_X86
    case CK_PATH_AVX512VNNI:
        block_vnni(p, panel_count, k, a, ascale, acorr, tokens, out, ldo);
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
