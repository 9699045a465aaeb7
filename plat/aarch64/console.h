/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64: output on the PL011 UART, a tiny text builder, and the exit
 * through semihosting. Linked into both the EL3/EL2 image and the EL1 image.
 */
#ifndef FFAPROXY_AARCH64_CONSOLE_H
#define FFAPROXY_AARCH64_CONSOLE_H

#include <ffaproxy/env.h>

/* The semihosting exit codes the image uses (tests/qemu/run.sh reads them). */
#define QV_EXIT_PASS 0
#define QV_EXIT_FAIL 1
#define QV_EXIT_CRASH 3

void console_puts(const char *s);

/** struct text - appends to a fixed buffer, always NUL-terminated, truncating. */
struct text {
	char *buf;
	size_t cap;
	size_t len;
};

void text_init(struct text *t, char *buf, size_t cap);
void text_puts(struct text *t, const char *s);
void text_hex(struct text *t, uint64_t v);
void text_udec(struct text *t, uint64_t v);

/** qv_exit() - end the QEMU run with @code as its exit status (needs -semihosting). */
void qv_exit(unsigned int code) __attribute__((noreturn));

/** qv_panic() - print @what and @value, then exit with QV_EXIT_CRASH. */
void qv_panic(const char *what, uint64_t value) __attribute__((noreturn));

/** qv_panic3() - the same with three values (an exception's slot, ESR, ELR). */
void qv_panic3(const char *what, uint64_t a, uint64_t b, uint64_t c) __attribute__((noreturn));

#endif /* FFAPROXY_AARCH64_CONSOLE_H */
