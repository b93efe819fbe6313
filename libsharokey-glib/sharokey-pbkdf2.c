/* sharokey-pbkdf2.c: PBKDF2-HMAC-SHA256 with the CPU's SHA instructions
 *
 * Every secret costs one PBKDF2 run of 10 000 iterations, and that run is
 * most of a create's CPU. GnuTLS (nettle) does it through its generic HMAC
 * code: each iteration copies two hash contexts, pads and byte-swaps, and
 * that costs a third more than the 20 000 SHA-256 compressions themselves.
 *
 * Here the HMAC's inner and outer states are computed once, and every
 * iteration is exactly two compressions of a one-block message whose
 * padding is constant. The digest of one compression is the message of the
 * next as words, so nothing goes through memory or byte order in the loop.
 * This needs the SHA extensions of x86-64 (Intel since Goldmont/Ice Lake,
 * AMD since Zen); anywhere else, or for inputs longer than one block, the
 * caller uses gnutls_pbkdf2(). Tests and fuzz-pbkdf2 compare both.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SHAROKEY_HAVE_SHA_NI_CODE 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#define SHA256_BLOCK 64
#define SHA256_DIGEST 32
/* The salt, the 4-byte block index, 0x80 and the 8-byte length fit one block. */
#define MAX_ONE_BLOCK_SALT (SHA256_BLOCK - 4 - 1 - 8)

#ifdef SHAROKEY_HAVE_SHA_NI_CODE

#define SHA_NI_TARGET __attribute__ ((target ("sha,sse4.1,ssse3")))
#define SHA_NI_INLINE SHA_NI_TARGET __attribute__ ((always_inline)) static inline

static const guint32 round_constants[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const guint32 initial_hash[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

/* A hash state the way the instructions want it: (A,B,E,F) and (C,D,G,H). */
typedef struct {
  __m128i abef;
  __m128i cdgh;
} State;

/* A block as sixteen big-endian words, four per vector, word 0 in lane 0. */
typedef struct {
  __m128i w[4];
} Block;

SHA_NI_INLINE void
compress (State       *state,
          const Block *block)
{
  __m128i abef = state->abef, cdgh = state->cdgh;
  __m128i w[4] = { block->w[0], block->w[1], block->w[2], block->w[3] };

  /* Unrolled, the schedule stays in registers: a derivation takes 0.9 ms
   * instead of 1.5 ms as a loop. */
#pragma GCC unroll 16
  for (int i = 0; i < 16; i++)
    {
      __m128i k;

      if (i >= 4)
        {
          /* W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], four at once. */
          __m128i next = _mm_sha256msg1_epu32 (w[i & 3], w[(i + 1) & 3]);

          next = _mm_add_epi32 (next, _mm_alignr_epi8 (w[(i + 3) & 3], w[(i + 2) & 3], 4));
          w[i & 3] = _mm_sha256msg2_epu32 (next, w[(i + 3) & 3]);
        }
      k = _mm_add_epi32 (w[i & 3], _mm_loadu_si128 ((const __m128i *) &round_constants[4 * i]));
      cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, k);
      abef = _mm_sha256rnds2_epu32 (abef, cdgh, _mm_shuffle_epi32 (k, 0x0E));
    }
  state->abef = _mm_add_epi32 (state->abef, abef);
  state->cdgh = _mm_add_epi32 (state->cdgh, cdgh);
}

/* The digest's eight words, (A,B,C,D) and (E,F,G,H), from a state. */
SHA_NI_INLINE void
state_to_words (const State *state,
                __m128i     *abcd,
                __m128i     *efgh)
{
  __m128i feba = _mm_shuffle_epi32 (state->abef, 0x1B);
  __m128i dchg = _mm_shuffle_epi32 (state->cdgh, 0xB1);

  *abcd = _mm_blend_epi16 (feba, dchg, 0xF0);
  *efgh = _mm_alignr_epi8 (dchg, feba, 8);
}

SHA_NI_INLINE void
state_from_words (State   *state,
                  __m128i  abcd,
                  __m128i  efgh)
{
  __m128i cdab = _mm_shuffle_epi32 (abcd, 0xB1);
  __m128i efgh_reversed = _mm_shuffle_epi32 (efgh, 0x1B);

  state->abef = _mm_alignr_epi8 (cdab, efgh_reversed, 8);
  state->cdgh = _mm_blend_epi16 (efgh_reversed, cdab, 0xF0);
}

SHA_NI_INLINE __m128i
byte_swap_words (__m128i v)
{
  return _mm_shuffle_epi8 (v, _mm_set_epi64x (0x0c0d0e0f08090a0bLL, 0x0405060700010203LL));
}

SHA_NI_INLINE void
block_from_bytes (Block        *block,
                  const guint8  bytes[SHA256_BLOCK])
{
  for (int i = 0; i < 4; i++)
    block->w[i] = byte_swap_words (_mm_loadu_si128 ((const __m128i *) (bytes + 16 * i)));
}

/* The state after one block of key ^ @pad: HMAC's inner or outer start. */
SHA_NI_INLINE void
keyed_state (State        *state,
             const guint8 *password,
             gsize         password_len,
             guint8        pad)
{
  guint8 bytes[SHA256_BLOCK];
  Block block;

  memset (bytes, pad, sizeof bytes);
  for (gsize i = 0; i < password_len; i++)
    bytes[i] ^= password[i];
  block_from_bytes (&block, bytes);
  state_from_words (state,
                    _mm_loadu_si128 ((const __m128i *) initial_hash),
                    _mm_loadu_si128 ((const __m128i *) (initial_hash + 4)));
  compress (state, &block);
  _sharokey_wipe (bytes, sizeof bytes);
  _sharokey_wipe (&block, sizeof block);
}

SHA_NI_TARGET static void
pbkdf2_sha_ni (const guint8 *password,
               gsize         password_len,
               const guint8 *salt,
               gsize         salt_len,
               guint         iterations,
               guint8        out[SHA256_DIGEST])
{
  /* Key material: wiped before returning. */
  struct {
    State inner, outer, hash;
    Block block;
    guint8 bytes[SHA256_BLOCK];
    __m128i t_abcd, t_efgh;
  } k;
  guint64 bits = (SHA256_BLOCK + salt_len + 4) * 8;

  keyed_state (&k.inner, password, password_len, 0x36);
  keyed_state (&k.outer, password, password_len, 0x5c);

  /* U1 = HMAC (salt || INT (1)): the inner message is salt, 1, padding. */
  memset (k.bytes, 0, sizeof k.bytes);
  if (salt_len > 0)
    memcpy (k.bytes, salt, salt_len);
  k.bytes[salt_len + 3] = 1;
  k.bytes[salt_len + 4] = 0x80;
  for (int i = 0; i < 8; i++)
    k.bytes[SHA256_BLOCK - 1 - i] = (guint8) (bits >> (8 * i));
  block_from_bytes (&k.block, k.bytes);
  k.hash = k.inner;
  compress (&k.hash, &k.block);

  /* Every other message is a 32-byte digest after a keyed block: its
   * padding is 0x80, zeros and the length 768 bits. */
  k.block.w[2] = _mm_set_epi32 (0, 0, 0, (gint) 0x80000000);
  k.block.w[3] = _mm_set_epi32 (768, 0, 0, 0);
  state_to_words (&k.hash, &k.block.w[0], &k.block.w[1]);
  k.hash = k.outer;
  compress (&k.hash, &k.block);
  state_to_words (&k.hash, &k.t_abcd, &k.t_efgh);

  {
    /* The loop works on locals, which the compiler keeps in registers
     * (and which are not wiped: registers cannot be, reliably). */
    State inner = k.inner, outer = k.outer, hash;
    Block block = k.block;
    __m128i t_abcd = k.t_abcd, t_efgh = k.t_efgh;

    block.w[0] = t_abcd;
    block.w[1] = t_efgh;
    for (guint n = 1; n < iterations; n++)
      {
        hash = inner;
        compress (&hash, &block);
        state_to_words (&hash, &block.w[0], &block.w[1]);
        hash = outer;
        compress (&hash, &block);
        state_to_words (&hash, &block.w[0], &block.w[1]);
        t_abcd = _mm_xor_si128 (t_abcd, block.w[0]);
        t_efgh = _mm_xor_si128 (t_efgh, block.w[1]);
      }
    _mm_storeu_si128 ((__m128i *) out, byte_swap_words (t_abcd));
    _mm_storeu_si128 ((__m128i *) (out + 16), byte_swap_words (t_efgh));
  }
  _sharokey_wipe (&k, sizeof k);
}

static gboolean
cpu_has_sha_ni (void)
{
  static gsize checked = 0;
  static gboolean has = FALSE;

  if (g_once_init_enter (&checked))
    {
      guint eax, ebx, ecx, edx;

      /* Leaf 1: SSSE3 (ECX bit 9) and SSE4.1 (bit 19); leaf 7: SHA (EBX bit 29). */
      if (__get_cpuid (1, &eax, &ebx, &ecx, &edx)
          && (ecx & (1u << 9)) && (ecx & (1u << 19))
          && __get_cpuid_count (7, 0, &eax, &ebx, &ecx, &edx))
        has = (ebx & (1u << 29)) != 0;
      g_once_init_leave (&checked, 1);
    }
  return has;
}

#endif /* SHAROKEY_HAVE_SHA_NI_CODE */

gboolean
_sharokey_pbkdf2_sha256_fast (const guint8 *password,
                              gsize         password_len,
                              const guint8 *salt,
                              gsize         salt_len,
                              guint         iterations,
                              guint8        out[32])
{
#ifdef SHAROKEY_HAVE_SHA_NI_CODE
  /* A longer password is hashed first and a longer salt takes two blocks:
   * the key strings and salts of Sharokey never need either. */
  if (!cpu_has_sha_ni () || password_len > SHA256_BLOCK
      || salt_len > MAX_ONE_BLOCK_SALT || iterations == 0)
    return FALSE;
  pbkdf2_sha_ni (password, password_len, salt, salt_len, iterations, out);
  return TRUE;
#else
  (void) password, (void) password_len, (void) salt, (void) salt_len, (void) iterations, (void) out;
  return FALSE;
#endif
}
