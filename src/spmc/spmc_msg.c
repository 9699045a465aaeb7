/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Messaging: direct requests from the normal world to partitions
 * (FFA_MSG_SEND_DIRECT_REQ_32/_64, FFA_MSG_SEND_DIRECT_REQ2), resuming a
 * partition with FFA_RUN, and indirect messages (FFA_MSG_SEND2) from the
 * normal world to partitions and from partitions to the normal world or to
 * each other.
 *
 * Partition handlers (spmc_model.h, enum spmc_handler) answer a direct
 * request at once (echo: a direct response from the receiver to the sender
 * with the payload unchanged; busy: FFA_ERROR(BUSY)), or first give the
 * cycles back (FFA_INTERRUPT, FFA_YIELD) and echo when FFA_RUN resumes them,
 * for every request. A request waiting that way keeps the partition's
 * execution context SPMC_DIRECT_REQ_VCPU, where the model runs every direct
 * request: a further direct request to the partition is BUSY until it is
 * answered.
 *
 * Indirect messages travel from the sender's TX buffer to the receiver's RX
 * buffer, which then belongs to the receiver until it calls FFA_RX_RELEASE;
 * the receiver learns of the message through its "RX buffer full" framework
 * notification (spmc_notif.c).
 */
#include "spmc_private.h"

/*
 * The direct response partition @p gives when it completes request @req
 * (echo): same width as the request, w1 = responder 31:16 (@p), requester
 * 15:0; the payload unchanged (REQ: w3-w7, or x3-x7 for SMC64; REQ2: x4-x17,
 * with x2/x3 zero: RESP2 names no UUID). FF-A 1.2 FFA_MSG_SEND_DIRECT_RESP.
 */
static void spmc_direct_echo(const struct spmc_partition *p, const struct ffa_regs *req,
			     struct ffa_regs *reply)
{
	uint32_t fid = ffa_w(req, 0);
	unsigned int i;

	switch (fid) {
	case FFA_MSG_SEND_DIRECT_REQ_32:
		ffa_regs_clear(reply, FFA_MSG_SEND_DIRECT_RESP_32);
		/* An SMC32 payload is 32-bit: zero-extended. */
		for (i = 3; i <= 7; i++)
			reply->x[i] = ffa_w(req, i);
		break;
	case FFA_MSG_SEND_DIRECT_REQ_64:
		ffa_regs_clear(reply, FFA_MSG_SEND_DIRECT_RESP_64);
		for (i = 3; i <= 7; i++)
			reply->x[i] = req->x[i];
		break;
	default: /* FFA_MSG_SEND_DIRECT_REQ2 */
		ffa_regs_clear(reply, FFA_MSG_SEND_DIRECT_RESP2);
		for (i = 4; i < FFA_REG_COUNT; i++)
			reply->x[i] = req->x[i];
		break;
	}
	reply->x[1] = ffa_sender_receiver(p->cfg.id, ffa_sender(ffa_w(req, 1)));
}

/*
 * Run well-formed direct request @req on partition @p's execution context
 * SPMC_DIRECT_REQ_VCPU: its handler answers.
 */
static int32_t spmc_direct_deliver(struct spmc_partition *p, const struct ffa_regs *req,
				   struct ffa_regs *reply)
{
	/*
	 * FF-A 1.2 FFA_MSG_SEND_DIRECT_REQ: BUSY when the receiver's execution
	 * context is not waiting for a message: it still holds a request it
	 * has not answered.
	 */
	if (p->req.pending)
		return FFA_BUSY;

	switch (p->cfg.handler) {
	case SPMC_HANDLER_ECHO:
		spmc_direct_echo(p, req, reply);
		return 0;
	case SPMC_HANDLER_BUSY:
		return FFA_BUSY;
	case SPMC_HANDLER_INTERRUPT:
		/*
		 * Preempted by an interrupt: FFA_INTERRUPT to the normal
		 * world's scheduler with w1 = the preempted context (endpoint
		 * 31:16, vCPU 15:0), which it resumes with FFA_RUN(w1); w2 =
		 * interrupt ID, 0: the model names none.
		 */
		p->req.pending = true;
		p->req.args = *req;
		ffa_regs_clear(reply, FFA_INTERRUPT);
		reply->x[1] = ffa_target_info(p->cfg.id, SPMC_DIRECT_REQ_VCPU);
		return 0;
	case SPMC_HANDLER_YIELD:
		/*
		 * The partition yields: FFA_YIELD with w1 = its context, as
		 * FFA_INTERRUPT; w2/w3 = timeout (bits 31:0, 63:32), 0: none.
		 */
		p->req.pending = true;
		p->req.args = *req;
		ffa_regs_clear(reply, FFA_YIELD);
		reply->x[1] = ffa_target_info(p->cfg.id, SPMC_DIRECT_REQ_VCPU);
		return 0;
	}
	/* spmc_init() accepts no other handler. */
	return FFA_ABORTED;
}

/*
 * FFA_MSG_SEND_DIRECT_REQ_32/_64 (FF-A 1.0 §10.2; FF-A 1.2
 * FFA_MSG_SEND_DIRECT_REQ): w1 = sender 31:16, receiver 15:0; w2 = flags;
 * w3-w7 (x3-x7) = payload. x8-x17 are not part of the call (SBZ in 1.2).
 */
int32_t spmc_ns_direct_req(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	bool smc64 = smccc_is_64((uint32_t)args->x[0]);
	uint32_t w1 = ffa_w(args, 1);
	uint32_t flags = ffa_w(args, 2);
	struct spmc_partition *p;

	/* SMC64: x1 and x2 hold 32-bit fields; bits 63:32 MBZ. */
	if (smc64 && ((args->x[1] >> 32) || (args->x[2] >> 32)))
		return FFA_INVALID_PARAMETERS;
	/* §10.2: INVALID_PARAMETERS for an invalid endpoint ID: the sender is the caller, 0. */
	if (ffa_sender(w1) != FFA_HOST_ID)
		return FFA_INVALID_PARAMETERS;
	/*
	 * w2 bit 31: a framework message. The model answers none from the
	 * normal world (the VM creation/destruction messages come from a
	 * hypervisor, which it does not model): INVALID_PARAMETERS, as for a
	 * malformed framework message.
	 */
	if (flags & FFA_MSG_FLAG_FRAMEWORK)
		return FFA_INVALID_PARAMETERS;
	/* A partition message: the rest of w2 is reserved, MBZ (FF-A 1.2 Table 16.6). */
	if (flags)
		return FFA_INVALID_PARAMETERS;
	/* The receiver: a partition (not the caller, not the SPMC itself). */
	p = spmc_find_partition(m, ffa_receiver(w1));
	if (!p)
		return FFA_INVALID_PARAMETERS;
	/* §10.2.1.2: a receiver that does not support receipt of direct requests: DENIED. */
	if (!(p->cfg.properties & FFA_PART_PROP_DIRECT_REQ_RECV))
		return FFA_DENIED;

	return spmc_direct_deliver(p, args, reply);
}

/*
 * FFA_MSG_SEND_DIRECT_REQ2 (FF-A 1.2, SMC64 only): x1 = sender 31:16,
 * receiver 15:0, bits 63:32 MBZ; x2/x3 = UUID of the target service (byte 0
 * in bits 7:0 of x2); x4-x17 = payload. There are no framework messages over
 * REQ2, and no flags.
 */
int32_t spmc_ns_direct_req2(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint32_t w1 = ffa_w(args, 1);
	struct spmc_partition *p;
	struct ffa_uuid uuid;

	if (args->x[1] >> 32)
		return FFA_INVALID_PARAMETERS;
	/* The sender is the caller, 0 (Arm's ACS: INVALID_PARAMETERS). */
	if (ffa_sender(w1) != FFA_HOST_ID)
		return FFA_INVALID_PARAMETERS;
	p = spmc_find_partition(m, ffa_receiver(w1));
	if (!p)
		return FFA_INVALID_PARAMETERS;
	/*
	 * The UUID names a service of the receiver: its UUID (the model gives
	 * each partition one), or the Nil UUID for any of them, as Hafnium
	 * reads it. Another is INVALID_PARAMETERS (Arm's ACS).
	 */
	ffa_uuid_from_x2(&uuid, args->x[2], args->x[3]);
	if (!ffa_uuid_is_nil(&uuid) && !ffa_uuid_equal(&uuid, &p->cfg.uuid))
		return FFA_INVALID_PARAMETERS;
	/* A receiver that does not support receipt of REQ2 (properties bit 9): DENIED. */
	if (!(p->cfg.properties & FFA_PART_PROP_DIRECT_REQ2_RECV))
		return FFA_DENIED;

	return spmc_direct_deliver(p, args, reply);
}

/*
 * FFA_RUN (FF-A 1.0 §9.3; FF-A 1.2 FFA_RUN): w1 = target endpoint 31:16,
 * execution context (vCPU) 15:0; w2-w7 MBZ. The answer is what the
 * partition does next.
 */
int32_t spmc_ns_run(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint32_t w1 = ffa_w(args, 1);
	uint16_t vcpu = ffa_target_vcpu(w1);
	struct spmc_partition *p;

	if (!spmc_args_zero(args, 2, 7))
		return FFA_INVALID_PARAMETERS;
	/* §9.3: an unrecognised endpoint or vCPU: INVALID_PARAMETERS. */
	p = spmc_find_partition(m, ffa_target_id(w1));
	if (!p || vcpu >= p->cfg.exec_ctx_count)
		return FFA_INVALID_PARAMETERS;

	/* A preempted or yielded direct request: the partition completes it. */
	if (vcpu == SPMC_DIRECT_REQ_VCPU && p->req.pending) {
		p->req.pending = false;
		spmc_direct_echo(p, &p->req.args, reply);
		return 0;
	}
	/*
	 * Nothing to resume: the context was waiting for a message. Given
	 * cycles, the partition finds no work and waits again: FFA_MSG_WAIT
	 * reaches the normal world, as Arm's ACS expects of FFA_RUN to a
	 * waiting partition (and what Hafnium does).
	 */
	ffa_regs_clear(reply, FFA_MSG_WAIT);
	return 0;
}

/*
 * Relay the indirect message of @sender (NULL: the normal world), in the
 * first @tx_size bytes of @tx and laid out as @version says (FF-A 1.1:
 * 20-byte header; 1.2: 40 bytes, with the target service's UUID), to the
 * receiver the header names. @delay_sri: a partition sender asked to delay
 * the schedule receiver interrupt. FF-A 1.2 FFA_MSG_SEND2, partition message
 * header.
 */
static int32_t spmc_msg_send2(struct spmc *m, const struct spmc_partition *sender,
			      const uint8_t *tx, uint32_t tx_size, uint32_t version, bool delay_sri,
			      struct ffa_regs *reply)
{
	uint32_t hdr_size = version >= FFA_VERSION_1_2 ? sizeof(struct ffa_msg_header) :
							 sizeof(struct ffa_msg_header_v1_1);
	uint16_t sender_id = sender ? sender->cfg.id : FFA_HOST_ID;
	struct spmc_partition *receiver = NULL;
	struct spmc_notif_receiver *notif;
	struct ffa_msg_header hdr;
	uint16_t receiver_id;
	uint32_t end, rx_size;
	uint8_t *rx;

	/*
	 * The header is copied before a field of it is read: the sender may
	 * write its buffer meanwhile. A 1.1 header is the first 20 bytes of a
	 * 1.2 header; the rest of the copy stays zero.
	 */
	ffa_memset(&hdr, 0, sizeof(hdr));
	ffa_memcpy(&hdr, tx, hdr_size);
	receiver_id = ffa_receiver(hdr.sender_receiver);

	/* The header's sender is the caller (Arm's ACS: INVALID_PARAMETERS). */
	if (ffa_sender(hdr.sender_receiver) != sender_id)
		return FFA_INVALID_PARAMETERS;
	/*
	 * The payload starts after the header of the sender's version: a 1.1
	 * sender may write the 40-byte 1.2 header (Linux always does) with the
	 * payload after it. It ends inside the sender's TX buffer.
	 */
	if (hdr.payload_offset < hdr_size)
		return FFA_INVALID_PARAMETERS;
	if (ffa_add_overflow(hdr.payload_offset, hdr.payload_size, &end) || end > tx_size)
		return FFA_INVALID_PARAMETERS;
	/* The receiver: another endpoint the model knows. */
	if (receiver_id != FFA_HOST_ID) {
		receiver = spmc_find_partition(m, receiver_id);
		if (!receiver)
			return FFA_INVALID_PARAMETERS;
	}
	if (receiver_id == sender_id)
		return FFA_INVALID_PARAMETERS;
	/*
	 * A 1.2 header names the receiver's service: its UUID or Nil, as in
	 * FFA_MSG_SEND_DIRECT_REQ2. The normal world has no UUID the model
	 * could check: what a partition writes there reaches it as written.
	 */
	if (receiver && hdr_size == sizeof(struct ffa_msg_header) && !ffa_uuid_is_nil(&hdr.uuid) &&
	    !ffa_uuid_equal(&hdr.uuid, &receiver->cfg.uuid))
		return FFA_INVALID_PARAMETERS;

	/*
	 * FF-A 1.2 FFA_MSG_SEND2: DENIED when the sender or the receiver does
	 * not support indirect messaging (properties bit 2). The normal world
	 * supports it once it can be told a message arrived: its "RX buffer
	 * full" notification needs its notification bitmap.
	 */
	if (sender && !(sender->cfg.properties & FFA_PART_PROP_INDIRECT_MSG))
		return FFA_DENIED;
	if (receiver && !(receiver->cfg.properties & FFA_PART_PROP_INDIRECT_MSG))
		return FFA_DENIED;
	if (!receiver && !m->ns_notif.enabled)
		return FFA_DENIED;

	/*
	 * BUSY when the receiver's RX buffer is not available (Arm's ACS): it still
	 * holds an earlier message or reply, or, for the normal world, none is
	 * mapped.
	 */
	if (receiver) {
		if (receiver->rx_owner != SPMC_RX_PRODUCER)
			return FFA_BUSY;
		rx_size = sizeof(receiver->rx);
	} else {
		if (!m->ns.mapped || m->ns.rx_owner != SPMC_RX_PRODUCER)
			return FFA_BUSY;
		rx_size = m->ns.pages * FFA_PAGE_SIZE;
	}
	/*
	 * A message larger than the receiver's RX buffer (the normal world's
	 * TX buffer may be several pages, a partition's RX buffer is one)
	 * cannot be delivered: INVALID_PARAMETERS, as for one larger than the
	 * sender's buffer.
	 */
	if (end > rx_size)
		return FFA_INVALID_PARAMETERS;
	if (receiver) {
		rx = receiver->rx;
	} else {
		rx = spmc_plat_ns_memory(m->plat, m->ns.rx_pa, rx_size);
		/* The buffer is no longer non-secure memory: ABORTED, as a failed copy. */
		if (!rx)
			return FFA_ABORTED;
	}

	/*
	 * The receiver gets the header as checked, with the flags and
	 * reserved fields zero (the sender may leave stale bytes there; Linux
	 * does), then the sender's bytes up to the end of the payload.
	 */
	hdr.flags = 0;
	hdr.reserved_4 = 0;
	hdr.reserved_20 = 0;
	ffa_memcpy(rx, &hdr, hdr_size);
	ffa_memcpy(rx + hdr_size, tx + hdr_size, end - hdr_size);

	if (receiver) {
		receiver->rx_owner = SPMC_RX_CONSUMER;
		notif = &receiver->notif;
	} else {
		m->ns.rx_owner = SPMC_RX_CONSUMER;
		notif = &m->ns_notif;
	}
	spmc_notif_pend_rx_full(m, notif, sender != NULL, delay_sri);
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/*
 * FFA_MSG_SEND2 from the normal world (FF-A 1.1): w1 bits 31:16 = sender VM
 * ID, bits 15:0 MBZ; w2 = flags; w3-w7 MBZ. The message is in the TX buffer
 * it mapped with FFA_RXTX_MAP.
 */
int32_t spmc_ns_msg_send2(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint32_t tx_size;
	uint8_t *tx;

	/*
	 * w1: a hypervisor names the VM it sends for in bits 31:16; the model
	 * knows no VM, and bits 15:0 are MBZ: the whole of w1 is zero.
	 */
	if (ffa_w(args, 1))
		return FFA_INVALID_PARAMETERS;
	/*
	 * w2: the delay-SRI flag (bit 1) is for partition senders, the other
	 * bits MBZ: from the normal world, all of w2 is zero (Arm's ACS,
	 * Hafnium).
	 */
	if (ffa_w(args, 2))
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 3, 7))
		return FFA_INVALID_PARAMETERS;
	/* No TX buffer to read the message from: DENIED (Hafnium). */
	if (!m->ns.mapped)
		return FFA_DENIED;
	tx_size = m->ns.pages * FFA_PAGE_SIZE;
	tx = spmc_plat_ns_memory(m->plat, m->ns.tx_pa, tx_size);
	if (!tx)
		return FFA_ABORTED;

	return spmc_msg_send2(m, NULL, tx, tx_size, spmc_ns_effective_version(m), false, reply);
}

/*
 * FFA_MSG_SEND2 from a partition (FF-A 1.1): w1 MBZ (the sender VM ID field
 * is a hypervisor's); w2 bit 1 = delay the schedule receiver interrupt, bit 0
 * and bits 31:2 MBZ; w3-w7 MBZ. The message is in the partition's TX buffer,
 * in the layout of the model's version.
 */
int32_t spmc_sp_msg_send2(struct spmc *m, struct spmc_partition *sp, const struct ffa_regs *args,
			  struct ffa_regs *reply)
{
	uint32_t flags = ffa_w(args, 2);

	if (ffa_w(args, 1))
		return FFA_INVALID_PARAMETERS;
	if (flags & ~FFA_MSG_SEND2_FLAG_DELAY_SRI)
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 3, 7))
		return FFA_INVALID_PARAMETERS;

	return spmc_msg_send2(m, sp, sp->tx, sizeof(sp->tx), m->version,
			      flags & FFA_MSG_SEND2_FLAG_DELAY_SRI, reply);
}
