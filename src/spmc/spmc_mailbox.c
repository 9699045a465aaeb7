/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * RX/TX buffers: the pair the normal world registers (FFA_RXTX_MAP,
 * FFA_RXTX_UNMAP, FFA_RX_RELEASE) and a partition's release of its own RX
 * buffer.
 *
 * The model keeps the physical addresses the normal world registered and
 * reaches its memory through spmc_plat_ns_memory() at each use, never through
 * a pointer kept across calls. An RX buffer follows FF-A's ownership rule:
 * the model (producer) writes into it only while it owns it; a reply that
 * fills it hands it to the endpoint (consumer) until FFA_RX_RELEASE.
 */
#include "spmc_private.h"

/*
 * FFA_RXTX_MAP_32/_64 (FF-A 1.0 §4.2.2.3, §8.4; FF-A 1.2 FFA_RXTX_MAP):
 * x1 = TX buffer address, x2 = RX buffer address (w1/w2 in the SMC32 form),
 * w3 bits 5:0 = pages in each buffer.
 */
int32_t spmc_ns_rxtx_map(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	bool smc64 = smccc_is_64((uint32_t)args->x[0]);
	uint64_t tx = smc64 ? args->x[1] : ffa_w(args, 1);
	uint64_t rx = smc64 ? args->x[2] : ffa_w(args, 2);
	uint32_t w3 = ffa_w(args, 3);
	uint32_t pages = w3 & FFA_RXTX_MAP_PAGE_COUNT_MASK;
	uint64_t size = (uint64_t)pages * FFA_PAGE_SIZE;
	uint64_t tx_end, rx_end;

	/*
	 * w1 = w2 = w3 = 0 is how a hypervisor registers a VM's buffers, with
	 * an endpoint RX/TX descriptor in its own TX buffer (FF-A 1.1). The
	 * model knows no VMs: INVALID_PARAMETERS, as TF-A's SPMC answers (the
	 * page count check below would refuse it too; this says why).
	 */
	if (!tx && !rx && !w3)
		return FFA_INVALID_PARAMETERS;
	/* w3 bits 31:6 are MBZ; in the SMC64 form x3 bits 63:32 too (w3 is a 32-bit field). */
	if ((w3 & ~FFA_RXTX_MAP_PAGE_COUNT_MASK) || (smc64 && (args->x[3] >> 32)))
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 4, 7))
		return FFA_INVALID_PARAMETERS;
	/*
	 * At least one page per buffer. Every count the 6-bit field can hold is
	 * accepted: SPMC_NS_MBOX_MAX_PAGES, what FFA_FEATURES reports from 1.2.
	 */
	if (!pages)
		return FFA_INVALID_PARAMETERS;
	/* §4.2.2.3: aligned to the granule FFA_FEATURES reports, 4 KiB. */
	if ((tx | rx) & (FFA_PAGE_SIZE - 1))
		return FFA_INVALID_PARAMETERS;
	/* Neither buffer may wrap around the end of the address space. */
	if (ffa_add_overflow(tx, size, &tx_end) || ffa_add_overflow(rx, size, &rx_end))
		return FFA_INVALID_PARAMETERS;
	/* Two buffers: not the same pages, not overlapping. */
	if (tx < rx_end && rx < tx_end)
		return FFA_INVALID_PARAMETERS;
	/*
	 * §8.4: DENIED when a buffer pair is already registered for the caller;
	 * checked once the registers are known to be well formed, as Hafnium.
	 */
	if (m->ns.mapped)
		return FFA_DENIED;
	/*
	 * §4.2.2.3: the caller must own the memory exclusively. What the model
	 * can check is that both buffers lie in non-secure memory.
	 */
	if (!spmc_plat_ns_memory(m->plat, tx, size) || !spmc_plat_ns_memory(m->plat, rx, size))
		return FFA_INVALID_PARAMETERS;

	m->ns = (struct spmc_ns_mailbox){
		.mapped = true,
		.rx_owner = SPMC_RX_PRODUCER,
		.tx_pa = tx,
		.rx_pa = rx,
		.pages = pages,
	};
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/*
 * FFA_RXTX_UNMAP (FF-A 1.0 §8.5; FF-A 1.2 FFA_RXTX_UNMAP): w1 bits 31:16 =
 * the endpoint whose buffers go (a hypervisor names a VM here), bits 15:0
 * MBZ; w2-w7 MBZ.
 */
int32_t spmc_ns_rxtx_unmap(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	/* Endpoint 0 is the only normal-world endpoint the model knows: w1 = 0. */
	if (ffa_w(args, 1) != 0)
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 2, 7))
		return FFA_INVALID_PARAMETERS;
	/* §8.5: INVALID_PARAMETERS "when there is no buffer pair registered". */
	if (!m->ns.mapped)
		return FFA_INVALID_PARAMETERS;

	ffa_memset(&m->ns, 0, sizeof(m->ns));
	m->ns.rx_owner = SPMC_RX_PRODUCER;
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/*
 * FFA_RX_RELEASE (FF-A 1.0 §8.3; FF-A 1.2 FFA_RX_RELEASE): the consumer
 * gives its RX buffer back. w1 bits 15:0 = the VM whose buffer is released
 * (a hypervisor's field), bits 31:16 MBZ; w2-w7 MBZ.
 */
int32_t spmc_ns_rx_release(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	/* Endpoint 0 is the only normal-world endpoint the model knows: w1 = 0. */
	if (ffa_w(args, 1) != 0)
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 2, 7))
		return FFA_INVALID_PARAMETERS;
	/*
	 * §8.3: "DENIED if Caller did not have ownership of the RX buffer":
	 * no buffer registered, or nothing in it.
	 */
	if (!m->ns.mapped || m->ns.rx_owner != SPMC_RX_CONSUMER)
		return FFA_DENIED;
	/*
	 * An indirect message whose "RX buffer full" notification is still
	 * pending has not been taken by the caller yet: DENIED, as Hafnium
	 * answers. FFA_NOTIFICATION_GET of the framework bitmap comes first.
	 */
	if (spmc_notif_rx_full_pending(&m->ns_notif))
		return FFA_DENIED;

	m->ns.rx_owner = SPMC_RX_PRODUCER;
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/* FFA_RX_RELEASE from a partition, for its own RX buffer: w1-w7 MBZ (no VM ID here). */
int32_t spmc_sp_rx_release(struct spmc *m, struct spmc_partition *sp, const struct ffa_regs *args,
			   struct ffa_regs *reply)
{
	(void)m;

	if (!spmc_args_zero(args, 1, 7))
		return FFA_INVALID_PARAMETERS;
	/* §8.3: DENIED unless the caller owns its RX buffer. */
	if (sp->rx_owner != SPMC_RX_CONSUMER)
		return FFA_DENIED;
	/* As for the normal world: not while "RX buffer full" is still pending. */
	if (spmc_notif_rx_full_pending(&sp->notif))
		return FFA_DENIED;

	sp->rx_owner = SPMC_RX_PRODUCER;
	ffa_set_success32(reply, 0, 0);
	return 0;
}
