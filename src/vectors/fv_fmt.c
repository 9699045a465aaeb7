/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Bounded text building for the interpreter's messages and decoded traces.
 * The vectors code is freestanding, so there is no snprintf(): each helper
 * appends one kind of item and truncates at the buffer's end.
 */
#include "fv_internal.h"

static const char fv_hex_digits[] = "0123456789abcdef";

void fv_str_init(struct fv_str *s, char *buf, size_t cap)
{
	s->buf = buf;
	s->cap = cap;
	s->len = 0;
	if (cap)
		buf[0] = '\0';
}

void fv_str_putc(struct fv_str *s, char c)
{
	if (s->len + 1 >= s->cap)
		return;
	s->buf[s->len++] = c;
	s->buf[s->len] = '\0';
}

void fv_str_putn(struct fv_str *s, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fv_str_putc(s, p[i]);
}

void fv_str_puts(struct fv_str *s, const char *z)
{
	while (*z)
		fv_str_putc(s, *z++);
}

void fv_str_hex(struct fv_str *s, uint64_t v)
{
	char digits[16];
	unsigned int n = 0;

	fv_str_puts(s, "0x");
	do {
		digits[n++] = fv_hex_digits[v & 0xf];
		v >>= 4;
	} while (v);
	while (n)
		fv_str_putc(s, digits[--n]);
}

void fv_str_hex8(struct fv_str *s, uint8_t v)
{
	fv_str_putc(s, fv_hex_digits[v >> 4]);
	fv_str_putc(s, fv_hex_digits[v & 0xf]);
}

void fv_str_udec(struct fv_str *s, uint64_t v)
{
	char digits[20];
	unsigned int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		fv_str_putc(s, digits[--n]);
}

void fv_str_sdec(struct fv_str *s, int64_t v)
{
	if (v < 0) {
		fv_str_putc(s, '-');
		/* Negate in unsigned arithmetic: INT64_MIN has no positive twin. */
		fv_str_udec(s, 0 - (uint64_t)v);
	} else {
		fv_str_udec(s, (uint64_t)v);
	}
}

void fv_str_version(struct fv_str *s, uint32_t version)
{
	fv_str_udec(s, ffa_version_major(version));
	fv_str_putc(s, '.');
	fv_str_udec(s, ffa_version_minor(version));
}

void fv_str_uuid(struct fv_str *s, const struct ffa_uuid *u)
{
	unsigned int i;

	for (i = 0; i < FFA_UUID_SIZE; i++) {
		/* 8-4-4-4-12: a dash before bytes 4, 6, 8 and 10. */
		if (i == 4 || i == 6 || i == 8 || i == 10)
			fv_str_putc(s, '-');
		fv_str_hex8(s, u->b[i]);
	}
}

void fv_str_error(struct fv_str *s, int32_t code)
{
	const char *name = ffa_error_name(code);

	if (name)
		fv_str_puts(s, name);
	else
		fv_str_sdec(s, code);
}
