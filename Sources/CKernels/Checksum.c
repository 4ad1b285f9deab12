// A fast checksum for the packed-weight cache files (declared in CKernels.h): it guards against truncated or
// damaged files, not against someone who can write the cache folder (they could replace the model as well).
#include "CKernels.h"

#include <string.h>

// Fletcher-style sums over 32-bit words in 8 independent lanes (the loop vectorizes), folded with FNV-1a.
uint64_t ck_checksum(const void *data, size_t n) {
    const unsigned char *bytes = (const unsigned char *)data;
    uint32_t a[8] = {0}, b[8] = {0};
    size_t words = n / 4, i = 0;
    for (; i + 8 <= words; i += 8) {
        uint32_t w[8];
        memcpy(w, bytes + 4 * i, sizeof w);
        for (int l = 0; l < 8; l++) {
            a[l] += w[l];
            b[l] += a[l];
        }
    }
    uint64_t h = 14695981039346656037ull;
    const uint64_t prime = 1099511628211ull;
    for (size_t j = 4 * i; j < n; j++) h = (h ^ bytes[j]) * prime;
    for (int l = 0; l < 8; l++) {
        h = (h ^ a[l]) * prime;
        h = (h ^ b[l]) * prime;
    }
    return (h ^ (uint64_t)n) * prime;
}
