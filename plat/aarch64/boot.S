/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64: reset, the EL3 monitor's and EL2's exception vectors, and
 * the SMC conduit EL2 uses towards EL3.
 *
 * QEMU starts the -bios image at 0x0 (secure flash) at EL3 with every MMU
 * off. Non-secure levels cannot read the flash, so the first instructions,
 * position-independent, copy the image to the RAM it is linked for and jump
 * there. EL3 then installs its vectors and drops to EL2, which sets up
 * stage 2 (el2_init()) and drops to the EL1 test host.
 */
#include "qemu_virt.h"
#ifdef QV_LINUX_HOST
#include "linux/linux_host.h"
#endif

/* SCR_EL3: NS (lower levels non-secure), HCE (HVC enabled), RW (EL2 is AArch64). */
#define SCR_EL3_VALUE ((1 << 0) | (1 << 8) | (1 << 10))
/* SCTLR_EL2 with its RES1 bits and the MMU, caches and alignment checks off. */
#define SCTLR_EL2_VALUE 0x30c50830

/* Bytes of one saved register frame: x0-x30 and the pad keeping SP 16-byte aligned. */
#define FRAME_SIZE (32 * 8)

	.section .text.boot, "ax"
	.global _start
_start:
	adr	x0, _start		/* where we run: 0x0 from -bios */
	ldr	x1, =__image_start	/* where we are linked */
	ldr	x2, =__image_end
	cmp	x0, x1
	b.eq	1f
2:	ldp	x3, x4, [x0], #16
	stp	x3, x4, [x1], #16
	cmp	x1, x2
	b.lo	2b
1:	ldr	x0, =el3_entry
	br	x0

	.text
el3_entry:
	ldr	x0, =__el3_stack_top
	mov	sp, x0
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
	bl	zero_range
	ldr	x0, =__el3_start
	ldr	x1, =__el3_end
	bl	zero_range
	ldr	x0, =el3_vectors
	msr	vbar_el3, x0
	mov	x0, #SCR_EL3_VALUE
	msr	scr_el3, x0
	msr	cptr_el3, xzr
	ldr	x0, =SCTLR_EL2_VALUE
	msr	sctlr_el2, x0
	msr	hcr_el2, xzr
	msr	cptr_el2, xzr
	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	bl	el3_init
	mov	x0, #SPSR_EL2H_DAIF
	msr	spsr_el3, x0
	ldr	x0, =el2_entry
	msr	elr_el3, x0
	isb
	eret

el2_entry:
	ldr	x0, =__el2_stack_top
	mov	sp, x0
	ldr	x0, =el2_vectors
	msr	vbar_el2, x0
	isb
	bl	el2_init		/* returns the EL1 entry point */
	msr	elr_el2, x0
	mov	x1, #SPSR_EL1H_DAIF
	msr	spsr_el2, x1
#ifdef QV_LINUX_HOST
	/* arm64 boot protocol: x0 = the device tree's address, x1-x3 = 0. */
	ldr	x0, =QV_LINUX_DTB
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
#endif
	isb
	eret

/* zero_range(x0 = start, x1 = end), both 16-byte aligned. */
zero_range:
	cmp	x0, x1
	b.hs	1f
	stp	xzr, xzr, [x0], #16
	b	zero_range
1:	ret

/*
 * Save x0-x30 on the current stack, call \handler(frame), restore, ERET.
 * The handler may change x0-x17 in the frame (the SMCCC 1.2 results).
 */
.macro trap_entry handler
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mov	x0, sp
	bl	\handler
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #FRAME_SIZE
	eret
.endm

/* A vector slot that reports which one fired and stops. */
.macro vector_unexpected level, slot
	.balign 0x80
	mov	x0, #\slot
	b	\level\()_unexpected
.endm

	.balign 0x800
el3_vectors:
	vector_unexpected el3, 0x000
	vector_unexpected el3, 0x080
	vector_unexpected el3, 0x100
	vector_unexpected el3, 0x180
	vector_unexpected el3, 0x200
	vector_unexpected el3, 0x280
	vector_unexpected el3, 0x300
	vector_unexpected el3, 0x380
	.balign 0x80		/* 0x400: synchronous, from a lower level in AArch64 */
	b	el3_sync_lower
	vector_unexpected el3, 0x480
	vector_unexpected el3, 0x500
	vector_unexpected el3, 0x580
	vector_unexpected el3, 0x600
	vector_unexpected el3, 0x680
	vector_unexpected el3, 0x700
	vector_unexpected el3, 0x780

el3_sync_lower:
	trap_entry el3_handle_sync

	.balign 0x800
el2_vectors:
	vector_unexpected el2, 0x000
	vector_unexpected el2, 0x080
	vector_unexpected el2, 0x100
	vector_unexpected el2, 0x180
	vector_unexpected el2, 0x200
	vector_unexpected el2, 0x280
	vector_unexpected el2, 0x300
	vector_unexpected el2, 0x380
	.balign 0x80		/* 0x400: synchronous, from EL1 in AArch64 */
	b	el2_sync_lower
	vector_unexpected el2, 0x480
	vector_unexpected el2, 0x500
	vector_unexpected el2, 0x580
	vector_unexpected el2, 0x600
	vector_unexpected el2, 0x680
	vector_unexpected el2, 0x700
	vector_unexpected el2, 0x780

el2_sync_lower:
	trap_entry el2_handle_sync

el3_unexpected:
	mrs	x1, esr_el3
	mrs	x2, elr_el3
	bl	el3_report_unexpected
	b	.

el2_unexpected:
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	bl	el2_report_unexpected
	b	.

/*
 * void el2_smc(struct ffa_regs *regs): smc #0 with x0-x17 from @regs, the
 * results back into it (SMCCC 1.2). The pointer is kept on the stack across
 * the call: the callee may use x18 and every register up to x17.
 */
	.global el2_smc
el2_smc:
	stp	x29, x30, [sp, #-32]!
	str	x0, [sp, #16]
	ldp	x16, x17, [x0, #128]
	ldp	x14, x15, [x0, #112]
	ldp	x12, x13, [x0, #96]
	ldp	x10, x11, [x0, #80]
	ldp	x8, x9, [x0, #64]
	ldp	x6, x7, [x0, #48]
	ldp	x4, x5, [x0, #32]
	ldp	x2, x3, [x0, #16]
	ldp	x0, x1, [x0, #0]
	smc	#0
	ldr	x18, [sp, #16]
	stp	x0, x1, [x18, #0]
	stp	x2, x3, [x18, #16]
	stp	x4, x5, [x18, #32]
	stp	x6, x7, [x18, #48]
	stp	x8, x9, [x18, #64]
	stp	x10, x11, [x18, #80]
	stp	x12, x13, [x18, #96]
	stp	x14, x15, [x18, #112]
	stp	x16, x17, [x18, #128]
	ldp	x29, x30, [sp], #32
	ret

	.ltorg
