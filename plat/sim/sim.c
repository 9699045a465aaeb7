/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/sim: the simulated machine and every platform hook (see sim.h).
 *
 * All hooks live in this one file on purpose: the proxy, SPMC model, vector
 * interpreter and host client are static libraries that call them, and a
 * linker pulls an archive member only for a symbol it is still missing, so
 * keeping the hooks beside sim_create() guarantees they come along.
 *
 * Invariants checked by sim_check_invariants() (every vector case ends with
 * them; `ffa-sim run` prints them):
 *
 *  Pages (every page of host RAM that is not exclusively the host's is
 *  accounted for, and nothing is leaked):
 *   P1 a page is hyp exactly when the world lists it as `protected`: no
 *      hypervisor page is ever handed out, no other page becomes one;
 *   P2 a page is pinned exactly when it lies in the host RX/TX pair the proxy
 *      has mapped (struct ffap.host): a pin outlives no mapping, and no
 *      mapped buffer is left unpinned;
 *   P3 a shared, lent or donated page belongs to exactly one live memory
 *      handle whose transaction gives it that state, and no handle covers a
 *      page that is back with the host (sim_collect_handle_claims()).
 *
 *  Mailboxes:
 *   M1 the proxy marks the host RX buffer full only while one is mapped;
 *   M2 a mapped host pair has 1 to mbox_pages pages (the proxy copies
 *      through its own mailbox of mbox_pages pages);
 *   M3 the SPMC's non-secure mailbox is registered exactly when the proxy
 *      believes its own is (struct ffap.own_mbox_mapped), and it is the
 *      proxy's own pair in hypervisor memory: the host's buffers never reach
 *      the secure world;
 *   M4 (checked after every host call) a host call never leaves the proxy's
 *      RX buffer in the proxy's hands if it was in the SPMC's before. The
 *      SPMC hands the buffer to the proxy either for a query the proxy made
 *      (FFA_PARTITION_INFO_GET), which the proxy must release before it
 *      returns, or for a partition's FFA_MSG_SEND2 to the host, which in the
 *      simulation only happens in a partition's own call (sim_sp_call()),
 *      never inside a host call. So "producer before, consumer after" means
 *      the proxy forgot to release its RX buffer, unless it did call
 *      FFA_RX_RELEASE and the secure world refused (fault injection): then
 *      the buffer is stuck through no fault of the proxy's.
 *
 *  Hook discipline (recorded when it happens, reported by the next check):
 *   H1 ffap_plat_lock() is never taken twice, never released when not held,
 *      and not held when the proxy returns to the host;
 *   H2 calls that may run a partition for an unbounded time (direct
 *      requests, FFA_RUN) reach the secure world without the lock
 *      (platform.h, ffap_plat_secure_call());
 *   H3 the proxy unpins only pinned pages, and hands transitions only
 *      well-formed ranges (aligned, non-empty, not wrapping, HOST <-> X).
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS and MAP_NORESERVE under -std=c11 */

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sim.h"

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

/*
 * The struct sim a hook context is embedded in. The back pointer stored in
 * every context must agree: a context that did not come from a struct sim
 * is caught here instead of corrupting memory.
 */
/* clang-format off */
#define SIM_FROM_HOOK(ctx, member)						\
	sim_checked((struct sim *)(void *)((char *)(ctx) - offsetof(struct sim, member)),	\
		    (ctx)->sim)
/* clang-format on */

static struct sim *sim_checked(struct sim *s, struct sim *back)
{
	if (s != back) {
		fputs("plat/sim: a hook got a context that is not part of a struct sim\n", stderr);
		abort();
	}
	return s;
}

/* Claims the invariant checker collects per page (struct sim.claims). */
#define SIM_CLAIM_STATE_MASK 0x7u /* the enum sim_page_state the handle gives */
#define SIM_CLAIM_MULTIPLE 0x80u  /* more than one live handle covers the page */

/* ---------------------------------------------------------------------- */
/* Small helpers                                                          */
/* ---------------------------------------------------------------------- */

static void sim_fmt(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void sim_fmt(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!buf || !len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* Record the first misuse of a hook; sim_check_invariants() reports it. */
static void sim_violation(struct sim *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sim_violation(struct sim *s, const char *fmt, ...)
{
	va_list ap;

	if (s->violation[0])
		return;
	va_start(ap, fmt);
	vsnprintf(s->violation, sizeof(s->violation), fmt, ap);
	va_end(ap);
}

const char *sim_page_state_name(enum sim_page_state st)
{
	switch (st) {
	case SIM_PAGE_HOST:
		return "host";
	case SIM_PAGE_SHARED:
		return "shared";
	case SIM_PAGE_LENT:
		return "lent";
	case SIM_PAGE_DONATED:
		return "donated";
	case SIM_PAGE_HYP:
		return "hyp";
	case SIM_PAGE_PINNED:
		return "pinned";
	}
	return "?";
}

static uint64_t sim_page_pa(const struct sim *s, uint64_t index)
{
	return s->ram_base + index * FFA_PAGE_SIZE;
}

/*
 * Whether [@pa, @pa + @pages pages) is entirely host RAM; *@first is then
 * the index of its first page. Overflow-checked: the range comes from the
 * host through the proxy.
 */
static bool sim_ram_range(const struct sim *s, uint64_t pa, uint64_t pages, uint64_t *first)
{
	uint64_t bytes, end;

	if (!s->ram || pa < s->ram_base || (pa & (FFA_PAGE_SIZE - 1)))
		return false;
	if (ffa_mul_overflow(pages, (uint64_t)FFA_PAGE_SIZE, &bytes) ||
	    ffa_add_overflow(pa, bytes, &end) || end > s->ram_base + s->ram_size)
		return false;
	*first = (pa - s->ram_base) / FFA_PAGE_SIZE;
	return true;
}

static void sim_trace(struct sim *s, enum sim_hop hop, bool is_reply, bool injected, uint16_t sp_id,
		      uint32_t call_fid, const struct ffa_regs *regs, const char *note)
{
	struct sim_trace_event ev;

	if (!s->trace)
		return;
	ev.hop = hop;
	ev.is_reply = is_reply;
	ev.injected = injected;
	ev.sp_id = sp_id;
	ev.call_fid = call_fid;
	ev.regs = regs;
	ev.note = note;
	s->trace(s->trace_arg, &ev);
}

/* ---------------------------------------------------------------------- */
/* Instances and worlds                                                   */
/* ---------------------------------------------------------------------- */

struct sim *sim_create(void)
{
	struct sim *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->ffap_plat.sim = s;
	s->spmc_plat.sim = s;
	s->fv_plat.sim = s;
	s->ffah_plat.sim = s;
	return s;
}

/* Release the running world's memory; the instance can start another. */
static void sim_world_stop(struct sim *s)
{
	if (s->ram)
		munmap(s->ram, s->ram_size);
	free(s->page_state);
	free(s->claims);
	free(s->hyp_mem);
	s->ram = NULL;
	s->page_state = NULL;
	s->claims = NULL;
	s->hyp_mem = NULL;
	s->ram_base = 0;
	s->ram_size = 0;
	s->ram_pages = 0;
	s->hyp_base = 0;
	s->hyp_size = 0;
	s->started = false;
}

void sim_destroy(struct sim *s)
{
	if (!s)
		return;
	sim_world_stop(s);
	free(s);
}

void sim_set_trace(struct sim *s, sim_trace_fn fn, void *arg)
{
	s->trace = fn;
	s->trace_arg = arg;
}

void sim_set_log(struct sim *s, sim_log_fn fn, void *arg)
{
	s->log = fn;
	s->log_arg = arg;
}

void sim_set_print(struct sim *s, sim_print_fn fn, void *arg)
{
	s->print = fn;
	s->print_arg = arg;
}

struct fv_plat *sim_fv_plat(struct sim *s)
{
	return &s->fv_plat;
}

struct ffah_plat *sim_ffah_plat(struct sim *s)
{
	return &s->ffah_plat;
}

/*
 * Where the proxy's mailbox lives: SIM_HYP_BASE_DEFAULT, unless host RAM
 * covers it, then the first 2 MiB boundary above host RAM (or, if that
 * would wrap, just below it). Never inside host RAM, so the host cannot
 * name it and the invariants can tell the two apart.
 */
static int sim_pick_hyp_base(uint64_t ram_base, uint64_t ram_end, uint64_t size, uint64_t *base)
{
	const uint64_t align = UINT64_C(0x200000);
	uint64_t b = SIM_HYP_BASE_DEFAULT;
	uint64_t end;

	if (b + size <= ram_base || b >= ram_end) {
		*base = b;
		return 0;
	}
	if (!ffa_add_overflow(ram_end, align - 1, &b)) {
		b &= ~(align - 1);
		if (!ffa_add_overflow(b, size, &end)) {
			*base = b;
			return 0;
		}
	}
	if (ram_base >= size) {
		*base = (ram_base - size) & ~(uint64_t)(FFA_PAGE_SIZE - 1);
		return 0;
	}
	return -1;
}

/* Mark the `protected` pages that lie in host RAM as the hypervisor's. */
static void sim_mark_protected(struct sim *s)
{
	unsigned int r;
	uint64_t i;

	for (i = 0; i < s->ram_pages; i++) {
		uint64_t pa = sim_page_pa(s, i);

		for (r = 0; r < s->world.protected_count; r++) {
			const struct fv_range *p = &s->world.protected[r];

			if (pa >= p->base && (pa - p->base) / FFA_PAGE_SIZE < p->pages) {
				s->page_state[i] = SIM_PAGE_HYP;
				break;
			}
		}
	}
}

static bool sim_is_protected(const struct sim *s, uint64_t pa)
{
	unsigned int r;

	for (r = 0; r < s->world.protected_count; r++) {
		const struct fv_range *p = &s->world.protected[r];

		if (pa >= p->base && (pa - p->base) / FFA_PAGE_SIZE < p->pages)
			return true;
	}
	return false;
}

int sim_world_start(struct sim *s, const struct fv_world *w, char *err, size_t err_len)
{
	struct ffap_config cfg = { 0 };
	uint64_t ram_end, mbox_bytes;
	void *ram;
	int ret;

	sim_world_stop(s);
	s->secure_call_count = 0;
	s->sri_pending = false;
	s->sri_count = 0;
	memset(s->faults, 0, sizeof(s->faults));
	s->lock_depth = 0;
	s->violation[0] = '\0';

	if (!w->mem_size || ((w->mem_base | w->mem_size) & (FFA_PAGE_SIZE - 1))) {
		sim_fmt(err, err_len,
			"host RAM 0x%" PRIx64 "+0x%" PRIx64
			": base and size must be 4 KiB multiples, size non-zero",
			w->mem_base, w->mem_size);
		return -1;
	}
	if (w->mem_size > SIM_MAX_RAM_SIZE ||
	    ffa_add_overflow(w->mem_base, w->mem_size, &ram_end)) {
		sim_fmt(err, err_len,
			"host RAM 0x%" PRIx64 "+0x%" PRIx64 ": larger than the %" PRIu64
			" GiB the simulation models, or wraps",
			w->mem_base, w->mem_size, SIM_MAX_RAM_SIZE >> 30);
		return -1;
	}
	if (w->mbox_pages == 0 || w->mbox_pages > FFA_RXTX_MAP_PAGE_COUNT_MASK) {
		sim_fmt(err, err_len, "proxy-mailbox-pages %" PRIu32 ": must be 1 to %u",
			w->mbox_pages, (unsigned int)FFA_RXTX_MAP_PAGE_COUNT_MASK);
		return -1;
	}
	if (w != &s->world)
		s->world = *w;

	/* Reserved, not committed: pages appear (zeroed) when first touched. */
	ram = mmap(NULL, w->mem_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ram == MAP_FAILED) {
		sim_fmt(err, err_len, "cannot reserve 0x%" PRIx64 " bytes of host RAM",
			w->mem_size);
		return -1;
	}
	s->ram = ram;
	s->ram_base = w->mem_base;
	s->ram_size = w->mem_size;
	s->ram_pages = w->mem_size / FFA_PAGE_SIZE;
	s->page_state = calloc(s->ram_pages, 1);
	s->claims = calloc(s->ram_pages, 1);

	mbox_bytes = (uint64_t)w->mbox_pages * FFA_PAGE_SIZE;
	s->hyp_size = 2 * mbox_bytes;
	s->hyp_mem = aligned_alloc(FFA_PAGE_SIZE, s->hyp_size);
	if (!s->page_state || !s->claims || !s->hyp_mem) {
		sim_fmt(err, err_len, "out of memory");
		goto fail;
	}
	memset(s->hyp_mem, 0, s->hyp_size);
	if (sim_pick_hyp_base(s->ram_base, ram_end, s->hyp_size, &s->hyp_base)) {
		sim_fmt(err, err_len, "no room outside host RAM for the proxy's mailbox");
		goto fail;
	}
	sim_mark_protected(s);

	ret = spmc_init(&s->spmc, &w->spmc, &s->spmc_plat);
	if (ret) {
		sim_fmt(err, err_len, "the SPMC model refused the world's configuration (%s)",
			ffa_error_name(ret) ? ffa_error_name(ret) : "error");
		goto fail;
	}

	/* Hooks run from here on: ffap_init() asks the secure world for its version. */
	s->started = true;
	cfg.plat = &s->ffap_plat;
	cfg.tx = s->hyp_mem;
	cfg.rx = s->hyp_mem + mbox_bytes;
	cfg.tx_pa = s->hyp_base;
	cfg.rx_pa = s->hyp_base + mbox_bytes;
	cfg.mbox_pages = w->mbox_pages;
	cfg.ranges = s->proxy_ranges;
	cfg.range_count = SIM_PROXY_RANGES;
	ret = ffap_init(&s->proxy, &cfg);
	if (ret) {
		sim_fmt(err, err_len, "ffap_init() refused the configuration (%s)",
			ffa_error_name(ret) ? ffa_error_name(ret) : "error");
		goto fail;
	}
	if (s->lock_depth)
		sim_violation(s, "ffap_init() returned with the proxy lock held");
	return 0;

fail:
	sim_world_stop(s);
	return -1;
}

/* ---------------------------------------------------------------------- */
/* Calls                                                                  */
/* ---------------------------------------------------------------------- */

/* The proxy's RX buffer is registered and the SPMC may write into it. */
static bool sim_proxy_rx_with_spmc(const struct sim *s)
{
	return s->spmc.ns.mapped && s->spmc.ns.rx_owner == SPMC_RX_PRODUCER;
}

void sim_host_call(struct sim *s, struct ffa_regs *r)
{
	uint32_t fid = ffa_w(r, 0);
	bool rx_was_producer;

	s->secure_call_count = 0;
	s->rx_release_refused = false;
	if (!s->started) {
		ffa_regs_clear(r, SMCCC_RET_NOT_SUPPORTED);
		return;
	}
	rx_was_producer = sim_proxy_rx_with_spmc(s);

	sim_trace(s, SIM_HOP_HOST_PROXY, false, false, 0, fid, r, NULL);
	if (ffap_handle_call(&s->proxy, r)) {
		sim_trace(s, SIM_HOP_HOST_PROXY, true, false, 0, fid, r, NULL);
	} else {
		/* SMCCC §5.2: the embedder answers calls that are not FF-A as unknown. */
		ffa_regs_clear(r, SMCCC_RET_NOT_SUPPORTED);
		sim_trace(s, SIM_HOP_HOST_PROXY, true, false, 0, fid, r,
			  "x0=-1 (SMCCC NOT_SUPPORTED: not FF-A, answered by the hypervisor)");
	}

	/* H1 */
	if (s->lock_depth)
		sim_violation(s,
			      "call 0x%08" PRIx32 " returned to the host with the proxy lock held",
			      fid);
	/* M4 */
	if (rx_was_producer && s->spmc.ns.mapped && s->spmc.ns.rx_owner == SPMC_RX_CONSUMER &&
	    !s->rx_release_refused)
		sim_violation(s,
			      "call 0x%08" PRIx32
			      " left the proxy's RX buffer full: it was not released to the SPMC",
			      fid);
}

void sim_sp_call(struct sim *s, uint16_t id, struct ffa_regs *r)
{
	uint32_t fid = ffa_w(r, 0);

	if (!s->started) {
		ffa_set_error(r, FFA_NOT_SUPPORTED);
		return;
	}
	sim_trace(s, SIM_HOP_SP_SPMC, false, false, id, fid, r, NULL);
	spmc_handle_sp_call(&s->spmc, id, r);
	sim_trace(s, SIM_HOP_SP_SPMC, true, false, id, fid, r, NULL);
}

void *sim_host_ptr(struct sim *s, uint64_t pa, uint64_t len)
{
	uint64_t end;

	if (!s->ram || pa < s->ram_base || ffa_add_overflow(pa, len, &end) ||
	    end > s->ram_base + s->ram_size)
		return NULL;
	return s->ram + (pa - s->ram_base);
}

enum fv_page_state sim_page_state(const struct sim *s, uint64_t pa)
{
	uint64_t index;

	if (!s->ram || pa < s->ram_base || pa - s->ram_base >= s->ram_size)
		return FV_PAGE_NONE;
	index = (pa - s->ram_base) / FFA_PAGE_SIZE;
	switch ((enum sim_page_state)s->page_state[index]) {
	case SIM_PAGE_HOST:
		return FV_PAGE_HOST;
	case SIM_PAGE_SHARED:
		return FV_PAGE_SHARED;
	case SIM_PAGE_LENT:
		return FV_PAGE_LENT;
	case SIM_PAGE_DONATED:
		return FV_PAGE_DONATED;
	case SIM_PAGE_HYP:
		return FV_PAGE_HYP;
	case SIM_PAGE_PINNED:
		return FV_PAGE_PINNED;
	}
	return FV_PAGE_NONE;
}

int sim_find_host_pages(const struct sim *s, uint64_t from, uint64_t pages, uint64_t *pa)
{
	uint64_t i, run = 0;

	if (!s->ram || !pages)
		return -1;
	i = from > s->ram_base ? (from - s->ram_base + FFA_PAGE_SIZE - 1) / FFA_PAGE_SIZE : 0;
	for (; i < s->ram_pages; i++) {
		if (s->page_state[i] != SIM_PAGE_HOST) {
			run = 0;
			continue;
		}
		if (++run == pages) {
			*pa = sim_page_pa(s, i + 1 - pages);
			return 0;
		}
	}
	return -1;
}

/* ---------------------------------------------------------------------- */
/* Proxy hooks (include/ffaproxy/platform.h)                              */
/* ---------------------------------------------------------------------- */

/* Calls that may run a partition for an unbounded time (platform.h). */
static bool sim_call_may_block(uint32_t fid)
{
	fid &= ~SMCCC_SVE_HINT;
	return fid == FFA_MSG_SEND_DIRECT_REQ_32 || fid == FFA_MSG_SEND_DIRECT_REQ_64 ||
	       fid == FFA_MSG_SEND_DIRECT_REQ2 || fid == FFA_RUN;
}

/*
 * Count every armed fault down by one secure call. Return true and the error
 * when one fires (the first armed wins if several fire on the same call;
 * all that reach zero are used up).
 */
static bool sim_take_fault(struct sim *s, int32_t *error)
{
	bool fired = false;
	unsigned int i;

	for (i = 0; i < SIM_MAX_FAULTS; i++) {
		struct sim_fault *f = &s->faults[i];

		if (!f->countdown)
			continue;
		if (--f->countdown == 0 && !fired) {
			*error = f->error;
			fired = true;
		}
	}
	return fired;
}

void ffap_plat_secure_call(struct ffap_plat *plat, struct ffa_regs *regs)
{
	struct sim *s = SIM_FROM_HOOK(plat, ffap_plat);
	uint32_t fid = ffa_w(regs, 0);
	bool injected;
	int32_t error = 0;

	/* The record keeps the call as issued, whatever answers it. */
	if (s->secure_call_count < SIM_MAX_SECURE_CALLS)
		s->secure_calls[s->secure_call_count++] = *regs;
	else
		sim_violation(s, "more than %d secure-world calls during one host call",
			      SIM_MAX_SECURE_CALLS);
	/* H2 */
	if (s->lock_depth && sim_call_may_block(fid))
		sim_violation(s,
			      "call 0x%08" PRIx32
			      " reached the secure world with the proxy lock held",
			      fid);

	sim_trace(s, SIM_HOP_PROXY_SPMC, false, false, 0, fid, regs, NULL);
	injected = sim_take_fault(s, &error);
	if (injected)
		ffa_set_error(regs, error);
	else
		spmc_handle_ns_call(&s->spmc, regs);
	sim_trace(s, SIM_HOP_PROXY_SPMC, true, injected, 0, fid, regs, NULL);

	if ((fid & ~SMCCC_SVE_HINT) == FFA_RX_RELEASE && !ffa_is_success(regs))
		s->rx_release_refused = true;
}

static enum sim_page_state sim_from_ffap_state(enum ffap_page_state st)
{
	switch (st) {
	case FFAP_PAGE_HOST:
		return SIM_PAGE_HOST;
	case FFAP_PAGE_SHARED:
		return SIM_PAGE_SHARED;
	case FFAP_PAGE_LENT:
		return SIM_PAGE_LENT;
	case FFAP_PAGE_DONATED:
		return SIM_PAGE_DONATED;
	}
	return SIM_PAGE_HYP; /* never a valid source or target: refused */
}

static bool sim_ffap_state_valid(enum ffap_page_state st)
{
	return st == FFAP_PAGE_HOST || st == FFAP_PAGE_SHARED || st == FFAP_PAGE_LENT ||
	       st == FFAP_PAGE_DONATED;
}

int ffap_plat_host_transition(struct ffap_plat *plat, uint64_t pa, uint64_t pages,
			      enum ffap_page_state from, enum ffap_page_state to)
{
	struct sim *s = SIM_FROM_HOOK(plat, ffap_plat);
	uint64_t first, bytes, end, i;
	uint8_t want_from, want_to;

	/* H3: platform.h promises an aligned, non-empty range that does not wrap. */
	if (!pages || (pa & (FFA_PAGE_SIZE - 1)) ||
	    ffa_mul_overflow(pages, (uint64_t)FFA_PAGE_SIZE, &bytes) ||
	    ffa_add_overflow(pa, bytes, &end)) {
		sim_violation(s,
			      "host_transition(0x%" PRIx64 ", %" PRIu64 " pages): malformed range",
			      pa, pages);
		return FFA_DENIED;
	}
	/* H3: only HOST -> SHARED/LENT/DONATED and back are asked for. */
	if (!sim_ffap_state_valid(from) || !sim_ffap_state_valid(to) || from == to ||
	    (from != FFAP_PAGE_HOST && to != FFAP_PAGE_HOST)) {
		sim_violation(s, "host_transition(0x%" PRIx64 "): transition %d -> %d", pa,
			      (int)from, (int)to);
		return FFA_DENIED;
	}
	/* Not host RAM at all: refused, as any page not in @from is. */
	if (!sim_ram_range(s, pa, pages, &first))
		return FFA_DENIED;

	/* All or nothing: check every page before changing one. */
	want_from = (uint8_t)sim_from_ffap_state(from);
	want_to = (uint8_t)sim_from_ffap_state(to);
	for (i = 0; i < pages; i++)
		if (s->page_state[first + i] != want_from)
			return FFA_DENIED;
	for (i = 0; i < pages; i++)
		s->page_state[first + i] = want_to;
	return 0;
}

int ffap_plat_host_pin(struct ffap_plat *plat, uint64_t pa, uint64_t pages, void **va)
{
	struct sim *s = SIM_FROM_HOOK(plat, ffap_plat);
	uint64_t first, i;

	*va = NULL;
	if (!pages || !sim_ram_range(s, pa, pages, &first))
		return FFA_INVALID_PARAMETERS;
	/* Only exclusively host-owned RAM may become a mailbox (platform.h). */
	for (i = 0; i < pages; i++)
		if (s->page_state[first + i] != SIM_PAGE_HOST)
			return FFA_INVALID_PARAMETERS;
	for (i = 0; i < pages; i++)
		s->page_state[first + i] = SIM_PAGE_PINNED;
	*va = s->ram + (pa - s->ram_base);
	return 0;
}

void ffap_plat_host_unpin(struct ffap_plat *plat, uint64_t pa, uint64_t pages)
{
	struct sim *s = SIM_FROM_HOOK(plat, ffap_plat);
	uint64_t first, i;

	/* H3: the same range that was pinned, every page of it still pinned. */
	if (!pages || !sim_ram_range(s, pa, pages, &first)) {
		sim_violation(s, "host_unpin(0x%" PRIx64 ", %" PRIu64 " pages): not host RAM", pa,
			      pages);
		return;
	}
	for (i = 0; i < pages; i++) {
		if (s->page_state[first + i] != SIM_PAGE_PINNED) {
			sim_violation(s, "host_unpin: page 0x%" PRIx64 " is %s, not pinned",
				      sim_page_pa(s, first + i),
				      sim_page_state_name(s->page_state[first + i]));
			return;
		}
	}
	for (i = 0; i < pages; i++)
		s->page_state[first + i] = SIM_PAGE_HOST;
}

/* One CPU, no threads: the lock is a nesting counter that catches misuse (H1). */
void ffap_plat_lock(struct ffap_plat *plat)
{
	struct sim *s = SIM_FROM_HOOK(plat, ffap_plat);

	if (s->lock_depth)
		sim_violation(s, "the proxy took its lock while holding it");
	s->lock_depth++;
}

void ffap_plat_unlock(struct ffap_plat *plat)
{
	struct sim *s = SIM_FROM_HOOK(plat, ffap_plat);

	if (!s->lock_depth) {
		sim_violation(s, "the proxy released its lock without holding it");
		return;
	}
	s->lock_depth--;
}

void ffap_plat_log(struct ffap_plat *plat, enum ffap_log_level level, const char *what,
		   uint64_t value)
{
	struct sim *s = SIM_FROM_HOOK(plat, ffap_plat);

	if (s->log)
		s->log(s->log_arg, level, what, value);
}

/* ---------------------------------------------------------------------- */
/* SPMC model hook (include/ffaproxy/spmc_model.h)                        */
/* ---------------------------------------------------------------------- */

/*
 * Non-secure memory is host RAM (in any state: the secure world's view does
 * not follow stage 2) and the hypervisor memory holding the proxy's mailbox.
 */
void *spmc_plat_ns_memory(struct spmc_plat *plat, uint64_t pa, uint64_t size)
{
	struct sim *s = SIM_FROM_HOOK(plat, spmc_plat);
	uint64_t end;

	if (ffa_add_overflow(pa, size, &end))
		return NULL;
	if (s->ram && pa >= s->ram_base && end <= s->ram_base + s->ram_size)
		return s->ram + (pa - s->ram_base);
	if (s->hyp_mem && pa >= s->hyp_base && end <= s->hyp_base + s->hyp_size)
		return s->hyp_mem + (pa - s->hyp_base);
	return NULL;
}

/*
 * The schedule receiver interrupt: the simulation has no interrupt
 * controller, so it counts the interrupt as pending for the host until the
 * host (or a test) takes it with sim_take_sri().
 */
void spmc_plat_raise_sri(struct spmc_plat *plat)
{
	struct sim *s = SIM_FROM_HOOK(plat, spmc_plat);

	s->sri_pending = true;
	s->sri_count++;
}

bool sim_take_sri(struct sim *s)
{
	bool pending = s->sri_pending;

	s->sri_pending = false;
	return pending;
}

/* ---------------------------------------------------------------------- */
/* Host client hook (src/host/ffa_host.h)                                 */
/* ---------------------------------------------------------------------- */

void ffah_plat_call(struct ffah_plat *plat, struct ffa_regs *regs)
{
	sim_host_call(SIM_FROM_HOOK(plat, ffah_plat), regs);
}

/* ---------------------------------------------------------------------- */
/* Vector interpreter hooks (src/vectors/fv.h)                            */
/* ---------------------------------------------------------------------- */

int fv_plat_world_start(struct fv_plat *plat, const struct fv_world *w, char *err, size_t err_len)
{
	return sim_world_start(SIM_FROM_HOOK(plat, fv_plat), w, err, err_len);
}

void fv_plat_host_call(struct fv_plat *plat, struct ffa_regs *r)
{
	sim_host_call(SIM_FROM_HOOK(plat, fv_plat), r);
}

void fv_plat_sp_call(struct fv_plat *plat, uint16_t id, struct ffa_regs *r)
{
	sim_sp_call(SIM_FROM_HOOK(plat, fv_plat), id, r);
}

int fv_plat_sp_write(struct fv_plat *plat, uint16_t id, uint32_t offset, const uint8_t *data,
		     size_t len)
{
	struct sim *s = SIM_FROM_HOOK(plat, fv_plat);

	if (!s->started || len > UINT32_MAX)
		return -1;
	return spmc_sp_write_tx(&s->spmc, id, offset, data, (uint32_t)len) ? -1 : 0;
}

/*
 * A partition's retrieve/relinquish: the model builds the request in the
 * partition's TX buffer itself, so the trace shows a description of it.
 */
static void sim_sp_mem_op(struct sim *s, uint16_t id, uint64_t handle, struct ffa_regs *r,
			  bool retrieve)
{
	uint32_t fid = retrieve ? FFA_MEM_RETRIEVE_REQ_32 : FFA_MEM_RELINQUISH;
	char note[96];

	if (!s->started) {
		ffa_set_error(r, FFA_NOT_SUPPORTED);
		return;
	}
	snprintf(note, sizeof(note), "%s handle=0x%" PRIx64 " (descriptor built by the model)",
		 retrieve ? "FFA_MEM_RETRIEVE_REQ" : "FFA_MEM_RELINQUISH", handle);
	sim_trace(s, SIM_HOP_SP_SPMC, false, false, id, fid, NULL, note);
	if (retrieve)
		spmc_sp_retrieve(&s->spmc, id, handle, r);
	else
		spmc_sp_relinquish(&s->spmc, id, handle, r);
	sim_trace(s, SIM_HOP_SP_SPMC, true, false, id, fid, r, NULL);
}

void fv_plat_sp_retrieve(struct fv_plat *plat, uint16_t id, uint64_t handle, struct ffa_regs *r)
{
	sim_sp_mem_op(SIM_FROM_HOOK(plat, fv_plat), id, handle, r, true);
}

void fv_plat_sp_relinquish(struct fv_plat *plat, uint16_t id, uint64_t handle, struct ffa_regs *r)
{
	sim_sp_mem_op(SIM_FROM_HOOK(plat, fv_plat), id, handle, r, false);
}

int fv_plat_mem_write(struct fv_plat *plat, uint64_t pa, const uint8_t *data, size_t len)
{
	void *p = sim_host_ptr(SIM_FROM_HOOK(plat, fv_plat), pa, len);

	if (!p)
		return -1;
	memcpy(p, data, len);
	return 0;
}

int fv_plat_mem_read(struct fv_plat *plat, uint64_t pa, uint8_t *data, size_t len)
{
	const void *p = sim_host_ptr(SIM_FROM_HOOK(plat, fv_plat), pa, len);

	if (!p)
		return -1;
	memcpy(data, p, len);
	return 0;
}

enum fv_page_state fv_plat_page_state(struct fv_plat *plat, uint64_t pa)
{
	return sim_page_state(SIM_FROM_HOOK(plat, fv_plat), pa);
}

int fv_plat_fail_secure(struct fv_plat *plat, unsigned int nth, int32_t error)
{
	struct sim *s = SIM_FROM_HOOK(plat, fv_plat);
	unsigned int i;

	if (!nth)
		return -1;
	for (i = 0; i < SIM_MAX_FAULTS; i++) {
		if (!s->faults[i].countdown) {
			s->faults[i].countdown = nth;
			s->faults[i].error = error;
			return 0;
		}
	}
	return -1;
}

size_t fv_plat_secure_calls(struct fv_plat *plat, const struct ffa_regs **calls)
{
	struct sim *s = SIM_FROM_HOOK(plat, fv_plat);

	*calls = s->secure_calls;
	return s->secure_call_count;
}

int fv_plat_check_invariants(struct fv_plat *plat, char *why, size_t why_len)
{
	return sim_check_invariants(SIM_FROM_HOOK(plat, fv_plat), why, why_len);
}

void fv_plat_print(struct fv_plat *plat, const char *line)
{
	struct sim *s = SIM_FROM_HOOK(plat, fv_plat);

	if (s->print) {
		s->print(s->print_arg, line);
		return;
	}
	fputs(line, stdout);
	fputc('\n', stdout);
}

/* ---------------------------------------------------------------------- */
/* Invariants                                                             */
/* ---------------------------------------------------------------------- */

/*
 * Record that a live memory handle covers [@pa, @pa + @pages pages) and
 * gives those pages @state. A page claimed twice is marked so that P3
 * reports it; a range outside host RAM is reported at once.
 */
static int sim_claim_range(struct sim *s, uint64_t pa, uint64_t pages, enum sim_page_state state,
			   char *why, size_t why_len)
{
	uint64_t first, i;

	if (!sim_ram_range(s, pa, pages, &first)) {
		sim_fmt(why, why_len,
			"a live handle covers 0x%" PRIx64 "+%" PRIu64
			" pages, which is not host RAM",
			pa, pages);
		return -1;
	}
	for (i = 0; i < pages; i++) {
		uint8_t *c = &s->claims[first + i];

		*c = *c ? (uint8_t)(*c | SIM_CLAIM_MULTIPLE) : (uint8_t)state;
	}
	return 0;
}

/* What sim_collect_handle_claims() hands spmc_mem_for_each_range(). */
struct sim_claim_walk {
	struct sim *s;
	char *why;
	size_t why_len;
	int failed;
};

static void sim_claim_one(void *ctx, uint64_t handle, enum spmc_mem_kind kind, uint64_t base,
			  uint64_t pages)
{
	struct sim_claim_walk *w = ctx;
	enum sim_page_state state;

	if (w->failed)
		return;
	switch (kind) {
	case SPMC_MEM_SHARE:
		state = SIM_PAGE_SHARED;
		break;
	case SPMC_MEM_LEND:
		state = SIM_PAGE_LENT;
		break;
	case SPMC_MEM_DONATE:
		state = SIM_PAGE_DONATED;
		break;
	default:
		sim_fmt(w->why, w->why_len, "handle 0x%" PRIx64 " has no transaction type",
			handle);
		w->failed = -1;
		return;
	}
	w->failed = sim_claim_range(w->s, base, pages, state, w->why, w->why_len);
}

/*
 * Fill s->claims from the SPMC model's live memory handles (P3): every range
 * of every live transaction, complete or still open (the pages of the
 * fragments received so far), claims its pages with the state its
 * transaction type gives (share -> shared, lend -> lent, donate -> donated).
 * A retrieved donation stays live in the model, so its pages stay claimed.
 * sim_check_pages() then compares the claims with the page states.
 */
static int sim_collect_handle_claims(struct sim *s, char *why, size_t why_len)
{
	struct sim_claim_walk w = { .s = s, .why = why, .why_len = why_len };

	spmc_mem_for_each_range(&s->spmc, sim_claim_one, &w);
	return w.failed;
}

/* Whether @pa lies in the host RX/TX pair the proxy has mapped (P2). */
static bool sim_in_host_mailbox(const struct sim *s, uint64_t pa)
{
	const struct ffap_host_mbox *hm = &s->proxy.host;
	uint64_t bytes = (uint64_t)hm->pages * FFA_PAGE_SIZE;

	if (!hm->mapped)
		return false;
	return (pa >= hm->tx_pa && pa - hm->tx_pa < bytes) ||
	       (pa >= hm->rx_pa && pa - hm->rx_pa < bytes);
}

static int sim_check_pages(struct sim *s, char *why, size_t why_len)
{
	uint64_t i;

	memset(s->claims, 0, s->ram_pages);
	if (sim_collect_handle_claims(s, why, why_len))
		return -1;

	for (i = 0; i < s->ram_pages; i++) {
		enum sim_page_state st = (enum sim_page_state)s->page_state[i];
		uint8_t claim = s->claims[i];
		uint64_t pa = sim_page_pa(s, i);

		/* P3: no handle covers a page that cannot be in a transaction. */
		if (claim && (st == SIM_PAGE_HYP || st == SIM_PAGE_PINNED)) {
			sim_fmt(why, why_len,
				"page 0x%" PRIx64 " is %s but a live handle covers it", pa,
				sim_page_state_name(st));
			return -1;
		}
		/* P1 */
		if (sim_is_protected(s, pa)) {
			if (st != SIM_PAGE_HYP) {
				sim_fmt(why, why_len, "protected page 0x%" PRIx64 " is %s, not hyp",
					pa, sim_page_state_name(st));
				return -1;
			}
			continue;
		}
		if (st == SIM_PAGE_HYP) {
			sim_fmt(why, why_len, "page 0x%" PRIx64 " is hyp but not protected", pa);
			return -1;
		}
		/* P2 */
		if (sim_in_host_mailbox(s, pa)) {
			if (st != SIM_PAGE_PINNED) {
				sim_fmt(why, why_len,
					"page 0x%" PRIx64
					" of the host RX/TX pair the proxy mapped is %s, not pinned",
					pa, sim_page_state_name(st));
				return -1;
			}
			continue;
		}
		if (st == SIM_PAGE_PINNED) {
			sim_fmt(why, why_len,
				"page 0x%" PRIx64
				" is pinned but not in the host RX/TX pair the proxy has mapped",
				pa);
			return -1;
		}
		/* P3 */
		if (claim & SIM_CLAIM_MULTIPLE) {
			sim_fmt(why, why_len,
				"page 0x%" PRIx64 " belongs to more than one live handle", pa);
			return -1;
		}
		if (st == SIM_PAGE_HOST) {
			if (claim) {
				sim_fmt(why, why_len,
					"page 0x%" PRIx64
					" is the host's again but a live handle still covers it",
					pa);
				return -1;
			}
			continue;
		}
		if (!claim) {
			sim_fmt(why, why_len,
				"page 0x%" PRIx64 " is %s but belongs to no live handle", pa,
				sim_page_state_name(st));
			return -1;
		}
		if ((claim & SIM_CLAIM_STATE_MASK) != st) {
			sim_fmt(why, why_len, "page 0x%" PRIx64 " is %s but its handle makes it %s",
				pa, sim_page_state_name(st),
				sim_page_state_name(
					(enum sim_page_state)(claim & SIM_CLAIM_STATE_MASK)));
			return -1;
		}
	}
	return 0;
}

static int sim_check_mailboxes(struct sim *s, char *why, size_t why_len)
{
	const struct ffap_host_mbox *hm = &s->proxy.host;
	const struct spmc_ns_mailbox *ns = &s->spmc.ns;
	uint64_t mbox_bytes = (uint64_t)s->world.mbox_pages * FFA_PAGE_SIZE;

	/* M1 */
	if (hm->rx_full && !hm->mapped) {
		sim_fmt(why, why_len,
			"the proxy marks the host RX buffer full, but none is mapped");
		return -1;
	}
	/* M2 */
	if (hm->mapped && (hm->pages == 0 || hm->pages > s->world.mbox_pages)) {
		sim_fmt(why, why_len,
			"the host RX/TX pair has %" PRIu32 " pages, not 1 to %" PRIu32, hm->pages,
			s->world.mbox_pages);
		return -1;
	}
	/* M3 */
	if (s->proxy.own_mbox_mapped != ns->mapped) {
		sim_fmt(why, why_len,
			"the proxy believes its mailbox is %sregistered with the SPMC, the SPMC has %s",
			s->proxy.own_mbox_mapped ? "" : "not ",
			ns->mapped ? "one registered" : "none");
		return -1;
	}
	if (ns->mapped && (ns->tx_pa != s->hyp_base || ns->rx_pa != s->hyp_base + mbox_bytes ||
			   ns->pages != s->world.mbox_pages)) {
		sim_fmt(why, why_len,
			"the SPMC's non-secure mailbox (TX 0x%" PRIx64 ", RX 0x%" PRIx64
			", %" PRIu32 " pages) is not the proxy's own",
			ns->tx_pa, ns->rx_pa, ns->pages);
		return -1;
	}
	return 0;
}

int sim_check_invariants(struct sim *s, char *why, size_t why_len)
{
	if (!s->started) {
		sim_fmt(why, why_len, "no world is running");
		return -1;
	}
	/* H1-H3 and M4, recorded as they happened. */
	if (s->violation[0]) {
		sim_fmt(why, why_len, "%s", s->violation);
		return -1;
	}
	if (s->lock_depth) {
		sim_fmt(why, why_len, "the proxy lock is held");
		return -1;
	}
	if (sim_check_mailboxes(s, why, why_len))
		return -1;
	return sim_check_pages(s, why, why_len);
}
