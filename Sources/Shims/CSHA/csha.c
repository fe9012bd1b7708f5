// SHA-256 compression with the x86 SHA extensions (SHA256RNDS2, SHA256MSG1, SHA256MSG2).
//
// Written from the instruction semantics in the Intel SDM:
// - SHA256RNDS2 does two rounds; one operand holds the state words A,B,E,F (A in the top lane),
//   the other C,D,G,H, and the low 64 bits of the implicit third operand hold W+K for the two
//   rounds. The result is the new A,B,E,F; the old A,B,E,F becomes the new C,D,G,H.
// - SHA256MSG1(W[i-16..i-13], W[i-12..i-9]) gives W[i-16+j] + sigma0(W[i-15+j]) for j = 0..3;
//   adding W[i-7..i-4] and applying SHA256MSG2 with W[i-4..i-1] adds the sigma1 terms.
// The function attribute enables the extensions for this function only, so the rest of the
// binary stays baseline x86-64; csha256_available() checks CPUID before anyone calls it.
#include "csha.h"

const uint32_t csha256_round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>



int csha256_available(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    int sha = (b >> 29) & 1;
    return ssse3 && sse41 && sha;
}

__attribute__((target("sha,sse4.1,ssse3")))
void csha256_blocks(uint32_t state[8], const uint8_t *data, size_t count) {
    // Big-endian words: reverse the bytes of every 32-bit lane.
    const __m128i swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);   // lanes a b c d
    __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);   // lanes e f g h
    __m128i badc = _mm_shuffle_epi32(abcd, 0xB1);                  // b a d c
    __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);                  // h g f e
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);                 // f e b a  (A on top)
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0);              // h g d c  (C on top)

    for (size_t n = 0; n < count; n++, data += 64) {
        const __m128i abef0 = abef, cdgh0 = cdgh;
        __m128i m[4];
        for (int g = 0; g < 16; g++) {
            __m128i w;
            if (g < 4) {
                w = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * g)), swap);
            } else {
                // m[g%4] holds group g-4; the others hold groups g-3, g-2, g-1.
                __m128i x = _mm_sha256msg1_epu32(m[g & 3], m[(g + 1) & 3]);
                x = _mm_add_epi32(x, _mm_alignr_epi8(m[(g + 3) & 3], m[(g + 2) & 3], 4));
                w = _mm_sha256msg2_epu32(x, m[(g + 3) & 3]);
            }
            m[g & 3] = w;
            __m128i wk = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)&csha256_round_constants[4 * g]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);               // rounds 4g, 4g+1
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));  // rounds 4g+2, 4g+3
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }

    // Back to a b c d / e f g h.
    __m128i abfe = _mm_shuffle_epi32(abef, 0x1B);                  // a b e f
    __m128i ghcd = _mm_shuffle_epi32(cdgh, 0xB1);                  // g h c d
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(abfe, ghcd, 0xF0));  // a b c d
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(ghcd, abfe, 8));    // e f g h
}

#else

int csha256_available(void) { return 0; }
void csha256_blocks(uint32_t state[8], const uint8_t *data, size_t count) { (void)state; (void)data; (void)count; }

#endif
