/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * ffaproxy platform hooks: what a hypervisor provides to the proxy core.
 *
 * The proxy core never touches hardware, page tables or other CPUs itself.
 * It calls the functions declared here, which the embedding hypervisor
 * implements and links in (plat/sim and plat/aarch64 are two complete
 * examples). Every hook receives the opaque `struct ffap_plat *` the embedder
 * passed to ffap_init(), so one image may run several independent proxies.
 *
 * Hooks are called with the proxy's lock held unless stated otherwise, and
 * none of them may call back into the proxy.
 *
 * Addresses: "pa" is a host physical address (or IPA: whatever the host puts
 * in its FF-A calls, which is what the secure world sees). All ranges are in
 * units of 4 KiB FF-A pages (FFA_PAGE_SIZE); a hypervisor with a larger
 * stage-2 granule rounds as its own rules require and refuses what it cannot
 * represent.
 */
#ifndef FFAPROXY_PLATFORM_H
#define FFAPROXY_PLATFORM_H

#include "ffa_abi.h"

struct ffap_plat; /* defined by the embedder */

/**
 * ffap_plat_secure_call() - issue one FF-A call to the secure world.
 * @plat: the embedder's context
 * @regs: x0-x17 in, x0-x17 out (SMCCC 1.2 `smc #0`)
 *
 * Called WITHOUT the proxy lock for calls that may run a partition for an
 * unbounded time (direct requests, FFA_RUN), and with it for mailbox and
 * memory-management calls, which an SPMC completes without scheduling.
 */
void ffap_plat_secure_call(struct ffap_plat *plat, struct ffa_regs *regs);

/**
 * enum ffap_page_state - who may access a host page, as the proxy sees it.
 * @FFAP_PAGE_HOST:    exclusively owned by the host (the only state from which
 *                     a page may enter a transaction or a mailbox)
 * @FFAP_PAGE_SHARED:  FFA_MEM_SHARE: host and secure world both have access
 * @FFAP_PAGE_LENT:    FFA_MEM_LEND: the host has lost access until reclaim
 * @FFAP_PAGE_DONATED: FFA_MEM_DONATE: gone from the host for good
 */
enum ffap_page_state {
	FFAP_PAGE_HOST,
	FFAP_PAGE_SHARED,
	FFAP_PAGE_LENT,
	FFAP_PAGE_DONATED,
};

/**
 * ffap_plat_host_transition() - change the ownership of a range of host pages.
 * @plat:  the embedder's context
 * @pa:    first page, 4 KiB aligned
 * @pages: number of 4 KiB pages, non-zero; pa + pages * 4 KiB does not wrap
 * @from:  the state every page must be in now
 * @to:    the state every page ends in
 *
 * All or nothing: either every page of the range was in @from and is now in
 * @to (stage-2 permissions changed accordingly), or nothing changed.
 * Transitions asked for are HOST -> SHARED/LENT/DONATED and back to HOST.
 * A page that is not host RAM, belongs to the hypervisor, is pinned as a
 * mailbox or is in another state is refused.
 *
 * Return: 0, or FFA_DENIED when any page is not in @from (or not host RAM),
 * or FFA_NO_MEMORY when the embedder lacks page-table memory for the change.
 */
int ffap_plat_host_transition(struct ffap_plat *plat, uint64_t pa, uint64_t pages,
			      enum ffap_page_state from, enum ffap_page_state to);

/**
 * ffap_plat_host_pin() - pin host pages for a mailbox and map them for the proxy.
 * @plat:  the embedder's context
 * @pa:    first page, 4 KiB aligned
 * @pages: number of 4 KiB pages, non-zero
 * @va:    out: where the proxy can read and write the range, contiguously
 *
 * The pages must be exclusively host-owned RAM; while pinned the host keeps
 * access to them but cannot share, lend or donate them (a pinned page fails
 * ffap_plat_host_transition()).
 *
 * Return: 0, or FFA_INVALID_PARAMETERS when any page is not exclusively
 * host-owned RAM, or FFA_NO_MEMORY when the range cannot be mapped. On error
 * nothing stays pinned.
 */
int ffap_plat_host_pin(struct ffap_plat *plat, uint64_t pa, uint64_t pages, void **va);

/** ffap_plat_host_unpin() - undo ffap_plat_host_pin() for the same range. */
void ffap_plat_host_unpin(struct ffap_plat *plat, uint64_t pa, uint64_t pages);

/**
 * ffap_plat_lock() / ffap_plat_unlock() - the proxy's lock.
 *
 * Serialises calls from several host vCPUs over the proxy's state (mailboxes,
 * memory transactions, negotiation). A spinlock is enough: it is never held
 * across a call that may block (see ffap_plat_secure_call()).
 */
void ffap_plat_lock(struct ffap_plat *plat);
void ffap_plat_unlock(struct ffap_plat *plat);

/**
 * enum ffap_log_level - how much a message matters.
 * @FFAP_LOG_ERROR:   the secure world broke the ABI, or an internal error
 * @FFAP_LOG_INFO:    negotiation and set-up milestones
 * @FFAP_LOG_VERBOSE: a refused host call and the reason (never an error:
 *                    the host may send anything)
 */
enum ffap_log_level {
	FFAP_LOG_ERROR,
	FFAP_LOG_INFO,
	FFAP_LOG_VERBOSE,
};

/**
 * ffap_plat_log() - a log sink with no formatting in the core.
 * @what:  a constant string naming the event ("RXTX_MAP: page count")
 * @value: the value the event concerns (a register, a length, ...)
 *
 * May be empty. Called with or without the lock.
 */
void ffap_plat_log(struct ffap_plat *plat, enum ffap_log_level level, const char *what,
		   uint64_t value);

#endif /* FFAPROXY_PLATFORM_H */
