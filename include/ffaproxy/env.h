/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * ffaproxy environment: the only header that includes anything from outside
 * the project.
 *
 * Everything here is available in a freestanding C11 implementation
 * (-ffreestanding -nostdlib). The compiler may turn the byte-copy helpers
 * below into calls to memcpy()/memset()/memmove(), as GCC and Clang are
 * allowed to do even when freestanding: an embedder linking the core without a
 * C library must provide those three symbols (plat/aarch64 does).
 */
#ifndef FFAPROXY_ENV_H
#define FFAPROXY_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* FF-A structures in memory are little-endian; so is every host we support. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "ffaproxy assumes a little-endian machine (AArch64 or x86-64)");

#define ffa_memcpy(dst, src, len) __builtin_memcpy((dst), (src), (len))
#define ffa_memset(dst, val, len) __builtin_memset((dst), (val), (len))
#define ffa_memcmp(a, b, len) __builtin_memcmp((a), (b), (len))

#define FFA_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Overflow-checked arithmetic on untrusted values. Each returns true when the
 * result does not fit; *res is then unspecified.
 */
#define ffa_add_overflow(a, b, res) __builtin_add_overflow((a), (b), (res))
#define ffa_mul_overflow(a, b, res) __builtin_mul_overflow((a), (b), (res))

#endif /* FFAPROXY_ENV_H */
