/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Messaging (policy §3): FFA_MSG_SEND_DIRECT_REQ_32/_64, FFA_MSG_SEND_DIRECT_REQ2,
 * FFA_RUN and FFA_MSG_SEND2.
 *
 * The proxy is the host's only way to the secure world, so every message it
 * forwards must name the host as its sender in the field the receiver reads
 * (not in any variable of the proxy's), must not be a framework message (those
 * belong to the hypervisor and the SPMD, and a partition trusts them), and
 * must carry nothing the host did not put in a defined payload register.
 *
 * Direct requests and FFA_RUN run a partition for as long as it likes, so
 * their rows run without the proxy's lock; they touch no proxy state.
 */
#include "proxy_private.h"

/*
 * The sender/receiver word of a message from the host: the sender (31:16)
 * is the host itself and the receiver (15:0) a secure endpoint. In an SMC64
 * call bits 63:32 of the register are MBZ (policy §1, "32-bit fields").
 */
static bool host_to_secure(uint64_t x1)
{
	return !(x1 >> 32) && ffa_sender((uint32_t)x1) == FFA_HOST_ID &&
	       ffa_id_is_secure(ffa_receiver((uint32_t)x1));
}

/*
 * What a partition may answer a direct request with (FF-A 1.0 §10.2): its
 * response in the request's own width, FFA_INTERRUPT or FFA_YIELD (the host
 * resumes it with FFA_RUN), or an error. For a response, the responder is the
 * partition asked and the destination the host; anything else would hand
 * the host a message the secure world did not address to it.
 */
static bool direct_reply_ok(const struct ffa_regs *reply, uint32_t resp_fid, uint16_t target)
{
	uint32_t w0 = (uint32_t)reply->x[0];
	uint32_t w1 = (uint32_t)reply->x[1];

	if (w0 == FFA_INTERRUPT || w0 == FFA_YIELD)
		return true;
	if (w0 == FFA_ERROR)
		return ffap_reply_status(reply) != FFA_ABORTED;
	return w0 == resp_fid && ffa_receiver(w1) == FFA_HOST_ID && ffa_sender(w1) == target;
}

/*
 * What may come back from FFA_RUN: whatever the partition does next. It may
 * finish the request it was interrupted in (either response), be interrupted
 * or yield again, wait for a message, or fail.
 */
static bool run_reply_ok(const struct ffa_regs *reply, uint16_t target)
{
	uint32_t w0 = (uint32_t)reply->x[0];
	uint32_t w1 = (uint32_t)reply->x[1];

	switch (w0) {
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
	case FFA_MSG_SEND_DIRECT_RESP2:
		return ffa_receiver(w1) == FFA_HOST_ID && ffa_sender(w1) == target;
	case FFA_INTERRUPT:
	case FFA_YIELD:
	case FFA_MSG_WAIT:
	case FFA_SUCCESS_32:
		return true;
	case FFA_ERROR:
		return ffap_reply_status(reply) != FFA_ABORTED;
	default:
		return false;
	}
}

/* Hand the secure world's answer @r, already in place, to the host. */
static void pass_message_reply(struct ffap *p, struct ffa_regs *r, bool ok)
{
	if (!ok) {
		ffap_refuse(p, r, FFA_ABORTED, "direct message: reply breaks the ABI", r->x[0]);
		return;
	}
	/* Only DIRECT_RESP2 defines x8-x17 (policy §1, "Replies"). */
	ffap_pass_reply(r, r, (uint32_t)r->x[0] == FFA_MSG_SEND_DIRECT_RESP2);
}

/*
 * FFA_MSG_SEND_DIRECT_REQ_32/_64 (policy §3; FF-A 1.0 §10.2): w1 sender 0 and
 * a secure receiver, w2 zero, w3-w7 payload.
 */
void ffap_handle_direct_req(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint16_t target;

	/*
	 * The check is on x1 itself, the value the receiver will read as the
	 * sender: the host may only speak as endpoint 0.
	 */
	if (!host_to_secure(regs->x[1])) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "DIRECT_REQ: sender/receiver",
			    regs->x[1]);
		return;
	}
	/*
	 * FF-A 1.2 Table 16.6: w2 bit 31 marks a framework message, which only
	 * the hypervisor and the SPMD may send; every other bit is reserved.
	 */
	if (regs->x[2]) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "DIRECT_REQ: w2 flags", regs->x[2]);
		return;
	}

	/* x0-x7 are as checked and x8-x17 zero: forward the call as it is. */
	target = ffa_receiver((uint32_t)regs->x[1]);
	ffap_secure_call(p, regs);
	pass_message_reply(p, regs,
			   direct_reply_ok(regs,
					   is_64 ? FFA_MSG_SEND_DIRECT_RESP_64 :
						   FFA_MSG_SEND_DIRECT_RESP_32,
					   target));
}

/*
 * FFA_MSG_SEND_DIRECT_REQ2 (policy §3; FF-A 1.2): x1 sender 0 and a secure
 * receiver, x2/x3 the service UUID, x4-x17 payload. REQ2 has no flags: it
 * never carries framework messages.
 */
void ffap_handle_direct_req2(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint16_t target = ffa_receiver((uint32_t)regs->x[1]);

	(void)is_64;
	if (!host_to_secure(regs->x[1])) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "DIRECT_REQ2: sender/receiver",
			    regs->x[1]);
		return;
	}

	/* x0-x17 as the host wrote them (x1 checked): forward the call as it is. */
	ffap_secure_call(p, regs);
	pass_message_reply(p, regs, direct_reply_ok(regs, FFA_MSG_SEND_DIRECT_RESP2, target));
}

/*
 * FFA_RUN (policy §3; FF-A 1.0 §9.3): w1 target endpoint (31:16) and vCPU
 * (15:0). The host schedules only secure partitions here: Linux resumes a
 * partition that answered a direct request with FFA_INTERRUPT or FFA_YIELD.
 */
void ffap_handle_run(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint16_t target = ffa_target_id((uint32_t)regs->x[1]);

	(void)is_64;
	if (!ffa_id_is_secure(target)) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "RUN: target not secure", regs->x[1]);
		return;
	}

	/* w2-w7 are zero (MBZ) and x8-x17 cleared: forward the call as it is. */
	ffap_secure_call(p, regs);
	pass_message_reply(p, regs, run_reply_ok(regs, target));
}

/*
 * FFA_MSG_SEND2 (policy §3; FF-A 1.1): the host's TX buffer holds a partition
 * message header and the payload. The proxy copies them into its own TX
 * buffer before reading a field, so the host cannot change what was checked,
 * then forwards the copy.
 */
void ffap_handle_msg_send2(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	struct ffa_msg_header *hdr = p->cfg.tx;
	uint32_t hdr_size = ffap_msg_header_size(p->version);
	uint64_t tx_size, end;
	uint32_t offset, size, sr;
	struct ffa_regs r;

	(void)is_64;
	if (!p->host.mapped) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "MSG_SEND2: no host TX buffer", 0);
		return;
	}
	tx_size = ffap_mbox_bytes(p->host.pages);

	/* Copy the header once; every check below reads the copy only. */
	ffa_memcpy(hdr, p->host.tx, hdr_size);
	offset = hdr->payload_offset;
	size = hdr->payload_size;
	sr = hdr->sender_receiver;

	/* FF-A 1.1: the sender in the header must be the caller, the receiver a partition. */
	if (ffa_sender(sr) != FFA_HOST_ID || !ffa_id_is_secure(ffa_receiver(sr))) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "MSG_SEND2: header sender/receiver",
			    sr);
		return;
	}
	/* The payload starts after the header and ends inside the buffer. */
	if (offset < hdr_size || ffa_add_overflow((uint64_t)offset, (uint64_t)size, &end) ||
	    end > tx_size) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "MSG_SEND2: payload outside TX",
			    offset);
		return;
	}

	/* The rest: whatever lies between the header and the end of the payload. */
	ffa_memcpy((uint8_t *)p->cfg.tx + hdr_size, (const uint8_t *)p->host.tx + hdr_size,
		   (size_t)(end - hdr_size));

	/*
	 * The flags word and the reserved fields are not checked but zeroed:
	 * Linux leaves stale bytes there, and the secure world must not see
	 * them. The fields the checks read are written back from the values
	 * checked, in case the second copy saw the host change them.
	 */
	hdr->flags = 0;
	hdr->reserved_4 = 0;
	hdr->payload_offset = offset;
	hdr->sender_receiver = sr;
	hdr->payload_size = size;
	if (hdr_size >= sizeof(struct ffa_msg_header))
		hdr->reserved_20 = 0;

	ffa_regs_clear(&r, regs->x[0]);
	ffap_secure_call(p, &r);
	if (ffap_reply_status(&r) == FFA_ABORTED) {
		ffap_refuse(p, regs, FFA_ABORTED, "MSG_SEND2: bad secure reply", r.x[0]);
		return;
	}
	ffap_pass_reply(regs, &r, false);
}
