/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Mailboxes (policy §2): FFA_RXTX_MAP, FFA_RXTX_UNMAP, FFA_RX_RELEASE.
 *
 * The host's RX/TX buffers are never registered with the secure world. The
 * proxy registers its own pair, in memory the host cannot reach, and copies
 * between the two: descriptors the host writes are copied out of its TX
 * buffer before they are read (no time-of-check/time-of-use), and data for
 * the host is copied into its RX buffer by the proxy, which therefore knows
 * whether that buffer is full and answers FFA_RX_RELEASE itself.
 */
#include "proxy_private.h"

/* Register the proxy's own buffers with the secure world, once. */
static int32_t map_own_mailbox(struct ffap *p)
{
	struct ffa_regs r;
	int32_t status;

	if (p->own_mbox_mapped)
		return 0;

	ffa_regs_clear(&r, FFA_RXTX_MAP_64);
	r.x[1] = p->cfg.tx_pa;
	r.x[2] = p->cfg.rx_pa;
	r.x[3] = p->cfg.mbox_pages;
	ffap_secure_call(p, &r);
	status = ffap_reply_status(&r);
	if (status) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "secure world refused proxy mailbox",
			      (uint32_t)status);
		return status;
	}
	p->own_mbox_mapped = true;
	return 0;
}

static void unmap_own_mailbox(struct ffap *p)
{
	struct ffa_regs r;

	if (!p->own_mbox_mapped)
		return;

	/* w1 = 0: the NS physical instance unmaps its own buffers. */
	ffa_regs_clear(&r, FFA_RXTX_UNMAP);
	ffap_secure_call(p, &r);
	if (ffap_reply_status(&r)) {
		/*
		 * Keep the registration on record: the secure world still has
		 * it, and the next FFA_RXTX_MAP from the host reuses it.
		 */
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "secure world refused RXTX_UNMAP",
			      r.x[2]);
		return;
	}
	p->own_mbox_mapped = false;
}

/* Give the proxy's RX buffer back to the secure world after reading it. */
void ffap_release_own_rx(struct ffap *p)
{
	struct ffa_regs r;

	ffa_regs_clear(&r, FFA_RX_RELEASE);
	ffap_secure_call(p, &r);
	if (ffap_reply_status(&r))
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "secure world refused RX_RELEASE",
			      r.x[2]);
}

/* [a, a + len) and [b, b + len) intersect; neither wraps (checked by the caller). */
static bool ranges_overlap(uint64_t a, uint64_t b, uint64_t len)
{
	return a < b + len && b < a + len;
}

/*
 * FFA_RXTX_MAP_32/_64 (policy §2; FF-A 1.0 §8.4): x1 TX, x2 RX, w3 bits 5:0
 * page count. The host's pages are pinned for as long as they are mapped so
 * that it cannot share, lend or donate them to the secure world under the
 * proxy's feet.
 */
void ffap_handle_rxtx_map(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint64_t tx_pa = regs->x[1];
	uint64_t rx_pa = regs->x[2];
	uint64_t w3 = regs->x[3];
	uint32_t pages = (uint32_t)w3 & FFA_RXTX_MAP_PAGE_COUNT_MASK;
	uint64_t bytes, end;
	void *tx_va, *rx_va;
	int32_t status;

	(void)is_64;

	/* FF-A 1.0 §8.4: w3 bits 31:6 MBZ; in SMC64, bits 63:32 of this 32-bit field too. */
	if (w3 & ~(uint64_t)FFA_RXTX_MAP_PAGE_COUNT_MASK) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "RXTX_MAP: w3 reserved bits", w3);
		return;
	}
	/* At least one page, and no more than the proxy can copy through its own mailbox. */
	if (pages == 0 || pages > p->cfg.mbox_pages) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "RXTX_MAP: page count", pages);
		return;
	}
	bytes = ffap_mbox_bytes(pages);
	/* FF-A 1.0 §4.2.2.3: buffers aligned to the 4 KiB minimum the proxy reports. */
	if ((tx_pa | rx_pa) & (FFA_PAGE_SIZE - 1)) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "RXTX_MAP: unaligned buffer",
			    tx_pa | rx_pa);
		return;
	}
	if (ffa_add_overflow(tx_pa, bytes, &end) || ffa_add_overflow(rx_pa, bytes, &end)) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "RXTX_MAP: buffer wraps",
			    tx_pa > rx_pa ? tx_pa : rx_pa);
		return;
	}
	/* Two distinct buffers: TX and RX must not share a byte. */
	if (ranges_overlap(tx_pa, rx_pa, bytes)) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "RXTX_MAP: TX and RX overlap", rx_pa);
		return;
	}
	/* FF-A 1.0 §8.4: a second pair for the same endpoint is DENIED. */
	if (p->host.mapped) {
		ffap_refuse(p, regs, FFA_DENIED, "RXTX_MAP: already mapped", p->host.tx_pa);
		return;
	}

	status = ffap_plat_host_pin(p->cfg.plat, tx_pa, pages, &tx_va);
	if (status) {
		ffap_refuse(p, regs, status, "RXTX_MAP: TX not host memory", tx_pa);
		return;
	}
	status = ffap_plat_host_pin(p->cfg.plat, rx_pa, pages, &rx_va);
	if (status) {
		ffap_refuse(p, regs, status, "RXTX_MAP: RX not host memory", rx_pa);
		goto out_unpin_tx;
	}
	status = map_own_mailbox(p);
	if (status) {
		ffa_set_error(regs, status);
		goto out_unpin_rx;
	}

	p->host.mapped = true;
	p->host.rx_full = false;
	p->host.tx_pa = tx_pa;
	p->host.rx_pa = rx_pa;
	p->host.pages = pages;
	p->host.tx = tx_va;
	p->host.rx = rx_va;
	ffa_set_success32(regs, 0, 0);
	return;

out_unpin_rx:
	ffap_plat_host_unpin(p->cfg.plat, rx_pa, pages);
out_unpin_tx:
	ffap_plat_host_unpin(p->cfg.plat, tx_pa, pages);
}

/* FFA_RXTX_UNMAP (policy §2; FF-A 1.0 §8.5): w1 ID field is 0 for the host. */
void ffap_handle_rxtx_unmap(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	(void)is_64;

	/* w1 bits 31:16 name a VM only when a hypervisor unmaps on its behalf; 15:0 MBZ. */
	if (regs->x[1]) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "RXTX_UNMAP: w1 non-zero", regs->x[1]);
		return;
	}
	if (!p->host.mapped) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "RXTX_UNMAP: nothing mapped", 0);
		return;
	}

	/*
	 * A partition's message still waiting for the host cannot outlive the
	 * host's buffers: give the proxy's RX buffer back before unmapping it.
	 */
	if (p->host_msg_pending) {
		ffap_release_own_rx(p);
		p->host_msg_pending = false;
	}
	unmap_own_mailbox(p);
	ffap_plat_host_unpin(p->cfg.plat, p->host.rx_pa, p->host.pages);
	ffap_plat_host_unpin(p->cfg.plat, p->host.tx_pa, p->host.pages);
	ffa_memset(&p->host, 0, sizeof(p->host));
	ffa_set_success32(regs, 0, 0);
}

/*
 * FFA_RX_RELEASE (policy §2; FF-A 1.0 §8.3), answered by the proxy: only it
 * ever fills the host's RX buffer, so only it knows whether it is full.
 */
void ffap_handle_rx_release(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	(void)is_64;

	/* FF-A 1.0 §8.3: DENIED when the caller does not own a full RX buffer. */
	if (!p->host.mapped || !p->host.rx_full) {
		ffap_refuse(p, regs, FFA_DENIED, "RX_RELEASE: RX buffer not full", p->host.mapped);
		return;
	}
	p->host.rx_full = false;
	ffa_set_success32(regs, 0, 0);
}
