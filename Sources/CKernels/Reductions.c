// Row reductions of the fast output layer (declared in CKernels.h): max, threshold selection and the running
// log-sum-exp fold, with AVX-512 and AVX2 paths chosen at run time and a portable scalar loop.
#include "CKernels.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CK_X86 1
#endif

// Cephes expf constants: exp(x) = 2^n * p(r), x = n ln2 + r.
#define LOG2E 1.44269504f
#define LN2_HI 0.693359375f
#define LN2_LO -2.12194440e-4f
#define P0 1.9875691e-4f
#define P1 1.3981999e-3f
#define P2 8.3334519e-3f
#define P3 4.1665796e-2f
#define P4 1.6666665e-1f
#define P5 5.0000001e-1f

static float exp_scalar(float x) {
    if (x < -87.f) x = -87.f;
    if (x > 88.f) x = 88.f;
    float n = floorf(x * LOG2E + 0.5f);
    float r = x - n * LN2_HI - n * LN2_LO;
    float p = ((((P0 * r + P1) * r + P2) * r + P3) * r + P4) * r + P5;
    p = p * r * r + r + 1.f;
    int32_t bits = ((int32_t)n + 127) << 23;
    float scale;
    memcpy(&scale, &bits, 4);
    return p * scale;
}

static int has_avx512(void) {
#ifdef CK_X86
    return __builtin_cpu_supports("avx512f") ? 1 : 0;
#else
    return 0;
#endif
}

static int has_avx2(void) {
#ifdef CK_X86
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1 : 0;
#else
    return 0;
#endif
}

// Shared by the selection paths below: the scalar loop from `from` on, and the indices of a comparison mask's set
// bits (lane order, so the indices stay increasing).
static int above_scalar(const float *x, int from, int n, float threshold, int32_t *indices, int count) {
    for (int j = from; j < n; j++)
        if (x[j] > threshold) indices[count++] = j;
    return count;
}

static inline int append_set_bits(unsigned hit, int base, int32_t *indices, int count) {
    while (hit) {
        indices[count++] = base + __builtin_ctz(hit);
        hit &= hit - 1;
    }
    return count;
}

#ifdef CK_X86
__attribute__((target("avx512f"))) static __m512 exp512(__m512 x) {
    x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(88.f)), _mm512_set1_ps(-87.f));
    __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(LN2_HI), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(LN2_LO), r);
    __m512 p = _mm512_set1_ps(P0);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(P1));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(P2));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(P3));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(P4));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(P5));
    p = _mm512_fmadd_ps(_mm512_mul_ps(p, r), r, _mm512_add_ps(r, _mm512_set1_ps(1.f)));
    return _mm512_scalef_ps(p, n);
}

__attribute__((target("avx512f"))) static float max512(const float *x, int n) {
    __m512 m = _mm512_set1_ps(-INFINITY);
    int j = 0;
    for (; j + 16 <= n; j += 16) m = _mm512_max_ps(m, _mm512_loadu_ps(x + j));
    float best = _mm512_reduce_max_ps(m);
    for (; j < n; j++) best = x[j] > best ? x[j] : best;
    return best;
}

__attribute__((target("avx512f"))) static float sum_exp512(const float *x, int n, float m) {
    __m512 s = _mm512_setzero_ps(), mv = _mm512_set1_ps(m);
    int j = 0;
    for (; j + 16 <= n; j += 16) s = _mm512_add_ps(s, exp512(_mm512_sub_ps(_mm512_loadu_ps(x + j), mv)));
    float total = _mm512_reduce_add_ps(s);
    for (; j < n; j++) total += exp_scalar(x[j] - m);
    return total;
}

__attribute__((target("avx512f"))) static int above512(const float *x, int n, float threshold, int32_t *indices) {
    int count = 0, j = 0;
    __m512 t = _mm512_set1_ps(threshold);
    for (; j + 16 <= n; j += 16) {
        __mmask16 hit = _mm512_cmp_ps_mask(_mm512_loadu_ps(x + j), t, _CMP_GT_OQ);
        count = append_set_bits((unsigned)hit, j, indices, count);
    }
    return above_scalar(x, j, n, threshold, indices, count);
}

// AVX2 max and threshold selection: the same results as the scalar loops (max is exact in any order; the indices
// come out in increasing order either way).
__attribute__((target("avx2"))) static float max256(const float *x, int n) {
    __m256 m0 = _mm256_set1_ps(-INFINITY), m1 = m0;
    int j = 0;
    for (; j + 16 <= n; j += 16) {
        m0 = _mm256_max_ps(_mm256_loadu_ps(x + j), m0);  // a NaN in x is skipped, as in the scalar loop
        m1 = _mm256_max_ps(_mm256_loadu_ps(x + j + 8), m1);
    }
    float lanes[8];
    _mm256_storeu_ps(lanes, _mm256_max_ps(m0, m1));
    float best = -INFINITY;
    for (int i = 0; i < 8; i++) best = lanes[i] > best ? lanes[i] : best;
    for (; j < n; j++) best = x[j] > best ? x[j] : best;
    return best;
}

__attribute__((target("avx2"))) static int above256(const float *x, int n, float threshold, int32_t *indices) {
    int count = 0, j = 0;
    __m256 t = _mm256_set1_ps(threshold);
    for (; j + 8 <= n; j += 8) {
        unsigned hit = (unsigned)_mm256_movemask_ps(_mm256_cmp_ps(_mm256_loadu_ps(x + j), t, _CMP_GT_OQ));
        count = append_set_bits(hit, j, indices, count);
    }
    return above_scalar(x, j, n, threshold, indices, count);
}

__attribute__((target("avx2,fma"))) static __m256 exp256(__m256 x) {
    x = _mm256_max_ps(_mm256_min_ps(x, _mm256_set1_ps(88.f)), _mm256_set1_ps(-87.f));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LN2_HI), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LN2_LO), r);
    __m256 p = _mm256_set1_ps(P0);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(P1));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(P2));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(P3));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(P4));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(P5));
    p = _mm256_fmadd_ps(_mm256_mul_ps(p, r), r, _mm256_add_ps(r, _mm256_set1_ps(1.f)));
    __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(e));
}

__attribute__((target("avx2,fma"))) static float sum_exp256(const float *x, int n, float m) {
    __m256 s = _mm256_setzero_ps(), mv = _mm256_set1_ps(m);
    int j = 0;
    for (; j + 8 <= n; j += 8) s = _mm256_add_ps(s, exp256(_mm256_sub_ps(_mm256_loadu_ps(x + j), mv)));
    float lanes[8];
    _mm256_storeu_ps(lanes, s);
    float total = 0;
    for (int i = 0; i < 8; i++) total += lanes[i];
    for (; j < n; j++) total += exp_scalar(x[j] - m);
    return total;
}
#endif

float ck_max(const float *x, int n) {
#ifdef CK_X86
    if (has_avx512()) return max512(x, n);
    if (has_avx2()) return max256(x, n);
#endif
    float best = -INFINITY;
    for (int j = 0; j < n; j++) best = x[j] > best ? x[j] : best;
    return best;
}

int ck_indices_above(const float *x, int n, float threshold, int32_t *indices) {
#ifdef CK_X86
    if (has_avx512()) return above512(x, n, threshold, indices);
    if (has_avx2()) return above256(x, n, threshold, indices);
#endif
    return above_scalar(x, 0, n, threshold, indices, 0);
}

void ck_fold_exp(const float *x, int n, float *max, float *sum) {
    if (n <= 0) return;
    float m = ck_max(x, n);
    if (m == -INFINITY) return;
    float s;
#ifdef CK_X86
    if (has_avx512()) s = sum_exp512(x, n, m);
    else if (has_avx2()) s = sum_exp256(x, n, m);
    else
#endif
    {
        s = 0;
        for (int j = 0; j < n; j++) s += exp_scalar(x[j] - m);
    }
    if (*max == -INFINITY || m > *max) {
        *sum = (*max == -INFINITY ? 0.f : *sum * exp_scalar(*max - m)) + s;
        *max = m;
    } else {
        *sum += s * exp_scalar(m - *max);
    }
}

// Half to float (IEEE binary16), for Q8_0 block scales.
static float half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff, bits;
    if (exponent == 0) {
        if (mantissa == 0) bits = sign;
        else {  // subnormal: normalize
            int e = -1;
            do { e++; mantissa <<= 1; } while ((mantissa & 0x400) == 0);
            bits = sign | (uint32_t)(127 - 15 - e) << 23 | (mantissa & 0x3ff) << 13;
        }
    } else if (exponent == 31) bits = sign | 0x7f800000u | mantissa << 13;
    else bits = sign | (exponent + 127 - 15) << 23 | mantissa << 13;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

#ifdef CK_X86
// One row of ck_pack_q8_0_panel with AVX2: the same float products, the same rounding (add ±0.5, truncate) and
// clamp, so the same bytes as the scalar loop. Returns the row's sum.
__attribute__((target("avx2"))) static int32_t requantize_row_avx2(
    const uint8_t *src, size_t row_bytes, int r, int rows, int blocks, const float *block_scale, float inverse,
    int8_t *w) {
    if (r >= rows) {
        for (int b = 0; b < blocks; b++)
            for (int m = 0; m < 8; m++) memset(w + (size_t)(b * 8 + m) * 64 + r * 4, 0, 4);
        return 0;
    }
    const __m256 half = _mm256_set1_ps(0.5f), minus_half = _mm256_set1_ps(-0.5f), zero = _mm256_setzero_ps();
    const __m256i hi = _mm256_set1_epi32(CK_WEIGHT_MAX), lo = _mm256_set1_epi32(-CK_WEIGHT_MAX);
    __m256i total = _mm256_setzero_si256();
    for (int b = 0; b < blocks; b++) {
        const int8_t *qs = (const int8_t *)(src + (size_t)r * row_bytes + (size_t)b * 34 + 2);
        __m256 f = _mm256_set1_ps(block_scale[b] * inverse);
        __m256i q = _mm256_loadu_si256((const __m256i *)qs);
        __m256i n[4];
        for (int j = 0; j < 4; j++) {
            __m128i part = j < 2 ? _mm256_castsi256_si128(q) : _mm256_extracti128_si256(q, 1);
            if (j % 2) part = _mm_srli_si128(part, 8);
            __m256 x = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(part)), f);
            __m256 bias = _mm256_blendv_ps(minus_half, half, _mm256_cmp_ps(x, zero, _CMP_GE_OQ));
            n[j] = _mm256_min_epi32(_mm256_max_epi32(_mm256_cvttps_epi32(_mm256_add_ps(x, bias)), lo), hi);
            total = _mm256_add_epi32(total, n[j]);
        }
        // int32 x 32 -> int8 x 32 in k order, then each group of 4 k to its dword of the panel.
        __m256i w16a = _mm256_permute4x64_epi64(_mm256_packs_epi32(n[0], n[1]), 0xD8);
        __m256i w16b = _mm256_permute4x64_epi64(_mm256_packs_epi32(n[2], n[3]), 0xD8);
        __m256i w8 = _mm256_permute4x64_epi64(_mm256_packs_epi16(w16a, w16b), 0xD8);
        int32_t words[8];
        _mm256_storeu_si256((__m256i *)words, w8);
        for (int m = 0; m < 8; m++) memcpy(w + (size_t)(b * 8 + m) * 64 + r * 4, &words[m], 4);
    }
    __m128i t = _mm_add_epi32(_mm256_castsi256_si128(total), _mm256_extracti128_si256(total, 1));
    t = _mm_add_epi32(t, _mm_shuffle_epi32(t, 0x4E));
    t = _mm_add_epi32(t, _mm_shuffle_epi32(t, 0xB1));
    return _mm_cvtsi128_si32(t);
}
#endif

void ck_pack_q8_0_panel(const void *q8_rows, size_t row_bytes, int rows, int k, void *panel) {
    int8_t q[CK_PANEL_ROWS * 64];  // one group of 4 k per row at a time is enough, but keep it simple per block
    float scales[CK_PANEL_ROWS];
    int32_t sums[CK_PANEL_ROWS];
    float block_scale[CK_PANEL_ROWS][CK_MAX_K / 32];
    float inverse[CK_PANEL_ROWS];
    const uint8_t *src = (const uint8_t *)q8_rows;
    int blocks = k / 32;
    (void)q;
    for (int r = 0; r < CK_PANEL_ROWS; r++) {
        float largest = 0;
        for (int b = 0; b < blocks; b++) {
            float d = 0;
            int peak = 0;
            if (r < rows) {
                const uint8_t *block = src + (size_t)r * row_bytes + (size_t)b * 34;
                uint16_t h;
                memcpy(&h, block, 2);
                d = half_to_float(h);
                const int8_t *qs = (const int8_t *)(block + 2);
                for (int j = 0; j < 32; j++) {
                    int a = qs[j] < 0 ? -qs[j] : qs[j];
                    peak = a > peak ? a : peak;
                }
            }
            block_scale[r][b] = d;
            float v = fabsf(d) * (float)peak;
            largest = v > largest ? v : largest;
        }
        scales[r] = largest > 0 && isfinite(largest) ? largest / (float)CK_WEIGHT_MAX : 0.f;
        inverse[r] = scales[r] > 0 ? (float)CK_WEIGHT_MAX / largest : 0.f;
        sums[r] = 0;
    }
    uint8_t *p = (uint8_t *)panel;
    int8_t *w = (int8_t *)(p + 128);
#ifdef CK_X86
    if (ck_path_supported(CK_PATH_AVX2)) {
        for (int r = 0; r < CK_PANEL_ROWS; r++)
            sums[r] = requantize_row_avx2(src, row_bytes, r, rows, blocks, block_scale[r], inverse[r], w);
        memcpy(p, sums, sizeof sums);
        memcpy(p + 64, scales, sizeof scales);
        return;
    }
#endif
    for (int r = 0; r < CK_PANEL_ROWS; r++) {
        int32_t s = 0;
        for (int b = 0; b < blocks; b++) {
            const int8_t *qs = r < rows ? (const int8_t *)(src + (size_t)r * row_bytes + (size_t)b * 34 + 2) : NULL;
            float f = block_scale[r][b] * inverse[r];
            for (int j = 0; j < 32; j++) {
                int8_t v = 0;
                if (qs) {
                    float x = (float)qs[j] * f;
                    int n = (int)(x + (x >= 0 ? 0.5f : -0.5f));
                    v = (int8_t)(n > CK_WEIGHT_MAX ? CK_WEIGHT_MAX : (n < -CK_WEIGHT_MAX ? -CK_WEIGHT_MAX : n));
                }
                int i = b * 32 + j;
                w[(size_t)(i / 4) * 64 + r * 4 + (i % 4)] = v;
                s += v;
            }
        }
        sums[r] = s;
    }
    memcpy(p, sums, sizeof sums);
    memcpy(p + 64, scales, sizeof scales);
}
