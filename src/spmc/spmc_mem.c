/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Memory management: the normal world (endpoint 0) shares, lends or donates
 * its memory to partitions (FFA_MEM_SHARE/LEND/DONATE_32/_64, continued with
 * FFA_MEM_FRAG_TX) and takes it back (FFA_MEM_RECLAIM); partitions retrieve
 * it (FFA_MEM_RETRIEVE_REQ, continued with FFA_MEM_FRAG_RX) and give it up
 * (FFA_MEM_RELINQUISH).
 *
 * State (struct spmc_mem, spmc_model.h): a table of transactions, and one
 * array of address ranges shared by all of them, sorted by address, that
 * never overlap. Contiguous constituents of one transaction merge into one
 * range, so the array's size bounds discontiguous pieces, not memory. A page
 * in a live transaction can be in no other: the array finds such a page with
 * a binary search.
 *
 * Every fragment is copied out of the sender's TX buffer into the model's
 * scratch copy before a field of it is read, and checked whole before
 * anything changes: a refused fragment leaves the model as it was, and an
 * open transaction stays open for the sender to send a correct one or to
 * abort with FFA_MEM_RECLAIM. Errors come in the order policy §5 gives the
 * proxy: malformed (INVALID_PARAMETERS), the sender (DENIED), the model's
 * limits (NO_MEMORY), the pages (DENIED).
 *
 * Descriptors are read and written with include/ffaproxy/ffa_desc.h: the
 * normal world's in the layout of its negotiated version, a partition's in
 * the model's own version.
 */
#include "spmc_private.h"

#include <ffaproxy/ffa_desc.h>

#define RANGE_SIZE ((uint32_t)sizeof(struct ffa_mem_range))
#define COMPOSITE_SIZE ((uint32_t)sizeof(struct ffa_composite_mem_region))
/* A slot no transaction has: every range is "another transaction's". */
#define SLOT_NONE ((uint16_t)SPMC_MAX_HANDLES)

_Static_assert(SPMC_MEM_SCRATCH_SIZE >= SPMC_SP_MBOX_SIZE,
	       "the scratch copy holds a partition's TX buffer");
_Static_assert(SPMC_MEM_SCRATCH_SIZE % sizeof(struct spmc_mem_range) == 0,
	       "the scratch copy is a whole number of ranges");
_Static_assert(sizeof(struct spmc_mem_range) == sizeof(struct ffa_mem_range),
	       "a constituent becomes a range in its own place");
_Static_assert(SPMC_MAX_HANDLES < UINT16_MAX, "a slot fits spmc_mem_range.slot");
_Static_assert(SPMC_MAX_RETRIEVALS >= 1 &&
		       SPMC_MAX_RETRIEVALS <= FFA_FEATURES_MEM_RETRIEVE_COUNT_MASK,
	       "FFA_FEATURES(FFA_MEM_RETRIEVE_REQ) w3 holds the retrieval count");

/* ---------------------------------------------------------------------- */
/* Transactions and their ranges                                          */
/* ---------------------------------------------------------------------- */

static uint64_t range_end(uint64_t base, uint64_t pages)
{
	return base + (pages << FFA_PAGE_SHIFT);
}

static enum spmc_mem_kind kind_of_call(uint32_t fid)
{
	switch (fid & SMCCC_FNUM_MASK) {
	case FFA_FNUM_MEM_DONATE:
		return SPMC_MEM_DONATE;
	case FFA_FNUM_MEM_LEND:
		return SPMC_MEM_LEND;
	default:
		return SPMC_MEM_SHARE;
	}
}

/* The transaction type of descriptor flags bits 4:3 (retrieve request and response). */
static uint32_t type_flag(enum spmc_mem_kind kind)
{
	switch (kind) {
	case SPMC_MEM_DONATE:
		return FFA_MEM_FLAG_TYPE_DONATE;
	case SPMC_MEM_LEND:
		return FFA_MEM_FLAG_TYPE_LEND;
	default:
		return FFA_MEM_FLAG_TYPE_SHARE;
	}
}

static uint16_t txn_slot(const struct spmc *m, const struct spmc_mem_txn *t)
{
	return (uint16_t)(t - m->mem.txns);
}

/* The live transaction with @handle, open or complete; NULL for any other value. */
static struct spmc_mem_txn *txn_find(struct spmc *m, uint64_t handle)
{
	unsigned int i;

	for (i = 0; i < SPMC_MAX_HANDLES; i++)
		if (m->mem.txns[i].live && m->mem.txns[i].handle == handle)
			return &m->mem.txns[i];
	return NULL;
}

static struct spmc_mem_borrower *borrower_find(struct spmc_mem_txn *t, uint16_t id)
{
	uint32_t i;

	for (i = 0; i < t->borrower_count; i++)
		if (t->borrowers[i].id == id)
			return &t->borrowers[i];
	return NULL;
}

static struct spmc_mem_txn *txn_free_slot(struct spmc *m)
{
	unsigned int i;

	for (i = 0; i < SPMC_MAX_HANDLES; i++)
		if (!m->mem.txns[i].live)
			return &m->mem.txns[i];
	return NULL;
}

/*
 * The next handle: a counter from SPMC_MEM_HANDLE_FIRST, so that a run of
 * calls always gets the same handles. Bit 63 stays clear (FF-A 1.1 §10.9.2:
 * allocated by the SPMC), which also keeps 0 and FFA_HANDLE_INVALID out; a
 * value still live (only after the counter wrapped) is skipped, so a handle
 * names one transaction. At most SPMC_MAX_HANDLES values can be live, so the
 * loop ends.
 */
static uint64_t handle_alloc(struct spmc *m)
{
	uint64_t h;

	do {
		h = m->mem.next_handle;
		if (!h || (h & FFA_HANDLE_ALLOCATOR_HYP))
			h = SPMC_MEM_HANDLE_FIRST;
		m->mem.next_handle = h + 1;
	} while (txn_find(m, h));
	return h;
}

/* The first range whose end lies above @addr (sorted and disjoint: the ends are sorted too). */
static uint32_t range_lower_bound(const struct spmc_mem *mem, uint64_t addr)
{
	uint32_t lo = 0, hi = mem->range_count;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const struct spmc_mem_range *r = &mem->ranges[mid];

		if (range_end(r->base, r->pages) <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * How many neighbours of transaction @slot the unclaimed range [@base, +@pages)
 * touches: 0, 1 or 2. Inserting it then adds 1 - that many entries.
 */
static unsigned int range_joins(const struct spmc_mem *mem, uint16_t slot, uint64_t base,
				uint32_t pages)
{
	uint32_t pos = range_lower_bound(mem, base);
	const struct spmc_mem_range *left = pos ? &mem->ranges[pos - 1] : NULL;
	const struct spmc_mem_range *right = pos < mem->range_count ? &mem->ranges[pos] : NULL;
	unsigned int joins = 0;

	if (left && left->slot == slot && range_end(left->base, left->pages) == base)
		joins++;
	if (right && right->slot == slot && right->base == range_end(base, pages))
		joins++;
	return joins;
}

/* Add the unclaimed range [@base, +@pages) to transaction @slot, merged with its neighbours. */
static void range_insert(struct spmc_mem *mem, uint16_t slot, uint64_t base, uint32_t pages)
{
	uint32_t pos = range_lower_bound(mem, base);
	struct spmc_mem_range *left = pos ? &mem->ranges[pos - 1] : NULL;
	struct spmc_mem_range *right = pos < mem->range_count ? &mem->ranges[pos] : NULL;
	bool join_left = left && left->slot == slot && range_end(left->base, left->pages) == base;
	bool join_right = right && right->slot == slot && right->base == range_end(base, pages);
	uint32_t i;

	if (join_left && join_right) {
		left->pages += pages + right->pages;
		for (i = pos; i + 1 < mem->range_count; i++)
			mem->ranges[i] = mem->ranges[i + 1];
		mem->range_count--;
	} else if (join_left) {
		left->pages += pages;
	} else if (join_right) {
		right->base = base;
		right->pages += pages;
	} else {
		for (i = mem->range_count; i > pos; i--)
			mem->ranges[i] = mem->ranges[i - 1];
		mem->ranges[pos] =
			(struct spmc_mem_range){ .base = base, .pages = pages, .slot = slot };
		mem->range_count++;
	}
}

static void txn_free(struct spmc *m, struct spmc_mem_txn *t)
{
	struct spmc_mem *mem = &m->mem;
	uint16_t slot = txn_slot(m, t);
	uint32_t i, n = 0;

	for (i = 0; i < mem->range_count; i++)
		if (mem->ranges[i].slot != slot)
			mem->ranges[n++] = mem->ranges[i];
	mem->range_count = n;
	ffa_memset(t, 0, sizeof(*t));
}

static uint32_t txn_range_count(const struct spmc *m, const struct spmc_mem_txn *t)
{
	uint16_t slot = txn_slot(m, t);
	uint32_t i, n = 0;

	for (i = 0; i < m->mem.range_count; i++)
		if (m->mem.ranges[i].slot == slot)
			n++;
	return n;
}

/*
 * Visit every page of @t through spmc_plat_ns_memory(), zeroing it if
 * @zero. Return: 0, or FFA_ABORTED at the first page the platform no longer
 * gives (the model cannot do what it was asked).
 */
static int32_t txn_pages(struct spmc *m, const struct spmc_mem_txn *t, bool zero)
{
	const struct spmc_mem *mem = &m->mem;
	uint16_t slot = txn_slot(m, t);
	uint64_t p;
	uint32_t i;

	for (i = 0; i < mem->range_count; i++) {
		const struct spmc_mem_range *r = &mem->ranges[i];

		if (r->slot != slot)
			continue;
		for (p = 0; p < r->pages; p++) {
			void *page =
				spmc_plat_ns_memory(m->plat, range_end(r->base, p), FFA_PAGE_SIZE);

			if (!page)
				return FFA_ABORTED;
			if (zero)
				ffa_memset(page, 0, FFA_PAGE_SIZE);
		}
	}
	return 0;
}

/* Zero every page of @t; if one cannot be reached, none is touched (ABORTED). */
static int32_t txn_zero(struct spmc *m, const struct spmc_mem_txn *t)
{
	int32_t ret = txn_pages(m, t, false);

	return ret ? ret : txn_pages(m, t, true);
}

/* ---------------------------------------------------------------------- */
/* The constituents of one fragment                                       */
/* ---------------------------------------------------------------------- */

static void range_swap(struct spmc_mem_range *a, struct spmc_mem_range *b)
{
	struct spmc_mem_range t = *a;

	*a = *b;
	*b = t;
}

static void ranges_sift_down(struct spmc_mem_range *r, uint32_t root, uint32_t n)
{
	for (;;) {
		uint32_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && r[child].base < r[child + 1].base)
			child++;
		if (r[root].base >= r[child].base)
			return;
		range_swap(&r[root], &r[child]);
		root = child;
	}
}

/* Heapsort by base address: in place, no recursion, O(n log n) whatever the order. */
static void ranges_sort(struct spmc_mem_range *r, uint32_t n)
{
	uint32_t i;

	if (n < 2)
		return;
	for (i = n / 2; i-- > 0;)
		ranges_sift_down(r, i, n);
	for (i = n - 1; i > 0; i--) {
		range_swap(&r[0], &r[i]);
		ranges_sift_down(r, 0, i);
	}
}

/**
 * frag_constituents() - check the @count constituents at @offset of the
 * scratch copy, and leave them at its start as ranges, sorted by address,
 * contiguous ones merged.
 * @max_pages: pages the transaction may still describe (the composite's
 *             total less what earlier fragments described)
 * @last:      this fragment completes the descriptor
 * @merged:    out: how many ranges they make
 * @pages:     out: how many pages they describe
 *
 * Return: 0, or FFA_INVALID_PARAMETERS for a malformed constituent or a page
 * count that does not add up.
 */
static int32_t frag_constituents(struct spmc_mem *mem, uint32_t offset, uint32_t count,
				 uint64_t max_pages, bool last, uint32_t *merged, uint64_t *pages)
{
	struct spmc_mem_range *r = mem->scratch.ranges;
	uint64_t sum = 0, end;
	uint32_t i, n;

	/*
	 * Constituent i moves from @offset + 16 i to 16 i: read whole before it
	 * is written, it never overwrites one not yet read.
	 */
	for (i = 0; i < count; i++) {
		struct ffa_mem_range c;

		/* FF-A 1.1 Table 10.14: the reserved word is MBZ. */
		if (ffa_mem_range_read(&mem->scratch.bytes[offset + (size_t)i * RANGE_SIZE], &c))
			return FFA_INVALID_PARAMETERS;
		/* 4 KiB aligned, at least one page, not wrapping past the top of memory. */
		if ((c.address & (FFA_PAGE_SIZE - 1)) || !c.page_count ||
		    ffa_add_overflow(c.address, (uint64_t)c.page_count << FFA_PAGE_SHIFT, &end))
			return FFA_INVALID_PARAMETERS;
		sum += c.page_count;
		r[i] = (struct spmc_mem_range){ .base = c.address, .pages = c.page_count };
	}
	/*
	 * FF-A 1.0 §5.12.3: the composite's total page count is the sum of the
	 * constituents': more than it remains is wrong already; the last
	 * fragment must make it exact.
	 */
	if (sum > max_pages || (last && sum != max_pages))
		return FFA_INVALID_PARAMETERS;

	ranges_sort(r, count);
	for (i = 0, n = 0; i < count; i++) {
		if (n) {
			struct spmc_mem_range *prev = &r[n - 1];
			uint64_t prev_end = range_end(prev->base, prev->pages);

			/* FF-A 1.0 §5.12.3: constituents must not overlap. */
			if (r[i].base < prev_end)
				return FFA_INVALID_PARAMETERS;
			/* Fits 32 bits: the sum is at most the composite's 32-bit total. */
			if (r[i].base == prev_end) {
				prev->pages += r[i].pages;
				continue;
			}
		}
		r[n++] = r[i];
	}
	*merged = n;
	*pages = sum;
	return 0;
}

/*
 * Whether the @count ranges at the start of the scratch copy meet pages of
 * transaction @slot (*own) or of another live transaction (*other).
 */
static void frag_overlaps(const struct spmc_mem *mem, uint32_t count, uint16_t slot, bool *own,
			  bool *other)
{
	uint32_t i, j;

	*own = false;
	*other = false;
	for (i = 0; i < count; i++) {
		const struct spmc_mem_range *r = &mem->scratch.ranges[i];
		uint64_t end = range_end(r->base, r->pages);

		for (j = range_lower_bound(mem, r->base);
		     j < mem->range_count && mem->ranges[j].base < end; j++) {
			if (mem->ranges[j].slot == slot)
				*own = true;
			else
				*other = true;
		}
	}
}

/* Whether adding the @count ranges to transaction @slot fits SPMC_MAX_RANGES. */
static bool frag_fits(const struct spmc_mem *mem, uint32_t count, uint16_t slot)
{
	uint64_t entries = mem->range_count;
	uint32_t i;

	for (i = 0; i < count; i++) {
		const struct spmc_mem_range *r = &mem->scratch.ranges[i];

		/* Joining both neighbours removes one entry; the ranges are disjoint. */
		entries = entries + 1 - range_joins(mem, slot, r->base, r->pages);
	}
	return entries <= SPMC_MAX_RANGES;
}

/* Whether every page of the @count ranges is non-secure memory the model can reach. */
static bool frag_ns_memory(struct spmc *m, uint32_t count)
{
	uint32_t i;
	uint64_t p;

	for (i = 0; i < count; i++) {
		const struct spmc_mem_range *r = &m->mem.scratch.ranges[i];

		for (p = 0; p < r->pages; p++)
			if (!spmc_plat_ns_memory(m->plat, range_end(r->base, p), FFA_PAGE_SIZE))
				return false;
	}
	return true;
}

/*
 * The checks every fragment ends with, once it is well formed and its
 * sender known: the model's limits (NO_MEMORY), then the pages: non-secure
 * memory (FF-A 1.0 §11.1-11.3: a normal-world sender gives non-secure memory
 * only) and in no other transaction (the owner's pages must be in the
 * owner-exclusive state; a page already shared, lent or donated is not):
 * DENIED.
 */
static int32_t frag_admit(struct spmc *m, uint32_t count, uint16_t slot, bool other)
{
	if (!frag_fits(&m->mem, count, slot))
		return FFA_NO_MEMORY;
	if (!frag_ns_memory(m, count) || other)
		return FFA_DENIED;
	return 0;
}

static void frag_commit(struct spmc_mem *mem, uint32_t count, uint16_t slot)
{
	uint32_t i;

	/* Ascending order: each insertion lands at or near the end of what it joins. */
	for (i = 0; i < count; i++)
		range_insert(mem, slot, mem->scratch.ranges[i].base, mem->scratch.ranges[i].pages);
}

/* ---------------------------------------------------------------------- */
/* FFA_MEM_SHARE / FFA_MEM_LEND / FFA_MEM_DONATE                          */
/* ---------------------------------------------------------------------- */

/**
 * struct mem_send - the first fragment's header, EMADs and composite, read.
 * @d:       the transaction descriptor's header
 * @comp:    the composite descriptor
 * @cstart:  the offset of the first constituent
 * @borrower_count, @borrowers: the receivers, as the txn will keep them
 */
struct mem_send {
	struct ffa_mem_desc d;
	struct ffa_composite_mem_region comp;
	uint32_t cstart;
	uint32_t borrower_count;
	struct spmc_mem_borrower borrowers[SPMC_MAX_PARTITIONS];
};

/*
 * The memory region attributes a sender may name (FF-A 1.0 §5.11.4, FF-A 1.1
 * Table 10.18). SHARE: normal memory (device memory is not shared at run
 * time, FF-A 1.0 §2.10), write-back or non-cacheable, a shareability other
 * than the reserved 0b01. LEND and DONATE go to partitions, PE endpoints:
 * the owner must not specify attributes (§5.11.4), all zero. Bit 6 is the
 * FF-A 1.1 NS bit, MBZ from a sender (reserved in 1.0); bits above were
 * checked with the header.
 */
static bool send_attributes_ok(enum spmc_mem_kind kind, uint16_t a)
{
	uint16_t cache = a & FFA_MEM_ATTR_CACHE_MASK;

	if (kind != SPMC_MEM_SHARE)
		return a == 0;
	if (a & FFA_MEM_ATTR_NS)
		return false;
	if ((a & FFA_MEM_ATTR_TYPE_MASK) != FFA_MEM_ATTR_TYPE_NORMAL)
		return false;
	if (cache != FFA_MEM_ATTR_WRITE_BACK && cache != FFA_MEM_ATTR_NON_CACHEABLE)
		return false;
	return (a & FFA_MEM_ATTR_SHARE_MASK) != FFA_MEM_ATTR_SHARE_RESERVED;
}

/*
 * The access a sender gives one receiver (FF-A 1.0 §5.11.3; FF-A 1.1
 * Table 10.15). Bits 7:4 reserved; 0b11 reserved in both fields. The
 * instruction access is never the owner's to give in SHARE or LEND ("must be
 * b'00 by the Lender"), nor in DONATE. The data access: named (RO or RW) by
 * the lender of SHARE and LEND, left unspecified by the owner of DONATE, who
 * hands the choice to the new owner (as Hafnium checks).
 */
static bool send_permissions_ok(enum spmc_mem_kind kind, uint8_t perm)
{
	uint8_t data = perm & FFA_DATA_ACCESS_MASK;

	if (perm & (FFA_MEM_PERM_RESERVED_MASK | FFA_INSTR_ACCESS_MASK))
		return false;
	if (data == FFA_DATA_ACCESS_RESERVED)
		return false;
	if (kind == SPMC_MEM_DONATE)
		return data == FFA_DATA_ACCESS_NOT_SPECIFIED;
	return data != FFA_DATA_ACCESS_NOT_SPECIFIED;
}

/*
 * Read and check the first fragment's header, EMADs and composite from the
 * scratch copy (@frag bytes of a @total-byte descriptor, in the layout of
 * @version). Everything here is a format rule: FFA_INVALID_PARAMETERS.
 * The sender is left to the caller (DENIED, and later).
 */
static int32_t send_header(struct spmc *m, enum spmc_mem_kind kind, uint32_t version,
			   uint32_t total, uint32_t frag, struct mem_send *s)
{
	const uint8_t *buf = m->mem.scratch.bytes;
	uint32_t allowed_flags = FFA_MEM_FLAG_TIME_SLICE;
	uint32_t composite_offset = 0;
	uint64_t end;
	uint32_t i, j;

	ffa_memset(s, 0, sizeof(*s));
	/* Header reserved fields, attribute bits above 6, the EMAD array in the fragment. */
	if (ffa_mem_desc_read(buf, frag, version, &s->d))
		return FFA_INVALID_PARAMETERS;
	/* The relayer allocates the handle: the sender leaves the field 0. */
	if (s->d.handle)
		return FFA_INVALID_PARAMETERS;
	/*
	 * FF-A 1.0 §5.12.4.1 (flags): bit 0 zero memory, MBZ for SHARE (the
	 * owner keeps access); bit 1 time slicing, which the model accepts (it
	 * finishes every operation in one call, so it never needs to slice);
	 * the rest, the retrieve request's, MBZ here.
	 */
	if (kind != SPMC_MEM_SHARE)
		allowed_flags |= FFA_MEM_FLAG_ZERO_MEMORY;
	if (s->d.flags & ~allowed_flags)
		return FFA_INVALID_PARAMETERS;
	if (!send_attributes_ok(kind, s->d.attributes))
		return FFA_INVALID_PARAMETERS;
	/*
	 * FF-A 1.0 §11.1-11.3: at least one receiver, exactly one for DONATE,
	 * each an endpoint that exists, none twice. More EMADs than partitions
	 * cannot all be distinct partitions.
	 */
	if (s->d.emad_count > m->partition_count ||
	    (kind == SPMC_MEM_DONATE && s->d.emad_count != 1))
		return FFA_INVALID_PARAMETERS;
	for (i = 0; i < s->d.emad_count; i++) {
		struct spmc_mem_borrower *b = &s->borrowers[i];
		struct ffa_mem_emad e;

		if (ffa_mem_desc_emad(buf, &s->d, i, &e))
			return FFA_INVALID_PARAMETERS;
		/*
		 * The flags byte's one bit (non-retrieval borrower) belongs to
		 * retrieve requests and responses; an owner's EMAD has none.
		 */
		if (e.flags)
			return FFA_INVALID_PARAMETERS;
		if (!send_permissions_ok(kind, e.permissions))
			return FFA_INVALID_PARAMETERS;
		if (!spmc_find_partition(m, e.receiver_id))
			return FFA_INVALID_PARAMETERS;
		for (j = 0; j < i; j++)
			if (s->borrowers[j].id == e.receiver_id)
				return FFA_INVALID_PARAMETERS;
		/* FF-A 1.0 §11.2-11.3: every receiver names the same composite. */
		if (i == 0)
			composite_offset = e.composite_offset;
		else if (e.composite_offset != composite_offset)
			return FFA_INVALID_PARAMETERS;
		b->id = e.receiver_id;
		b->permissions = e.permissions;
		ffa_memcpy(b->impdef, e.impdef, sizeof(b->impdef));
	}
	s->borrower_count = s->d.emad_count;

	/*
	 * The composite: after the EMADs, 8-byte aligned, its header in the
	 * first fragment (FF-A 1.0 §12.2: the first fragment holds the
	 * descriptor up to the constituents), reserved field zero.
	 */
	if (ffa_mem_desc_composite(buf, frag, composite_offset, ffa_mem_desc_emads_end(&s->d),
				   &s->comp))
		return FFA_INVALID_PARAMETERS;
	s->cstart = composite_offset + COMPOSITE_SIZE;
	/*
	 * At least one constituent; w1 is exactly the descriptor's length
	 * ("the Relayer must validate the Total length"); the fragment ends on
	 * a constituent boundary.
	 */
	if (!s->comp.constituent_count)
		return FFA_INVALID_PARAMETERS;
	end = (uint64_t)s->cstart + (uint64_t)s->comp.constituent_count * RANGE_SIZE;
	if (end != total || (frag - s->cstart) % RANGE_SIZE)
		return FFA_INVALID_PARAMETERS;
	return 0;
}

/*
 * The transaction is complete. FF-A 1.1 Table 10.21: a LEND or DONATE with
 * the zero-memory flag has the relayer zero the memory once the owner no
 * longer maps it, before any borrower does: now.
 */
static int32_t txn_complete(struct spmc *m, struct spmc_mem_txn *t)
{
	t->complete = true;
	if (t->flags & FFA_MEM_FLAG_ZERO_MEMORY)
		return txn_zero(m, t);
	return 0;
}

/*
 * The reply after a fragment was taken: FFA_SUCCESS_32 with w2/w3 = handle
 * when the descriptor is complete, else FFA_MEM_FRAG_RX (FF-A 1.0 §12.2):
 * w1/w2 = handle, w3 = bytes received so far, w4 bits 31:16 = the sender at
 * the non-secure physical instance, which is 0 for the normal world's only
 * endpoint.
 */
static void frag_reply(const struct spmc_mem_txn *t, struct ffa_regs *reply)
{
	if (t->complete) {
		ffa_set_success32(reply, (uint32_t)t->handle, (uint32_t)(t->handle >> 32));
		return;
	}
	ffa_regs_clear(reply, FFA_MEM_FRAG_RX);
	reply->x[1] = (uint32_t)t->handle;
	reply->x[2] = (uint32_t)(t->handle >> 32);
	reply->x[3] = t->received;
	reply->x[4] = (uint32_t)t->sender << FFA_MEM_FRAG_SENDER_SHIFT;
}

/*
 * Copy @len bytes of the normal world's TX buffer into the scratch copy.
 * Return: 0; FFA_INVALID_PARAMETERS when no buffer is mapped (the descriptor
 * has nowhere to be, as Hafnium answers) or @len exceeds it; FFA_ABORTED
 * when the buffer is no longer non-secure memory (the copy would fault).
 */
static int32_t copy_ns_tx(struct spmc *m, uint32_t len)
{
	const void *tx;

	if (!m->ns.mapped || !len || len > m->ns.pages * FFA_PAGE_SIZE)
		return FFA_INVALID_PARAMETERS;
	tx = spmc_plat_ns_memory(m->plat, m->ns.tx_pa, len);
	if (!tx)
		return FFA_ABORTED;
	ffa_memcpy(m->mem.scratch.bytes, tx, len);
	return 0;
}

/*
 * FFA_MEM_SHARE/LEND/DONATE_32/_64 (FF-A 1.0 §11.1-11.3; FF-A 1.2 memory
 * management): w1 = total length of the descriptor, w2 = length of this
 * fragment, in the TX buffer; w3/w4 (x3/x4) = address and page count of
 * another buffer, w5-w7 MBZ.
 */
int32_t spmc_ns_mem_send(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint32_t fid = ffa_w(args, 0);
	enum spmc_mem_kind kind = kind_of_call(fid);
	uint32_t total = ffa_w(args, 1);
	uint32_t frag = ffa_w(args, 2);
	struct spmc_mem *mem = &m->mem;
	struct spmc_mem_txn *t;
	struct mem_send s;
	uint64_t handle;
	uint32_t merged;
	uint64_t pages;
	bool own, other;
	int32_t ret;

	/* SMC64: x1/x2 are 32-bit lengths, bits 63:32 MBZ. */
	if (smccc_is_64(fid) && ((args->x[1] >> 32) || (args->x[2] >> 32)))
		return FFA_INVALID_PARAMETERS;
	/*
	 * A descriptor in a buffer other than the TX buffer ("dynamically
	 * allocated buffer"): not supported, as FFA_FEATURES says (w2 bit 0
	 * clear). w3/w4 (all of x3/x4) must be 0, as Hafnium requires.
	 */
	if (!spmc_args_zero(args, 3, 4) || !spmc_args_zero(args, 5, 7))
		return FFA_INVALID_PARAMETERS;
	/* FF-A 1.0 §11.1: the fragment is part of the total. */
	if (frag > total)
		return FFA_INVALID_PARAMETERS;
	ret = copy_ns_tx(m, frag);
	if (ret)
		return ret;

	ret = send_header(m, kind, spmc_ns_effective_version(m), total, frag, &s);
	if (ret)
		return ret;
	ret = frag_constituents(mem, s.cstart, (frag - s.cstart) / RANGE_SIZE,
				s.comp.total_page_count, frag == total, &merged, &pages);
	if (ret)
		return ret;

	/*
	 * FF-A 1.0 §11.1-11.3: "the Sender is the Owner ... and a PE endpoint":
	 * DENIED. The normal world's only endpoint is 0.
	 */
	if (s.d.sender_id != FFA_HOST_ID)
		return FFA_DENIED;
	t = txn_free_slot(m);
	if (!t)
		return FFA_NO_MEMORY;
	frag_overlaps(mem, merged, SLOT_NONE, &own, &other);
	ret = frag_admit(m, merged, txn_slot(m, t), other);
	if (ret)
		return ret;

	handle = handle_alloc(m);
	*t = (struct spmc_mem_txn){
		.live = true,
		.kind = kind,
		.handle = handle,
		.sender = s.d.sender_id,
		.attributes = s.d.attributes,
		.flags = s.d.flags,
		.tag = s.d.tag,
		.total_length = total,
		.received = frag,
		.total_pages = s.comp.total_page_count,
		.pages = pages,
		.borrower_count = s.borrower_count,
	};
	ffa_memcpy(t->borrowers, s.borrowers, sizeof(t->borrowers));
	frag_commit(mem, merged, txn_slot(m, t));
	if (frag == total) {
		ret = txn_complete(m, t);
		if (ret) {
			txn_free(m, t);
			return ret;
		}
	}
	frag_reply(t, reply);
	return 0;
}

/*
 * FFA_MEM_FRAG_TX (FF-A 1.0 §12.2; FF-A 1.2 FFA_MEM_FRAG_TX): w1/w2 =
 * handle of an open transaction, w3 = length of this fragment (further
 * constituents only, from the start of the TX buffer), w4 bits 31:16 = the
 * sender at the non-secure physical instance (for the normal world's only
 * endpoint: 0), bits 15:0 MBZ; w5-w7 MBZ.
 *
 * A refused fragment changes nothing: the transaction stays open, for the
 * sender to send a correct fragment or to abort with FFA_MEM_RECLAIM.
 */
int32_t spmc_ns_mem_frag_tx(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint64_t handle = ffa_handle_make(ffa_w(args, 1), ffa_w(args, 2));
	uint32_t len = ffa_w(args, 3);
	struct spmc_mem *mem = &m->mem;
	struct spmc_mem_txn *t;
	uint32_t merged;
	uint64_t pages;
	bool own, other;
	int32_t ret;
	bool last;

	if (ffa_w(args, 4) || !spmc_args_zero(args, 5, 7))
		return FFA_INVALID_PARAMETERS;
	/* The handle of a transaction still waiting for fragments. */
	t = txn_find(m, handle);
	if (!t || t->complete)
		return FFA_INVALID_PARAMETERS;
	/* Whole constituents, no more than remain (Hafnium; FF-A 1.0 §12.2). */
	if (!len || len % RANGE_SIZE || len > t->total_length - t->received)
		return FFA_INVALID_PARAMETERS;
	ret = copy_ns_tx(m, len);
	if (ret)
		return ret;
	last = t->received + len == t->total_length;

	ret = frag_constituents(mem, 0, len / RANGE_SIZE, t->total_pages - t->pages, last, &merged,
				&pages);
	if (ret)
		return ret;
	/* Overlap with the transaction's own earlier fragments: malformed. */
	frag_overlaps(mem, merged, txn_slot(m, t), &own, &other);
	if (own)
		return FFA_INVALID_PARAMETERS;
	ret = frag_admit(m, merged, txn_slot(m, t), other);
	if (ret)
		return ret;
	/*
	 * The last fragment of a transaction to be zeroed: the earlier
	 * fragments' pages must still be reachable, or nothing is taken.
	 */
	if (last && (t->flags & FFA_MEM_FLAG_ZERO_MEMORY)) {
		ret = txn_pages(m, t, false);
		if (ret)
			return ret;
	}

	frag_commit(mem, merged, txn_slot(m, t));
	t->received += len;
	t->pages += pages;
	/* Cannot fail: every page was found reachable just now. */
	if (last)
		(void)txn_complete(m, t);
	frag_reply(t, reply);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* FFA_MEM_RECLAIM                                                        */
/* ---------------------------------------------------------------------- */

/*
 * FFA_MEM_RECLAIM (FF-A 1.0 §11.7; FF-A 1.2 FFA_MEM_RECLAIM): w1/w2 =
 * handle, w3 = flags (bit 0 zero memory, bit 1 time slicing, bits 31:2 MBZ),
 * w4-w7 MBZ. On success the handle is gone.
 */
int32_t spmc_ns_mem_reclaim(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint64_t handle = ffa_handle_make(ffa_w(args, 1), ffa_w(args, 2));
	uint32_t flags = ffa_w(args, 3);
	struct spmc_mem_txn *t;
	uint32_t i;
	int32_t ret;

	/* §11.7: flags mis-encoded: INVALID_PARAMETERS. Time slicing is accepted (never needed). */
	if (flags & ~(FFA_MEM_RECLAIM_CLEAR | FFA_MEM_RECLAIM_TIME_SLICE))
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 4, 7))
		return FFA_INVALID_PARAMETERS;
	/* §11.7: the handle must be valid and name memory of the caller's. */
	t = txn_find(m, handle);
	if (!t)
		return FFA_INVALID_PARAMETERS;
	/* Zeroing shared memory is refused: the owner kept access all along (Hafnium). */
	if ((flags & FFA_MEM_RECLAIM_CLEAR) && t->kind == SPMC_MEM_SHARE)
		return FFA_INVALID_PARAMETERS;
	if (t->complete) {
		/*
		 * A completed donation made the receiver the owner: the handle no
		 * longer names memory the caller owns (§11.7): INVALID_PARAMETERS
		 * (docs/decisions.md S16).
		 */
		if (t->kind == SPMC_MEM_DONATE)
			return FFA_INVALID_PARAMETERS;
		/* §11.7: every borrower must have relinquished: DENIED, nothing changes. */
		for (i = 0; i < t->borrower_count; i++)
			if (t->borrowers[i].retrievals)
				return FFA_DENIED;
	}
	/*
	 * An open transaction (fragments still to come) is aborted (policy
	 * §6): no borrower can have retrieved it, and its pages, those of the
	 * fragments received, go back as those of a complete one.
	 */
	if (flags & FFA_MEM_RECLAIM_CLEAR) {
		ret = txn_zero(m, t);
		if (ret)
			return ret;
	}
	txn_free(m, t);
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* FFA_MEM_RETRIEVE_REQ / FFA_MEM_FRAG_RX (partitions)                    */
/* ---------------------------------------------------------------------- */

/*
 * A retrieve response in the model's version: header, one EMAD (the caller),
 * the composite, then every range of the transaction as a constituent.
 * Constituents per fragment: as many as fit the partition's RX buffer.
 */
static uint32_t resp_prefix_size(uint32_t version)
{
	/* Header and EMAD sizes are multiples of 16: the composite follows at once. */
	return ffa_mem_desc_header_size(version) + ffa_mem_desc_emad_size(version) + COMPOSITE_SIZE;
}

/* Write up to @max constituents of @t from its @first-th range into @dst; return how many. */
static uint32_t resp_write_ranges(const struct spmc *m, const struct spmc_mem_txn *t,
				  uint32_t first, uint8_t *dst, uint32_t max)
{
	const struct spmc_mem *mem = &m->mem;
	uint16_t slot = txn_slot(m, t);
	uint32_t i, seen = 0, n = 0;

	for (i = 0; i < mem->range_count && n < max; i++) {
		struct ffa_mem_range c = { 0 };

		if (mem->ranges[i].slot != slot || seen++ < first)
			continue;
		c.address = mem->ranges[i].base;
		c.page_count = mem->ranges[i].pages;
		ffa_memcpy(dst + (size_t)n * RANGE_SIZE, &c, RANGE_SIZE);
		n++;
	}
	return n;
}

/*
 * Retrieve request flags (FF-A 1.0 §5.12.4.1; FF-A 1.1 Table 10.21; FF-A 1.2
 * MM) that are malformed whatever the request asks: INVALID_PARAMETERS.
 */
static int32_t retrieve_flags_format(const struct spmc *m, const struct spmc_mem_txn *t,
				     uint32_t flags)
{
	uint32_t defined = m->version >= FFA_VERSION_1_2 ? FFA_MEM_RETRIEVE_FLAGS_V1_2 :
							   FFA_MEM_RETRIEVE_FLAGS_V1_0;
	uint32_t type = flags & FFA_MEM_FLAG_TYPE_MASK;

	if (flags & ~defined)
		return FFA_INVALID_PARAMETERS;
	/* Bits 4:3: 0b00 (the relayer says) or the transaction's own type. */
	if (type && type != type_flag(t->kind))
		return FFA_INVALID_PARAMETERS;
	/* Bits 8:5 are the alignment hint only when bit 9 says it is valid. */
	if (!(flags & FFA_MEM_FLAG_HINT_VALID) && (flags & FFA_MEM_FLAG_HINT_MASK))
		return FFA_INVALID_PARAMETERS;
	/* Zeroing memory the owner still maps (SHARE), before or after: MBZ. */
	if (t->kind == SPMC_MEM_SHARE &&
	    (flags & (FFA_MEM_FLAG_ZERO_MEMORY | FFA_MEM_FLAG_ZERO_AFTER_RELINQ)))
		return FFA_INVALID_PARAMETERS;
	/*
	 * Zero before retrieval, once the region has been retrieved: the model
	 * zeroed it when the lend or donation completed, and a borrower has
	 * mapped it since (ACS: INVALID_PARAMETERS after a previous retrieval).
	 */
	if ((flags & FFA_MEM_FLAG_ZERO_MEMORY) && t->retrieved_before)
		return FFA_INVALID_PARAMETERS;
	/*
	 * FF-A 1.2 bit 10, bypass the multi-borrower check: the request names
	 * the caller only. Meaningless with a single borrower (ACS v1.2:
	 * INVALID_PARAMETERS).
	 */
	if ((flags & FFA_MEM_FLAG_BYPASS_BORROWERS) && t->borrower_count < 2)
		return FFA_INVALID_PARAMETERS;
	return 0;
}

/*
 * Memory region attributes a retriever may ask for (FF-A 1.1 Table 10.18):
 * the NS bit (6) is the relayer's to set, MBZ in a request; reserved
 * encodings are malformed. 0b00 memory type: unspecified, the relayer says.
 */
static bool retrieve_attributes_format(uint16_t a)
{
	uint16_t type = a & FFA_MEM_ATTR_TYPE_MASK;
	uint16_t cache = a & FFA_MEM_ATTR_CACHE_MASK;

	if (a & FFA_MEM_ATTR_NS)
		return false;
	if (type == FFA_MEM_ATTR_TYPE_RESERVED)
		return false;
	if (type == FFA_MEM_ATTR_TYPE_NORMAL &&
	    (cache == FFA_MEM_ATTR_CACHE_RESERVED0 || cache == FFA_MEM_ATTR_CACHE_RESERVED2 ||
	     (a & FFA_MEM_ATTR_SHARE_MASK) == FFA_MEM_ATTR_SHARE_RESERVED))
		return false;
	return true;
}

/* Precedence of a normal-memory shareability: non-shareable < inner < outer (FF-A 1.0 §5.11.4). */
static unsigned int shareability_rank(uint16_t a)
{
	switch (a & FFA_MEM_ATTR_SHARE_MASK) {
	case FFA_MEM_ATTR_OUTER_SHAREABLE:
		return 2;
	case FFA_MEM_ATTR_INNER_SHAREABLE:
		return 1;
	default:
		return 0;
	}
}

/*
 * Whether well-formed request attributes @req ask for more than @have, the
 * attributes the memory has (FF-A 1.0 §5.11.4: device nGnRnE < nGnRE < nGRE
 * < GRE < normal; non-cacheable < write-back; non-shareable < inner <
 * outer). A receiver may ask for the same or less: more is DENIED (ACS).
 */
static bool attributes_exceed(uint16_t req, uint16_t have)
{
	uint16_t req_type = req & FFA_MEM_ATTR_TYPE_MASK;
	uint16_t have_type = have & FFA_MEM_ATTR_TYPE_MASK;

	if (req_type == FFA_MEM_ATTR_TYPE_NOT_SPECIFIED)
		return false;
	if (req_type != have_type)
		return req_type == FFA_MEM_ATTR_TYPE_NORMAL;
	/* Same type: device attributes and cacheability share bits 3:2, in precedence order. */
	if ((req & FFA_MEM_ATTR_CACHE_MASK) > (have & FFA_MEM_ATTR_CACHE_MASK))
		return true;
	return req_type == FFA_MEM_ATTR_TYPE_NORMAL &&
	       shareability_rank(req) > shareability_rank(have);
}

/*
 * The attributes memory of @t has: what a SHARE named; for LEND and DONATE,
 * where the owner names none, what the model maps memory as (normal,
 * write-back, inner shareable, as Hafnium).
 */
static uint16_t txn_attributes(const struct spmc_mem_txn *t)
{
	return t->kind == SPMC_MEM_SHARE ? t->attributes : (uint16_t)FFA_MEM_ATTR_NORMAL_WB_IS;
}

/*
 * Whether the instruction access of a retrieve request's EMAD is the
 * relayer's to choose (FF-A 1.0 §5.11.3, docs/reference/ffa-abi.md §13 #10):
 * for a SHARE, or a LEND to several borrowers, only NX exists and the
 * borrower leaves the field b'00; a sole borrower of a LEND or a DONATE may
 * ask for X or NX.
 */
static bool instr_fixed(const struct spmc_mem_txn *t)
{
	return t->kind == SPMC_MEM_SHARE || (t->kind == SPMC_MEM_LEND && t->borrower_count > 1);
}

/*
 * The access granted for @requested, given what the sender gave (@sent)
 * (FF-A 1.0 §5.11.3: the relayer must check that the receiver asks for the
 * same or less; DENIED otherwise, e.g. RW of a RO region). Data access not
 * specified by the receiver: what the sender gave, RW where the sender could
 * not specify it (DONATE). Instruction access: X only if asked for where the
 * borrower chooses, else NX (the relayer answers b'01 where it is fixed).
 */
static int32_t retrieve_grant(uint8_t sent, uint8_t requested, uint8_t *granted)
{
	uint8_t sent_data = sent & FFA_DATA_ACCESS_MASK;
	uint8_t data;

	switch (requested & FFA_DATA_ACCESS_MASK) {
	case FFA_DATA_ACCESS_RW:
		if (sent_data == FFA_DATA_ACCESS_RO)
			return FFA_DENIED;
		data = FFA_DATA_ACCESS_RW;
		break;
	case FFA_DATA_ACCESS_RO:
		data = FFA_DATA_ACCESS_RO;
		break;
	default:
		data = sent_data == FFA_DATA_ACCESS_RO ? FFA_DATA_ACCESS_RO : FFA_DATA_ACCESS_RW;
		break;
	}
	if ((requested & FFA_INSTR_ACCESS_MASK) == FFA_INSTR_ACCESS_X)
		*granted = data | FFA_INSTR_ACCESS_X;
	else
		*granted = data | FFA_INSTR_ACCESS_NX;
	return 0;
}

/**
 * struct retrieve_req - a retrieve request's EMADs, checked.
 * @count:  EMADs in the request
 * @emads:  the EMADs
 * @which:  for each, its borrower in the transaction
 * @caller: index of the caller's own EMAD
 */
struct retrieve_req {
	uint32_t count;
	struct ffa_mem_emad emads[SPMC_MAX_PARTITIONS];
	struct spmc_mem_borrower *which[SPMC_MAX_PARTITIONS];
	uint32_t caller;
};

/*
 * The format of a retrieve request's EMADs (FF-A 1.0 §11.4; FF-A 1.1
 * §10.10; Hafnium's reading): INVALID_PARAMETERS for any of them.
 */
static int32_t retrieve_emads_format(const struct spmc *m, struct spmc_mem_txn *t,
				     const struct ffa_mem_desc *d, uint16_t caller_id,
				     struct retrieve_req *rq)
{
	const uint8_t *buf = m->mem.scratch.bytes;
	bool found = false;
	uint32_t i, j;

	/*
	 * The receiver list is the sender's, every borrower once; with the
	 * 1.2 bypass flag, the caller's EMAD alone.
	 */
	if (d->flags & FFA_MEM_FLAG_BYPASS_BORROWERS) {
		if (d->emad_count != 1)
			return FFA_INVALID_PARAMETERS;
	} else if (d->emad_count != t->borrower_count) {
		return FFA_INVALID_PARAMETERS;
	}
	rq->count = d->emad_count;
	for (i = 0; i < rq->count; i++) {
		struct ffa_mem_emad *e = &rq->emads[i];
		uint8_t perm;

		if (ffa_mem_desc_emad(buf, d, i, e))
			return FFA_INVALID_PARAMETERS;
		perm = e->permissions;
		rq->which[i] = borrower_find(t, e->receiver_id);
		if (!rq->which[i])
			return FFA_INVALID_PARAMETERS;
		for (j = 0; j < i; j++)
			if (rq->emads[j].receiver_id == e->receiver_id)
				return FFA_INVALID_PARAMETERS;
		/* Flags: bit 0 (non-retrieval borrower) only; the caller retrieves for itself. */
		if (e->flags & ~FFA_EMAD_FLAG_NON_RETRIEVAL_BORROWER)
			return FFA_INVALID_PARAMETERS;
		if (e->receiver_id == caller_id) {
			if (e->flags)
				return FFA_INVALID_PARAMETERS;
			rq->caller = i;
			found = true;
		}
		/* Address ranges chosen by the receiver are not supported: no composite. */
		if (e->composite_offset)
			return FFA_INVALID_PARAMETERS;
		if ((perm & FFA_MEM_PERM_RESERVED_MASK) ||
		    (perm & FFA_DATA_ACCESS_MASK) == FFA_DATA_ACCESS_RESERVED ||
		    (perm & FFA_INSTR_ACCESS_MASK) == FFA_INSTR_ACCESS_RESERVED)
			return FFA_INVALID_PARAMETERS;
		if (instr_fixed(t) && (perm & FFA_INSTR_ACCESS_MASK))
			return FFA_INVALID_PARAMETERS;
		/* FF-A 1.2 MM: the implementation-defined value is the sender's. */
		if (m->version >= FFA_VERSION_1_2) {
			for (j = 0; j < sizeof(e->impdef); j++)
				if (e->impdef[j] != rq->which[i]->impdef[j])
					return FFA_INVALID_PARAMETERS;
		}
	}
	/* The caller's own EMAD must be there. */
	return found ? 0 : FFA_INVALID_PARAMETERS;
}

/* Write the first fragment of @t's retrieve response for borrower @b into @rx. */
static uint32_t resp_first_fragment(const struct spmc *m, const struct spmc_mem_txn *t,
				    const struct spmc_mem_borrower *b, uint16_t attributes,
				    uint32_t flags, uint8_t *rx, uint32_t rx_size, uint32_t *total)
{
	uint32_t prefix = resp_prefix_size(m->version);
	uint32_t count = txn_range_count(m, t);
	struct ffa_composite_mem_region comp = { 0 };
	struct ffa_mem_desc d = { 0 };
	struct ffa_mem_emad e = { 0 };
	uint32_t n;

	d.version = m->version;
	d.sender_id = t->sender;
	d.attributes = attributes;
	d.flags = flags;
	d.handle = t->handle;
	d.tag = t->tag;
	d.emad_count = 1;
	ffa_mem_desc_write_header(rx, rx_size, &d);
	e.receiver_id = b->id;
	e.permissions = b->granted;
	e.composite_offset = prefix - COMPOSITE_SIZE;
	ffa_memcpy(e.impdef, b->impdef, sizeof(e.impdef));
	ffa_mem_desc_write_emad(rx, rx_size, &d, 0, &e);
	comp.total_page_count = t->total_pages;
	comp.constituent_count = count;
	ffa_memcpy(rx + e.composite_offset, &comp, COMPOSITE_SIZE);
	n = resp_write_ranges(m, t, 0, rx + prefix, (rx_size - prefix) / RANGE_SIZE);

	*total = prefix + count * RANGE_SIZE;
	return prefix + n * RANGE_SIZE;
}

/*
 * FFA_MEM_RETRIEVE_REQ_32/_64 from a partition (FF-A 1.0 §11.4; FF-A 1.2
 * FFA_MEM_RETRIEVE_REQ): w1 = total length, w2 = fragment length of the
 * retrieve request in its TX buffer (a transaction descriptor in the model's
 * version naming the handle), w3/w4 (x3/x4) = another buffer, w5-w7 MBZ.
 * Success: FFA_MEM_RETRIEVE_RESP, w1 = the response's total length, w2 = the
 * length of its first fragment, now in the caller's RX buffer (which the
 * caller then owns).
 */
int32_t spmc_sp_mem_retrieve_req(struct spmc *m, struct spmc_partition *sp,
				 const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint32_t total = ffa_w(args, 1);
	uint32_t frag = ffa_w(args, 2);
	struct spmc_mem_borrower *b;
	struct spmc_mem_txn *t;
	struct retrieve_req rq;
	struct ffa_mem_desc d;
	uint32_t resp_total, resp_len, resp_flags, align;
	uint16_t have, attributes;
	uint8_t granted = 0;
	uint32_t i;
	int32_t ret;

	if (smccc_is_64(ffa_w(args, 0)) && ((args->x[1] >> 32) || (args->x[2] >> 32)))
		return FFA_INVALID_PARAMETERS;
	/* No dynamically allocated buffer (FFA_FEATURES w2 bit 0 clear). */
	if (!spmc_args_zero(args, 3, 4) || !spmc_args_zero(args, 5, 7))
		return FFA_INVALID_PARAMETERS;
	/*
	 * The request in one fragment, in the TX buffer (§11.4: "Total length
	 * > buffer": INVALID_PARAMETERS). Fragmented requests are not
	 * supported, as in Hafnium.
	 */
	if (!total || frag != total || total > sizeof(sp->tx))
		return FFA_INVALID_PARAMETERS;
	ffa_memcpy(m->mem.scratch.bytes, sp->tx, total);
	/*
	 * Header in the model's version: reserved fields, at least one EMAD
	 * (none is the hypervisor's retrieve request, which a partition does
	 * not make), all in the request.
	 */
	if (ffa_mem_desc_read(m->mem.scratch.bytes, total, m->version, &d))
		return FFA_INVALID_PARAMETERS;
	/* Nothing after the EMADs: receiver-chosen address ranges are not supported. */
	if (total != ffa_mem_desc_emads_end(&d))
		return FFA_INVALID_PARAMETERS;
	/* §11.4 (ACS): a handle of this relayer, whose transaction is complete. */
	t = txn_find(m, d.handle);
	if (!t || !t->complete)
		return FFA_INVALID_PARAMETERS;
	ret = retrieve_flags_format(m, t, d.flags);
	if (ret)
		return ret;
	/* §5.12.2 (ACS): the tag the sender gave. */
	if (d.tag != t->tag)
		return FFA_INVALID_PARAMETERS;
	if (!retrieve_attributes_format(d.attributes))
		return FFA_INVALID_PARAMETERS;
	ret = retrieve_emads_format(m, t, &d, sp->cfg.id, &rq);
	if (ret)
		return ret;
	b = rq.which[rq.caller];

	/* §11.4: "the Sender is the Owner": DENIED (docs/reference/ffa-abi.md §13 #13). */
	if (d.sender_id != t->sender)
		return FFA_DENIED;
	/* §5.11.3: no receiver asks for more access than the sender gave it. */
	for (i = 0; i < rq.count; i++) {
		uint8_t g;

		ret = retrieve_grant(rq.which[i]->permissions, rq.emads[i].permissions, &g);
		if (ret)
			return ret;
		if (i == rq.caller)
			granted = g;
	}
	/* §5.11.4: nor for attributes of higher precedence than the memory has. */
	have = txn_attributes(t);
	if (attributes_exceed(d.attributes, have))
		return FFA_DENIED;
	/*
	 * §5.12.4.1: zeroing before retrieval needs the sender's consent (its
	 * zero-memory flag, as Hafnium checks); a RO borrower cannot ask for
	 * zeroing, before or after.
	 */
	if ((d.flags & FFA_MEM_FLAG_ZERO_MEMORY) && !(t->flags & FFA_MEM_FLAG_ZERO_MEMORY))
		return FFA_DENIED;
	if ((d.flags & (FFA_MEM_FLAG_ZERO_MEMORY | FFA_MEM_FLAG_ZERO_AFTER_RELINQ)) &&
	    (granted & FFA_DATA_ACCESS_MASK) == FFA_DATA_ACCESS_RO)
		return FFA_DENIED;
	/*
	 * The alignment hint: every range at a multiple of 2^n x 4 KiB. The
	 * model maps memory where it is; if it is not so aligned, the request
	 * cannot be met: DENIED (ACS).
	 */
	if (d.flags & FFA_MEM_FLAG_HINT_VALID) {
		align = FFA_PAGE_SIZE
			<< ((d.flags & FFA_MEM_FLAG_HINT_MASK) >> FFA_MEM_FLAG_HINT_SHIFT);
		for (i = 0; i < m->mem.range_count; i++)
			if (m->mem.ranges[i].slot == txn_slot(m, t) &&
			    (m->mem.ranges[i].base & (align - 1)))
				return FFA_DENIED;
	}
	/*
	 * §11.4: "retrieving more than the supported count" (FFA_FEATURES w3):
	 * DENIED. A donation is retrieved once: its borrower is the owner after.
	 */
	if (b->retrievals >= SPMC_MAX_RETRIEVALS ||
	    (t->kind == SPMC_MEM_DONATE && t->retrieved_before))
		return FFA_DENIED;
	/* The caller's RX buffer must be available to take the response (Hafnium: BUSY). */
	if (sp->rx_owner != SPMC_RX_PRODUCER)
		return FFA_BUSY;

	/*
	 * The response: flags bits 4:3 the transaction type; bit 0 "memory
	 * was zeroed", true for the first retrieval of a lend or donation the
	 * model zeroed. Attributes: what was asked for, else what the memory
	 * has; from 1.1 with the NS bit set, the memory being non-secure
	 * (FF-A 1.1 Table 10.18; the model's partitions handle it).
	 */
	resp_flags = type_flag(t->kind);
	if ((t->flags & FFA_MEM_FLAG_ZERO_MEMORY) && !t->retrieved_before)
		resp_flags |= FFA_MEM_FLAG_ZERO_MEMORY;
	attributes = (d.attributes & FFA_MEM_ATTR_TYPE_MASK) ? d.attributes : have;
	if (m->version >= FFA_VERSION_1_1)
		attributes |= FFA_MEM_ATTR_NS;

	b->retrievals++;
	b->granted = granted;
	if (d.flags & FFA_MEM_FLAG_ZERO_AFTER_RELINQ)
		b->zero_on_relinquish = true;
	t->retrieved_before = true;
	resp_len = resp_first_fragment(m, t, b, attributes, resp_flags, sp->rx, sizeof(sp->rx),
				       &resp_total);
	b->resp_total = resp_total;
	b->resp_sent = resp_len;
	sp->rx_owner = SPMC_RX_CONSUMER;

	ffa_regs_clear(reply, FFA_MEM_RETRIEVE_RESP);
	reply->x[1] = resp_total;
	reply->x[2] = resp_len;
	return 0;
}

/*
 * FFA_MEM_FRAG_RX from a partition (FF-A 1.0 §12.2; FF-A 1.2
 * FFA_MEM_FRAG_RX): w1/w2 = handle, w3 = offset of the fragment wanted (the
 * bytes of the response received so far), w4 MBZ (a sender ID there is a
 * hypervisor's, at the physical instance; Hafnium: INVALID_PARAMETERS at a
 * virtual one), w5-w7 MBZ. Answer: FFA_MEM_FRAG_TX, w1/w2 = handle, w3 =
 * the fragment's length, now in the caller's RX buffer.
 */
int32_t spmc_sp_mem_frag_rx(struct spmc *m, struct spmc_partition *sp, const struct ffa_regs *args,
			    struct ffa_regs *reply)
{
	uint64_t handle = ffa_handle_make(ffa_w(args, 1), ffa_w(args, 2));
	uint32_t offset = ffa_w(args, 3);
	uint32_t prefix = resp_prefix_size(m->version);
	struct spmc_mem_borrower *b;
	struct spmc_mem_txn *t;
	uint32_t n;

	if (ffa_w(args, 4) || !spmc_args_zero(args, 5, 7))
		return FFA_INVALID_PARAMETERS;
	t = txn_find(m, handle);
	if (!t || !t->complete)
		return FFA_INVALID_PARAMETERS;
	/* A retrieval of the caller's whose response is not all sent yet. */
	b = borrower_find(t, sp->cfg.id);
	if (!b || !b->retrievals || b->resp_sent >= b->resp_total)
		return FFA_INVALID_PARAMETERS;
	/* The next fragment, where the caller's copy ends (Hafnium: exact offset). */
	if (offset != b->resp_sent)
		return FFA_INVALID_PARAMETERS;
	/* The caller must have released its RX buffer (Hafnium: BUSY). */
	if (sp->rx_owner != SPMC_RX_PRODUCER)
		return FFA_BUSY;

	n = resp_write_ranges(m, t, (offset - prefix) / RANGE_SIZE, sp->rx,
			      sizeof(sp->rx) / RANGE_SIZE);
	b->resp_sent += n * RANGE_SIZE;
	sp->rx_owner = SPMC_RX_CONSUMER;

	ffa_regs_clear(reply, FFA_MEM_FRAG_TX);
	reply->x[1] = (uint32_t)handle;
	reply->x[2] = (uint32_t)(handle >> 32);
	reply->x[3] = n * RANGE_SIZE;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* FFA_MEM_RELINQUISH (partitions)                                        */
/* ---------------------------------------------------------------------- */

/*
 * FFA_MEM_RELINQUISH (FF-A 1.0 §11.6; FF-A 1.2 FFA_MEM_RELINQUISH): w1-w7
 * MBZ; the relinquish descriptor (FF-A 1.1 Table 16.25: handle, flags,
 * endpoint count, endpoint IDs) in the caller's TX buffer.
 */
int32_t spmc_sp_mem_relinquish(struct spmc *m, struct spmc_partition *sp,
			       const struct ffa_regs *args, struct ffa_regs *reply)
{
	struct ffa_mem_relinquish rel;
	struct spmc_mem_borrower *b;
	struct spmc_mem_txn *t;
	uint16_t endpoint;
	uint32_t i;
	bool clear, held = false;
	int32_t ret;

	if (!spmc_args_zero(args, 1, 7))
		return FFA_INVALID_PARAMETERS;
	/* Copied before it is read; the buffer is the partition's to change. */
	ffa_memcpy(&rel, sp->tx, sizeof(rel));
	ffa_memcpy(&endpoint, sp->tx + sizeof(rel), sizeof(endpoint));
	/*
	 * §11.6: at least one endpoint; more would be stream endpoints the
	 * caller relinquishes for as their proxy, which the model does not
	 * have (Hafnium: one). The endpoint is the caller.
	 */
	if (rel.endpoint_count != 1 || endpoint != sp->cfg.id)
		return FFA_INVALID_PARAMETERS;
	/* Flags: bit 0 zero after relinquish, bit 1 time slicing; bits 31:2 MBZ. */
	if (rel.flags & ~(FFA_MEM_RELINQUISH_CLEAR | FFA_MEM_RELINQUISH_TIME_SLICE))
		return FFA_INVALID_PARAMETERS;
	t = txn_find(m, rel.handle);
	if (!t || !t->complete)
		return FFA_INVALID_PARAMETERS;
	/* §11.6: an invalid borrower ID: INVALID_PARAMETERS. */
	b = borrower_find(t, sp->cfg.id);
	if (!b)
		return FFA_INVALID_PARAMETERS;
	/* §11.6: zeroing memory that was shared: MBZ. */
	if ((rel.flags & FFA_MEM_RELINQUISH_CLEAR) && t->kind == SPMC_MEM_SHARE)
		return FFA_INVALID_PARAMETERS;
	/*
	 * §11.6: the caller must hold the region as a borrower: DENIED when it
	 * has not retrieved it, and for a donation it has retrieved (it is the
	 * owner now, with nothing to give back).
	 */
	if (!b->retrievals || t->kind == SPMC_MEM_DONATE)
		return FFA_DENIED;
	/* §11.6: a RO borrower cannot have the memory zeroed. */
	if ((rel.flags & FFA_MEM_RELINQUISH_CLEAR) &&
	    (b->granted & FFA_DATA_ACCESS_MASK) == FFA_DATA_ACCESS_RO)
		return FFA_DENIED;

	/*
	 * Zero (asked now or in the retrieve request) once no borrower maps
	 * the memory any more, as Hafnium does: before that, another borrower
	 * still uses it.
	 */
	for (i = 0; i < t->borrower_count; i++)
		if (&t->borrowers[i] != b && t->borrowers[i].retrievals)
			held = true;
	clear = ((rel.flags & FFA_MEM_RELINQUISH_CLEAR) || b->zero_on_relinquish) &&
		b->retrievals == 1 && !held;
	if (clear) {
		ret = txn_zero(m, t);
		if (ret)
			return ret;
	}
	b->retrievals--;
	if (!b->retrievals) {
		b->zero_on_relinquish = false;
		b->resp_total = 0;
		b->resp_sent = 0;
	}
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* What a partition does: spmc_sp_retrieve(), spmc_sp_relinquish()        */
/* ---------------------------------------------------------------------- */

/*
 * Write partition @sp's retrieve request for @handle into its TX buffer, as
 * spmc_model.h describes; return its length.
 */
static uint32_t build_retrieve_req(struct spmc *m, struct spmc_partition *sp, uint64_t handle)
{
	struct spmc_mem_txn *t = txn_find(m, handle);
	struct spmc_mem_borrower *self = t ? borrower_find(t, sp->cfg.id) : NULL;
	struct ffa_mem_desc d = { 0 };
	struct ffa_mem_emad e;
	uint32_t i;

	d.version = m->version;
	d.handle = handle;
	d.emad_count = 1;
	if (self) {
		d.sender_id = t->sender;
		d.tag = t->tag;
		d.flags = type_flag(t->kind);
		d.emad_count = t->borrower_count;
	}
	ffa_mem_desc_write_header(sp->tx, sizeof(sp->tx), &d);
	for (i = 0; i < d.emad_count; i++) {
		ffa_memset(&e, 0, sizeof(e));
		if (!self) {
			e.receiver_id = sp->cfg.id;
		} else {
			const struct spmc_mem_borrower *b = &t->borrowers[i];

			e.receiver_id = b->id;
			e.permissions = b->permissions & FFA_DATA_ACCESS_MASK;
			if (!instr_fixed(t))
				e.permissions |= FFA_INSTR_ACCESS_NX;
			if (b != self)
				e.flags = FFA_EMAD_FLAG_NON_RETRIEVAL_BORROWER;
			ffa_memcpy(e.impdef, b->impdef, sizeof(e.impdef));
		}
		ffa_mem_desc_write_emad(sp->tx, sizeof(sp->tx), &d, i, &e);
	}
	return (uint32_t)ffa_mem_desc_emads_end(&d);
}

void spmc_sp_retrieve(struct spmc *m, uint16_t sp_id, uint64_t handle, struct ffa_regs *regs)
{
	struct spmc_partition *sp = spmc_find_partition(m, sp_id);
	struct ffa_regs resp, r;
	uint32_t total, received;

	if (!sp) {
		ffa_set_error(regs, FFA_INVALID_PARAMETERS);
		return;
	}
	ffa_regs_clear(regs, FFA_MEM_RETRIEVE_REQ_32);
	regs->x[1] = build_retrieve_req(m, sp, handle);
	regs->x[2] = regs->x[1];
	spmc_handle_sp_call(m, sp_id, regs);
	if (ffa_w(regs, 0) != FFA_MEM_RETRIEVE_RESP)
		return;

	/* The rest of the response, fragment by fragment, then the RX buffer back. */
	resp = *regs;
	total = ffa_w(&resp, 1);
	received = ffa_w(&resp, 2);
	for (;;) {
		ffa_regs_clear(&r, FFA_RX_RELEASE);
		spmc_handle_sp_call(m, sp_id, &r);
		if (!ffa_is_success(&r) || received >= total)
			break;
		ffa_regs_clear(&r, FFA_MEM_FRAG_RX);
		r.x[1] = (uint32_t)handle;
		r.x[2] = (uint32_t)(handle >> 32);
		r.x[3] = received;
		spmc_handle_sp_call(m, sp_id, &r);
		if (ffa_w(&r, 0) != FFA_MEM_FRAG_TX)
			break;
		/* A fragment that brings nothing, or too much, would never end. */
		if (!ffa_w(&r, 3) || ffa_w(&r, 3) > total - received) {
			ffa_set_error(&r, FFA_ABORTED);
			break;
		}
		received += ffa_w(&r, 3);
	}
	*regs = ffa_is_success(&r) ? resp : r;
}

void spmc_sp_relinquish(struct spmc *m, uint16_t sp_id, uint64_t handle, struct ffa_regs *regs)
{
	struct spmc_partition *sp = spmc_find_partition(m, sp_id);
	struct ffa_mem_relinquish rel = { .handle = handle, .endpoint_count = 1 };

	if (!sp) {
		ffa_set_error(regs, FFA_INVALID_PARAMETERS);
		return;
	}
	ffa_memcpy(sp->tx, &rel, sizeof(rel));
	ffa_memcpy(sp->tx + sizeof(rel), &sp_id, sizeof(sp_id));
	ffa_regs_clear(regs, FFA_MEM_RELINQUISH);
	spmc_handle_sp_call(m, sp_id, regs);
}

void spmc_mem_for_each_range(const struct spmc *m, spmc_mem_range_fn *fn, void *ctx)
{
	const struct spmc_mem *mem = &m->mem;
	uint32_t i;

	for (i = 0; i < mem->range_count; i++) {
		const struct spmc_mem_range *r = &mem->ranges[i];
		const struct spmc_mem_txn *t = &mem->txns[r->slot];

		fn(ctx, t->handle, t->kind, r->base, r->pages);
	}
}
