// The int8 logits kernels declared in CKernels.h: a scalar reference, AVX2 (vpsignb + vpmaddubsw + vpmaddwd) and
// AVX-512 VNNI (vpdpbusd). Weights are packed so that one 64-byte vector holds 4 consecutive k of 16 rows: a
// broadcast of 4 activation bytes against it yields 16 rows' partial dot products with no horizontal sums.
#include "CKernels.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CK_X86 1
#endif

enum { HEADER = 128 };  // int32 row sums [16], float scales [16]

size_t ck_panel_bytes(int k) { return (size_t)HEADER + (size_t)CK_PANEL_ROWS * (size_t)k; }

void ck_pack_panel(const int8_t *rows, const float *scales, int k, void *panel) {
    uint8_t *p = (uint8_t *)panel;
    int32_t sums[CK_PANEL_ROWS];
    for (int r = 0; r < CK_PANEL_ROWS; r++) {
        int32_t s = 0;
        for (int i = 0; i < k; i++) s += rows[(size_t)r * k + i];
        sums[r] = s;
    }
    memcpy(p, sums, sizeof sums);
    memcpy(p + 64, scales, CK_PANEL_ROWS * sizeof(float));
    int8_t *w = (int8_t *)(p + HEADER);
    for (int g = 0; g < k / 4; g++)
        for (int r = 0; r < CK_PANEL_ROWS; r++)
            for (int b = 0; b < 4; b++) w[(size_t)g * 64 + r * 4 + b] = rows[(size_t)r * k + 4 * g + b];
}

static void logits_scalar(
    const uint8_t *panels, size_t panel_count, int k, const int8_t *a, const float *token_scale, int tokens,
    float *out, size_t ldo) {
    size_t bytes = ck_panel_bytes(k);
    for (size_t p = 0; p < panel_count; p++) {
        const uint8_t *panel = panels + p * bytes;
        float scale[CK_PANEL_ROWS];
        memcpy(scale, panel + 64, sizeof scale);
        const int8_t *w = (const int8_t *)(panel + HEADER);
        for (int t = 0; t < tokens; t++) {
            const int8_t *x = a + (size_t)t * k;
            for (int r = 0; r < CK_PANEL_ROWS; r++) {
                int32_t acc = 0;
                for (int g = 0; g < k / 4; g++)
                    for (int b = 0; b < 4; b++) acc += (int32_t)x[4 * g + b] * (int32_t)w[(size_t)g * 64 + r * 4 + b];
                out[(size_t)t * ldo + p * CK_PANEL_ROWS + r] = ((float)acc * scale[r]) * token_scale[t];
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

// AVX2: 4 tokens x one panel (two 8-row halves) per block. vpmaddubsw multiplies the biased activations
// (a + 128, unsigned) by the 7-bit weights: 2 x 255 x 63 cannot saturate its int16 pair sums, so no sign trick is
// needed (a third fewer instructions than |a| x sign(w, a) with 8-bit weights); 128 x (row sum) is subtracted at
// the end, as in the VNNI path. The integer sums are exact, so the result is the scalar path's.
#define AVX2_TOKENS 4
__attribute__((target("avx2,fma"))) static void logits_avx2(
    const uint8_t *panels, size_t panel_count, int k, const uint8_t *a, const float *token_scale, int tokens,
    float *out, size_t ldo) {
    size_t bytes = ck_panel_bytes(k);
    int groups = k / 4;
    const __m256i ones = _mm256_set1_epi16(1);
    // The last, partial block of tokens reads from a zero-padded copy.
    uint8_t pad[AVX2_TOKENS * CK_MAX_K];
    int full = tokens / AVX2_TOKENS * AVX2_TOKENS;
    if (full < tokens) {
        memset(pad, 0x80, (size_t)AVX2_TOKENS * k);
        memcpy(pad, a + (size_t)full * k, (size_t)(tokens - full) * k);
    }
    for (size_t p = 0; p < panel_count; p++) {
        const uint8_t *panel = panels + p * bytes;
        const __m256i bias_lo = _mm256_slli_epi32(_mm256_loadu_si256((const __m256i *)panel), 7);
        const __m256i bias_hi = _mm256_slli_epi32(_mm256_loadu_si256((const __m256i *)(panel + 32)), 7);
        const __m256 scale_lo = _mm256_loadu_ps((const float *)(panel + 64));
        const __m256 scale_hi = _mm256_loadu_ps((const float *)(panel + 96));
        const uint8_t *w = panel + HEADER;
        for (int t0 = 0; t0 < tokens; t0 += AVX2_TOKENS) {
            const uint8_t *x = t0 < full ? a + (size_t)t0 * k : pad;
            int n = tokens - t0 < AVX2_TOKENS ? tokens - t0 : AVX2_TOKENS;
            __m256i acc[2 * AVX2_TOKENS];
            for (int i = 0; i < 2 * AVX2_TOKENS; i++) acc[i] = _mm256_setzero_si256();
            for (int g = 0; g < groups; g++) {
                __m256i lo = _mm256_load_si256((const __m256i *)(w + (size_t)g * 64));
                __m256i hi = _mm256_load_si256((const __m256i *)(w + (size_t)g * 64 + 32));
                for (int i = 0; i < AVX2_TOKENS; i++) {
                    __m256i b = _mm256_set1_epi32(load4(x + (size_t)i * k + 4 * g));
                    __m256i plo = _mm256_maddubs_epi16(b, lo);
                    __m256i phi = _mm256_maddubs_epi16(b, hi);
                    acc[2 * i] = _mm256_add_epi32(acc[2 * i], _mm256_madd_epi16(plo, ones));
                    acc[2 * i + 1] = _mm256_add_epi32(acc[2 * i + 1], _mm256_madd_epi16(phi, ones));
                }
            }
            for (int i = 0; i < n; i++) {
                __m256 ts = _mm256_set1_ps(token_scale[t0 + i]);
                float *o = out + (size_t)(t0 + i) * ldo + p * CK_PANEL_ROWS;
                __m256 flo = _mm256_cvtepi32_ps(_mm256_sub_epi32(acc[2 * i], bias_lo));
                __m256 fhi = _mm256_cvtepi32_ps(_mm256_sub_epi32(acc[2 * i + 1], bias_hi));
                _mm256_storeu_ps(o, _mm256_mul_ps(_mm256_mul_ps(flo, scale_lo), ts));
                _mm256_storeu_ps(o + 8, _mm256_mul_ps(_mm256_mul_ps(fhi, scale_hi), ts));
            }
        }
    }
}

// AVX-512 VNNI: 6 tokens x two panels (32 rows) per block, 12 accumulators. vpdpbusd multiplies unsigned by
// signed bytes, so activations come biased by +128 and 128 x (row sum) is subtracted at the end.
#define VNNI_TOKENS 6
__attribute__((target("avx512f,avx512bw,avx512vnni"))) static inline void vnni_block(
    const uint8_t *w0, const uint8_t *w1, int two, int groups, const uint8_t *x, int k, __m512i *acc) {
    for (int i = 0; i < 2 * VNNI_TOKENS; i++) acc[i] = _mm512_setzero_si512();
    if (two) {
        for (int g = 0; g < groups; g++) {
            __m512i v0 = _mm512_load_si512((const void *)(w0 + (size_t)g * 64));
            __m512i v1 = _mm512_load_si512((const void *)(w1 + (size_t)g * 64));
            for (int i = 0; i < VNNI_TOKENS; i++) {
                __m512i b = _mm512_set1_epi32(load4(x + (size_t)i * k + 4 * g));
                acc[i] = _mm512_dpbusd_epi32(acc[i], b, v0);
                acc[VNNI_TOKENS + i] = _mm512_dpbusd_epi32(acc[VNNI_TOKENS + i], b, v1);
            }
        }
    } else {
        for (int g = 0; g < groups; g++) {
            __m512i v0 = _mm512_load_si512((const void *)(w0 + (size_t)g * 64));
            for (int i = 0; i < VNNI_TOKENS; i++) {
                __m512i b = _mm512_set1_epi32(load4(x + (size_t)i * k + 4 * g));
                acc[i] = _mm512_dpbusd_epi32(acc[i], b, v0);
            }
        }
    }
}

__attribute__((target("avx512f,avx512bw,avx512vnni"))) static void logits_vnni(
    const uint8_t *panels, size_t panel_count, int k, const uint8_t *a, const float *token_scale, int tokens,
    float *out, size_t ldo) {
    size_t bytes = ck_panel_bytes(k);
    int groups = k / 4;
    uint8_t pad[VNNI_TOKENS * CK_MAX_K];
    int full = tokens / VNNI_TOKENS * VNNI_TOKENS;
    if (full < tokens) {
        memset(pad, 0x80, (size_t)VNNI_TOKENS * k);
        memcpy(pad, a + (size_t)full * k, (size_t)(tokens - full) * k);
    }
    for (size_t p = 0; p < panel_count; p += 2) {
        int two = p + 1 < panel_count;
        const uint8_t *p0 = panels + p * bytes;
        const uint8_t *p1 = two ? p0 + bytes : p0;
        __m512i bias0 = _mm512_slli_epi32(_mm512_load_si512((const void *)p0), 7);
        __m512i bias1 = _mm512_slli_epi32(_mm512_load_si512((const void *)p1), 7);
        __m512 scale0 = _mm512_load_ps((const void *)(p0 + 64));
        __m512 scale1 = _mm512_load_ps((const void *)(p1 + 64));
        for (int t0 = 0; t0 < tokens; t0 += VNNI_TOKENS) {
            const uint8_t *x = t0 < full ? a + (size_t)t0 * k : pad;
            int n = tokens - t0 < VNNI_TOKENS ? tokens - t0 : VNNI_TOKENS;
            __m512i acc[2 * VNNI_TOKENS];
            vnni_block(p0 + HEADER, p1 + HEADER, two, groups, x, k, acc);
            for (int i = 0; i < n; i++) {
                __m512 ts = _mm512_set1_ps(token_scale[t0 + i]);
                float *o = out + (size_t)(t0 + i) * ldo + p * CK_PANEL_ROWS;
                __m512 f0 = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc[i], bias0));
                _mm512_storeu_ps(o, _mm512_mul_ps(_mm512_mul_ps(f0, scale0), ts));
                if (two) {
                    __m512 f1 = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc[VNNI_TOKENS + i], bias1));
                    _mm512_storeu_ps(o + CK_PANEL_ROWS, _mm512_mul_ps(_mm512_mul_ps(f1, scale1), ts));
                }
            }
        }
    }
}

#endif  // CK_X86

int ck_path_supported(int path) {
    switch (path) {
    case CK_PATH_AUTO:
    case CK_PATH_SCALAR: return 1;
#ifdef CK_X86
    case CK_PATH_AVX2: return __builtin_cpu_supports("avx2") ? 1 : 0;
    case CK_PATH_AVX512VNNI:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                       __builtin_cpu_supports("avx512vnni")
                   ? 1
                   : 0;
#endif
    default: return 0;
    }
}

int ck_best_path(void) {
    if (ck_path_supported(CK_PATH_AVX512VNNI)) return CK_PATH_AVX512VNNI;
    if (ck_path_supported(CK_PATH_AVX2)) return CK_PATH_AVX2;
    return CK_PATH_SCALAR;
}

int ck_int8_logits(
    const void *panels, size_t panel_count, int k, const int8_t *a, const uint8_t *a_biased,
    const float *token_scale, int tokens, float *out, size_t ldo, int path) {
    if (k <= 0 || k % 4 != 0 || k > CK_MAX_K || tokens < 0 || !ck_path_supported(path)) return -1;
    if (path == CK_PATH_AUTO) path = ck_best_path();
    const uint8_t *p = (const uint8_t *)panels;
    switch (path) {
#ifdef CK_X86
    case CK_PATH_AVX512VNNI:
        if (!a_biased) return -1;
        logits_vnni(p, panel_count, k, a_biased, token_scale, tokens, out, ldo);
        return 0;
    case CK_PATH_AVX2:
        if (!a_biased) return -1;
        logits_avx2(p, panel_count, k, a_biased, token_scale, tokens, out, ldo);
        return 0;
#endif
    default:
        logits_scalar(p, panel_count, k, a, token_scale, tokens, out, ldo);
        return 0;
    }
}
