/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Unit tests of the SPMC model's memory management: FFA_MEM_SHARE, _LEND,
 * _DONATE (32/64) and FFA_MEM_FRAG_TX from the normal world, FFA_MEM_RECLAIM,
 * and the partitions' FFA_MEM_RETRIEVE_REQ, FFA_MEM_FRAG_RX and
 * FFA_MEM_RELINQUISH; handles, limits, and the range iterator the
 * simulation's invariants use.
 *
 * Descriptors are written here field by field at the offsets FF-A gives
 * (1.0 Table 5.19; 1.1 Table 10.20; 1.2 MM Table 1.16), not with the codec
 * the model reads them with, so that a layout mistake in either shows.
 *
 * Needs only src/spmc/ and include/.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS and MAP_NORESERVE under -std=c11 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "spmc_fixture.h"

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

#define PAGE FFA_PAGE_SIZE
/* Pages the small tests share: 16..127 of the fixture's memory (0 and 1 are the mailbox). */
#define MEM_PA (NS_BASE + 16 * PAGE)
#define MEM_PAGES 112u
/* Large tests: 1 GiB and 128 MiB more of non-secure memory, reserved, touched only where used. */
#define BIG_BASE UINT64_C(0x100000000)
#define BIG_SIZE ((UINT64_C(1) << 30) + (UINT64_C(128) << 20))
/* The largest TX buffer (63 pages) and the RX buffer after it, for the large tests. */
#define BIG_TX_PAGES SPMC_NS_MBOX_MAX_PAGES
#define BIG_TX_BYTES (BIG_TX_PAGES * PAGE)

#define FIRST_HANDLE SPMC_MEM_HANDLE_FIRST
#define LO(h) ((uint32_t)(h))
#define HI(h) ((uint32_t)((h) >> 32))
/* High halves that an SMC32 call must ignore. */
#define JUNK(v) ((UINT64_C(0xa5a5a5a5) << 32) | (v))

/* Access permissions and attributes as senders name them. */
#define RO FFA_DATA_ACCESS_RO
#define RW FFA_DATA_ACCESS_RW
#define NX FFA_INSTR_ACCESS_NX
#define X FFA_INSTR_ACCESS_X
#define ATTR_SHARE FFA_MEM_ATTR_NORMAL_WB_IS /* 0x2f */

/* ---- Descriptors ---------------------------------------------------------- */

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t get32(const uint8_t *p)
{
	return get16(p) | ((uint32_t)get16(p + 2) << 16);
}

static uint64_t get64(const uint8_t *p)
{
	return get32(p) | ((uint64_t)get32(p + 4) << 32);
}

static bool all_zero(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}

struct rcv {
	uint16_t id;
	uint8_t perm;
};

struct rng {
	uint64_t addr;
	uint32_t pages;
};

/**
 * struct desc - a transaction descriptor to encode. Zero fields take the
 * defaults a correct sender writes; @total_pages / @count override the
 * composite's fields when @lie_total / @lie_count.
 */
struct desc {
	uint32_t version;
	uint16_t sender;
	uint16_t attributes;
	uint32_t flags;
	uint64_t handle;
	uint64_t tag;
	unsigned int nrcv;
	struct rcv rcv[SPMC_MAX_PARTITIONS + 1];
	unsigned int nrng;
	const struct rng *rng;
	bool lie_total;
	uint32_t total_pages;
	bool lie_count;
	uint32_t count;
};

static uint32_t header_size(uint32_t v)
{
	return v == FFA_VERSION_1_0 ? 32 : 48;
}

static uint32_t emad_size(uint32_t v)
{
	return v == FFA_VERSION_1_2 ? 32 : 16;
}

/* Where the composite goes for @nrcv receivers: after the EMADs, 8-byte aligned. */
static uint32_t composite_at(uint32_t v, unsigned int nrcv)
{
	return (header_size(v) + nrcv * emad_size(v) + 7) & ~7u;
}

/* Encode @d into @buf (zeroed first); return the descriptor's length. */
static uint32_t encode(uint8_t *buf, const struct desc *d)
{
	uint32_t v = d->version ? d->version : FFA_VERSION_1_2;
	uint32_t comp = composite_at(v, d->nrcv);
	uint32_t len = comp + 16 + d->nrng * 16;
	uint32_t total = 0;
	unsigned int i;

	memset(buf, 0, len);
	put16(buf + 0, d->sender);
	put64(buf + 8, d->handle);
	put64(buf + 16, d->tag);
	put32(buf + 4, d->flags);
	if (v == FFA_VERSION_1_0) {
		buf[2] = (uint8_t)d->attributes;
		put32(buf + 28, d->nrcv);
	} else {
		put16(buf + 2, d->attributes);
		put32(buf + 24, emad_size(v));
		put32(buf + 28, d->nrcv);
		put32(buf + 32, header_size(v));
	}
	for (i = 0; i < d->nrcv; i++) {
		uint8_t *e = buf + header_size(v) + i * emad_size(v);

		put16(e, d->rcv[i].id);
		e[2] = d->rcv[i].perm;
		put32(e + 4, comp);
	}
	for (i = 0; i < d->nrng; i++) {
		put64(buf + comp + 16 + i * 16, d->rng[i].addr);
		put32(buf + comp + 16 + i * 16 + 8, d->rng[i].pages);
		total += d->rng[i].pages;
	}
	put32(buf + comp, d->lie_total ? d->total_pages : total);
	put32(buf + comp + 4, d->lie_count ? d->count : d->nrng);
	return len;
}

/* A descriptor for one transaction to one receiver, 1.2 layout unless changed. */
static struct desc one(uint16_t id, uint8_t perm, uint16_t attributes, const struct rng *rng,
		       unsigned int nrng)
{
	struct desc d = { .version = FFA_VERSION_1_2,
			  .attributes = attributes,
			  .nrcv = 1,
			  .rng = rng,
			  .nrng = nrng };

	d.rcv[0] = (struct rcv){ id, perm };
	return d;
}

static struct desc share_desc(const struct rng *rng, unsigned int nrng)
{
	return one(0x8002, RO, ATTR_SHARE, rng, nrng);
}

static struct desc lend_desc(const struct rng *rng, unsigned int nrng)
{
	return one(0x8001, RW, 0, rng, nrng);
}

static struct desc donate_desc(const struct rng *rng, unsigned int nrng)
{
	return one(0x8001, 0, 0, rng, nrng);
}

static uint8_t dbuf[64 * 1024];

/* Put @len bytes of @buf into the normal world's TX buffer and call @fid with w1/w2. */
static struct ffa_regs send_frag(struct fixture *f, uint64_t fid, const uint8_t *buf,
				 uint32_t total, uint32_t frag)
{
	memcpy(ns_bytes(f, TX_PA), buf, frag);
	return NS(f, fid, total, frag);
}

/* Send @d whole with @fid; return the reply. */
static struct ffa_regs send(struct fixture *f, uint64_t fid, const struct desc *d)
{
	uint32_t len = encode(dbuf, d);

	return send_frag(f, fid, dbuf, len, len);
}

static uint64_t handle_of(const struct ffa_regs *r)
{
	return ffa_handle_make((uint32_t)r->x[2], (uint32_t)r->x[3]);
}

/* Send @d with @fid; it must succeed. Return its handle. */
static uint64_t send_ok(struct fixture *f, uint64_t fid, const struct desc *d)
{
	struct ffa_regs r = send(f, fid, d);

	assert_int_equal(r.x[0], FFA_SUCCESS_32);
	return handle_of(&r);
}

static void ready(struct fixture *f)
{
	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
}

/* ---- The iterator ------------------------------------------------------- */

#define MAX_SEEN 16

struct seen {
	unsigned int count;
	uint64_t handle[MAX_SEEN];
	enum spmc_mem_kind kind[MAX_SEEN];
	uint64_t base[MAX_SEEN];
	uint64_t pages[MAX_SEEN];
};

static void seen_one(void *ctx, uint64_t handle, enum spmc_mem_kind kind, uint64_t base,
		     uint64_t pages)
{
	struct seen *s = ctx;

	if (s->count < MAX_SEEN) {
		s->handle[s->count] = handle;
		s->kind[s->count] = kind;
		s->base[s->count] = base;
		s->pages[s->count] = pages;
	}
	s->count++;
}

static struct seen ranges_of(struct fixture *f)
{
	struct seen s = { 0 };

	spmc_mem_for_each_range(&f->m, seen_one, &s);
	return s;
}

#define CHECK_RANGE(s, i, h, k, b, n)                 \
	do {                                          \
		assert_true((i) < (s).count);         \
		assert_int_equal((s).handle[i], (h)); \
		assert_int_equal((s).kind[i], (k));   \
		assert_int_equal((s).base[i], (b));   \
		assert_int_equal((s).pages[i], (n));  \
	} while (0)

/* ---- Replies -------------------------------------------------------------- */

#define CHECK_HANDLE_SUCCESS(r, h) CHECK_SUCCESS(r, LO(h), HI(h))

static void check_frag_rx(struct ffa_regs r, uint64_t h, uint32_t offset)
{
	struct ffa_regs want = { .x = { FFA_MEM_FRAG_RX, LO(h), HI(h), offset } };

	CHECK_REGS(r, want);
}

static void check_retrieve_resp(struct ffa_regs r, uint32_t total, uint32_t frag)
{
	struct ffa_regs want = { .x = { FFA_MEM_RETRIEVE_RESP, total, frag } };

	CHECK_REGS(r, want);
}

/* ---- FFA_MEM_SHARE / LEND / DONATE: success ------------------------------- */

/** SHARE_64 of two pages, read-only to 0x8002: FFA_SUCCESS_32 w2/w3 = the first handle. */
static void test_share(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 2 } };
	struct desc d = share_desc(rng, 1);
	struct ffa_regs r;
	struct seen s;

	ready(f);
	r = send(f, FFA_MEM_SHARE_64, &d);
	CHECK_REGS(r, REPLY(FFA_SUCCESS_32, LO(FIRST_HANDLE), HI(FIRST_HANDLE)));
	/* Bit 63 clear: allocated by the SPMC. The halves differ (w2 1, w3 2). */
	assert_int_equal(FIRST_HANDLE & FFA_HANDLE_ALLOCATOR_HYP, 0);
	assert_int_not_equal(LO(FIRST_HANDLE), HI(FIRST_HANDLE));

	s = ranges_of(f);
	assert_int_equal(s.count, 1);
	CHECK_RANGE(s, 0, FIRST_HANDLE, SPMC_MEM_SHARE, MEM_PA, 2);

	/* Another share: the next handle. */
	rng[0].addr = MEM_PA + 4 * PAGE;
	r = send(f, FFA_MEM_SHARE_32, &d);
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE + 1);
}

/** SMC32: bits 63:32 of x1-x7 are no part of the call. */
static void test_share_32_ignores_upper_halves(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = share_desc(rng, 1);
	uint32_t len = encode(dbuf, &d);
	struct ffa_regs r;

	ready(f);
	memcpy(ns_bytes(f, TX_PA), dbuf, len);
	r = NS(f, FFA_MEM_SHARE_32, JUNK(len), JUNK(len), JUNK(0), JUNK(0), JUNK(0), JUNK(0),
	       JUNK(0));
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE);
	/* SMC64: the same junk is not ignored. */
	r = NS(f, FFA_MEM_SHARE_64, JUNK(len), len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_MEM_SHARE_64, len, JUNK(len));
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
}

/** LEND and DONATE: each its own handle, its own kind. */
static void test_lend_and_donate(void **state)
{
	struct fixture *f = *state;
	struct rng lend_rng[] = { { MEM_PA, 1 } };
	struct rng donate_rng[] = { { MEM_PA + 8 * PAGE, 3 } };
	struct desc lend = lend_desc(lend_rng, 1);
	struct desc donate = donate_desc(donate_rng, 1);
	struct ffa_regs r;
	struct seen s;

	ready(f);
	r = send(f, FFA_MEM_LEND_64, &lend);
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE);
	r = send(f, FFA_MEM_DONATE_32, &donate);
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE + 1);
	s = ranges_of(f);
	assert_int_equal(s.count, 2);
	CHECK_RANGE(s, 0, FIRST_HANDLE, SPMC_MEM_LEND, MEM_PA, 1);
	CHECK_RANGE(s, 1, FIRST_HANDLE + 1, SPMC_MEM_DONATE, MEM_PA + 8 * PAGE, 3);
}

/** The normal world's version decides the layout: 1.0 and 1.1 descriptors. */
static void test_send_versions(void **state)
{
	static const uint32_t versions[] = { FFA_VERSION_1_0, FFA_VERSION_1_1, FFA_VERSION_1_2 };
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = share_desc(rng, 1);
	struct ffa_regs r;
	size_t i, j;

	for (i = 0; i < 3; i++) {
		reinit(f, &default_config);
		negotiate(f, versions[i]);
		map_buffers(f);
		for (j = 0; j < 3; j++) {
			d.version = versions[j];
			r = send(f, FFA_MEM_SHARE_32, &d);
			/* Only the negotiated layout is read correctly. */
			if (i == j)
				CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE);
			else
				CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
		}
	}
}

/** Two receivers; constituents out of order merge where contiguous. */
static void test_send_merges_ranges(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = {
		{ MEM_PA + 5 * PAGE, 1 }, { MEM_PA + 2 * PAGE, 2 }, { MEM_PA, 1 },
		{ MEM_PA + 4 * PAGE, 1 }, { MEM_PA + 1 * PAGE, 1 }, { MEM_PA + 9 * PAGE, 1 },
	};
	struct desc d = lend_desc(rng, 6);
	struct seen s;

	ready(f);
	d.nrcv = 2;
	d.rcv[1] = (struct rcv){ 0x8003, RO };
	send_ok(f, FFA_MEM_LEND_64, &d);
	s = ranges_of(f);
	assert_int_equal(s.count, 2);
	CHECK_RANGE(s, 0, FIRST_HANDLE, SPMC_MEM_LEND, MEM_PA, 6);
	CHECK_RANGE(s, 1, FIRST_HANDLE, SPMC_MEM_LEND, MEM_PA + 9 * PAGE, 1);

	/* A neighbour in another transaction stays a range of its own. */
	rng[0] = (struct rng){ MEM_PA + 6 * PAGE, 3 };
	d.nrng = 1;
	send_ok(f, FFA_MEM_LEND_64, &d);
	s = ranges_of(f);
	assert_int_equal(s.count, 3);
	CHECK_RANGE(s, 1, FIRST_HANDLE + 1, SPMC_MEM_LEND, MEM_PA + 6 * PAGE, 3);
}

/** Time slicing may be allowed (the model never needs it); SHARE attributes other than 0x2f. */
static void test_send_accepted_variants(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = share_desc(rng, 1);

	ready(f);
	d.flags = FFA_MEM_FLAG_TIME_SLICE;
	send_ok(f, FFA_MEM_SHARE_64, &d);
	d.flags = 0;
	/* Normal, non-cacheable, outer shareable; read-write. */
	d.attributes = FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_NON_CACHEABLE |
		       FFA_MEM_ATTR_OUTER_SHAREABLE;
	d.rcv[0].perm = RW;
	rng[0].addr += PAGE;
	send_ok(f, FFA_MEM_SHARE_64, &d);
	/* LEND and DONATE with the zero-memory flag. */
	rng[0].addr += PAGE;
	d = lend_desc(rng, 1);
	d.flags = FFA_MEM_FLAG_ZERO_MEMORY | FFA_MEM_FLAG_TIME_SLICE;
	send_ok(f, FFA_MEM_LEND_32, &d);
	rng[0].addr += PAGE;
	d = donate_desc(rng, 1);
	d.flags = FFA_MEM_FLAG_ZERO_MEMORY;
	send_ok(f, FFA_MEM_DONATE_64, &d);
	/* The tag is the sender's to choose. */
	rng[0].addr += PAGE;
	d = share_desc(rng, 1);
	d.tag = UINT64_C(0xfedcba9876543210);
	send_ok(f, FFA_MEM_SHARE_64, &d);
}

/** LEND with the zero-memory flag: the model zeroes the pages once the transaction is complete. */
static void test_lend_zero_flag(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 2 } };
	struct desc d = lend_desc(rng, 1);

	ready(f);
	memset(ns_bytes(f, MEM_PA), 0x5a, 3 * PAGE);
	d.flags = FFA_MEM_FLAG_ZERO_MEMORY;
	send_ok(f, FFA_MEM_LEND_64, &d);
	assert_true(all_zero(ns_bytes(f, MEM_PA), 2 * PAGE));
	/* The page after is no part of it. */
	assert_int_equal(*ns_bytes(f, MEM_PA + 2 * PAGE), 0x5a);
}

/* ---- Handles -------------------------------------------------------------- */

/** Handles are never reused, never 0 or FFA_HANDLE_INVALID, bit 63 always clear. */
static void test_handles(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = share_desc(rng, 1);
	uint64_t h, live;
	struct ffa_regs r;
	unsigned int i;

	ready(f);
	for (i = 0; i < 200; i++) {
		h = send_ok(f, FFA_MEM_SHARE_64, &d);
		assert_int_equal(h, FIRST_HANDLE + i);
		r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
		CHECK_SUCCESS(r, 0, 0);
	}
	/* The counter reaching bit 63 wraps to the first value... */
	f->m.mem.next_handle = FFA_HANDLE_INVALID - 1;
	h = send_ok(f, FFA_MEM_SHARE_64, &d);
	assert_int_equal(h, FIRST_HANDLE);
	live = h;
	/* ...and a value still live is skipped. */
	f->m.mem.next_handle = FIRST_HANDLE;
	rng[0].addr += PAGE;
	h = send_ok(f, FFA_MEM_SHARE_64, &d);
	assert_int_equal(h, FIRST_HANDLE + 1);
	assert_int_not_equal(h, live);
	f->m.mem.next_handle = UINT64_C(0x7fffffffffffffff);
	rng[0].addr += PAGE;
	h = send_ok(f, FFA_MEM_SHARE_64, &d);
	assert_int_equal(h, UINT64_C(0x7fffffffffffffff));
	rng[0].addr += PAGE;
	h = send_ok(f, FFA_MEM_SHARE_64, &d);
	assert_int_equal(h, FIRST_HANDLE + 2);
}

/* ---- Errors of the first fragment ----------------------------------------- */

/* Nothing changed: no range, and the next transaction gets the next handle still. */
static void check_nothing_changed(struct fixture *f, unsigned int ranges, uint64_t next)
{
	struct rng rng[] = { { MEM_PA + (MEM_PAGES - 1) * PAGE, 1 } };
	struct desc d = share_desc(rng, 1);
	struct seen s = ranges_of(f);
	uint64_t h;

	assert_int_equal(s.count, ranges);
	h = send_ok(f, FFA_MEM_SHARE_64, &d);
	assert_int_equal(h, next);
	NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
}

/** The registers: lengths, no dynamic buffer, MBZ, the TX buffer. */
static void test_send_register_errors(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = share_desc(rng, 1);
	uint32_t len = encode(dbuf, &d);
	struct ffa_regs r;
	unsigned int i;

	negotiate(f, FFA_VERSION_1_2);
	/* No TX buffer: the descriptor has nowhere to be. */
	r = NS(f, FFA_MEM_SHARE_64, len, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	map_buffers(f);
	memcpy(ns_bytes(f, TX_PA), dbuf, len);
	/* w3/w4: a dynamically allocated buffer, not supported; w5-w7 MBZ. */
	for (i = 3; i <= 7; i++) {
		struct ffa_regs a = { .x = { FFA_MEM_SHARE_64, len, len } };

		a.x[i] = 1;
		r = ns_call(f, a);
		CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
		a.x[0] = FFA_MEM_SHARE_32;
		a.x[i] = UINT64_C(1) << 32; /* SMC32: the upper half is ignored */
		r = ns_call(f, a);
		CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE + i - 3);
		NS(f, FFA_MEM_RECLAIM, LO(FIRST_HANDLE + i - 3), HI(FIRST_HANDLE + i - 3));
	}
	/* SMC64: x3 is an address, every bit of it counts. */
	r = NS(f, FFA_MEM_SHARE_64, len, len, UINT64_C(1) << 40);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* Fragment longer than the total, empty, longer than the TX buffer. */
	r = NS(f, FFA_MEM_SHARE_64, len - 16, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_MEM_SHARE_64, len, 0);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_MEM_SHARE_64, 2 * PAGE, PAGE + 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* The TX buffer no longer non-secure memory: the copy would fault. */
	f->plat.withdrawn = true;
	r = NS(f, FFA_MEM_SHARE_64, len, len);
	CHECK_ERROR(r, FFA_ABORTED);
	f->plat.withdrawn = false;
	check_nothing_changed(f, 0, FIRST_HANDLE + 5);
}

enum field_fault {
	F_HDR_RESERVED,		/* 1.2 header byte 40 */
	F_HANDLE,		/* handle field non-zero */
	F_FLAG_ZERO_SHARE,	/* zero-memory flag on SHARE */
	F_FLAG_BIT2,		/* a retrieve flag */
	F_FLAG_TYPE,		/* bits 4:3 */
	F_FLAG_HIGH,		/* bit 31 */
	F_ATTR_DEVICE,		/* SHARE of device memory */
	F_ATTR_NS,		/* the NS bit */
	F_ATTR_CACHE_RESERVED,	/* cacheability 0b00 */
	F_ATTR_SHARE_RESERVED,	/* shareability 0b01 */
	F_ATTR_UNSPECIFIED,	/* SHARE naming no memory type */
	F_ATTR_BIT7,		/* reserved attribute bit */
	F_ATTR_LEND,		/* LEND naming attributes */
	F_NO_EMAD,		/* EMAD count 0 */
	F_DONATE_TWO,		/* DONATE to two receivers */
	F_UNKNOWN_RECEIVER,	/* 0x8009 */
	F_NS_RECEIVER,		/* endpoint 0 */
	F_SPMC_RECEIVER,	/* the SPMC's own ID */
	F_DUP_RECEIVER,		/* the same receiver twice */
	F_COMPOSITE_DIFFERS,	/* receivers naming different composites */
	F_EMAD_RESERVED,	/* 1.2 EMAD bytes 24-31 */
	F_EMAD_FLAGS,		/* non-retrieval borrower flag from a sender */
	F_PERM_RESERVED_BITS,	/* permissions bits 7:4 */
	F_PERM_DATA_RESERVED,	/* data access 0b11 */
	F_PERM_INSTR,		/* instruction access named by the lender */
	F_PERM_SHARE_NONE,	/* SHARE without data access */
	F_PERM_DONATE_RW,	/* DONATE naming data access */
	F_EMAD_SIZE,		/* 1.2 descriptor saying 16-byte EMADs */
	F_EMAD_OFFSET,		/* EMAD offset not 16-byte aligned */
	F_COMPOSITE_MISALIGNED, /* composite offset + 4 */
	F_COMPOSITE_IN_EMADS,	/* composite offset inside the EMAD array */
	F_COMPOSITE_OUTSIDE,	/* composite offset beyond the fragment */
	F_COMPOSITE_RESERVED,	/* composite bytes 8-15 */
	F_NO_CONSTITUENT,	/* constituent count 0 */
	F_COUNT_LIES,		/* constituent count one more than there are */
	F_TOTAL_LIES_HIGH,	/* total pages one more than the sum */
	F_TOTAL_LIES_LOW,	/* total pages one less than the sum */
	F_RANGE_UNALIGNED,	/* a base not 4 KiB aligned */
	F_RANGE_EMPTY,		/* page count 0 */
	F_RANGE_WRAPS,		/* past the top of the address space */
	F_RANGE_RESERVED,	/* constituent bytes 12-15 */
	F_RANGE_OVERLAP,	/* two constituents overlapping */
	F_FAULT_COUNT,
};

/* SHARE (or @lend) of pages 0-1 and 4 to 0x8002, with fault @fault; returns the length. */
static uint32_t faulty(enum field_fault fault, uint64_t *fid)
{
	static struct rng rng[2];
	struct desc d;
	uint32_t len, comp;

	rng[0] = (struct rng){ MEM_PA, 2 };
	rng[1] = (struct rng){ MEM_PA + 4 * PAGE, 1 };
	d = share_desc(rng, 2);
	*fid = FFA_MEM_SHARE_64;
	switch (fault) {
	case F_HANDLE:
		d.handle = FIRST_HANDLE;
		break;
	case F_FLAG_ZERO_SHARE:
		d.flags = FFA_MEM_FLAG_ZERO_MEMORY;
		break;
	case F_FLAG_BIT2:
		d.flags = FFA_MEM_FLAG_ZERO_AFTER_RELINQ;
		break;
	case F_FLAG_TYPE:
		d.flags = FFA_MEM_FLAG_TYPE_SHARE;
		break;
	case F_FLAG_HIGH:
		d.flags = UINT32_C(1) << 31;
		break;
	case F_ATTR_DEVICE:
		d.attributes = FFA_MEM_ATTR_TYPE_DEVICE;
		break;
	case F_ATTR_NS:
		d.attributes = ATTR_SHARE | FFA_MEM_ATTR_NS;
		break;
	case F_ATTR_CACHE_RESERVED:
		d.attributes = FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_INNER_SHAREABLE;
		break;
	case F_ATTR_SHARE_RESERVED:
		d.attributes = FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_WRITE_BACK |
			       FFA_MEM_ATTR_SHARE_RESERVED;
		break;
	case F_ATTR_UNSPECIFIED:
		d.attributes = 0;
		break;
	case F_ATTR_BIT7:
		d.attributes = ATTR_SHARE | 0x80;
		break;
	case F_ATTR_LEND:
		d = lend_desc(rng, 2);
		d.attributes = ATTR_SHARE;
		*fid = FFA_MEM_LEND_64;
		break;
	case F_NO_EMAD:
		d.nrcv = 0;
		break;
	case F_DONATE_TWO:
		d = donate_desc(rng, 2);
		d.nrcv = 2;
		d.rcv[1] = (struct rcv){ 0x8002, 0 };
		*fid = FFA_MEM_DONATE_64;
		break;
	case F_UNKNOWN_RECEIVER:
		d.rcv[0].id = 0x8009;
		break;
	case F_NS_RECEIVER:
		d.rcv[0].id = 0;
		break;
	case F_SPMC_RECEIVER:
		d.rcv[0].id = FFA_SPMC_ID_DEFAULT;
		break;
	case F_DUP_RECEIVER:
		d.nrcv = 2;
		d.rcv[1] = d.rcv[0];
		break;
	case F_PERM_RESERVED_BITS:
		d.rcv[0].perm = RO | 0x10;
		break;
	case F_PERM_DATA_RESERVED:
		d.rcv[0].perm = FFA_DATA_ACCESS_RESERVED;
		break;
	case F_PERM_INSTR:
		d.rcv[0].perm = RO | NX;
		break;
	case F_PERM_SHARE_NONE:
		d.rcv[0].perm = 0;
		break;
	case F_PERM_DONATE_RW:
		d = donate_desc(rng, 2);
		d.rcv[0].perm = RW;
		*fid = FFA_MEM_DONATE_64;
		break;
	case F_COUNT_LIES:
		d.lie_count = true;
		d.count = 3;
		break;
	case F_TOTAL_LIES_HIGH:
		d.lie_total = true;
		d.total_pages = 4;
		break;
	case F_TOTAL_LIES_LOW:
		d.lie_total = true;
		d.total_pages = 2;
		break;
	case F_NO_CONSTITUENT:
		d.nrng = 0;
		break;
	case F_RANGE_UNALIGNED:
		rng[1].addr += 0x800;
		break;
	case F_RANGE_EMPTY:
		rng[1].pages = 0;
		break;
	case F_RANGE_WRAPS:
		rng[1].addr = UINT64_C(0xffffffffffffe000);
		rng[1].pages = 2;
		break;
	case F_RANGE_OVERLAP:
		rng[1].addr = MEM_PA + PAGE;
		break;
	default:
		break;
	}
	len = encode(dbuf, &d);
	comp = composite_at(FFA_VERSION_1_2, d.nrcv);
	switch (fault) {
	case F_HDR_RESERVED:
		dbuf[40] = 1;
		break;
	case F_COMPOSITE_DIFFERS:
		/* A second receiver whose composite lies after the first's constituents. */
		d.nrcv = 2;
		d.rcv[1] = (struct rcv){ 0x8003, RO };
		len = encode(dbuf, &d);
		put32(dbuf + 48 + 32 + 4, len);
		break;
	case F_EMAD_RESERVED:
		dbuf[48 + 24] = 1;
		break;
	case F_EMAD_FLAGS:
		dbuf[48 + 3] = FFA_EMAD_FLAG_NON_RETRIEVAL_BORROWER;
		break;
	case F_EMAD_SIZE:
		put32(dbuf + 24, 16);
		break;
	case F_EMAD_OFFSET:
		put32(dbuf + 32, 56);
		break;
	case F_COMPOSITE_MISALIGNED:
		put32(dbuf + 48 + 4, comp + 4);
		break;
	case F_COMPOSITE_IN_EMADS:
		put32(dbuf + 48 + 4, 56);
		break;
	case F_COMPOSITE_OUTSIDE:
		put32(dbuf + 48 + 4, len);
		break;
	case F_COMPOSITE_RESERVED:
		dbuf[comp + 8] = 1;
		break;
	case F_RANGE_RESERVED:
		dbuf[comp + 16 + 16 + 12] = 1;
		break;
	default:
		break;
	}
	return len;
}

/** Every format rule of the first fragment: INVALID_PARAMETERS, nothing changed. */
static void test_send_format_errors(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;
	uint64_t fid;
	uint32_t len;
	int i;

	ready(f);
	for (i = 0; i < F_FAULT_COUNT; i++) {
		len = faulty((enum field_fault)i, &fid);
		r = send_frag(f, fid, dbuf, len, len);
		if (r.x[0] != FFA_ERROR || r.x[2] != (uint32_t)FFA_INVALID_PARAMETERS)
			fail_msg("fault %d: x0 %#llx x2 %#llx", i, (unsigned long long)r.x[0],
				 (unsigned long long)r.x[2]);
		CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	}
	check_nothing_changed(f, 0, FIRST_HANDLE);
	/* And the same descriptor without a fault is accepted. */
	len = faulty(F_FAULT_COUNT, &fid);
	r = send_frag(f, fid, dbuf, len, len);
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE + 1);
}

/** 1.0 layout: reserved byte 3 and word 24, attribute bit 7. */
static void test_send_format_errors_v1_0(void **state)
{
	static const unsigned int poke[] = { 3, 24, 27 };
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = share_desc(rng, 1);
	struct ffa_regs r;
	uint32_t len;
	size_t i;

	negotiate(f, FFA_VERSION_1_0);
	map_buffers(f);
	d.version = FFA_VERSION_1_0;
	for (i = 0; i < sizeof(poke) / sizeof(poke[0]); i++) {
		len = encode(dbuf, &d);
		dbuf[poke[i]] = 1;
		r = send_frag(f, FFA_MEM_SHARE_32, dbuf, len, len);
		CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	}
	d.attributes = ATTR_SHARE | 0x80;
	r = send(f, FFA_MEM_SHARE_32, &d);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* 1.0 EMAD reserved bytes 8-15. */
	d.attributes = ATTR_SHARE;
	len = encode(dbuf, &d);
	dbuf[32 + 8] = 1;
	r = send_frag(f, FFA_MEM_SHARE_32, dbuf, len, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = send(f, FFA_MEM_SHARE_32, &d);
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE);
}

/** Sender not 0: DENIED; a format error too: INVALID_PARAMETERS first. */
static void test_send_sender_denied(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = share_desc(rng, 1);
	struct ffa_regs r;

	ready(f);
	d.sender = 0x8001;
	r = send(f, FFA_MEM_SHARE_64, &d);
	CHECK_ERROR(r, FFA_DENIED);
	{
		struct desc lend = lend_desc(rng, 1);

		lend.sender = 1;
		r = send(f, FFA_MEM_LEND_64, &lend);
		CHECK_ERROR(r, FFA_DENIED);
	}
	d.handle = 1;
	r = send(f, FFA_MEM_SHARE_64, &d);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	check_nothing_changed(f, 0, FIRST_HANDLE);
}

/** Pages that are not non-secure memory, or in another transaction: DENIED. */
static void test_send_pages_denied(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 2 }, { MEM_PA + 8 * PAGE, 1 } };
	struct desc d = share_desc(rng, 2);
	struct ffa_regs r;
	uint64_t h;

	ready(f);
	/* The last page runs past the end of non-secure memory. */
	rng[1].addr = NS_BASE + NS_SIZE - PAGE;
	rng[1].pages = 2;
	r = send(f, FFA_MEM_SHARE_64, &d);
	CHECK_ERROR(r, FFA_DENIED);
	rng[1] = (struct rng){ UINT64_C(0x40000000), 1 };
	r = send(f, FFA_MEM_SHARE_64, &d);
	CHECK_ERROR(r, FFA_DENIED);
	check_nothing_changed(f, 0, FIRST_HANDLE);

	/* Already shared, lent, donated: DENIED. */
	rng[1] = (struct rng){ MEM_PA + 8 * PAGE, 1 };
	h = send_ok(f, FFA_MEM_SHARE_64, &d);
	rng[0] = (struct rng){ MEM_PA + 1 * PAGE, 1 };
	rng[1] = (struct rng){ MEM_PA + 20 * PAGE, 1 };
	r = send(f, FFA_MEM_SHARE_64, &d);
	CHECK_ERROR(r, FFA_DENIED);
	d = lend_desc(rng, 2);
	r = send(f, FFA_MEM_LEND_64, &d);
	CHECK_ERROR(r, FFA_DENIED);
	/* Covering a range of it whole, from outside. */
	rng[0] = (struct rng){ MEM_PA + 7 * PAGE, 3 };
	r = send(f, FFA_MEM_LEND_64, &d);
	CHECK_ERROR(r, FFA_DENIED);
	check_nothing_changed(f, 2, FIRST_HANDLE + 2);
	NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
	/* Free again. */
	send_ok(f, FFA_MEM_LEND_64, &d);
}

/* ---- Fragments ------------------------------------------------------------- */

/** Three fragments: FRAG_RX with the offset after each but the last, then the handle. */
static void test_frag_send(void **state)
{
	struct fixture *f = *state;
	/* Constituents 0 and 1 contiguous across a fragment boundary, 2 apart. */
	struct rng rng[] = {
		{ MEM_PA, 1 },
		{ MEM_PA + PAGE, 2 },
		{ MEM_PA + 10 * PAGE, 1 },
		{ MEM_PA + 3 * PAGE, 1 },
	};
	struct desc d = lend_desc(rng, 4);
	uint32_t len = encode(dbuf, &d);
	uint32_t first = composite_at(FFA_VERSION_1_2, 1) + 16 + 16; /* one constituent */
	struct ffa_regs r;
	struct seen s;

	ready(f);
	r = send_frag(f, FFA_MEM_LEND_64, dbuf, len, first);
	check_frag_rx(r, FIRST_HANDLE, first);
	/* The open transaction's pages are live already. */
	s = ranges_of(f);
	assert_int_equal(s.count, 1);
	CHECK_RANGE(s, 0, FIRST_HANDLE, SPMC_MEM_LEND, MEM_PA, 1);
	/* A partition cannot retrieve it yet. */
	spmc_sp_retrieve(&f->m, 0x8001, FIRST_HANDLE, &r);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);

	memcpy(ns_bytes(f, TX_PA), dbuf + first, 32);
	r = NS(f, FFA_MEM_FRAG_TX, LO(FIRST_HANDLE), HI(FIRST_HANDLE), 32);
	check_frag_rx(r, FIRST_HANDLE, first + 32);
	s = ranges_of(f);
	assert_int_equal(s.count, 2);
	CHECK_RANGE(s, 0, FIRST_HANDLE, SPMC_MEM_LEND, MEM_PA, 3);
	CHECK_RANGE(s, 1, FIRST_HANDLE, SPMC_MEM_LEND, MEM_PA + 10 * PAGE, 1);

	/* SMC32: upper halves ignored. */
	memcpy(ns_bytes(f, TX_PA), dbuf + first + 32, 16);
	r = NS(f, FFA_MEM_FRAG_TX, JUNK(LO(FIRST_HANDLE)), JUNK(HI(FIRST_HANDLE)), JUNK(16),
	       JUNK(0), JUNK(0));
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE);
	s = ranges_of(f);
	assert_int_equal(s.count, 2);
	CHECK_RANGE(s, 0, FIRST_HANDLE, SPMC_MEM_LEND, MEM_PA, 4);

	/* Complete: no more fragments. */
	r = NS(f, FFA_MEM_FRAG_TX, LO(FIRST_HANDLE), HI(FIRST_HANDLE), 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	spmc_sp_retrieve(&f->m, 0x8001, FIRST_HANDLE, &r);
	assert_int_equal(r.x[0], FFA_MEM_RETRIEVE_RESP);
}

/** A refused FRAG_TX changes nothing; the transaction stays open for a correct fragment. */
static void test_frag_tx_errors(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 2 }, { MEM_PA + 4 * PAGE, 1 }, { MEM_PA + 6 * PAGE, 1 } };
	struct rng other[] = { { MEM_PA + 30 * PAGE, 1 } };
	struct desc d = share_desc(rng, 3);
	struct desc od = share_desc(other, 1);
	uint32_t len = encode(dbuf, &d);
	uint32_t first = len - 32;
	uint8_t frag[32], bad[48];
	uint64_t h = FIRST_HANDLE, oh;
	struct ffa_regs r;
	unsigned int i;

	ready(f);
	memcpy(frag, dbuf + first, 32);
	r = send_frag(f, FFA_MEM_SHARE_64, dbuf, len, first);
	check_frag_rx(r, h, first);
	oh = send_ok(f, FFA_MEM_SHARE_64, &od);

	memcpy(ns_bytes(f, TX_PA), frag, 32);
	/* Unknown handle, a complete transaction's handle, the other half of ours. */
	r = NS(f, FFA_MEM_FRAG_TX, LO(h) + 7, HI(h), 32);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_MEM_FRAG_TX, LO(oh), HI(oh), 32);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), 0, 32);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* Length: 0, not whole constituents, more than remains, more than the TX buffer. */
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 0);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 24);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 48);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* w4: a sender ID (31:16) is a hypervisor's; 15:0 MBZ. w5-w7 MBZ. */
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 32, UINT32_C(1) << 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 32, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	for (i = 5; i <= 7; i++) {
		struct ffa_regs a = { .x = { FFA_MEM_FRAG_TX, LO(h), HI(h), 32 } };

		a.x[i] = 1;
		r = ns_call(f, a);
		CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	}

	/* Constituents: overlapping an earlier fragment's, each other's; reserved. */
	memcpy(bad, frag, 32);
	put64(bad, MEM_PA + PAGE);
	memcpy(ns_bytes(f, TX_PA), bad, 32);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 32);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	memcpy(bad, frag, 32);
	put64(bad + 16, MEM_PA + 4 * PAGE);
	memcpy(ns_bytes(f, TX_PA), bad, 32);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 32);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	memcpy(bad, frag, 32);
	bad[16 + 12] = 1;
	memcpy(ns_bytes(f, TX_PA), bad, 32);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 32);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* Pages: more than the composite's total, in a middle and in the last fragment. */
	memcpy(bad, frag, 32);
	put32(bad + 8, 2);
	memcpy(ns_bytes(f, TX_PA), bad, 32);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 32);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	memcpy(ns_bytes(f, TX_PA), frag, 16);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 16);
	check_frag_rx(r, h, first + 16);
	memcpy(ns_bytes(f, TX_PA), frag + 16, 16);
	put32(ns_bytes(f, TX_PA) + 8, 2);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* The other transaction's page; not non-secure memory: DENIED. */
	memcpy(ns_bytes(f, TX_PA), frag + 16, 16);
	put64(ns_bytes(f, TX_PA), other[0].addr);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 16);
	CHECK_ERROR(r, FFA_DENIED);
	put64(ns_bytes(f, TX_PA), UINT64_C(0x40000000));
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 16);
	CHECK_ERROR(r, FFA_DENIED);
	/* No TX buffer any more. */
	r = NS(f, FFA_RXTX_UNMAP);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	map_buffers(f);

	/* Still open, with what it had: the correct fragment completes it. */
	memcpy(ns_bytes(f, TX_PA), frag + 16, 16);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 16);
	CHECK_HANDLE_SUCCESS(r, h);
	assert_int_equal(ranges_of(f).count, 4);
}

/** The zero-memory flag of a fragmented LEND: pages of every fragment, once complete. */
static void test_frag_lend_zero(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 }, { MEM_PA + 2 * PAGE, 1 } };
	struct desc d = lend_desc(rng, 2);
	uint32_t len, first;
	struct ffa_regs r;

	ready(f);
	memset(ns_bytes(f, MEM_PA), 0x77, 3 * PAGE);
	d.flags = FFA_MEM_FLAG_ZERO_MEMORY;
	len = encode(dbuf, &d);
	first = len - 16;
	r = send_frag(f, FFA_MEM_LEND_32, dbuf, len, first);
	check_frag_rx(r, FIRST_HANDLE, first);
	/* Not yet: the transaction is not complete. */
	assert_int_equal(*ns_bytes(f, MEM_PA), 0x77);
	/* The earlier fragment's pages gone from non-secure memory: ABORTED, still open. */
	memcpy(ns_bytes(f, TX_PA), dbuf + first, 16);
	f->m.mem.ranges[0].base = UINT64_C(0x40000000);
	r = NS(f, FFA_MEM_FRAG_TX, LO(FIRST_HANDLE), HI(FIRST_HANDLE), 16);
	CHECK_ERROR(r, FFA_ABORTED);
	f->m.mem.ranges[0].base = MEM_PA;
	r = NS(f, FFA_MEM_FRAG_TX, LO(FIRST_HANDLE), HI(FIRST_HANDLE), 16);
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE);
	assert_true(all_zero(ns_bytes(f, MEM_PA), PAGE));
	assert_int_equal(*ns_bytes(f, MEM_PA + PAGE), 0x77);
	assert_true(all_zero(ns_bytes(f, MEM_PA + 2 * PAGE), PAGE));
}

/* ---- FFA_MEM_RECLAIM -------------------------------------------------------- */

/** The register rules, and the handle gone after success. */
static void test_reclaim(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = share_desc(rng, 1);
	struct ffa_regs r;
	uint64_t h;
	unsigned int i;

	ready(f);
	h = send_ok(f, FFA_MEM_SHARE_64, &d);
	/* Flags bits 31:2 MBZ; w4-w7 MBZ. */
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h), 4);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	for (i = 4; i <= 7; i++) {
		struct ffa_regs a = { .x = { FFA_MEM_RECLAIM, LO(h), HI(h) } };

		a.x[i] = 1;
		r = ns_call(f, a);
		CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	}
	/* Unknown handles: another value, FFA_HANDLE_INVALID, a hypervisor's. */
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h) + 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_MEM_RECLAIM, 0xffffffff, 0xffffffff);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h) | 0x80000000);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* Zeroing shared memory: INVALID_PARAMETERS. */
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h), FFA_MEM_RECLAIM_CLEAR);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	assert_int_equal(ranges_of(f).count, 1);
	/* SMC32 (upper halves ignored), time slicing allowed: gone. */
	r = NS(f, FFA_MEM_RECLAIM, JUNK(LO(h)), JUNK(HI(h)), JUNK(FFA_MEM_RECLAIM_TIME_SLICE),
	       JUNK(0));
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(ranges_of(f).count, 0);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* The pages can be shared again, under a new handle. */
	assert_int_equal(send_ok(f, FFA_MEM_SHARE_64, &d), h + 1);
}

/** Reclaim with the zero flag zeroes a lend's pages; ABORTED (nothing changes) if it cannot. */
static void test_reclaim_zero_lend(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 }, { MEM_PA + 2 * PAGE, 1 } };
	struct desc d = lend_desc(rng, 2);
	struct ffa_regs r;
	uint64_t h;

	ready(f);
	h = send_ok(f, FFA_MEM_LEND_64, &d);
	memset(ns_bytes(f, MEM_PA), 0x33, 3 * PAGE);
	f->plat.withdrawn = true;
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h), FFA_MEM_RECLAIM_CLEAR);
	CHECK_ERROR(r, FFA_ABORTED);
	f->plat.withdrawn = false;
	assert_int_equal(ranges_of(f).count, 2);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h), FFA_MEM_RECLAIM_CLEAR);
	CHECK_SUCCESS(r, 0, 0);
	assert_true(all_zero(ns_bytes(f, MEM_PA), PAGE));
	assert_int_equal(*ns_bytes(f, MEM_PA + PAGE), 0x33);
	assert_true(all_zero(ns_bytes(f, MEM_PA + 2 * PAGE), PAGE));
	/* Without the flag nothing is zeroed. */
	h = send_ok(f, FFA_MEM_LEND_64, &d);
	memset(ns_bytes(f, MEM_PA), 0x33, PAGE);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(*ns_bytes(f, MEM_PA), 0x33);
}

/** Retrieved and not relinquished: DENIED, nothing changes; after relinquish: success. */
static void test_reclaim_denied_while_retrieved(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = lend_desc(rng, 1);
	struct ffa_regs r;
	uint64_t h;

	ready(f);
	h = send_ok(f, FFA_MEM_LEND_64, &d);
	spmc_sp_retrieve(&f->m, 0x8001, h, &r);
	assert_int_equal(r.x[0], FFA_MEM_RETRIEVE_RESP);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
	CHECK_ERROR(r, FFA_DENIED);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h), FFA_MEM_RECLAIM_CLEAR);
	CHECK_ERROR(r, FFA_DENIED);
	assert_int_equal(ranges_of(f).count, 1);
	spmc_sp_relinquish(&f->m, 0x8001, h, &r);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(ranges_of(f).count, 0);
}

/** A donation cannot be reclaimed, retrieved or not: the caller owns it no more. */
static void test_reclaim_donate_refused(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = donate_desc(rng, 1);
	struct ffa_regs r;
	uint64_t h;
	struct seen s;

	ready(f);
	h = send_ok(f, FFA_MEM_DONATE_64, &d);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	spmc_sp_retrieve(&f->m, 0x8001, h, &r);
	assert_int_equal(r.x[0], FFA_MEM_RETRIEVE_RESP);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* The new owner has nothing to relinquish, and retrieves it once. */
	spmc_sp_relinquish(&f->m, 0x8001, h, &r);
	CHECK_ERROR(r, FFA_DENIED);
	spmc_sp_retrieve(&f->m, 0x8001, h, &r);
	CHECK_ERROR(r, FFA_DENIED);
	/* It stays a live handle: its page is donated for good. */
	s = ranges_of(f);
	assert_int_equal(s.count, 1);
	CHECK_RANGE(s, 0, h, SPMC_MEM_DONATE, MEM_PA, 1);
}

/** FFA_MEM_RECLAIM of an open transaction is its abort, whatever its kind. */
static void test_reclaim_aborts_open_transaction(void **state)
{
	static const uint64_t fids[] = { FFA_MEM_SHARE_64, FFA_MEM_LEND_32, FFA_MEM_DONATE_64 };
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 }, { MEM_PA + 2 * PAGE, 1 } };
	struct desc d;
	uint32_t len;
	struct ffa_regs r;
	uint64_t h;
	size_t i;

	ready(f);
	for (i = 0; i < 3; i++) {
		d = i == 0 ? share_desc(rng, 2) : i == 1 ? lend_desc(rng, 2) : donate_desc(rng, 2);
		len = encode(dbuf, &d);
		h = FIRST_HANDLE + i;
		r = send_frag(f, fids[i], dbuf, len, len - 16);
		check_frag_rx(r, h, len - 16);
		assert_int_equal(ranges_of(f).count, 1);
		r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
		CHECK_SUCCESS(r, 0, 0);
		assert_int_equal(ranges_of(f).count, 0);
		memcpy(ns_bytes(f, TX_PA), dbuf + len - 16, 16);
		r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 16);
		CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	}
}

/* ---- Retrieve, relinquish ----------------------------------------------------- */

/** 1.2: the response is exact, the RX buffer is given back, the retrieval recorded. */
static void test_retrieve_response_v1_2(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 2 } };
	struct desc d = share_desc(rng, 1);
	struct spmc_partition *sp;
	const uint8_t *rx;
	struct ffa_regs r;
	uint64_t h;
	unsigned int i;

	ready(f);
	d.tag = 0x1234;
	h = send_ok(f, FFA_MEM_SHARE_64, &d);
	spmc_sp_retrieve(&f->m, 0x8002, h, &r);
	check_retrieve_resp(r, 112, 112);
	sp = spmc_find_partition(&f->m, 0x8002);
	rx = sp->rx;
	/* The partition copied it out and released its RX buffer. */
	assert_int_equal(sp->rx_owner, SPMC_RX_PRODUCER);
	/* Header: sender 0, normal WB IS with the NS bit, type share, handle, tag. */
	assert_int_equal(get16(rx + 0), 0);
	assert_int_equal(get16(rx + 2), ATTR_SHARE | FFA_MEM_ATTR_NS);
	assert_int_equal(get32(rx + 4), FFA_MEM_FLAG_TYPE_SHARE);
	assert_int_equal(get64(rx + 8), h);
	assert_int_equal(get64(rx + 16), 0x1234);
	assert_int_equal(get32(rx + 24), 32);
	assert_int_equal(get32(rx + 28), 1);
	assert_int_equal(get32(rx + 32), 48);
	for (i = 36; i < 48; i++)
		assert_int_equal(rx[i], 0);
	/* EMAD: the caller, RO + NX (the relayer's answer for a share), composite at 80. */
	assert_int_equal(get16(rx + 48), 0x8002);
	assert_int_equal(rx[50], RO | NX);
	assert_int_equal(rx[51], 0);
	assert_int_equal(get32(rx + 52), 80);
	for (i = 56; i < 80; i++)
		assert_int_equal(rx[i], 0);
	/* Composite, constituent. */
	assert_int_equal(get32(rx + 80), 2);
	assert_int_equal(get32(rx + 84), 1);
	assert_int_equal(get64(rx + 88), 0);
	assert_int_equal(get64(rx + 96), MEM_PA);
	assert_int_equal(get32(rx + 104), 2);
	assert_int_equal(get32(rx + 108), 0);

	/* Once: the limit is SPMC_MAX_RETRIEVALS outstanding. */
	spmc_sp_retrieve(&f->m, 0x8002, h, &r);
	CHECK_ERROR(r, FFA_DENIED);
	spmc_sp_relinquish(&f->m, 0x8002, h, &r);
	CHECK_SUCCESS(r, 0, 0);
	spmc_sp_relinquish(&f->m, 0x8002, h, &r);
	CHECK_ERROR(r, FFA_DENIED);
	/* Again after relinquishing. */
	spmc_sp_retrieve(&f->m, 0x8002, h, &r);
	check_retrieve_resp(r, 112, 112);
	/* Not a borrower: INVALID_PARAMETERS. */
	spmc_sp_retrieve(&f->m, 0x8001, h, &r);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	spmc_sp_relinquish(&f->m, 0x8001, h, &r);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
}

static const struct spmc_config config_v1_0 = {
	.version = FFA_VERSION_1_0,
	.spmc_id = FFA_SPMC_ID_DEFAULT,
	.partitions = {
		{ .id = 0x8001, .exec_ctx_count = 1, .properties = PROPS_B, .uuid = UUID_A },
	},
	.partition_count = 1,
};

/** 1.0 model: the response in the 1.0 layout, no NS bit; a donation granted RW + NX. */
static void test_retrieve_response_v1_0(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 }, { MEM_PA + 3 * PAGE, 2 } };
	struct desc d = donate_desc(rng, 2);
	const uint8_t *rx;
	struct ffa_regs r;
	uint64_t h;

	reinit(f, &config_v1_0);
	negotiate(f, FFA_VERSION_1_0);
	map_buffers(f);
	d.version = FFA_VERSION_1_0;
	d.tag = 7;
	h = send_ok(f, FFA_MEM_DONATE_32, &d);
	/* A partition calls it itself: the response stays in its RX buffer. */
	memset(dbuf, 0, sizeof(dbuf));
	put16(dbuf + 0, 0);
	put32(dbuf + 4, FFA_MEM_FLAG_TYPE_DONATE);
	put64(dbuf + 8, h);
	put64(dbuf + 16, 7);
	put32(dbuf + 28, 1);
	put16(dbuf + 32, 0x8001);
	dbuf[34] = X;
	assert_int_equal(spmc_sp_write_tx(&f->m, 0x8001, 0, dbuf, 48), 0);
	r = SP(f, 0x8001, FFA_MEM_RETRIEVE_REQ_64, 48, 48);
	check_retrieve_resp(r, 96, 96);
	rx = spmc_find_partition(&f->m, 0x8001)->rx;
	assert_int_equal(spmc_find_partition(&f->m, 0x8001)->rx_owner, SPMC_RX_CONSUMER);
	assert_int_equal(rx[2], ATTR_SHARE); /* no NS bit in 1.0 */
	assert_int_equal(rx[3], 0);
	assert_int_equal(get32(rx + 4), FFA_MEM_FLAG_TYPE_DONATE);
	assert_int_equal(get64(rx + 8), h);
	assert_int_equal(get64(rx + 16), 7);
	assert_int_equal(get32(rx + 24), 0);
	assert_int_equal(get32(rx + 28), 1);
	assert_int_equal(get16(rx + 32), 0x8001);
	assert_int_equal(rx[34], RW | X);
	assert_int_equal(get32(rx + 36), 48);
	assert_int_equal(get64(rx + 40), 0);
	assert_int_equal(get32(rx + 48), 3);
	assert_int_equal(get32(rx + 52), 2);
	assert_int_equal(get64(rx + 64), MEM_PA);
	assert_int_equal(get32(rx + 72), 1);
	assert_int_equal(get64(rx + 80), MEM_PA + 3 * PAGE);
	assert_int_equal(get32(rx + 88), 2);
	/* FFA_FEATURES at 1.0: no NS bit property, one retrieval. */
	r = SP(f, 0x8001, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32);
	CHECK_SUCCESS(r, 0, SPMC_MAX_RETRIEVALS);
}

/* A 1.2 retrieve request for @h by @id, as spmc_sp_retrieve() writes it; returns its length. */
static uint32_t retrieve_req(uint8_t *buf, uint64_t h, uint16_t sender, uint32_t flags,
			     uint64_t tag, unsigned int nrcv, const struct rcv *rcv)
{
	unsigned int i;

	memset(buf, 0, 48 + nrcv * 32);
	put16(buf + 0, sender);
	put32(buf + 4, flags);
	put64(buf + 8, h);
	put64(buf + 16, tag);
	put32(buf + 24, 32);
	put32(buf + 28, nrcv);
	put32(buf + 32, 48);
	for (i = 0; i < nrcv; i++) {
		put16(buf + 48 + i * 32, rcv[i].id);
		buf[48 + i * 32 + 2] = rcv[i].perm;
	}
	return 48 + nrcv * 32;
}

static struct ffa_regs sp_retrieve_call(struct fixture *f, uint16_t id, const uint8_t *req,
					uint32_t len)
{
	assert_int_equal(spmc_sp_write_tx(&f->m, id, 0, req, len), 0);
	return SP(f, id, FFA_MEM_RETRIEVE_REQ_32, len, len);
}

/** Every rule of a retrieve request, each breaking one; then the good one. */
static void test_retrieve_errors(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 }, { MEM_PA + 4 * PAGE, 1 } };
	struct desc d = share_desc(rng, 2);
	struct rcv me = { 0x8002, RO };
	uint8_t req[512];
	struct ffa_regs r;
	uint32_t len, tag = 0x55;
	uint64_t h, open;
	unsigned int i;

	ready(f);
	d.tag = tag;
	h = send_ok(f, FFA_MEM_SHARE_64, &d);

	len = retrieve_req(req, h, 0, 0, tag, 1, &me);
	spmc_sp_write_tx(&f->m, 0x8002, 0, req, len);
	/* Registers: lengths equal and in the buffer, no dynamic buffer, MBZ. */
	r = SP(f, 0x8002, FFA_MEM_RETRIEVE_REQ_32, len, len - 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8002, FFA_MEM_RETRIEVE_REQ_32, 0, 0);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8002, FFA_MEM_RETRIEVE_REQ_32, PAGE + 16, PAGE + 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	for (i = 3; i <= 7; i++) {
		struct ffa_regs a = { .x = { FFA_MEM_RETRIEVE_REQ_64, len, len } };

		a.x[i] = 1;
		r = sp_call(f, 0x8002, a);
		CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	}
	r = SP(f, 0x8002, FFA_MEM_RETRIEVE_REQ_64, (UINT64_C(1) << 32) | len, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* Longer than its EMADs: receiver-chosen address ranges. */
	r = SP(f, 0x8002, FFA_MEM_RETRIEVE_REQ_32, len + 16, len + 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);

#define RETRIEVE_FAILS(code, ...)                          \
	do {                                               \
		len = retrieve_req(req, __VA_ARGS__);      \
		r = sp_retrieve_call(f, 0x8002, req, len); \
		CHECK_ERROR(r, (code));                    \
	} while (0)

	/* Handles: unknown; an open transaction's. */
	RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h + 9, 0, 0, tag, 1, &me);
	rng[0].addr = MEM_PA + 10 * PAGE;
	rng[1].addr = MEM_PA + 12 * PAGE;
	len = encode(dbuf, &d);
	r = send_frag(f, FFA_MEM_SHARE_64, dbuf, len, len - 16);
	assert_int_equal(r.x[0], FFA_MEM_FRAG_RX);
	open = ffa_handle_make((uint32_t)r.x[1], (uint32_t)r.x[2]);
	RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, open, 0, 0, tag, 1, &me);
	/* Flags: undefined bit 11, another type, hint bits without the valid bit. */
	RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, UINT32_C(1) << 11, tag, 1, &me);
	RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, FFA_MEM_FLAG_TYPE_LEND, tag, 1, &me);
	RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, 1u << FFA_MEM_FLAG_HINT_SHIFT, tag, 1, &me);
	/* Zeroing shared memory, before or after; bypass with one borrower. */
	RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, FFA_MEM_FLAG_ZERO_MEMORY, tag, 1, &me);
	RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, FFA_MEM_FLAG_ZERO_AFTER_RELINQ, tag, 1, &me);
	RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, FFA_MEM_FLAG_BYPASS_BORROWERS, tag, 1, &me);
	/* Tag. */
	RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, 0, tag + 1, 1, &me);
	/* Attributes: the NS bit is the relayer's; reserved encodings. */
	len = retrieve_req(req, h, 0, 0, tag, 1, &me);
	put16(req + 2, ATTR_SHARE | FFA_MEM_ATTR_NS);
	r = sp_retrieve_call(f, 0x8002, req, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	put16(req + 2, FFA_MEM_ATTR_TYPE_RESERVED);
	r = sp_retrieve_call(f, 0x8002, req, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	put16(req + 2, FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_INNER_SHAREABLE);
	r = sp_retrieve_call(f, 0x8002, req, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	put16(req + 2, 0x100);
	r = sp_retrieve_call(f, 0x8002, req, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* EMADs: none is the caller; two; a stranger; the caller's flag; a composite. */
	{
		struct rcv two[] = { me, { 0x8001, RO } };
		struct rcv stranger = { 0x8001, RO };

		RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, 0, tag, 2, two);
		RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, 0, tag, 1, &stranger);
	}
	len = retrieve_req(req, h, 0, 0, tag, 1, &me);
	req[48 + 3] = FFA_EMAD_FLAG_NON_RETRIEVAL_BORROWER;
	r = sp_retrieve_call(f, 0x8002, req, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	len = retrieve_req(req, h, 0, 0, tag, 1, &me);
	put32(req + 48 + 4, 80);
	r = sp_retrieve_call(f, 0x8002, req, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	len = retrieve_req(req, h, 0, 0, tag, 1, &me);
	req[48 + 24] = 1; /* EMAD reserved */
	r = sp_retrieve_call(f, 0x8002, req, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	len = retrieve_req(req, h, 0, 0, tag, 1, &me);
	req[48 + 8] = 1; /* impdef: not the sender's (0) */
	r = sp_retrieve_call(f, 0x8002, req, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* Permissions: reserved bits, reserved encodings; instruction access on a share. */
	{
		struct rcv p = me;

		p.perm = RO | 0x40;
		RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, 0, tag, 1, &p);
		p.perm = FFA_DATA_ACCESS_RESERVED;
		RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, 0, tag, 1, &p);
		p.perm = RO | NX;
		RETRIEVE_FAILS(FFA_INVALID_PARAMETERS, h, 0, 0, tag, 1, &p);
		/* DENIED: more than the sender gave. */
		p.perm = RW;
		RETRIEVE_FAILS(FFA_DENIED, h, 0, 0, tag, 1, &p);
	}
	/* DENIED: another sender; attributes above the memory's. */
	RETRIEVE_FAILS(FFA_DENIED, h, 0x8001, 0, tag, 1, &me);
	len = retrieve_req(req, h, 0, 0, tag, 1, &me);
	put16(req + 2,
	      FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_WRITE_BACK | FFA_MEM_ATTR_OUTER_SHAREABLE);
	r = sp_retrieve_call(f, 0x8002, req, len);
	CHECK_ERROR(r, FFA_DENIED);
	/* An alignment hint the pages do not meet: 1 MiB (they are 16 KiB aligned at best). */
	RETRIEVE_FAILS(FFA_DENIED, h, 0, FFA_MEM_FLAG_HINT_VALID | (8u << FFA_MEM_FLAG_HINT_SHIFT),
		       tag, 1, &me);
	assert_int_equal(spmc_find_partition(&f->m, 0x8002)->rx_owner, SPMC_RX_PRODUCER);

	/* Less is fine: device memory, non-cacheable; a hint of 4 KiB; the type named. */
	len = retrieve_req(req, h, 0, FFA_MEM_FLAG_TYPE_SHARE | FFA_MEM_FLAG_HINT_VALID, tag, 1,
			   &me);
	put16(req + 2,
	      FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_NON_CACHEABLE | FFA_MEM_ATTR_INNER_SHAREABLE);
	r = sp_retrieve_call(f, 0x8002, req, len);
	check_retrieve_resp(r, 128, 128);
	/* The attributes asked for are in the response, with the NS bit. */
	assert_int_equal(get16(spmc_find_partition(&f->m, 0x8002)->rx + 2),
			 FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_NON_CACHEABLE |
				 FFA_MEM_ATTR_INNER_SHAREABLE | FFA_MEM_ATTR_NS);
	/* The RX buffer is the partition's: another retrieval finds it BUSY. */
	{
		struct rng other[] = { { MEM_PA + 40 * PAGE, 1 } };
		struct desc od = share_desc(other, 1);
		uint64_t h2 = send_ok(f, FFA_MEM_SHARE_64, &od);

		len = retrieve_req(req, h2, 0, 0, 0, 1, &me);
		r = sp_retrieve_call(f, 0x8002, req, len);
		CHECK_ERROR(r, FFA_BUSY);
		r = SP(f, 0x8002, FFA_RX_RELEASE);
		CHECK_SUCCESS(r, 0, 0);
		r = sp_retrieve_call(f, 0x8002, req, len);
		check_retrieve_resp(r, 112, 112);
	}
#undef RETRIEVE_FAILS
}

/** Zeroing asked by a borrower: only with the sender's consent, never by a RO borrower. */
static void test_retrieve_zero_flags(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = lend_desc(rng, 1);
	struct rcv rw = { 0x8001, RW | NX }, ro = { 0x8001, RO | NX };
	const uint8_t *rx = spmc_find_partition(&f->m, 0x8001)->rx;
	uint8_t req[128];
	struct ffa_regs r;
	uint32_t len;
	uint64_t h, hz;

	ready(f);
	h = send_ok(f, FFA_MEM_LEND_64, &d);
	/* The sender did not ask for zeroing: a borrower cannot. */
	len = retrieve_req(req, h, 0, FFA_MEM_FLAG_ZERO_MEMORY, 0, 1, &rw);
	r = sp_retrieve_call(f, 0x8001, req, len);
	CHECK_ERROR(r, FFA_DENIED);
	/* RO: neither before nor after. */
	len = retrieve_req(req, h, 0, FFA_MEM_FLAG_ZERO_AFTER_RELINQ, 0, 1, &ro);
	r = sp_retrieve_call(f, 0x8001, req, len);
	CHECK_ERROR(r, FFA_DENIED);

	/* Zero after relinquish, asked when retrieving: done at FFA_MEM_RELINQUISH. */
	len = retrieve_req(req, h, 0, FFA_MEM_FLAG_ZERO_AFTER_RELINQ, 0, 1, &rw);
	r = sp_retrieve_call(f, 0x8001, req, len);
	check_retrieve_resp(r, 112, 112);
	assert_int_equal(get32(rx + 4), FFA_MEM_FLAG_TYPE_LEND);
	assert_int_equal(rx[50], RW | NX);
	SP(f, 0x8001, FFA_RX_RELEASE);
	memset(ns_bytes(f, MEM_PA), 0x42, PAGE);
	spmc_sp_relinquish(&f->m, 0x8001, h, &r);
	CHECK_SUCCESS(r, 0, 0);
	assert_true(all_zero(ns_bytes(f, MEM_PA), PAGE));

	/* A lend the sender asked to zero: the first retrieval says so (flag bit 0)... */
	rng[0].addr = MEM_PA + 4 * PAGE;
	d.flags = FFA_MEM_FLAG_ZERO_MEMORY;
	hz = send_ok(f, FFA_MEM_LEND_64, &d);
	len = retrieve_req(req, hz, 0, FFA_MEM_FLAG_ZERO_MEMORY, 0, 1, &rw);
	r = sp_retrieve_call(f, 0x8001, req, len);
	check_retrieve_resp(r, 112, 112);
	assert_int_equal(get32(rx + 4), FFA_MEM_FLAG_TYPE_LEND | FFA_MEM_FLAG_ZERO_MEMORY);
	SP(f, 0x8001, FFA_RX_RELEASE);
	spmc_sp_relinquish(&f->m, 0x8001, hz, &r);
	CHECK_SUCCESS(r, 0, 0);
	/* ...and once retrieved, zeroing before the next retrieval is malformed. */
	r = sp_retrieve_call(f, 0x8001, req, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	len = retrieve_req(req, hz, 0, 0, 0, 1, &rw);
	r = sp_retrieve_call(f, 0x8001, req, len);
	check_retrieve_resp(r, 112, 112);
	assert_int_equal(get32(rx + 4), FFA_MEM_FLAG_TYPE_LEND);
}

/** A lend to two borrowers: both retrieve (NX only), reclaim waits for both. */
static void test_retrieve_two_borrowers(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = lend_desc(rng, 1);
	uint8_t req[256];
	struct ffa_regs r;
	uint32_t len;
	uint64_t h;

	ready(f);
	d.nrcv = 2;
	d.rcv[1] = (struct rcv){ 0x8002, RO };
	h = send_ok(f, FFA_MEM_LEND_64, &d);
	/* Naming only itself without the bypass flag: the list must be the sender's. */
	{
		struct rcv me = { 0x8002, RO };
		struct rcv x_asked[] = { { 0x8001, RW | X }, { 0x8002, RO } };

		len = retrieve_req(req, h, 0, 0, 0, 1, &me);
		r = sp_retrieve_call(f, 0x8002, req, len);
		CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
		/* With the 1.2 bypass flag it may. */
		len = retrieve_req(req, h, 0, FFA_MEM_FLAG_BYPASS_BORROWERS, 0, 1, &me);
		r = sp_retrieve_call(f, 0x8002, req, len);
		check_retrieve_resp(r, 112, 112);
		assert_int_equal(spmc_find_partition(&f->m, 0x8002)->rx[50], RO | NX);
		SP(f, 0x8002, FFA_RX_RELEASE);
		/* Several borrowers: instruction access is not theirs to ask. */
		len = retrieve_req(req, h, 0, 0, 0, 2, x_asked);
		r = sp_retrieve_call(f, 0x8001, req, len);
		CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	}
	spmc_sp_retrieve(&f->m, 0x8001, h, &r);
	check_retrieve_resp(r, 112, 112);
	assert_int_equal(spmc_find_partition(&f->m, 0x8001)->rx[50], RW | NX);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
	CHECK_ERROR(r, FFA_DENIED);
	spmc_sp_relinquish(&f->m, 0x8001, h, &r);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
	CHECK_ERROR(r, FFA_DENIED);
	spmc_sp_relinquish(&f->m, 0x8002, h, &r);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_MEM_RECLAIM, LO(h), HI(h));
	CHECK_SUCCESS(r, 0, 0);
}

/* A relinquish descriptor in partition @id's TX buffer: @ep twice, whatever @count says. */
static void rel_write(struct fixture *f, uint16_t id, uint64_t handle, uint32_t flags,
		      uint32_t count, uint16_t ep)
{
	uint8_t rel[32] = { 0 };

	put64(rel, handle);
	put32(rel + 8, flags);
	put32(rel + 12, count);
	put16(rel + 16, ep);
	put16(rel + 18, ep);
	assert_int_equal(spmc_sp_write_tx(&f->m, id, 0, rel, sizeof(rel)), 0);
}

/** FFA_MEM_RELINQUISH: registers, descriptor, and who may. */
static void test_relinquish_errors(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = lend_desc(rng, 1);
	struct ffa_regs r;
	uint64_t h;

	ready(f);
	d.nrcv = 2;
	d.rcv[1] = (struct rcv){ 0x8002, RO };
	h = send_ok(f, FFA_MEM_LEND_64, &d);
	spmc_sp_retrieve(&f->m, 0x8001, h, &r);
	spmc_sp_retrieve(&f->m, 0x8002, h, &r);

#define RELINQUISH(id, handle, flags, count, ep)                      \
	do {                                                          \
		rel_write(f, (id), (handle), (flags), (count), (ep)); \
		r = SP(f, (id), FFA_MEM_RELINQUISH);                  \
	} while (0)

	rel_write(f, 0x8001, h, 0, 1, 0x8001);
	r = SP(f, 0x8001, FFA_MEM_RELINQUISH, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	RELINQUISH(0x8001, h, 0, 0, 0x8001);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	RELINQUISH(0x8001, h, 0, 2, 0x8001);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	RELINQUISH(0x8001, h, 0, 1, 0x8002);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	RELINQUISH(0x8001, h, 4, 1, 0x8001);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	RELINQUISH(0x8001, h + 1, 0, 1, 0x8001);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	RELINQUISH(0x8003, h, 0, 1, 0x8003);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* A RO borrower cannot have it zeroed. */
	RELINQUISH(0x8002, h, FFA_MEM_RELINQUISH_CLEAR, 1, 0x8002);
	CHECK_ERROR(r, FFA_DENIED);
	/* Zeroing while another borrower still maps it: not done (yet), but relinquished. */
	memset(ns_bytes(f, MEM_PA), 0x11, PAGE);
	RELINQUISH(0x8001, h, FFA_MEM_RELINQUISH_CLEAR | FFA_MEM_RELINQUISH_TIME_SLICE, 1, 0x8001);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(*ns_bytes(f, MEM_PA), 0x11);
	RELINQUISH(0x8001, h, 0, 1, 0x8001);
	CHECK_ERROR(r, FFA_DENIED);
	RELINQUISH(0x8002, h, 0, 1, 0x8002);
	CHECK_SUCCESS(r, 0, 0);
	/* The last borrower of a lend asking for it: zeroed. */
	spmc_sp_retrieve(&f->m, 0x8001, h, &r);
	RELINQUISH(0x8001, h, FFA_MEM_RELINQUISH_CLEAR, 1, 0x8001);
	CHECK_SUCCESS(r, 0, 0);
	assert_true(all_zero(ns_bytes(f, MEM_PA), PAGE));

	/* Shared memory is not zeroed on relinquish. */
	rng[0].addr = MEM_PA + 8 * PAGE;
	d = share_desc(rng, 1);
	h = send_ok(f, FFA_MEM_SHARE_64, &d);
	spmc_sp_retrieve(&f->m, 0x8002, h, &r);
	RELINQUISH(0x8002, h, FFA_MEM_RELINQUISH_CLEAR, 1, 0x8002);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	RELINQUISH(0x8002, h, 0, 1, 0x8002);
	CHECK_SUCCESS(r, 0, 0);
#undef RELINQUISH
}

/** A response larger than a partition's RX buffer, fetched fragment by fragment. */
static void test_retrieve_fragmented(void **state)
{
	struct fixture *f = *state;
	/* Every other page: 600 ranges, a 96 + 9,600-byte response: 4,096 + 4,096 + 1,504. */
	enum {
		N = 600,
		FIRST_N = 250,
		NEXT_N = PAGE / 16,
		TOTAL = 96 + N * 16
	};
	static struct rng rng[N];
	const uint8_t *rx = spmc_find_partition(&f->m, 0x8001)->rx;
	struct rcv me = { 0x8001, RW | NX };
	struct ffa_regs r, want = { 0 };
	uint32_t len, i, sent, n;
	uint8_t req[128];
	struct desc d;
	uint64_t h;
	uint8_t *big;

	big = mmap(NULL, 2 * N * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(big != MAP_FAILED);
	f->plat.extra = big;
	f->plat.extra_base = BIG_BASE;
	f->plat.extra_size = 2 * N * PAGE;
	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_RXTX_MAP_64, TX_PA, TX_PA + 3 * PAGE, 3);
	CHECK_SUCCESS(r, 0, 0);
	for (i = 0; i < N; i++)
		rng[i] = (struct rng){ BIG_BASE + 2 * i * PAGE, 1 };
	d = lend_desc(rng, N);
	len = encode(dbuf, &d);
	assert_true(len > 2 * PAGE && len <= 3 * PAGE);
	h = send_ok(f, FFA_MEM_LEND_64, &d);

	len = retrieve_req(req, h, 0, 0, 0, 1, &me);
	r = sp_retrieve_call(f, 0x8001, req, len);
	/* 96 + 250 constituents fill the first 4 KiB. */
	check_retrieve_resp(r, TOTAL, PAGE);
	assert_int_equal(get32(rx + 84), N);
	assert_int_equal(get64(rx + 96 + (FIRST_N - 1) * 16), BIG_BASE + 2 * (FIRST_N - 1) * PAGE);
	/* The RX buffer is still the partition's: BUSY. */
	r = SP(f, 0x8001, FFA_MEM_FRAG_RX, LO(h), HI(h), PAGE);
	CHECK_ERROR(r, FFA_BUSY);
	r = SP(f, 0x8001, FFA_RX_RELEASE);
	CHECK_SUCCESS(r, 0, 0);
	/* The offset must be where the copy ends; w4 MBZ; only the retriever; the right handle. */
	r = SP(f, 0x8001, FFA_MEM_FRAG_RX, LO(h), HI(h), PAGE - 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_MEM_FRAG_RX, LO(h), HI(h), PAGE, UINT32_C(0x8001) << 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8002, FFA_MEM_FRAG_RX, LO(h), HI(h), PAGE);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_MEM_FRAG_RX, LO(h) + 1, HI(h), PAGE);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);

	/* Two more fragments: FFA_MEM_FRAG_TX w1/w2 handle, w3 length; constituents only. */
	for (sent = PAGE; sent < TOTAL; sent += n) {
		uint32_t first = FIRST_N + (sent - PAGE) / 16;

		n = TOTAL - sent < PAGE ? TOTAL - sent : PAGE;
		r = SP(f, 0x8001, FFA_MEM_FRAG_RX, LO(h), HI(h), sent);
		want = (struct ffa_regs){ .x = { FFA_MEM_FRAG_TX, LO(h), HI(h), n } };
		CHECK_REGS(r, want);
		for (i = 0; i < n / 16; i++) {
			assert_int_equal(get64(rx + i * 16), BIG_BASE + 2 * (first + i) * PAGE);
			assert_int_equal(get32(rx + i * 16 + 8), 1);
			assert_int_equal(get32(rx + i * 16 + 12), 0);
		}
		r = SP(f, 0x8001, FFA_RX_RELEASE);
		CHECK_SUCCESS(r, 0, 0);
	}
	assert_int_equal(sent, TOTAL);
	assert_int_equal(n, TOTAL - 2 * PAGE);
	/* All sent: no further fragment, not even the last one again. */
	r = SP(f, 0x8001, FFA_MEM_FRAG_RX, LO(h), HI(h), TOTAL);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_MEM_FRAG_RX, LO(h), HI(h), 2 * PAGE);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	spmc_sp_relinquish(&f->m, 0x8001, h, &r);
	CHECK_SUCCESS(r, 0, 0);

	/* The partition's own loop does the same, and gives its RX buffer back. */
	spmc_sp_retrieve(&f->m, 0x8001, h, &r);
	check_retrieve_resp(r, TOTAL, PAGE);
	assert_int_equal(spmc_find_partition(&f->m, 0x8001)->rx_owner, SPMC_RX_PRODUCER);
	/* The last fragment is what it read last. */
	assert_int_equal(get64(rx), BIG_BASE + 2 * (FIRST_N + NEXT_N) * PAGE);
	/* With its RX buffer full it gets BUSY: the response is not written. */
	spmc_sp_relinquish(&f->m, 0x8001, h, &r);
	len = retrieve_req(req, h, 0, 0, 0, 1, &me);
	r = sp_retrieve_call(f, 0x8001, req, len);
	check_retrieve_resp(r, TOTAL, PAGE);
	spmc_sp_relinquish(&f->m, 0x8001, h, &r);
	spmc_sp_retrieve(&f->m, 0x8001, h, &r);
	CHECK_ERROR(r, FFA_BUSY);
	munmap(big, 2 * N * PAGE);
}

/* ---- Partitions' FFA_FEATURES ---------------------------------------------- */

static void test_sp_features(void **state)
{
	static const uint32_t plain[] = {
		FFA_ERROR,	    FFA_SUCCESS_32, FFA_SUCCESS_64,	   FFA_FEATURES,
		FFA_ID_GET,	    FFA_RX_RELEASE, FFA_MEM_RETRIEVE_RESP, FFA_MEM_FRAG_RX,
		FFA_MEM_RELINQUISH, FFA_MSG_SEND2,  FFA_NOTIFICATION_SET,
	};
	static const uint32_t absent[] = {
		FFA_MEM_SHARE_32, FFA_MEM_LEND_64, FFA_MEM_DONATE_32, FFA_MEM_RECLAIM,
		FFA_MEM_FRAG_TX,  FFA_RXTX_MAP_64, FFA_RUN,	      FFA_MEM_OP_PAUSE,
	};
	struct fixture *f = *state;
	struct ffa_regs r;
	size_t i;

	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		r = SP(f, 0x8001, FFA_FEATURES, plain[i]);
		CHECK_SUCCESS(r, 0, 0);
		/* w2 is an input for FFA_MEM_RETRIEVE_REQ only. */
		r = SP(f, 0x8001, FFA_FEATURES, plain[i], FFA_FEATURES_MEM_RETRIEVE_NS_BIT);
		CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	}
	for (i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
		r = SP(f, 0x8001, FFA_FEATURES, absent[i]);
		CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	}
	/* 1.1+: the caller must say it handles the NS bit; the answer: NS bit, the count. */
	r = SP(f, 0x8001, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = SP(f, 0x8001, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_64, FFA_FEATURES_MEM_RETRIEVE_NS_BIT);
	CHECK_SUCCESS(r, FFA_FEATURES_MEM_RETRIEVE_NS_BIT, SPMC_MAX_RETRIEVALS);
	r = SP(f, 0x8001, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32, 0xfffffffe);
	CHECK_SUCCESS(r, FFA_FEATURES_MEM_RETRIEVE_NS_BIT, SPMC_MAX_RETRIEVALS);
	r = SP(f, 0x8001, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32, FFA_FEATURES_MEM_RETRIEVE_NS_BIT,
	       1);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	/* Feature IDs: none for a partition here (the SRI is the normal world's). */
	r = SP(f, 0x8001, FFA_FEATURES, FFA_FEATURE_SRI);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	/* The normal world's view: its memory ABIs, w2 = 0, and not the partitions'. */
	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_FEATURES, FFA_MEM_DONATE_64);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_64);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
}

/* ---- Limits ---------------------------------------------------------------- */

/** SPMC_MAX_HANDLES live transactions; one more: NO_MEMORY, unless malformed. */
static void test_handle_limit(void **state)
{
	struct fixture *f = *state;
	struct rng rng[] = { { MEM_PA, 1 } };
	struct desc d = share_desc(rng, 1);
	struct ffa_regs r;
	unsigned int i;
	uint32_t len;

	ready(f);
	for (i = 0; i < SPMC_MAX_HANDLES; i++) {
		rng[0].addr = MEM_PA + i * PAGE;
		send_ok(f, FFA_MEM_SHARE_64, &d);
	}
	rng[0].addr = MEM_PA + SPMC_MAX_HANDLES * PAGE;
	r = send(f, FFA_MEM_SHARE_64, &d);
	CHECK_ERROR(r, FFA_NO_MEMORY);
	/* An open transaction needs a slot too. */
	len = encode(dbuf, &d);
	r = send_frag(f, FFA_MEM_SHARE_64, dbuf, len + 16, len);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS); /* total and count disagree: format first */
	d.handle = 1;
	r = send(f, FFA_MEM_SHARE_64, &d);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	d.handle = 0;
	d.sender = 5;
	r = send(f, FFA_MEM_SHARE_64, &d);
	CHECK_ERROR(r, FFA_DENIED);
	d.sender = 0;
	assert_int_equal(ranges_of(f).count, SPMC_MAX_HANDLES);
	r = NS(f, FFA_MEM_RECLAIM, LO(FIRST_HANDLE + 3), HI(FIRST_HANDLE + 3));
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(send_ok(f, FFA_MEM_SHARE_64, &d), FIRST_HANDLE + SPMC_MAX_HANDLES);
}

/* Big non-secure memory and a 63-page mailbox (TX at TX_PA, RX after it). */
static int setup_big(void **state)
{
	struct fixture *f;
	void *big;

	if (setup(state))
		return -1;
	f = *state;
	big = mmap(NULL, BIG_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (big == MAP_FAILED)
		return -1;
	f->plat.extra = big;
	f->plat.extra_base = BIG_BASE;
	f->plat.extra_size = BIG_SIZE;
	return 0;
}

static int teardown_big(void **state)
{
	struct fixture *f = *state;

	munmap(f->plat.extra, BIG_SIZE);
	return teardown(state);
}

static void ready_big(struct fixture *f)
{
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_RXTX_MAP_64, TX_PA, TX_PA + BIG_TX_BYTES, BIG_TX_PAGES);
	CHECK_SUCCESS(r, 0, 0);
}

/*
 * Send the @total bytes of @buf in fragments of the big TX buffer (the first
 * ending on a constituent boundary after the composite at @comp); every
 * fragment but the last answered with FRAG_RX. Return the last reply.
 */
static struct ffa_regs send_big(struct fixture *f, uint64_t fid, const uint8_t *buf, uint32_t total,
				uint32_t comp)
{
	uint32_t first = comp + 16 + (BIG_TX_BYTES - comp - 16) / 16 * 16;
	uint32_t sent, n;
	uint64_t h;
	struct ffa_regs r;

	if (first > total)
		first = total;
	r = send_frag(f, fid, buf, total, first);
	sent = first;
	if (sent == total)
		return r;
	assert_int_equal(r.x[0], FFA_MEM_FRAG_RX);
	h = ffa_handle_make((uint32_t)r.x[1], (uint32_t)r.x[2]);
	while (sent < total) {
		check_frag_rx(r, h, sent);
		n = total - sent < BIG_TX_BYTES ? total - sent : BIG_TX_BYTES;
		memcpy(ns_bytes(f, TX_PA), buf + sent, n);
		r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), n);
		sent += n;
	}
	return r;
}

/*
 * 4,096 discontiguous pages per transaction: two fit (SPMC_MAX_RANGES); a
 * third range does not (NO_MEMORY, nothing changes), until one goes.
 */
static void test_range_limit(void **state)
{
	struct fixture *f = *state;
	enum {
		N = SPMC_MAX_RANGES / 2
	};
	struct rng *rng = calloc(N, sizeof(*rng));
	uint8_t *buf = malloc(64 + 16 * (N + 1) + 256);
	struct rng extra[] = { { BIG_BASE + (UINT64_C(900) << 20), 1 } };
	struct desc d, ed = share_desc(extra, 1);
	uint64_t h[2];
	struct ffa_regs r;
	unsigned int t, i;
	uint32_t len;

	assert_non_null(rng);
	assert_non_null(buf);
	ready_big(f);
	for (t = 0; t < 2; t++) {
		for (i = 0; i < N; i++)
			rng[i] = (struct rng){
				BIG_BASE + (uint64_t)t * (64 << 20) + 2 * (uint64_t)i * PAGE, 1
			};
		d = share_desc(rng, N);
		len = encode(buf, &d);
		/* One fragment: 96 + 65,536 bytes fit the 63-page TX buffer. */
		r = send_frag(f, FFA_MEM_SHARE_64, buf, len, len);
		CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE + t);
		h[t] = FIRST_HANDLE + t;
	}
	assert_int_equal(f->m.mem.range_count, SPMC_MAX_RANGES);
	r = send(f, FFA_MEM_SHARE_64, &ed);
	CHECK_ERROR(r, FFA_NO_MEMORY);
	/* Right after the last page of the first transaction: still a new range. */
	extra[0].addr = BIG_BASE + 2 * (uint64_t)(N - 1) * PAGE + PAGE;
	r = send(f, FFA_MEM_SHARE_64, &ed);
	CHECK_ERROR(r, FFA_NO_MEMORY);
	assert_int_equal(f->m.mem.range_count, SPMC_MAX_RANGES);
	/* Every range is there, in address order. */
	{
		struct seen s = { 0 };

		spmc_mem_for_each_range(&f->m, seen_one, &s);
		assert_int_equal(s.count, SPMC_MAX_RANGES);
		CHECK_RANGE(s, 0, h[0], SPMC_MEM_SHARE, BIG_BASE, 1);
		CHECK_RANGE(s, 1, h[0], SPMC_MEM_SHARE, BIG_BASE + 2 * PAGE, 1);
	}
	/* Room again once a transaction goes. */
	r = NS(f, FFA_MEM_RECLAIM, LO(h[1]), HI(h[1]));
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->m.mem.range_count, N);
	r = send(f, FFA_MEM_SHARE_64, &ed);
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE + 2);
	free(rng);
	free(buf);
}

/** 1 GiB of one-page constituents, in fragments: one range. */
static void test_one_gib_contiguous(void **state)
{
	struct fixture *f = *state;
	enum {
		N = 262144
	};
	struct rng *rng = calloc(N, sizeof(*rng));
	uint8_t *buf = malloc(96 + 16 * (size_t)N);
	struct desc d;
	struct seen s;
	struct ffa_regs r;
	uint32_t len, i;

	assert_non_null(rng);
	assert_non_null(buf);
	ready_big(f);
	/* Backwards, to make the model sort. */
	for (i = 0; i < N; i++)
		rng[i] = (struct rng){ BIG_BASE + (uint64_t)(N - 1 - i) * PAGE, 1 };
	d = lend_desc(rng, N);
	len = encode(buf, &d);
	r = send_big(f, FFA_MEM_LEND_64, buf, len, composite_at(FFA_VERSION_1_2, 1));
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE);
	s = ranges_of(f);
	assert_int_equal(s.count, 1);
	CHECK_RANGE(s, 0, FIRST_HANDLE, SPMC_MEM_LEND, BIG_BASE, N);
	/* The response describes it with one constituent. */
	spmc_sp_retrieve(&f->m, 0x8001, FIRST_HANDLE, &r);
	check_retrieve_resp(r, 112, 112);
	spmc_sp_relinquish(&f->m, 0x8001, FIRST_HANDLE, &r);
	r = NS(f, FFA_MEM_RECLAIM, LO(FIRST_HANDLE), HI(FIRST_HANDLE));
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(ranges_of(f).count, 0);
	free(rng);
	free(buf);
}

/** A fragment needing more ranges than are free: NO_MEMORY, the transaction stays open. */
static void test_frag_tx_no_memory(void **state)
{
	struct fixture *f = *state;
	enum {
		N = SPMC_MAX_RANGES
	};
	struct rng *rng = calloc(N + 1, sizeof(*rng));
	uint8_t *buf = malloc(96 + 16 * (N + 1));
	struct desc d;
	struct ffa_regs r;
	uint32_t len, comp = composite_at(FFA_VERSION_1_2, 1), first;
	uint64_t h = FIRST_HANDLE;
	unsigned int i;

	assert_non_null(rng);
	assert_non_null(buf);
	ready_big(f);
	/* N + 1 discontiguous pages: the first fragment holds N - 1 of them. */
	for (i = 0; i <= N; i++)
		rng[i] = (struct rng){ BIG_BASE + 2 * (uint64_t)i * PAGE, 1 };
	d = share_desc(rng, N + 1);
	len = encode(buf, &d);
	first = comp + 16 + (N - 1) * 16;
	r = send_frag(f, FFA_MEM_SHARE_64, buf, len, first);
	check_frag_rx(r, h, first);
	/* The last two: one more than fits. */
	memcpy(ns_bytes(f, TX_PA), buf + first, 32);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 32);
	CHECK_ERROR(r, FFA_NO_MEMORY);
	assert_int_equal(f->m.mem.range_count, N - 1);
	/* Made contiguous with their neighbours, they fit: the count is of merged ranges. */
	put64(ns_bytes(f, TX_PA), BIG_BASE + 2 * (uint64_t)(N - 2) * PAGE + PAGE);
	put64(ns_bytes(f, TX_PA) + 16, BIG_BASE + 2 * (uint64_t)(N - 2) * PAGE + 2 * PAGE);
	r = NS(f, FFA_MEM_FRAG_TX, LO(h), HI(h), 32);
	CHECK_HANDLE_SUCCESS(r, h);
	assert_int_equal(f->m.mem.range_count, N - 1);
	free(rng);
	free(buf);
}

/* ---- The iterator ---------------------------------------------------------- */

/** Address order over every live transaction, complete or open, each with its kind. */
static void test_iterator(void **state)
{
	struct fixture *f = *state;
	struct rng a[] = { { MEM_PA + 20 * PAGE, 2 } };
	struct rng b[] = { { MEM_PA + 10 * PAGE, 1 }, { MEM_PA + 30 * PAGE, 1 } };
	struct rng c[] = { { MEM_PA, 1 }, { MEM_PA + 40 * PAGE, 4 } };
	struct desc da = share_desc(a, 1), db = lend_desc(b, 2), dc = donate_desc(c, 2);
	struct ffa_regs r;
	struct seen s;
	uint32_t len;

	ready(f);
	s = ranges_of(f);
	assert_int_equal(s.count, 0);
	send_ok(f, FFA_MEM_SHARE_64, &da);
	send_ok(f, FFA_MEM_LEND_64, &db);
	len = encode(dbuf, &dc);
	r = send_frag(f, FFA_MEM_DONATE_64, dbuf, len, len - 16);
	check_frag_rx(r, FIRST_HANDLE + 2, len - 16);
	s = ranges_of(f);
	assert_int_equal(s.count, 4);
	CHECK_RANGE(s, 0, FIRST_HANDLE + 2, SPMC_MEM_DONATE, MEM_PA, 1);
	CHECK_RANGE(s, 1, FIRST_HANDLE + 1, SPMC_MEM_LEND, MEM_PA + 10 * PAGE, 1);
	CHECK_RANGE(s, 2, FIRST_HANDLE, SPMC_MEM_SHARE, MEM_PA + 20 * PAGE, 2);
	CHECK_RANGE(s, 3, FIRST_HANDLE + 1, SPMC_MEM_LEND, MEM_PA + 30 * PAGE, 1);
	memcpy(ns_bytes(f, TX_PA), dbuf + len - 16, 16);
	r = NS(f, FFA_MEM_FRAG_TX, LO(FIRST_HANDLE + 2), HI(FIRST_HANDLE + 2), 16);
	CHECK_HANDLE_SUCCESS(r, FIRST_HANDLE + 2);
	s = ranges_of(f);
	assert_int_equal(s.count, 5);
	CHECK_RANGE(s, 4, FIRST_HANDLE + 2, SPMC_MEM_DONATE, MEM_PA + 40 * PAGE, 4);
	r = NS(f, FFA_MEM_RECLAIM, LO(FIRST_HANDLE + 1), HI(FIRST_HANDLE + 1));
	CHECK_SUCCESS(r, 0, 0);
	s = ranges_of(f);
	assert_int_equal(s.count, 3);
	CHECK_RANGE(s, 1, FIRST_HANDLE, SPMC_MEM_SHARE, MEM_PA + 20 * PAGE, 2);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
#define TB(fn) cmocka_unit_test_setup_teardown(fn, setup_big, teardown_big)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_share),
		T(test_share_32_ignores_upper_halves),
		T(test_lend_and_donate),
		T(test_send_versions),
		T(test_send_merges_ranges),
		T(test_send_accepted_variants),
		T(test_lend_zero_flag),
		T(test_handles),
		T(test_send_register_errors),
		T(test_send_format_errors),
		T(test_send_format_errors_v1_0),
		T(test_send_sender_denied),
		T(test_send_pages_denied),
		T(test_frag_send),
		T(test_frag_tx_errors),
		T(test_frag_lend_zero),
		T(test_reclaim),
		T(test_reclaim_zero_lend),
		T(test_reclaim_denied_while_retrieved),
		T(test_reclaim_donate_refused),
		T(test_reclaim_aborts_open_transaction),
		T(test_retrieve_response_v1_2),
		T(test_retrieve_response_v1_0),
		T(test_retrieve_errors),
		T(test_retrieve_zero_flags),
		T(test_retrieve_two_borrowers),
		T(test_relinquish_errors),
		T(test_retrieve_fragmented),
		T(test_sp_features),
		T(test_handle_limit),
		TB(test_range_limit),
		TB(test_one_gib_contiguous),
		TB(test_frag_tx_no_memory),
		T(test_iterator),
	};

	return cmocka_run_group_tests_name("spmc_mem", tests, NULL, NULL);
}
