/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Memory sharing (policy §5): FFA_MEM_SHARE, FFA_MEM_LEND, FFA_MEM_DONATE
 * (32 and 64), FFA_MEM_FRAG_TX and FFA_MEM_RECLAIM.
 *
 * The host is always the owner. For every fragment the proxy
 *  1. copies it from the host's TX buffer into its own (the host cannot
 *     change what the proxy checks),
 *  2. checks its format, then the sender, then its own limits,
 *  3. moves every page it names out of the host's exclusive ownership
 *     through ffap_plat_host_transition(), which refuses pages the host does
 *     not own exclusively (hypervisor memory, pinned mailboxes, pages already
 *     in a transaction),
 *  4. forwards it to the secure world from the proxy's TX buffer.
 * A failure at any step undoes every ownership change the proxy made for it;
 * a failure of the secure world on a later fragment aborts the whole
 * transaction (FFA_MEM_RECLAIM) and gives every page back to the host.
 *
 * The proxy remembers the pages of each transaction (struct ffap_mem_tx,
 * ranges in the pool the embedder gave it) until FFA_MEM_RECLAIM returns
 * them, rather than asking the secure world at reclaim time what they were:
 * the record is what the proxy itself changed, so giving it back needs no
 * trust in a descriptor from elsewhere, and the abort of a half-sent
 * transaction needs it anyway (docs/decisions.md D17).
 *
 * Errors are decided in the order of policy §5: format (INVALID_PARAMETERS),
 * sender (DENIED), limits (NO_MEMORY), ownership (DENIED), secure world.
 */
#include "proxy_private.h"

#include <ffaproxy/ffa_desc.h>

/* Constituent size, and the composite descriptor header before them. */
#define RANGE_SIZE sizeof(struct ffa_mem_range)
#define COMPOSITE_SIZE sizeof(struct ffa_composite_mem_region)

void ffap_mem_init(struct ffap *p)
{
	uint32_t i;

	for (i = 0; i < p->cfg.range_count; i++)
		p->cfg.ranges[i].next = i + 1 < p->cfg.range_count ? i + 1 : FFAP_RANGE_NONE;
	p->free_range = p->cfg.range_count ? 0 : FFAP_RANGE_NONE;
	p->free_range_count = p->cfg.range_count;
	for (i = 0; i < FFAP_MAX_TRANSACTIONS; i++)
		p->mem[i].state = FFAP_MEM_TX_FREE;
}

static uint64_t pages_end(uint64_t base, uint64_t pages)
{
	return base + (pages << FFA_PAGE_SHIFT);
}

/* ---------------------------------------------------------------------- */
/* The record of a transaction's pages                                    */
/* ---------------------------------------------------------------------- */

/* Slots in use are the set bits of p->mem_used: lookups cost what is live, not the limit. */
_Static_assert(FFAP_MAX_TRANSACTIONS <= 64, "p->mem_used has one bit per slot");

static struct ffap_mem_tx *tx_find(struct ffap *p, uint64_t handle)
{
	uint64_t used;

	for (used = p->mem_used; used; used &= used - 1) {
		struct ffap_mem_tx *tx = &p->mem[__builtin_ctzll(used)];

		if (tx->handle == handle)
			return tx;
	}
	return NULL;
}

static struct ffap_mem_tx *tx_alloc(struct ffap *p)
{
	uint64_t free_slots = ~p->mem_used;
	struct ffap_mem_tx *tx;

	if (FFAP_MAX_TRANSACTIONS < 64)
		free_slots &= (UINT64_C(1) << (FFAP_MAX_TRANSACTIONS % 64)) - 1;
	if (!free_slots)
		return NULL;
	tx = &p->mem[__builtin_ctzll(free_slots)];
	ffa_memset(tx, 0, sizeof(*tx));
	tx->head = FFAP_RANGE_NONE;
	tx->tail = FFAP_RANGE_NONE;
	return tx;
}

/* A slot becomes live when its first fragment is accepted, unused again when it is released. */
static void tx_set_state(struct ffap *p, struct ffap_mem_tx *tx, enum ffap_mem_tx_state state)
{
	uint64_t bit = UINT64_C(1) << (tx - p->mem);

	tx->state = (uint8_t)state;
	if (state == FFAP_MEM_TX_FREE)
		p->mem_used &= ~bit;
	else
		p->mem_used |= bit;
}

/*
 * Whether a constituent starting at @base with @pages continues the run that
 * ends at @end with @run_pages pages: then it merges into the same entry.
 */
static bool merges(uint64_t end, uint64_t run_pages, uint64_t base, uint32_t pages)
{
	return run_pages && base == end && run_pages + pages <= UINT32_MAX;
}

/*
 * Append pages to @tx's record, merging with the last entry when contiguous.
 * The caller made sure enough entries are available: check_constituents() counts
 * one per constituent that does not merge, at least as many as this needs.
 */
static void record_range(struct ffap *p, struct ffap_mem_tx *tx, uint64_t base, uint32_t pages)
{
	struct ffap_mem_range *ranges = p->cfg.ranges;
	uint32_t idx;

	if (tx->tail != FFAP_RANGE_NONE) {
		struct ffap_mem_range *t = &ranges[tx->tail];

		if (merges(pages_end(t->base, t->pages), t->pages, base, pages)) {
			t->pages += pages;
			return;
		}
	}

	idx = p->free_range;
	p->free_range = ranges[idx].next;
	p->free_range_count--;
	ranges[idx].base = base;
	ranges[idx].pages = pages;
	ranges[idx].next = FFAP_RANGE_NONE;
	if (tx->tail == FFAP_RANGE_NONE)
		tx->head = idx;
	else
		ranges[tx->tail].next = idx;
	tx->tail = idx;
}

/* Record a run of contiguous pages, in entries of at most UINT32_MAX pages. */
static void record_run(struct ffap *p, struct ffap_mem_tx *tx, uint64_t base, uint64_t pages)
{
	uint32_t chunk;

	while (pages) {
		chunk = pages > UINT32_MAX ? UINT32_MAX : (uint32_t)pages;
		record_range(p, tx, base, chunk);
		base = pages_end(base, chunk);
		pages -= chunk;
	}
}

/* Give pages back to the host; they are in @from by the proxy's own record. */
static void restore_pages(struct ffap *p, uint64_t base, uint64_t pages, enum ffap_page_state from)
{
	if (!pages)
		return;
	if (ffap_plat_host_transition(p->cfg.plat, base, pages, from, FFAP_PAGE_HOST))
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "memory: could not restore pages", base);
}

/*
 * A point in @tx's record: undo_to_mark() gives back every page recorded
 * after it and forgets them.
 */
struct record_mark {
	uint32_t tail;
	uint32_t tail_pages;
};

static struct record_mark record_mark(const struct ffap *p, const struct ffap_mem_tx *tx)
{
	struct record_mark m = { tx->tail, 0 };

	if (tx->tail != FFAP_RANGE_NONE)
		m.tail_pages = p->cfg.ranges[tx->tail].pages;
	return m;
}

static void undo_to_mark(struct ffap *p, struct ffap_mem_tx *tx, struct record_mark m)
{
	struct ffap_mem_range *ranges = p->cfg.ranges;
	enum ffap_page_state from = (enum ffap_page_state)tx->page_state;
	uint32_t idx, next;

	if (m.tail != FFAP_RANGE_NONE) {
		struct ffap_mem_range *t = &ranges[m.tail];

		restore_pages(p, pages_end(t->base, m.tail_pages), t->pages - m.tail_pages, from);
		t->pages = m.tail_pages;
		idx = t->next;
		t->next = FFAP_RANGE_NONE;
	} else {
		idx = tx->head;
		tx->head = FFAP_RANGE_NONE;
	}
	tx->tail = m.tail;

	for (; idx != FFAP_RANGE_NONE; idx = next) {
		next = ranges[idx].next;
		restore_pages(p, ranges[idx].base, ranges[idx].pages, from);
		ranges[idx].next = p->free_range;
		p->free_range = idx;
		p->free_range_count++;
	}
}

/* Give every page of @tx back to the host and release its slot. */
static void tx_release(struct ffap *p, struct ffap_mem_tx *tx)
{
	struct record_mark none = { FFAP_RANGE_NONE, 0 };

	undo_to_mark(p, tx, none);
	tx_set_state(p, tx, FFAP_MEM_TX_FREE);
}

/* Forget @tx without touching its pages: a completed donation stays donated. */
static void tx_forget(struct ffap *p, struct ffap_mem_tx *tx)
{
	struct ffap_mem_range *ranges = p->cfg.ranges;
	uint32_t idx, next;

	for (idx = tx->head; idx != FFAP_RANGE_NONE; idx = next) {
		next = ranges[idx].next;
		ranges[idx].next = p->free_range;
		p->free_range = idx;
		p->free_range_count++;
	}
	tx_set_state(p, tx, FFAP_MEM_TX_FREE);
}

/* ---------------------------------------------------------------------- */
/* Constituents of one fragment                                           */
/* ---------------------------------------------------------------------- */

/**
 * struct fragment - the constituents of one fragment, in the proxy's copy.
 * @ranges: the first constituent
 * @count:  how many
 * @pages:  their page total (set by check_constituents())
 * @entries: record entries they need beyond merging (ditto)
 */
struct fragment {
	struct ffa_mem_range *ranges;
	uint32_t count;
	uint64_t pages;
	uint32_t entries;
};

/*
 * FF-A 1.0 §5.12 / FF-A 1.1 Table 10.14: each constituent is 4 KiB aligned,
 * names at least one page, does not wrap the address space, and its reserved
 * field is zero. Also counts the pages and the record entries needed.
 */
static int check_constituents(const struct ffap *p, const struct ffap_mem_tx *tx,
			      struct fragment *f)
{
	uint64_t run_end = 0, run_pages = 0, end;
	struct ffa_mem_range r;
	uint32_t i;

	if (tx->tail != FFAP_RANGE_NONE) {
		const struct ffap_mem_range *t = &p->cfg.ranges[tx->tail];

		run_end = pages_end(t->base, t->pages);
		run_pages = t->pages;
	}

	f->pages = 0;
	f->entries = 0;
	for (i = 0; i < f->count; i++) {
		if (ffa_mem_range_read(&f->ranges[i], &r) || (r.address & (FFA_PAGE_SIZE - 1)) ||
		    r.page_count == 0 ||
		    ffa_add_overflow(r.address, (uint64_t)r.page_count << FFA_PAGE_SHIFT, &end))
			return FFA_INVALID_PARAMETERS;
		f->pages += r.page_count;
		if (merges(run_end, run_pages, r.address, r.page_count)) {
			run_pages += r.page_count;
		} else {
			f->entries++;
			run_pages = r.page_count;
		}
		run_end = end;
	}
	return 0;
}

/*
 * Policy §5: the constituents' pages add up to the composite's total page
 * count. Checked exactly when the last fragment arrives, and as a bound on
 * every fragment before it: a fragment that already goes beyond the total is
 * malformed, and refusing it keeps every transaction below 2^32 pages, so
 * that a run always fits one record entry.
 */
static bool pages_fit_total(uint64_t so_far, uint64_t pages, uint32_t total, bool last)
{
	return last ? so_far + pages == total : so_far + pages <= total;
}

/* Heap sort of constituents by address, for the overlap check of a refused fragment. */
static void sift_down(struct ffa_mem_range *a, uint32_t root, uint32_t n)
{
	struct ffa_mem_range tmp;
	uint32_t child;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && a[child + 1].address > a[child].address)
			child++;
		if (a[root].address >= a[child].address)
			return;
		tmp = a[root];
		a[root] = a[child];
		a[child] = tmp;
		root = child;
	}
}

static void sort_constituents(struct ffa_mem_range *a, uint32_t n)
{
	struct ffa_mem_range tmp;
	uint32_t i;

	for (i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	for (i = n; i-- > 1;) {
		tmp = a[0];
		a[0] = a[i];
		a[i] = tmp;
		sift_down(a, 0, i);
	}
}

/*
 * Policy §5: no constituent may overlap another of the same transaction,
 * earlier fragments included. Checked only when a fragment was refused (on
 * the success path ownership already guarantees it: a page leaves the host
 * once), to tell a malformed descriptor (INVALID_PARAMETERS) from a page the
 * host does not own (DENIED). Sorts the fragment's constituents in place: the
 * proxy's copy is not used again.
 */
static bool fragment_overlaps(const struct ffap *p, const struct ffap_mem_tx *tx,
			      struct fragment *f)
{
	const struct ffap_mem_range *ranges = p->cfg.ranges;
	struct ffa_mem_range *a = f->ranges;
	uint32_t i, idx, lo, hi, mid;
	uint64_t end;

	sort_constituents(a, f->count);
	for (i = 1; i < f->count; i++)
		if (pages_end(a[i - 1].address, a[i - 1].page_count) > a[i].address)
			return true;

	/* Against the record of earlier fragments: find the last constituent below each end. */
	for (idx = tx->head; idx != FFAP_RANGE_NONE; idx = ranges[idx].next) {
		end = pages_end(ranges[idx].base, ranges[idx].pages);
		lo = 0;
		hi = f->count;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (a[mid].address < end)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo && pages_end(a[lo - 1].address, a[lo - 1].page_count) > ranges[idx].base)
			return true;
	}
	return false;
}

/*
 * Move the fragment's pages out of the host's exclusive ownership and record
 * them under @tx. Contiguous constituents go to the platform as one range.
 * All or nothing: on failure every page of this fragment is the host's again,
 * and the error says why (INVALID_PARAMETERS for overlapping constituents).
 */
static int transition_fragment(struct ffap *p, struct ffap_mem_tx *tx, struct fragment *f)
{
	enum ffap_page_state to = (enum ffap_page_state)tx->page_state;
	struct record_mark mark = record_mark(p, tx);
	uint64_t run_base = 0, run_pages = 0;
	uint32_t i;
	int ret;

	for (i = 0; i <= f->count; i++) {
		const struct ffa_mem_range *r = i < f->count ? &f->ranges[i] : NULL;

		if (r && run_pages && r->address == pages_end(run_base, run_pages)) {
			run_pages += r->page_count;
			continue;
		}
		if (run_pages) {
			ret = ffap_plat_host_transition(p->cfg.plat, run_base, run_pages,
							FFAP_PAGE_HOST, to);
			if (ret)
				goto undo;
			record_run(p, tx, run_base, run_pages);
		}
		if (r) {
			run_base = r->address;
			run_pages = r->page_count;
		}
	}
	return 0;

undo:
	undo_to_mark(p, tx, mark);
	if (fragment_overlaps(p, tx, f))
		return FFA_INVALID_PARAMETERS;
	return ret == FFA_NO_MEMORY ? FFA_NO_MEMORY : FFA_DENIED;
}

/* ---------------------------------------------------------------------- */
/* The first fragment: FFA_MEM_SHARE / LEND / DONATE                      */
/* ---------------------------------------------------------------------- */

static enum ffap_page_state send_page_state(uint32_t fnum)
{
	switch (fnum) {
	case FFA_FNUM_MEM_SHARE:
		return FFAP_PAGE_SHARED;
	case FFA_FNUM_MEM_LEND:
		return FFAP_PAGE_LENT;
	default:
		return FFAP_PAGE_DONATED;
	}
}

/*
 * FF-A 1.0 §5.11.4, policy §5: memory shared with a partition is named as
 * normal memory (device memory is not shared at run time) with defined
 * cacheability and shareability; the NS bit is the relayer's to set. Lent or
 * donated memory goes to a PE endpoint, which picks its own attributes: the
 * owner must leave them 0.
 */
static bool attributes_ok(uint32_t fnum, uint16_t attr)
{
	uint16_t cache = attr & FFA_MEM_ATTR_CACHE_MASK;

	if (fnum != FFA_FNUM_MEM_SHARE)
		return attr == 0;
	return (attr & FFA_MEM_ATTR_TYPE_MASK) == FFA_MEM_ATTR_TYPE_NORMAL &&
	       !(attr & FFA_MEM_ATTR_NS) &&
	       (cache == FFA_MEM_ATTR_WRITE_BACK || cache == FFA_MEM_ATTR_NON_CACHEABLE) &&
	       (attr & FFA_MEM_ATTR_SHARE_MASK) != FFA_MEM_ATTR_SHARE_RESERVED;
}

/*
 * One endpoint memory access descriptor of a DONATE/LEND/SHARE
 * (FF-A 1.0 §5.11.3, §5.12.3; policy §5).
 */
static bool emad_ok(uint32_t fnum, const struct ffa_mem_emad *e, uint32_t composite_offset)
{
	uint8_t data = e->permissions & FFA_DATA_ACCESS_MASK;

	/* The flags byte means something only in retrieve requests. */
	if (e->flags || (e->permissions & FFA_MEM_PERM_RESERVED_MASK))
		return false;
	/* Instruction access is the borrower's to ask for, never the lender's. */
	if (e->permissions & FFA_INSTR_ACCESS_MASK)
		return false;
	if (data == FFA_DATA_ACCESS_RESERVED)
		return false;
	/* A donation hands the memory over: the donor specifies no access. */
	if (fnum == FFA_FNUM_MEM_DONATE && data != FFA_DATA_ACCESS_NOT_SPECIFIED)
		return false;
	/* Every receiver is a secure endpoint, and all name the one composite. */
	return ffa_id_is_secure(e->receiver_id) && e->composite_offset == composite_offset;
}

/*
 * No receiver may appear twice (FF-A 1.0 §5.12.3). Receivers are secure
 * endpoints, so one bit per secure ID (p->receivers_seen) finds a repeat in
 * one pass, however many EMADs the first fragment holds.
 */
static bool receiver_seen(struct ffap *p, uint16_t id)
{
	uint32_t bit = id & ~FFA_SECURE_ID_BIT;
	uint64_t mask = UINT64_C(1) << (bit % 64);
	bool seen = p->receivers_seen[bit / 64] & mask;

	p->receivers_seen[bit / 64] |= mask;
	return seen;
}

static void receiver_forget(struct ffap *p, uint16_t id)
{
	uint32_t bit = id & ~FFA_SECURE_ID_BIT;

	p->receivers_seen[bit / 64] &= ~(UINT64_C(1) << (bit % 64));
}

/*
 * Check the first fragment, in the proxy's TX buffer: everything but the
 * sender, which the caller checks after, as policy §5 orders the errors.
 * Sets *f to its constituents and *total_pages to the composite's count.
 */
static int check_first_fragment(struct ffap *p, uint32_t fnum, uint32_t total, uint32_t frag,
				struct ffa_mem_desc *d, struct fragment *f, uint32_t *total_pages)
{
	const uint8_t *buf = p->cfg.tx;
	struct ffa_composite_mem_region c;
	struct ffa_mem_emad e;
	uint32_t allowed_flags, composite_offset = 0, i, j;
	uint64_t cons_start, expect_total;
	int ret = 0;

	if (ffa_mem_desc_read(buf, frag, p->version, d))
		return FFA_INVALID_PARAMETERS;

	/* The handle is the relayer's to allocate. */
	if (d->handle)
		return FFA_INVALID_PARAMETERS;
	/* FF-A 1.0 §5.12.4.1: SHARE never zeroes (the owner keeps access). */
	allowed_flags = fnum == FFA_FNUM_MEM_SHARE ? FFA_MEM_FLAG_TIME_SLICE :
						     FFA_MEM_SEND_FLAGS_MASK;
	if (d->flags & ~allowed_flags)
		return FFA_INVALID_PARAMETERS;
	if (!attributes_ok(fnum, d->attributes))
		return FFA_INVALID_PARAMETERS;
	/* FF-A 1.0 §11.1: a donation has exactly one receiver. */
	if (fnum == FFA_FNUM_MEM_DONATE && d->emad_count != 1)
		return FFA_INVALID_PARAMETERS;

	for (i = 0; i < d->emad_count; i++) {
		/* Every exit from this loop goes through the clean-up below. */
		if (ffa_mem_desc_emad(buf, d, i, &e)) {
			ret = FFA_INVALID_PARAMETERS;
			break;
		}
		if (i == 0)
			composite_offset = e.composite_offset;
		if (!emad_ok(fnum, &e, composite_offset) || receiver_seen(p, e.receiver_id)) {
			ret = FFA_INVALID_PARAMETERS;
			break;
		}
	}
	/* Clear the bits this descriptor set, so the bitmap is empty again for the next. */
	for (j = 0; j < i; j++) {
		ffa_mem_desc_emad(buf, d, j, &e);
		receiver_forget(p, e.receiver_id);
	}
	if (ret)
		return ret;

	/* The composite header lies in the first fragment, after the EMADs. */
	if (ffa_mem_desc_composite(buf, frag, composite_offset, ffa_mem_desc_emads_end(d), &c))
		return FFA_INVALID_PARAMETERS;
	/* A transaction names at least one page (FF-A 1.0 §5.12: a non-empty region). */
	if (c.constituent_count == 0 || c.total_page_count == 0)
		return FFA_INVALID_PARAMETERS;
	/* The total length is exactly the descriptor's: no constituent more or less. */
	cons_start = (uint64_t)composite_offset + COMPOSITE_SIZE;
	expect_total = cons_start + (uint64_t)c.constituent_count * RANGE_SIZE;
	if (expect_total != total)
		return FFA_INVALID_PARAMETERS;
	/* Every fragment ends on a constituent boundary. */
	if ((frag - cons_start) % RANGE_SIZE)
		return FFA_INVALID_PARAMETERS;

	f->ranges = (struct ffa_mem_range *)((uint8_t *)p->cfg.tx + cons_start);
	f->count = (uint32_t)((frag - cons_start) / RANGE_SIZE);
	*total_pages = c.total_page_count;
	return 0;
}

/* The secure world's reply to the last fragment carries the handle: note it or forget it. */
static void tx_complete(struct ffap *p, struct ffap_mem_tx *tx)
{
	/* A donation never comes back: the pages stay donated, the record goes. */
	if (tx->page_state == FFAP_PAGE_DONATED)
		tx_forget(p, tx);
	else
		tx_set_state(p, tx, FFAP_MEM_TX_LIVE);
}

/*
 * A handle from the secure world is usable when it is not the invalid one
 * and names no other transaction the proxy knows.
 */
static bool new_handle_ok(struct ffap *p, const struct ffap_mem_tx *tx, uint64_t handle)
{
	struct ffap_mem_tx *other = tx_find(p, handle);

	if (handle == FFA_HANDLE_INVALID)
		return false;
	/*
	 * A stuck transaction's handle handed out again: the secure world has
	 * forgotten that transaction (it dropped it when the fragment failed,
	 * whatever it answered to the abort), so its pages are the host's.
	 */
	if (other && other != tx && other->state == FFAP_MEM_TX_STUCK) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_INFO, "memory: stuck handle reused, released",
			      handle);
		tx_release(p, other);
		other = NULL;
	}
	return !other || other == tx;
}

/*
 * FFA_MEM_SHARE/LEND/DONATE_32/_64 (policy §5): w1 total length, w2 length
 * of this fragment; the descriptor is in the host's TX buffer.
 */
void ffap_handle_mem_send(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint32_t fnum = (uint32_t)regs->x[0] & SMCCC_FNUM_MASK;
	uint32_t total = (uint32_t)regs->x[1], frag = (uint32_t)regs->x[2];
	struct ffa_mem_desc d;
	struct ffap_mem_tx *tx;
	struct fragment f;
	uint32_t total_pages, w0;
	bool last = frag == total;
	uint64_t handle;
	int ret;

	(void)is_64;
	/* Lengths are 32-bit fields: in an SMC64 call bits 63:32 are MBZ. */
	if ((regs->x[1] | regs->x[2]) >> 32) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "MEM_SEND: length bits 63:32",
			    regs->x[1]);
		return;
	}
	/* Descriptors come only in the host's TX buffer (w3/w4 MBZ: no dynamic buffers). */
	if (!p->host.mapped || frag > total || frag > ffap_mbox_bytes(p->host.pages)) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "MEM_SEND: fragment length", frag);
		return;
	}

	/* Copy the fragment once; everything below reads the proxy's copy only. */
	ffa_memcpy(p->cfg.tx, p->host.tx, frag);
	ret = check_first_fragment(p, fnum, total, frag, &d, &f, &total_pages);
	if (!ret) {
		struct ffap_mem_tx none = { .tail = FFAP_RANGE_NONE };

		ret = check_constituents(p, &none, &f);
		if (!ret && !pages_fit_total(0, f.pages, total_pages, last))
			ret = FFA_INVALID_PARAMETERS;
	}
	if (ret) {
		ffap_refuse(p, regs, ret, "MEM_SEND: malformed descriptor", frag);
		return;
	}
	/* FF-A 1.0 §11.1-11.3: the sender must be the owner, and the host owns as ID 0. */
	if (d.sender_id != FFA_HOST_ID) {
		ffap_refuse(p, regs, FFA_DENIED, "MEM_SEND: sender is not the host", d.sender_id);
		return;
	}
	tx = tx_alloc(p);
	if (!tx || f.entries > p->free_range_count) {
		/* Overlap is a format error and outranks the limits (policy §5). */
		struct ffap_mem_tx none = { .tail = FFAP_RANGE_NONE, .head = FFAP_RANGE_NONE };

		ret = fragment_overlaps(p, &none, &f) ? FFA_INVALID_PARAMETERS : FFA_NO_MEMORY;
		ffap_refuse(p, regs, ret, "MEM_SEND: transaction limits", f.entries);
		return;
	}
	tx_set_state(p, tx, FFAP_MEM_TX_OPEN);
	tx->page_state = (uint8_t)send_page_state(fnum);
	tx->total_len = total;
	tx->total_pages = total_pages;

	ret = transition_fragment(p, tx, &f);
	if (ret) {
		tx_set_state(p, tx, FFAP_MEM_TX_FREE);
		ffap_refuse(p, regs, ret, "MEM_SEND: pages not exclusively the host's", 0);
		return;
	}

	ffa_regs_clear(regs, regs->x[0]);
	regs->x[1] = total;
	regs->x[2] = frag;
	ffap_secure_call(p, regs);

	w0 = (uint32_t)regs->x[0];
	if (last && (w0 == FFA_SUCCESS_32 || w0 == FFA_SUCCESS_64)) {
		handle = ffa_handle_make((uint32_t)regs->x[2], (uint32_t)regs->x[3]);
		if (new_handle_ok(p, tx, handle)) {
			tx->handle = handle;
			tx->received = frag;
			tx->pages = f.pages;
			tx_complete(p, tx);
			ffap_pass_reply(regs, regs, false);
			return;
		}
	} else if (!last && w0 == FFA_MEM_FRAG_RX) {
		/* FF-A 1.0 §12.2: the offset is what was received; w4 carries no sender here. */
		handle = ffa_handle_make((uint32_t)regs->x[1], (uint32_t)regs->x[2]);
		if (new_handle_ok(p, tx, handle) && (uint32_t)regs->x[3] == frag && !regs->x[4]) {
			tx->handle = handle;
			tx->received = frag;
			tx->pages = f.pages;
			ffap_pass_reply(regs, regs, false);
			return;
		}
	}

	/* Refused, or an answer that breaks the ABI: every page goes back to the host. */
	ret = ffap_reply_status(regs);
	if (!ret || (uint32_t)regs->x[0] != FFA_ERROR)
		ret = FFA_ABORTED;
	tx_release(p, tx);
	ffap_refuse(p, regs, ret, "MEM_SEND: secure world refused", (uint32_t)ret);
}

/* ---------------------------------------------------------------------- */
/* Later fragments: FFA_MEM_FRAG_TX                                       */
/* ---------------------------------------------------------------------- */

/*
 * The secure world failed a fragment: abort the whole transaction with it.
 * If it agrees, every page comes back to the host; if not, the pages of the
 * earlier fragments stay where the secure world may still map them, recorded
 * under the handle until a RECLAIM succeeds.
 */
static int32_t abort_transaction(struct ffap *p, struct ffap_mem_tx *tx, int32_t cause)
{
	struct ffa_regs r;

	ffa_regs_clear(&r, FFA_MEM_RECLAIM);
	r.x[1] = (uint32_t)tx->handle;
	r.x[2] = (uint32_t)(tx->handle >> 32);
	ffap_secure_call(p, &r);
	if (ffap_reply_status(&r)) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "memory: secure world refused abort",
			      tx->handle);
		tx_set_state(p, tx, FFAP_MEM_TX_STUCK);
		return FFA_ABORTED;
	}
	tx_release(p, tx);
	return cause;
}

/*
 * FFA_MEM_FRAG_TX (policy §5; FF-A 1.0 §12.2): w1/w2 the handle of an open
 * transaction, w3 the length of this fragment of further constituents.
 */
void ffap_handle_mem_frag_tx(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint64_t handle = ffa_handle_make((uint32_t)regs->x[1], (uint32_t)regs->x[2]);
	uint32_t len = (uint32_t)regs->x[3];
	struct ffap_mem_tx *tx = tx_find(p, handle);
	struct record_mark mark;
	struct fragment f;
	bool last;
	int ret;

	(void)is_64;
	if (!tx || tx->state != FFAP_MEM_TX_OPEN) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "FRAG_TX: no open transaction",
			    handle);
		return;
	}
	/* A non-zero number of whole constituents, in the TX buffer, not beyond the total. */
	if (!p->host.mapped || len == 0 || len % RANGE_SIZE ||
	    len > ffap_mbox_bytes(p->host.pages) || len > tx->total_len - tx->received) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "FRAG_TX: fragment length", len);
		return;
	}
	last = tx->received + len == tx->total_len;

	ffa_memcpy(p->cfg.tx, p->host.tx, len);
	f.ranges = p->cfg.tx;
	f.count = len / RANGE_SIZE;
	ret = check_constituents(p, tx, &f);
	if (!ret && !pages_fit_total(tx->pages, f.pages, tx->total_pages, last))
		ret = FFA_INVALID_PARAMETERS;
	if (ret) {
		ffap_refuse(p, regs, ret, "FRAG_TX: malformed constituents", len);
		return;
	}
	if (f.entries > p->free_range_count) {
		ret = fragment_overlaps(p, tx, &f) ? FFA_INVALID_PARAMETERS : FFA_NO_MEMORY;
		ffap_refuse(p, regs, ret, "FRAG_TX: transaction limits", f.entries);
		return;
	}

	/* A refused fragment changes nothing: the transaction stays open for a correct one. */
	mark = record_mark(p, tx);
	ret = transition_fragment(p, tx, &f);
	if (ret) {
		ffap_refuse(p, regs, ret, "FRAG_TX: pages not exclusively the host's", 0);
		return;
	}

	ffa_regs_clear(regs, regs->x[0]);
	regs->x[1] = (uint32_t)handle;
	regs->x[2] = (uint32_t)(handle >> 32);
	regs->x[3] = len;
	ffap_secure_call(p, regs);

	if (last && ffa_is_success(regs) &&
	    ffa_handle_make((uint32_t)regs->x[2], (uint32_t)regs->x[3]) == handle) {
		tx->received += len;
		tx->pages += f.pages;
		tx_complete(p, tx);
		ffap_pass_reply(regs, regs, false);
		return;
	}
	if (!last && (uint32_t)regs->x[0] == FFA_MEM_FRAG_RX &&
	    ffa_handle_make((uint32_t)regs->x[1], (uint32_t)regs->x[2]) == handle &&
	    (uint32_t)regs->x[3] == tx->received + len && !regs->x[4]) {
		tx->received += len;
		tx->pages += f.pages;
		ffap_pass_reply(regs, regs, false);
		return;
	}

	/*
	 * The secure world failed this fragment. Its pages never reached it:
	 * they go back at once. Then the whole transaction is aborted.
	 */
	ret = ffap_reply_status(regs);
	if (!ret || (uint32_t)regs->x[0] != FFA_ERROR)
		ret = FFA_ABORTED;
	undo_to_mark(p, tx, mark);
	ret = abort_transaction(p, tx, ret);
	ffap_refuse(p, regs, ret, "FRAG_TX: secure world refused", (uint32_t)ret);
}

/* ---------------------------------------------------------------------- */
/* FFA_MEM_RECLAIM                                                        */
/* ---------------------------------------------------------------------- */

/*
 * FFA_MEM_RECLAIM (policy §5; FF-A 1.0 §11.7): w1/w2 handle, w3 flags.
 * The secure world decides (unknown handle, still retrieved, a donation);
 * when it agrees every page of the handle is the host's again. Reclaiming an
 * open transaction aborts it.
 */
void ffap_handle_mem_reclaim(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint64_t handle = ffa_handle_make((uint32_t)regs->x[1], (uint32_t)regs->x[2]);
	uint32_t flags = (uint32_t)regs->x[3];
	struct ffap_mem_tx *tx;
	int32_t status;

	(void)is_64;
	/* Bit 0 zero memory, bit 1 time slicing; bits 31:2 MBZ. */
	if (flags & ~(FFA_MEM_RECLAIM_CLEAR | FFA_MEM_RECLAIM_TIME_SLICE)) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "RECLAIM: w3 flags", flags);
		return;
	}

	/* x1-x3 as checked, x4-x17 zero: forward the call as it is. */
	ffap_secure_call(p, regs);
	status = ffap_reply_status(regs);
	if (status == FFA_ABORTED) {
		ffap_refuse(p, regs, FFA_ABORTED, "RECLAIM: bad secure reply", regs->x[0]);
		return;
	}
	if (!status) {
		tx = tx_find(p, handle);
		if (tx)
			tx_release(p, tx);
	}
	ffap_pass_reply(regs, regs, false);
}
