/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * The input format of fuzz_proxy, shared with fuzz_seeds, which writes it.
 *
 * An input is a small program: up to FUZZ_MAX_STEPS steps, run one after the
 * other on a fresh default world in which the host has negotiated FF-A 1.2
 * and mapped a one-page RX/TX pair (FUZZ_TX_PA, FUZZ_RX_PA). Every field is
 * little-endian; an input that ends early reads as zeros, so every byte
 * string is a valid program.
 *
 *   step := kind:u8 body
 *
 *   kind % 8 in 0..3 (FUZZ_STEP_CALL): one host call with raw registers
 *     kind & FUZZ_CALL_RAW_FID: fid:u64 follows (x0, all 64 bits), else
 *                               sel:u8 picks x0 from the table of function
 *                               IDs in fuzz_proxy.c
 *     present:u8    bit n (0-6): x(n+1) follows; bit 7: ext:u16 follows,
 *                   whose bit n (0-9) says x(n+8) follows (8 bytes each)
 *     wide:u8       bit n: x(n+1) is 8 bytes, else 4 (zero-extended)
 *     the registers, in order
 *     kind & FUZZ_CALL_TX: offset:u16 len:u16 then len bytes, written
 *                          into the host TX buffer before the call
 *                          (offset modulo the buffer, len clipped to it)
 *     kind & FUZZ_CALL_FAULT: nth:u8 error:u8: the (nth % 4 + 1)-th
 *                          secure-world call from now on fails with the
 *                          error fuzz_error(error) (fault injection)
 *   kind % 8 == 4 (FUZZ_STEP_MEM_SEND): a memory transaction through the
 *     host client, which builds and fragments the descriptor itself:
 *     op:u8         bits 1:0 share/lend/donate (3: share), bit 2 the SMC64
 *                   calls, bits 4:3 receivers - 1, bit 5 flags follow,
 *                   bit 6 ranges as a pattern, bit 7 a fault follows
 *     receivers:    id_sel:u8 perms:u8 each; the ID from the receivers
 *                   table of fuzz_proxy.c
 *     [flags:u8]    (FFA_MEM_SEND_FLAGS_MASK bits of it)
 *     [nth:u8 error:u8]  a fault, as for a host call
 *     ranges, pattern: first:u16 count:u16 stride:u8 pages:u8 - count %
 *                   FUZZ_MAX_RANGES + 1 ranges of pages % 4 + 1 pages,
 *                   stride % 8 + 1 pages apart from page first of host RAM
 *     ranges, list: count:u8 then page:u16 pages:u8 each (count % 16 + 1)
 *   kind % 8 == 5: sel:u8: partition 0x8001 (sel even) or 0x8002 retrieves
 *                  the last handle (spmc_sp_retrieve())
 *   kind % 8 == 6: sel:u8: that partition relinquishes the last handle
 *   kind % 8 == 7: the host reclaims the last handle: flags:u8 (low 2 bits)
 *
 * "The last handle" is the last one any reply named (FFA_SUCCESS to a
 * memory send, FFA_MEM_FRAG_RX).
 */
#ifndef FFAPROXY_FUZZ_INPUT_H
#define FFAPROXY_FUZZ_INPUT_H

#include <ffaproxy/ffa_abi.h>

/* clang-format off */
#define FUZZ_MAX_STEPS		16
#define FUZZ_TX_PA		UINT64_C(0x80020000)
#define FUZZ_RX_PA		UINT64_C(0x80021000)
#define FUZZ_MBOX_PAGES		1

#define FUZZ_STEP_KIND_MASK	0x7u
#define FUZZ_STEP_CALL_MAX	3u	/* kinds 0-3: a raw host call */
#define FUZZ_STEP_MEM_SEND	4u
#define FUZZ_STEP_RETRIEVE	5u
#define FUZZ_STEP_RELINQUISH	6u
#define FUZZ_STEP_RECLAIM	7u
#define FUZZ_CALL_RAW_FID	0x08u
#define FUZZ_CALL_TX		0x10u
#define FUZZ_CALL_FAULT		0x20u

#define FUZZ_PRESENT_EXT	0x80u	/* present: ext:u16 follows */
#define FUZZ_EXT_REGS		10	/* x8-x17 */

#define FUZZ_MEM_OP_MASK	0x03u
#define FUZZ_MEM_OP_64		0x04u
#define FUZZ_MEM_RECV_SHIFT	3
#define FUZZ_MEM_RECV_MASK	0x03u
#define FUZZ_MEM_FLAGS		0x20u
#define FUZZ_MEM_PATTERN	0x40u
#define FUZZ_MEM_FAULT		0x80u
/* Ranges of one pattern: enough for five fragments of a one-page TX buffer. */
#define FUZZ_MAX_RANGES		1100
#define FUZZ_MAX_LIST_RANGES	16
#define FUZZ_FAULT_MAX_NTH	4
/* clang-format on */

/*
 * The error an injected fault answers with: every FF-A error code, then two
 * values no error code is (0 and 1: a secure world breaking the ABI).
 */
static inline unsigned int fuzz_error_count(void)
{
	return 11;
}

static inline int32_t fuzz_error(uint8_t sel)
{
	static const int32_t errors[] = {
		FFA_NOT_SUPPORTED,
		FFA_INVALID_PARAMETERS,
		FFA_NO_MEMORY,
		FFA_BUSY,
		FFA_INTERRUPTED,
		FFA_DENIED,
		FFA_RETRY,
		FFA_ABORTED,
		FFA_NO_DATA,
		0,
		1,
	};

	return errors[sel % FFA_ARRAY_SIZE(errors)];
}

#endif /* FFAPROXY_FUZZ_INPUT_H */
