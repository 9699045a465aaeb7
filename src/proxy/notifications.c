/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Notifications (policy §4; FF-A 1.1): FFA_NOTIFICATION_BITMAP_CREATE/DESTROY,
 * BIND/UNBIND, SET/GET and INFO_GET.
 *
 * Forwarding these is safe because they carry only endpoint IDs, vCPU IDs,
 * flags and bitmaps (no addresses the secure world could be made to touch),
 * and because the host is the only non-secure endpoint: the secure world
 * attributes every notification of endpoint 0 to the host, which is what it
 * is. The proxy enforces every reserved field and the endpoint-ID rules
 * locally, so nothing malformed reaches the secure world.
 *
 * One call does more than forward: FFA_NOTIFICATION_GET, when the secure
 * world reports that a partition has sent the host an indirect message. The
 * message sits in the proxy's RX buffer (the only one the secure world
 * knows); the proxy moves it into the host's.
 */
#include "proxy_private.h"

/* A bitmap of notification IDs fills w3 (0-31) and w4 (32-63); 0 names none. */
static void forward_notification(struct ffap *p, struct ffa_regs *regs)
{
	/* x0-x7 are as checked and x8-x17 zero: forward the call as it is. */
	ffap_secure_call(p, regs);
	if (ffap_reply_status(regs) == FFA_ABORTED) {
		ffap_refuse(p, regs, FFA_ABORTED, "notification: bad secure reply", regs->x[0]);
		return;
	}
	ffap_pass_reply(regs, regs, false);
}

/* FFA_NOTIFICATION_BITMAP_CREATE: w1 VM ID must be the host's (0), w2 vCPU count. */
void ffap_handle_notif_bitmap_create(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	(void)is_64;
	/* Bits 31:16 of w1 are MBZ and 15:0 name the VM: the host creates only its own. */
	if (regs->x[1] != FFA_HOST_ID) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "BITMAP_CREATE: w1 not 0", regs->x[1]);
		return;
	}
	forward_notification(p, regs);
}

/* FFA_NOTIFICATION_BITMAP_DESTROY: w1 VM ID must be the host's (0). */
void ffap_handle_notif_bitmap_destroy(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	(void)is_64;
	if (regs->x[1] != FFA_HOST_ID) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "BITMAP_DESTROY: w1 not 0",
			    regs->x[1]);
		return;
	}
	forward_notification(p, regs);
}

/*
 * FFA_NOTIFICATION_BIND / UNBIND: w1 sender (31:16) a partition, receiver
 * (15:0) the host; w2 BIND flags (bit 0 per-vCPU, 31:1 MBZ) or UNBIND MBZ;
 * w3/w4 the bitmap.
 */
static bool bind_target_ok(uint32_t w1)
{
	return ffa_receiver(w1) == FFA_HOST_ID && ffa_id_is_secure(ffa_sender(w1));
}

void ffap_handle_notif_bind(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	(void)is_64;
	if (!bind_target_ok((uint32_t)regs->x[1])) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "BIND: sender/receiver", regs->x[1]);
		return;
	}
	if (regs->x[2] & ~(uint64_t)FFA_NOTIFICATION_FLAG_PER_VCPU) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "BIND: w2 flags", regs->x[2]);
		return;
	}
	forward_notification(p, regs);
}

void ffap_handle_notif_unbind(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	(void)is_64;
	if (!bind_target_ok((uint32_t)regs->x[1])) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "UNBIND: sender/receiver", regs->x[1]);
		return;
	}
	/* w2 is reserved in UNBIND: the policy table leaves it unused, hence MBZ. */
	forward_notification(p, regs);
}

/*
 * FFA_NOTIFICATION_SET: w1 sender (31:16) the host, receiver (15:0) a
 * partition; w2 bit 0 per-vCPU, bit 1 delay SRI (only partition senders may
 * delay the schedule receiver interrupt), bits 15:2 MBZ, 31:16 the vCPU,
 * which must be 0 unless per-vCPU.
 */
void ffap_handle_notif_set(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint32_t w1 = (uint32_t)regs->x[1];
	uint32_t flags = (uint32_t)regs->x[2];

	(void)is_64;
	if (ffa_sender(w1) != FFA_HOST_ID || !ffa_id_is_secure(ffa_receiver(w1))) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "SET: sender/receiver", w1);
		return;
	}
	if (flags & (FFA_NOTIFICATION_FLAG_DELAY_SRI | FFA_NOTIFICATION_SET_MBZ_MASK)) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "SET: w2 reserved or delay-SRI",
			    flags);
		return;
	}
	if (!(flags & FFA_NOTIFICATION_FLAG_PER_VCPU) && (flags >> FFA_NOTIFICATION_VCPU_SHIFT)) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "SET: vCPU without per-vCPU", flags);
		return;
	}
	forward_notification(p, regs);
}

/*
 * Move an indirect message a partition sent the host from the proxy's RX
 * buffer into the host's. The message is a partition message header and its
 * payload; its extent comes from the header in the proxy's own buffer, which
 * only the secure world writes, but it is still checked against both buffers
 * as the secure world could break the ABI.
 *
 * Return: true when the host's RX buffer now holds the message.
 */
static bool deliver_pending_message(struct ffap *p)
{
	const struct ffa_msg_header *hdr = p->cfg.rx;
	uint64_t end;

	if (!p->host.mapped || p->host.rx_full)
		return false;

	/*
	 * The header is in the sender's layout (S12), whatever the host
	 * negotiated: the payload starts at least after FF-A 1.1's 20 bytes.
	 */
	if (ffa_add_overflow((uint64_t)hdr->payload_offset, (uint64_t)hdr->payload_size, &end) ||
	    hdr->payload_offset < sizeof(struct ffa_msg_header_v1_1) ||
	    end > ffap_mbox_bytes(p->cfg.mbox_pages) || end > ffap_mbox_bytes(p->host.pages)) {
		/*
		 * Undeliverable: drop it rather than wedge the secure world's
		 * only path to the host. The host never sees the bit.
		 */
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "indirect message for host: bad extent",
			      hdr->payload_offset);
		p->host_msg_pending = false;
		ffap_release_own_rx(p);
		return false;
	}

	ffa_memcpy(p->host.rx, p->cfg.rx, (size_t)end);
	p->host.rx_full = true;
	p->host_msg_pending = false;
	ffap_release_own_rx(p);
	return true;
}

/*
 * FFA_NOTIFICATION_GET: w1 receiver (15:0) the host, vCPU (31:16); w2 bits
 * 3:0 select the SP, VM, SPM and hypervisor bitmaps, 31:4 MBZ. Reply w2-w7.
 */
void ffap_handle_notif_get(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint32_t w1 = (uint32_t)regs->x[1];
	uint32_t flags = (uint32_t)regs->x[2];
	bool want_spm = flags & FFA_NOTIFICATION_GET_SPM;

	(void)is_64;
	if (ffa_receiver(w1) != FFA_HOST_ID) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "GET: receiver not 0", w1);
		return;
	}
	if (flags & FFA_NOTIFICATION_GET_MBZ_MASK) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "GET: w2 flags", flags);
		return;
	}

	forward_notification(p, regs);
	if (!ffa_is_success(regs) || !want_spm)
		return;

	/*
	 * "RX buffer full" in the SPM framework bitmap: a partition's message
	 * for the host is in the proxy's RX buffer. The secure world cleared
	 * the bit with this GET; the proxy keeps it pending until it can move
	 * the message, and reports the bit to the host only once the message
	 * is in the host's RX buffer.
	 */
	if (regs->x[6] & FFA_FRAMEWORK_NOTIF_RX_FULL)
		p->host_msg_pending = true;
	regs->x[6] &= ~(uint64_t)FFA_FRAMEWORK_NOTIF_RX_FULL;
	if (p->host_msg_pending && deliver_pending_message(p))
		regs->x[6] |= FFA_FRAMEWORK_NOTIF_RX_FULL;
}

/* FFA_NOTIFICATION_INFO_GET_32/_64: no arguments; the ID lists come back in x3-x7. */
void ffap_handle_notif_info_get(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	(void)is_64;
	forward_notification(p, regs);
}
