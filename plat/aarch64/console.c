/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64: PL011 output, text building and the semihosting exit.
 *
 * The UART needs no set-up under QEMU. Every level runs with its stage-1
 * MMU off, so these accesses are Device memory accesses, as they must be.
 */
#include "console.h"
#include "qemu_virt.h"

/* PL011 registers (PrimeCell UART TRM): data, flags; FR.TXFF = TX FIFO full. */
#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1u << 5)

/* Semihosting: SYS_EXIT with an ADP_Stopped_ApplicationExit block carrying the code. */
#define SEMIHOSTING_SYS_EXIT 0x18
#define SEMIHOSTING_APPLICATION_EXIT 0x20026

static void console_putc(char c)
{
	volatile uint32_t *dr = (volatile uint32_t *)(uintptr_t)(QV_UART_BASE + PL011_DR);
	volatile uint32_t *fr = (volatile uint32_t *)(uintptr_t)(QV_UART_BASE + PL011_FR);

	while (*fr & PL011_FR_TXFF)
		;
	*dr = (uint8_t)c;
}

void console_puts(const char *s)
{
	while (*s) {
		if (*s == '\n')
			console_putc('\r');
		console_putc(*s++);
	}
}

void text_init(struct text *t, char *buf, size_t cap)
{
	t->buf = buf;
	t->cap = cap;
	t->len = 0;
	if (cap)
		buf[0] = '\0';
}

static void text_putc(struct text *t, char c)
{
	if (t->len + 1 >= t->cap)
		return;
	t->buf[t->len++] = c;
	t->buf[t->len] = '\0';
}

void text_puts(struct text *t, const char *s)
{
	while (*s)
		text_putc(t, *s++);
}

void text_hex(struct text *t, uint64_t v)
{
	int shift = 60;

	text_puts(t, "0x");
	while (shift > 0 && !((v >> shift) & 0xf))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		text_putc(t, "0123456789abcdef"[(v >> shift) & 0xf]);
}

void text_udec(struct text *t, uint64_t v)
{
	char digits[20];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		text_putc(t, digits[--n]);
}

void qv_exit(unsigned int code)
{
	volatile uint64_t block[2] = { SEMIHOSTING_APPLICATION_EXIT, code };
	register uint64_t x0 __asm__("x0") = SEMIHOSTING_SYS_EXIT;
	register uint64_t x1 __asm__("x1") = (uint64_t)(uintptr_t)block;

	__asm__ volatile("hlt #0xf000" : : "r"(x0), "r"(x1) : "memory");
	for (;;)
		__asm__ volatile("wfi");
}

void qv_panic3(const char *what, uint64_t a, uint64_t b, uint64_t c)
{
	char line[200];
	struct text t;

	text_init(&t, line, sizeof(line));
	text_puts(&t, "PANIC: ");
	text_puts(&t, what);
	text_puts(&t, ": ");
	text_hex(&t, a);
	text_puts(&t, " ");
	text_hex(&t, b);
	text_puts(&t, " ");
	text_hex(&t, c);
	text_puts(&t, "\n");
	console_puts(line);
	qv_exit(QV_EXIT_CRASH);
}

void qv_panic(const char *what, uint64_t value)
{
	char line[160];
	struct text t;

	text_init(&t, line, sizeof(line));
	text_puts(&t, "PANIC: ");
	text_puts(&t, what);
	text_puts(&t, " ");
	text_hex(&t, value);
	text_puts(&t, "\n");
	console_puts(line);
	qv_exit(QV_EXIT_CRASH);
}
