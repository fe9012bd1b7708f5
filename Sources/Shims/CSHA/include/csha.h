#ifndef CSHA_H
#define CSHA_H

#include <stddef.h>
#include <stdint.h>

/// Nonzero when this CPU has the x86 SHA extensions (and SSSE3/SSE4.1) that
/// `csha256_blocks` needs.
int csha256_available(void);

/// The 64 SHA-256 round constants K (FIPS 180-4 §4.2.2), shared with the portable Swift path.
extern const uint32_t csha256_round_constants[64];

/// Runs the SHA-256 compression function over `count` 64-byte blocks at `data`, updating the
/// eight state words a..h in `state`. Only call when `csha256_available()` returned nonzero.
void csha256_blocks(uint32_t state[8], const uint8_t *data, size_t count);

#endif
