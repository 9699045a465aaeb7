/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64/linux: the firmware that boots a Linux kernel as the host at
 * EL1 on top of the port's EL3 monitor (SPMC model) and EL2 (proxy core,
 * stage 2). Run with
 *
 *   qemu-system-aarch64 -M virt,secure=on,virtualization=on,gic-version=3
 *       -cpu cortex-a57 -smp 1 -m 2G -nographic -nic none -monitor none
 *       -serial stdio -semihosting -bios image-linux.bin
 *       -device loader,file=Image,addr=QV_LINUX_IMAGE
 *       -device loader,file=guest.dtb,addr=QV_LINUX_DTB
 *       -device loader,file=initramfs.cpio.gz,addr=QV_LINUX_INITRD
 *
 * Guest memory map (tests/linux/run.sh reads the QV_LINUX_* values from
 * this file, so that the device tree it builds says the same):
 *
 *   0x08000000 - 0x081fffff  GICv3: distributor, ITS, redistributor (stage 2: device)
 *   0x09000000               PL011 UART (stage 2: device, one page)
 *   0x80000000 - 0x8fffffff  the kernel's RAM (QV_LINUX_RAM_*): the world's
 *                            host RAM, identity-mapped in stage 2 as the
 *                            proxy's page states allow
 *   everything else          unmapped: the hypervisor image at 0x40000000,
 *                            secure RAM, the rest of QEMU's 2 GiB
 *
 * See plat/aarch64/linux/README.md.
 */
#ifndef FFAPROXY_AARCH64_LINUX_HOST_H
#define FFAPROXY_AARCH64_LINUX_HOST_H

/* clang-format off */
#define QV_LINUX_RAM_BASE	0x80000000
#define QV_LINUX_RAM_SIZE	0x10000000
#define QV_LINUX_IMAGE		0x80000000	/* 2 MiB aligned; 6.12's text_offset is 0 */
#define QV_LINUX_DTB		0x88000000
#define QV_LINUX_INITRD		0x88200000

#define QV_GIC_BASE		0x08000000	/* 2 MiB: GICD, ITS, GICR of QEMU virt */
#define QV_GIC_SIZE		0x00200000
#define QV_GICD_BASE		0x08000000
#define QV_GICR_BASE		0x080a0000	/* CPU 0's redistributor: RD_base */
#define QV_GICR_SGI_BASE	(QV_GICR_BASE + 0x10000)
/* clang-format on */

#ifndef __ASSEMBLER__

#include "qemu_virt.h"

/* EL3 (el3_linux.c): hand the GIC's interrupts to the non-secure world. */
void el3_linux_gic_init(void);

/* EL2 (el2_linux.c), called from el2.c's trap glue. */
uint64_t el2_linux_init(void);
void el2_linux_smc(struct ffa_regs *r);
void el2_linux_record(uint32_t fid, const struct ffa_regs *call, const struct ffa_regs *reply);
void el2_linux_record_secure(const struct ffa_regs *call, const struct ffa_regs *reply);

/* EL2 (el2.c): start the world of the Linux image; check the invariants. */
int el2_start_world(const struct fv_world *w);
int el2_invariants(char *why, size_t cap);

#endif /* __ASSEMBLER__ */
#endif /* FFAPROXY_AARCH64_LINUX_HOST_H */
