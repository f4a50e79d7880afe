/*
 * mochi_sha256.c: the `sha256` builtin (LANGUAGE.md §10): the SHA-256 digest
 * (FIPS 180-4) of a string's UTF-8 bytes or of a list of byte values, as a list
 * of 32 ints. Written here rather than taken from a library: the runtime is
 * portable C99 that must build for every target (Wasm included) with no
 * dependency. A list element is taken modulo 256, as the reference VM's
 * `byte(v)` conversion does; an element that is not an int is a runtime error.
 */
#include "mochi_internal.h"

typedef struct {
    uint32_t h[8];
    uint8_t buf[64];
    size_t nbuf;
    uint64_t bytes;
} Sha256;

static const uint32_t K[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

static uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void sha_init(Sha256 *s) {
    static const uint32_t h0[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                   0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
    memcpy(s->h, h0, sizeof h0);
    s->nbuf = 0;
    s->bytes = 0;
}

static void sha_block(Sha256 *s, const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
    uint32_t e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
    s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void sha_byte(Sha256 *s, uint8_t v) {
    s->buf[s->nbuf++] = v;
    s->bytes++;
    if (s->nbuf == 64) {
        sha_block(s, s->buf);
        s->nbuf = 0;
    }
}

static void sha_bytes(Sha256 *s, const uint8_t *p, size_t n) {
    while (n > 0 && s->nbuf != 0) { sha_byte(s, *p++); n--; }
    for (; n >= 64; p += 64, n -= 64) {
        sha_block(s, p);
        s->bytes += 64;
    }
    while (n > 0) { sha_byte(s, *p++); n--; }
}

static void sha_finish(Sha256 *s, uint8_t out[32]) {
    uint64_t bits = s->bytes * 8;
    sha_byte(s, 0x80);
    while (s->nbuf != 56) sha_byte(s, 0);
    for (int k = 7; k >= 0; k--) sha_byte(s, (uint8_t)(bits >> (8 * k)));
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(s->h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(s->h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(s->h[i] >> 8);
        out[4 * i + 3] = (uint8_t)s->h[i];
    }
}

mochi_ref mochi_sha256(mochi_ref x) {
    uint8_t digest[32];
    Sha256 s;
    sha_init(&s);
    if (x && x->kind == MOCHI_O_STR) {
        sha_bytes(&s, (const uint8_t *)mochi_str_bytes(x), (size_t)mochi_str_byte_len(x));
    } else if (x && x->kind == MOCHI_O_LIST) {
        MochiList *l = (MochiList *)x;
        for (int64_t i = 0; i < l->len; i++) {
            mochi_slot v = mochi_list_at(l, i);
            if (l->elem_kind == MOCHI_K_I64) {
                sha_byte(&s, (uint8_t)v);
            } else if (l->elem_kind == MOCHI_K_REF && mochi_any_kind(mochi_s2r(v)) == MOCHI_A_INT) {
                sha_byte(&s, (uint8_t)((MochiBox *)mochi_s2r(v))->v);
            } else {
                mochi_rt_error("sha256: list element is not an int");
            }
        }
    } else {
        mochi_rt_error("sha256 expects a string or a list of ints");
    }
    sha_finish(&s, digest);
    mochi_slot slots[32];
    for (int i = 0; i < 32; i++) slots[i] = digest[i];
    return mochi_list_from(MOCHI_K_I64, slots, 32);
}
