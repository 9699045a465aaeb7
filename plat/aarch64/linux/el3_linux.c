/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64/linux: what the secure firmware does for the GICv3 before a
 * non-secure kernel can use it (GICv3 architecture, IHI 0069, §12). With
 * QEMU's `secure=on` the GIC has two security states (GICD_CTLR.DS = 0)
 * and every interrupt resets to Group 0, which only the secure side may
 * change: a non-secure kernel would never see its timer interrupt. So EL3
 * enables affinity routing for both states, puts every interrupt in
 * Group 1 Non-secure, wakes CPU 0's redistributor and lets EL2 and EL1 use
 * the CPU interface's system registers. Nothing else: the kernel drives
 * the GIC from there (no interrupt of the SPMC model is delivered).
 */
#include "console.h"
#include "linux_host.h"

/* clang-format off */
#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IGROUPR		0x0080
#define GICD_CTLR_ARE_S		(1u << 4)
#define GICD_CTLR_ARE_NS	(1u << 5)
#define GICD_CTLR_RWP		(1u << 31)
#define GICD_TYPER_ITLINES	0x1fu
#define GICR_WAKER		0x0014
#define GICR_WAKER_PSLEEP	(1u << 1)
#define GICR_WAKER_CASLEEP	(1u << 2)
#define GICR_IGROUPR0		0x0080	/* in the SGI frame */
/* ICC_SRE_EL3: SRE, DFB, DIB, Enable (lower levels may use their ICC_SRE). */
#define ICC_SRE_EL3_VALUE	0xf
/* clang-format on */

static volatile uint32_t *reg(uint64_t base, uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(base + off);
}

void el3_linux_gic_init(void)
{
	uint32_t lines, n;

	__asm__ volatile("msr s3_6_c12_c12_5, %0\n\tisb" : : "r"((uint64_t)ICC_SRE_EL3_VALUE));

	*reg(QV_GICD_BASE, GICD_CTLR) = GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS;
	while (*reg(QV_GICD_BASE, GICD_CTLR) & GICD_CTLR_RWP)
		;
	/* SPIs: 32 * (ITLinesNumber + 1) interrupt IDs; register 0 is the SGIs' and PPIs'. */
	lines = *reg(QV_GICD_BASE, GICD_TYPER) & GICD_TYPER_ITLINES;
	for (n = 1; n <= lines; n++)
		*reg(QV_GICD_BASE, GICD_IGROUPR + 4 * n) = 0xffffffff;

	*reg(QV_GICR_BASE, GICR_WAKER) &= ~GICR_WAKER_PSLEEP;
	while (*reg(QV_GICR_BASE, GICR_WAKER) & GICR_WAKER_CASLEEP)
		;
	*reg(QV_GICR_SGI_BASE, GICR_IGROUPR0) = 0xffffffff;
	console_puts("EL3: GICv3 interrupts in Group 1 Non-secure\n");
}
