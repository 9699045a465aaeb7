/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Partition discovery (policy §2): FFA_PARTITION_INFO_GET through the
 * proxy's own RX buffer, and the register-only FFA_PARTITION_INFO_GET_REGS.
 */
#include "proxy_private.h"

/*
 * The descriptor size a caller of @version expects (FF-A 1.0: 8 bytes;
 * FF-A 1.1 Table 13.37: 24 bytes).
 */
static uint32_t partition_info_size(uint32_t version)
{
	return version >= FFA_VERSION_1_1 ? sizeof(struct ffa_partition_info) :
					    sizeof(struct ffa_partition_info_v1_0);
}

/*
 * FFA_PARTITION_INFO_GET (policy §2; FF-A 1.0 §8.6): w1-w4 UUID, w5 flags.
 * The secure world writes the descriptors into the proxy's RX buffer; the
 * proxy checks they fit, copies them into the host's and gives its own back.
 */
void ffap_handle_partition_info_get(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint32_t flags = (uint32_t)regs->x[5];
	uint32_t allowed_flags, count, size;
	uint64_t bytes;
	struct ffa_regs r;
	int32_t status;

	(void)is_64;

	/* w5 bit 0 (count only) exists from 1.1; everything else is MBZ. */
	allowed_flags = p->version >= FFA_VERSION_1_1 ? FFA_PARTITION_INFO_GET_COUNT_ONLY : 0;
	if (flags & ~allowed_flags) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "PARTITION_INFO_GET: w5 flags", flags);
		return;
	}
	/* FF-A 1.0 §8.6: BUSY when the caller's RX buffer is not available (full, or absent). */
	if (!p->host.mapped || p->host.rx_full) {
		ffap_refuse(p, regs, FFA_BUSY, "PARTITION_INFO_GET: host RX busy", p->host.mapped);
		return;
	}

	ffa_regs_clear(&r, regs->x[0]);
	r.x[1] = regs->x[1];
	r.x[2] = regs->x[2];
	r.x[3] = regs->x[3];
	r.x[4] = regs->x[4];
	r.x[5] = flags;
	ffap_secure_call(p, &r);

	status = ffap_reply_status(&r);
	if (status == FFA_ABORTED) {
		ffap_refuse(p, regs, FFA_ABORTED, "PARTITION_INFO_GET: bad secure reply", r.x[0]);
		return;
	}
	count = (uint32_t)r.x[2];
	/* Nothing landed in the proxy's RX buffer: pass the answer on as it is. */
	if (status || count == 0 || (flags & FFA_PARTITION_INFO_GET_COUNT_ONLY)) {
		ffap_pass_reply(regs, &r, false);
		return;
	}

	/* FF-A 1.0 has no size in w3: its descriptors are 8 bytes. */
	size = p->version >= FFA_VERSION_1_1 ? (uint32_t)r.x[3] : partition_info_size(p->version);

	/* From here the proxy's RX buffer is full: release it on every path. */
	if (size < partition_info_size(p->version) ||
	    ffa_mul_overflow((uint64_t)count, (uint64_t)size, &bytes) ||
	    bytes > ffap_mbox_bytes(p->cfg.mbox_pages)) {
		ffap_refuse(p, regs, FFA_ABORTED, "PARTITION_INFO_GET: secure reply breaks ABI",
			    r.x[3]);
		goto out_release;
	}
	/* FF-A 1.0 §8.6: NO_MEMORY when the descriptors do not fit the caller's buffer. */
	if (bytes > ffap_mbox_bytes(p->host.pages)) {
		ffap_refuse(p, regs, FFA_NO_MEMORY, "PARTITION_INFO_GET: host RX too small", bytes);
		goto out_release;
	}

	ffa_memcpy(p->host.rx, p->cfg.rx, (size_t)bytes);
	p->host.rx_full = true;
	ffap_pass_reply(regs, &r, false);

out_release:
	ffap_release_own_rx(p);
}

/*
 * FFA_PARTITION_INFO_GET_REGS (policy §2; FF-A 1.2): x1/x2 UUID,
 * x3 bits 15:0 start index and 31:16 tag. Nothing goes through memory.
 */
void ffap_handle_partition_info_get_regs(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint16_t start = (uint16_t)(regs->x[3] & FFA_PART_REGS_START_INDEX_MASK);
	uint16_t last, current;
	unsigned int returned, i;
	struct ffa_regs r;
	int32_t status;

	(void)is_64;

	/*
	 * x3 bits 63:32 are ignored and not forwarded: Linux builds x3 in a
	 * signed int, so a tag >= 0x8000 sign-extends into them.
	 */
	ffa_regs_clear(&r, regs->x[0]);
	r.x[1] = regs->x[1];
	r.x[2] = regs->x[2];
	r.x[3] = (uint32_t)regs->x[3];
	ffap_secure_call(p, &r);

	status = ffap_reply_status(&r);
	if (status) {
		if (status == FFA_ABORTED)
			ffap_refuse(p, regs, FFA_ABORTED, "PARTITION_INFO_GET_REGS: bad reply",
				    r.x[0]);
		else
			ffap_pass_reply(regs, &r, false);
		return;
	}
	if ((uint32_t)r.x[0] != FFA_SUCCESS_64) {
		ffap_refuse(p, regs, FFA_ABORTED, "PARTITION_INFO_GET_REGS: not SUCCESS_64",
			    r.x[0]);
		return;
	}

	/*
	 * The reply says which descriptors it carries: start..current, at
	 * most five, within 0..last. Anything else breaks the ABI; registers
	 * beyond the descriptors it carries are zeroed, not passed on.
	 */
	last = (uint16_t)(r.x[2] >> FFA_PART_REGS_LAST_INDEX_SHIFT);
	current = (uint16_t)(r.x[2] >> FFA_PART_REGS_CUR_INDEX_SHIFT);
	if (current > last || current < start || current - start >= FFA_PART_REGS_PER_CALL) {
		ffap_refuse(p, regs, FFA_ABORTED, "PARTITION_INFO_GET_REGS: bad indices", r.x[2]);
		return;
	}
	returned = (unsigned int)(current - start) + 1;
	for (i = 3 + 3 * returned; i < FFA_REG_COUNT; i++)
		r.x[i] = 0;
	ffap_pass_reply(regs, &r, true);
}
