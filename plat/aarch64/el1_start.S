/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64: entry of the EL1 test host, its exception vectors (any
 * exception taken at EL1 is a bug: report and stop), and its two conduits:
 * `smc #0` (FF-A, trapped by EL2 into the proxy) and `hvc #0` (the test ABI).
 */
	.section .text.el1_start, "ax"
	.global _start
_start:
	ldr	x0, =__stack_top
	mov	sp, x0
	ldr	x0, =el1_vectors
	msr	vbar_el1, x0
	isb
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:	bl	el1_main
	b	.

.macro el1_vector slot
	.balign 0x80
	mov	x0, #\slot
	b	el1_unexpected
.endm

	.text
	.balign 0x800
el1_vectors:
	.irp slot, 0x000, 0x080, 0x100, 0x180, 0x200, 0x280, 0x300, 0x380, \
		   0x400, 0x480, 0x500, 0x580, 0x600, 0x680, 0x700, 0x780
	el1_vector \slot
	.endr

el1_unexpected:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	bl	el1_report_unexpected
	b	.

/*
 * void el1_smc(struct ffa_regs *regs) / void el1_hvc(struct ffa_regs *regs):
 * x0-x17 from @regs, the results back into it (SMCCC 1.2). The pointer is
 * kept on the stack across the call.
 */
.macro conduit name, insn
	.global \name
\name:
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
	\insn	#0
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
.endm

	conduit el1_smc, smc
	conduit el1_hvc, hvc

	.ltorg
