/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * ffaproxy: the proxy core's API.
 *
 * A hypervisor traps the host's `smc` (HCR_EL2.TSC) or `hvc`, copies x0-x17
 * into a struct ffa_regs and calls ffap_handle_call(). If it returns true the
 * registers now hold the reply for the host; if false the call was not FF-A
 * and the hypervisor handles it itself (PSCI, SMCCC_VERSION, ...).
 *
 * All state lives in one struct ffap that the embedder owns: no globals, no
 * heap. Its size is fixed at compile time (see the FFAP_* limits below).
 */
#ifndef FFAPROXY_PROXY_H
#define FFAPROXY_PROXY_H

#include "platform.h"

/* The newest FF-A version the proxy implements. */
#define FFAP_VERSION_MAX FFA_VERSION_1_2

/*
 * Memory transactions the proxy keeps track of at once: open ones (fragments
 * still to come) and complete SHARE and LEND transactions until they are
 * reclaimed. A completed DONATE is forgotten: its pages never come back.
 * More -> NO_MEMORY (policy §5, error 3). An embedder may set its own.
 */
#ifndef FFAP_MAX_TRANSACTIONS
#define FFAP_MAX_TRANSACTIONS 64
#endif

/* End of a list of struct ffap_mem_range entries. */
#define FFAP_RANGE_NONE UINT32_MAX

/**
 * struct ffap_mem_range - one run of contiguous host pages the proxy moved
 * out of the host's exclusive ownership, so that it can give it back.
 * @base:  first page
 * @pages: 4 KiB pages; adjacent constituents of a transaction merge into
 *         one entry, up to UINT32_MAX pages
 * @next:  the next entry of the same transaction, or of the free list
 */
struct ffap_mem_range {
	uint64_t base;
	uint32_t pages;
	uint32_t next;
};

/**
 * enum ffap_mem_tx_state - a memory transaction slot.
 * @FFAP_MEM_TX_FREE:  unused
 * @FFAP_MEM_TX_OPEN:  fragments still to come (FFA_MEM_FRAG_TX)
 * @FFAP_MEM_TX_LIVE:  complete; the pages come back with FFA_MEM_RECLAIM
 * @FFAP_MEM_TX_STUCK: a fragment failed and the secure world refused the
 *                     abort too: the pages of the earlier fragments stay out
 *                     of the host's reach until a RECLAIM succeeds
 */
enum ffap_mem_tx_state {
	FFAP_MEM_TX_FREE,
	FFAP_MEM_TX_OPEN,
	FFAP_MEM_TX_LIVE,
	FFAP_MEM_TX_STUCK,
};

/**
 * struct ffap_mem_tx - one memory transaction.
 * @handle:      the secure world's handle
 * @state:       enum ffap_mem_tx_state
 * @page_state:  where its pages are: FFAP_PAGE_SHARED, _LENT or _DONATED
 * @total_len:   the descriptor's total length (w1 of the first call)
 * @received:    bytes of it received so far
 * @total_pages: the composite descriptor's total page count
 * @pages:       pages of the constituents received so far
 * @head, @tail: its list of ranges in the pool
 */
struct ffap_mem_tx {
	uint64_t handle;
	uint8_t state;
	uint8_t page_state;
	uint32_t total_len;
	uint32_t received;
	uint32_t total_pages;
	uint64_t pages;
	uint32_t head;
	uint32_t tail;
};

/**
 * struct ffap_config - what the embedder gives the proxy at init.
 * @plat:       passed back to every platform hook
 * @tx, @rx:    the proxy's own mailbox in hypervisor memory, each
 *              @mbox_pages * 4 KiB, never mapped to the host; the proxy
 *              registers it with the secure world and copies every host
 *              buffer through it
 * @tx_pa, @rx_pa: their physical addresses, as the secure world must see them
 * @mbox_pages: pages in each of @tx and @rx (1-63); also the most the proxy
 *              accepts in a host FFA_RXTX_MAP
 * @ranges, @range_count: memory for the proxy's record of the page ranges of
 *              live memory transactions, shared by all of them. Each
 *              discontiguous run of pages takes one entry (contiguous
 *              constituents merge), so 4,096 entries let one transaction of
 *              4,096 discontiguous ranges through (policy §5); a transaction
 *              that needs more than are free gets NO_MEMORY. 0 entries:
 *              every memory transaction gets NO_MEMORY.
 */
struct ffap_config {
	struct ffap_plat *plat;
	void *tx;
	void *rx;
	uint64_t tx_pa;
	uint64_t rx_pa;
	uint32_t mbox_pages;
	struct ffap_mem_range *ranges;
	uint32_t range_count;
};

/**
 * enum ffap_state - where the proxy is in its life.
 * @FFAP_STATE_DISABLED:   the secure world has no usable FF-A: every FF-A
 *                         call is answered NOT_SUPPORTED
 * @FFAP_STATE_READY:      the host has not yet negotiated a version
 * @FFAP_STATE_NEGOTIATED: the host's FFA_VERSION succeeded; the version is
 *                         locked in
 */
enum ffap_state {
	FFAP_STATE_DISABLED,
	FFAP_STATE_READY,
	FFAP_STATE_NEGOTIATED,
};

/**
 * struct ffap_host_mbox - the host's RX/TX buffer pair, as the proxy tracks it.
 * @mapped:  FFA_RXTX_MAP succeeded and FFA_RXTX_UNMAP has not been called
 * @rx_full: the proxy put data in the host's RX buffer that the host has not
 *           released with FFA_RX_RELEASE
 * @tx_pa, @rx_pa, @pages: what the host passed to FFA_RXTX_MAP
 * @tx, @rx: the proxy's mapping of the pinned pages
 */
struct ffap_host_mbox {
	bool mapped;
	bool rx_full;
	uint64_t tx_pa;
	uint64_t rx_pa;
	uint32_t pages;
	const void *tx;
	void *rx;
};

/**
 * struct ffap - the whole state of one proxy instance.
 *
 * Guarded by ffap_plat_lock() except where noted. Treat as opaque: the
 * fields are here only so that the embedder can allocate it statically.
 */
struct ffap {
	struct ffap_config cfg;
	enum ffap_state state;
	/* Set at init, read-only afterwards: min(secure world's version, 1.2). */
	uint32_t spmc_version;
	/* The version the host uses; equal to spmc_version until negotiated. */
	uint32_t version;
	/* The version the secure world was last asked for and agreed to. */
	uint32_t sw_version;
	/* The proxy's mailbox is registered with the secure world. */
	bool own_mbox_mapped;
	/*
	 * A partition's indirect message for the host waits in the proxy's RX
	 * buffer until the host's RX buffer can take it.
	 */
	bool host_msg_pending;
	struct ffap_host_mbox host;
	/* Memory transactions, and the free entries of cfg.ranges. */
	struct ffap_mem_tx mem[FFAP_MAX_TRANSACTIONS];
	uint64_t mem_used; /* bit n: mem[n] is in use */
	/* Scratch for the duplicate-receiver check: one bit per secure ID, all 0 between calls. */
	uint64_t receivers_seen[(FFA_SECURE_ID_BIT) / 64];
	uint32_t free_range;
	uint32_t free_range_count;
};

/**
 * ffap_init() - bring up a proxy instance.
 * @p:   the state to initialise (any contents)
 * @cfg: mailbox memory and platform context; copied
 *
 * Asks the secure world for its FF-A version (one ffap_plat_secure_call()).
 * If it answers NOT_SUPPORTED or a major version other than 1, the proxy is
 * disabled: every later FF-A call is refused with NOT_SUPPORTED, so the host
 * sees a system without FF-A rather than a broken one.
 *
 * Return: 0 (also when disabled: see ffap_is_enabled()), or
 * FFA_INVALID_PARAMETERS for a config the proxy cannot use (NULL or
 * unaligned buffers, a page count outside 1-63, a range count without
 * ranges).
 */
int ffap_init(struct ffap *p, const struct ffap_config *cfg);

/** ffap_is_enabled() - false when init found no usable FF-A in the secure world. */
bool ffap_is_enabled(const struct ffap *p);

/**
 * ffap_handle_call() - handle one trapped host call.
 * @p:    the proxy
 * @regs: x0-x17 as the host left them; on return the reply
 *
 * Return: true if the call was an FF-A call (the proxy handled it and @regs
 * holds the reply, every register the ABI does not define zeroed); false if
 * it is not FF-A (@regs untouched: the embedder handles it).
 *
 * Safe to call from several CPUs at once.
 */
bool ffap_handle_call(struct ffap *p, struct ffa_regs *regs);

#endif /* FFAPROXY_PROXY_H */
