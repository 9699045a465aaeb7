/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64: the memory map of the image on QEMU's `virt` machine
 * (-M virt,secure=on,virtualization=on -m 2G) and the private test ABIs
 * between its three exception levels. Included by C and assembly.
 *
 *   0x00000000  secure flash: the image as loaded by -bios, copied to RAM
 *   0x09000000  PL011 UART (non-secure; every level prints through it)
 *   0x0e000000  secure RAM: the EL3 monitor's stack and the SPMC model's
 *               state (a non-secure access aborts)
 *   0x40000000  the image in RAM: EL3 and EL2 code, the EL2 stack, stage-2
 *               tables, the proxy's own mailbox ("hypervisor memory": never
 *               in the host's stage-2 map)
 *   0x60000000  the EL1 test host: code, data and stack (EL1_BASE, identity
 *               mapped in stage 2)
 *   0x80000000  the host RAM window: a world's host RAM must lie inside it;
 *   -0xbfffffff its pages are mapped in stage 2 as their state allows
 *
 * See docs/aarch64.md.
 */
#ifndef FFAPROXY_QEMU_VIRT_H
#define FFAPROXY_QEMU_VIRT_H

/* clang-format off */
#define QV_UART_BASE		0x09000000
#define QV_SECURE_RAM_BASE	0x0e000000
#define QV_IMAGE_BASE		0x40000000
#define EL1_BASE		0x60000000
#define EL1_SIZE		0x00400000	/* two 2 MiB stage-2 blocks */
#define HOST_WINDOW_BASE	0x80000000
#define HOST_WINDOW_SIZE	0x40000000

/* SPSR values for ERET: AArch64, DAIF masked, EL2h / EL1h. */
#define SPSR_EL2H_DAIF		0x3c9
#define SPSR_EL1H_DAIF		0x3c5

/* Exception classes (ESR_ELx.EC) the handlers tell apart. */
#define ESR_EC_SHIFT		26
#define ESR_EC_HVC64		0x16
#define ESR_EC_SMC64		0x17
#define ESR_EC_IABT_LOWER	0x20
#define ESR_EC_DABT_LOWER	0x24

/*
 * The EL1 -> EL2 test ABI: `hvc #0`, x0 = function, a fast SMC64 call of the
 * vendor-specific hypervisor service range (SMCCC owner 6). Only the vector
 * platform uses it; anything else in an HVC is answered -1 (unknown).
 */
#define TA_HVC_BASE		0xc6000000
#define TA_WORLD_START		(TA_HVC_BASE + 1)  /* x1 = struct ta_world_msg IPA, x2 = size */
#define TA_FAIL_SECURE		(TA_HVC_BASE + 2)  /* x1 = nth, x2 = error */
#define TA_SECURE_CALLS		(TA_HVC_BASE + 3)  /* x1 = IPA of regs[], x2 = max -> x1 = count */
#define TA_PAGE_STATE		(TA_HVC_BASE + 4)  /* x1 = pa -> x1 = enum fv_page_state */
#define TA_CHECK_INVARIANTS	(TA_HVC_BASE + 5)  /* x1 = IPA of text, x2 = size */
#define TA_SP_CALL		(TA_HVC_BASE + 6)  /* x1 = id, x2 = IPA of struct ffa_regs */
#define TA_SP_WRITE		(TA_HVC_BASE + 7)  /* x1 = id, x2 = offset, x3 = IPA, x4 = len */
#define TA_SP_RETRIEVE		(TA_HVC_BASE + 8)  /* x1 = id, x2 = handle, x3 = IPA of regs */
#define TA_SP_RELINQUISH	(TA_HVC_BASE + 9)  /* x1 = id, x2 = handle, x3 = IPA of regs */
#define TA_FAULTS		(TA_HVC_BASE + 10) /* -> x1 = count, x2 = last IPA; x1 in: clear */
#define TA_SRI_COUNT		(TA_HVC_BASE + 11) /* -> x1 = SRIs the model raised */
#define TA_MEM_READ		(TA_HVC_BASE + 12) /* x1 = pa, x2 = IPA of buffer, x3 = len */

/* Results of the test ABI in x0 (SMCCC: 0 success, negative failure). */
#define TA_OK			0
#define TA_ERR_ARGS		(-2)	/* a buffer outside the caller's memory, bad sizes */
#define TA_ERR_WINDOW		(-3)	/* host RAM outside the window */
#define TA_ERR_MODEL		(-4)	/* spmc_init() refused the world */
#define TA_ERR_PROXY		(-5)	/* ffap_init() refused the world */
#define TA_ERR_FAILED		(-6)	/* a check failed; the text says why */

/*
 * The EL2 -> EL3 test ABI: `smc #0`, x0 = function in the SiP service range
 * (SMCCC owner 2). Arguments too large for registers travel in struct
 * ta_el3_msg, which EL2 owns and EL3 copies before reading. Only EL2 makes
 * these calls: EL1's SMCs never reach EL3 unfiltered.
 */
#define TA_SIP_BASE		0xc2000000
#define TA_EL3_MODEL_INIT	(TA_SIP_BASE + 1)
#define TA_EL3_SP_CALL		(TA_SIP_BASE + 2)  /* x1 = id */
#define TA_EL3_SP_WRITE		(TA_SIP_BASE + 3)  /* x1 = id, x2 = offset, x3 = len */
#define TA_EL3_SP_RETRIEVE	(TA_SIP_BASE + 4)  /* x1 = id, x2 = handle */
#define TA_EL3_SP_RELINQUISH	(TA_SIP_BASE + 5)  /* x1 = id, x2 = handle */
#define TA_EL3_NS_MBOX		(TA_SIP_BASE + 6)  /* -> x1 mapped, x2 tx, x3 rx, x4 pages, x5 rx owner */
#define TA_EL3_SRI_COUNT	(TA_SIP_BASE + 7)  /* -> x1 */
#define TA_EL3_MEM_RANGES	(TA_SIP_BASE + 8)  /* x1 = first -> x1 = total, x2 = written */

/* Ranges of live memory transactions EL3 reports per TA_EL3_MEM_RANGES call. */
#define TA_RANGES_MAX		256
/* clang-format on */

#ifndef __ASSEMBLER__

#include <ffaproxy/ffa_abi.h>
#include <ffaproxy/spmc_model.h>

#include "fv.h"

/* Most pages EL1 reports as written since the last world start. */
#define TA_DIRTY_MAX 1024

/**
 * struct ta_world_msg - TA_WORLD_START's argument, in EL1 memory.
 * @world:       the world to build
 * @dirty_count: pages of host RAM EL1 wrote since the last world start, or
 *               TA_DIRTY_MAX + 1 when it lost count (then all of the last
 *               world's RAM is zeroed)
 * @dirty:       their addresses
 */
struct ta_world_msg {
	struct fv_world world;
	uint32_t dirty_count;
	uint64_t dirty[TA_DIRTY_MAX];
};

/** struct ta_mem_range - one range of a live memory transaction of the model. */
struct ta_mem_range {
	uint64_t handle;
	uint64_t base;
	uint64_t pages;
	uint64_t kind; /* enum spmc_mem_kind */
};

/**
 * struct ta_el3_msg - arguments from EL2 to EL3 that do not fit registers.
 * @spmc:                   TA_EL3_MODEL_INIT: the model's configuration
 * @ram_base, @ram_size:    host RAM the model may reach
 * @mbox_base, @mbox_size:  the proxy's own mailbox, which it may reach too
 * @regs:                   TA_EL3_SP_*: the partition's call and its reply
 * @data:                   TA_EL3_SP_WRITE: the bytes
 * @ranges:                 TA_EL3_MEM_RANGES: EL3's answer
 */
struct ta_el3_msg {
	struct spmc_config spmc;
	uint64_t ram_base;
	uint64_t ram_size;
	uint64_t mbox_base;
	uint64_t mbox_size;
	struct ffa_regs regs;
	uint8_t data[SPMC_SP_MBOX_SIZE];
	struct ta_mem_range ranges[TA_RANGES_MAX];
};

#endif /* __ASSEMBLER__ */
#endif /* FFAPROXY_QEMU_VIRT_H */
