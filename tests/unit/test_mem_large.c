/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Large memory transactions end to end: the host client builds and
 * fragments the descriptor, the proxy checks and transitions every page of
 * every fragment, the SPMC model keeps the transaction; plat/sim holds the
 * page states and checks its invariants.
 *
 *  - 1,024 discontiguous one-page constituents (every other page) through
 *    five fragments of a one-page TX buffer: every page shared, every gap
 *    page the host's, then all back with one RECLAIM;
 *  - 262,144 contiguous one-page constituents, 1 GiB, through 65 fragments
 *    of a 16-page TX buffer (the proxy merges them into one record entry);
 *  - the secure world failing the middle fragment: the proxy aborts the
 *    transaction and every page is the host's again;
 *  - the secure world refusing that abort as well: the pages of the earlier
 *    fragments stay out of the host's reach until a later RECLAIM;
 *  - a fragmented share at FF-A 1.0 and 1.1 with the SMC32 calls.
 *
 * Links the whole chain: host client, proxy, SPMC model, simulation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ffa_host.h"
#include "sim.h"

#define SP_ID 0x8001
/* The sparse case: 1,024 pages at every other page from 1 MiB into RAM. */
#define SPARSE_COUNT 1024u
#define SPARSE_OFFSET UINT64_C(0x100000)
/* Its descriptor: 96 bytes (1.2) + 1,024 * 16; fragments of 250, 256, 256, 256, 6. */
#define SPARSE_FRAGMENTS 5u
/* The contiguous case: 1 GiB of one-page constituents after 1 MiB of RAM for the buffers. */
#define CONTIG_COUNT 262144u
#define CONTIG_OFFSET UINT64_C(0x100000)
#define CONTIG_RAM_SIZE ((UINT64_C(1) << 30) + UINT64_C(0x200000))
#define CONTIG_MBOX_PAGES 16u
/* (262,144 * 16 + 96) bytes in 64 KiB fragments. */
#define CONTIG_FRAGMENTS 65u

struct large {
	struct sim *s;
	struct ffah h;
	struct ffa_mem_range *ranges;
	uint32_t count;
	/*
	 * From the trace: host calls of each kind (the function ID of the last
	 * FFA_MEM_SHARE), and the handle the first FRAG_RX named.
	 */
	unsigned int mem_calls;
	uint32_t mem_fid;
	unsigned int frag_tx_calls;
	uint64_t frag_rx_handle;
};

static void count_calls(void *arg, const struct sim_trace_event *ev)
{
	struct large *l = arg;
	uint32_t fid = ev->regs ? ffa_w(ev->regs, 0) : 0;

	if (ev->hop != SIM_HOP_HOST_PROXY)
		return;
	if (!ev->is_reply) {
		if ((fid & SMCCC_FNUM_MASK) == FFA_FNUM_MEM_SHARE) {
			l->mem_calls++;
			l->mem_fid = fid;
		} else if (fid == FFA_MEM_FRAG_TX) {
			l->frag_tx_calls++;
		}
		return;
	}
	if (fid == FFA_MEM_FRAG_RX && !l->frag_rx_handle)
		l->frag_rx_handle = ffa_handle_make(ffa_w(ev->regs, 1), ffa_w(ev->regs, 2));
}

static void assert_invariants_hold(struct sim *s)
{
	char why[256] = "";

	if (sim_check_invariants(s, why, sizeof(why)))
		fail_msg("invariant broken: %s", why);
}

/*
 * A world with @ram_size of host RAM and @mbox_pages in each mailbox; the
 * host negotiates 1.2, maps @mbox_pages at the start of RAM and finds the
 * 64-bit memory calls, as its probe would. large_world_at() negotiates
 * @version instead of 1.2.
 */
static struct large *large_world_at(void **state, uint64_t ram_size, uint32_t mbox_pages,
				    uint32_t version)
{
	struct large *l = calloc(1, sizeof(*l));
	struct ffah_buffers bufs;
	struct fv_world w;
	char err[256];

	assert_non_null(l);
	/* Freed by teardown() even when an assertion ends the test early. */
	*state = l;
	l->s = sim_create();
	assert_non_null(l->s);
	fv_world_default(&w);
	w.mem_size = ram_size;
	w.mbox_pages = mbox_pages;
	if (sim_world_start(l->s, &w, err, sizeof(err)))
		fail_msg("world: %s", err);
	sim_set_trace(l->s, count_calls, l);

	bufs.tx_pa = l->s->ram_base;
	bufs.rx_pa = l->s->ram_base + (uint64_t)mbox_pages * FFA_PAGE_SIZE;
	bufs.tx = sim_host_ptr(l->s, bufs.tx_pa, (uint64_t)mbox_pages * FFA_PAGE_SIZE);
	bufs.rx = sim_host_ptr(l->s, bufs.rx_pa, (uint64_t)mbox_pages * FFA_PAGE_SIZE);
	bufs.pages = mbox_pages;
	ffah_init(&l->h, sim_ffah_plat(l->s), &bufs);
	assert_int_equal(ffah_version(&l->h, version, NULL), 0);
	assert_int_equal(ffah_id_get(&l->h, NULL), 0);
	assert_int_equal(ffah_rxtx_map_pages(&l->h, mbox_pages), 0);
	assert_int_equal(ffah_features(&l->h, FFA_MEM_SHARE_64, NULL, NULL), 0);
	l->h.features |= FFAH_FEAT_MEM_OPS_64;
	return l;
}

static struct large *large_world(void **state, uint64_t ram_size, uint32_t mbox_pages)
{
	return large_world_at(state, ram_size, mbox_pages, FFA_VERSION_1_2);
}

static int teardown(void **state)
{
	struct large *l = *state;

	if (l) {
		sim_destroy(l->s);
		free(l->ranges);
		free(l);
	}
	return 0;
}

/* @count one-page constituents from @base, @stride pages apart. */
static void make_ranges(struct large *l, uint64_t base, uint32_t count, uint32_t stride)
{
	uint32_t i;

	l->ranges = calloc(count, sizeof(*l->ranges));
	assert_non_null(l->ranges);
	for (i = 0; i < count; i++) {
		l->ranges[i].address = base + (uint64_t)i * stride * FFA_PAGE_SIZE;
		l->ranges[i].page_count = 1;
	}
	l->count = count;
}

/*
 * Every page of the constituents is in @want, and every page between two
 * constituents is the host's. Checked page by page, the first wrong one
 * named.
 */
static void assert_pages(struct large *l, enum fv_page_state want)
{
	uint64_t first = l->ranges[0].address;
	uint64_t last = l->ranges[l->count - 1].address;
	uint64_t pa;
	uint32_t next = 0;

	for (pa = first; pa <= last; pa += FFA_PAGE_SIZE) {
		enum fv_page_state st = sim_page_state(l->s, pa);
		enum fv_page_state expect = FV_PAGE_HOST;

		if (next < l->count && l->ranges[next].address == pa) {
			expect = want;
			next++;
		}
		if (st != expect)
			fail_msg("page 0x%llx is in state %d, not %d", (unsigned long long)pa, st,
				 expect);
	}
	assert_int_equal(next, l->count);
}

/* The proxy keeps no transaction and has every record entry free again. */
static void assert_proxy_record_empty(struct large *l)
{
	unsigned int i;

	for (i = 0; i < FFAP_MAX_TRANSACTIONS; i++)
		assert_int_equal(l->s->proxy.mem[i].state, FFAP_MEM_TX_FREE);
	assert_int_equal(l->s->proxy.free_range_count, SIM_PROXY_RANGES);
}

static const struct ffah_mem_receiver receiver = { SP_ID, FFA_DATA_ACCESS_RW };

static void test_sparse_share_1024_ranges_fragments_reclaim(void **state)
{
	struct large *l = large_world(state, UINT64_C(64) << 20, 1);
	uint64_t handle = 0;

	make_ranges(l, l->s->ram_base + SPARSE_OFFSET, SPARSE_COUNT, 2);
	assert_pages(l, FV_PAGE_HOST);

	assert_int_equal(ffah_mem_share(&l->h, &receiver, 1, l->ranges, l->count, &handle), 0);
	assert_int_equal(l->mem_calls, 1);
	assert_int_equal(l->mem_fid, FFA_MEM_SHARE_64);
	assert_int_equal(l->frag_tx_calls, SPARSE_FRAGMENTS - 1);
	assert_int_equal(l->frag_rx_handle, handle);
	assert_pages(l, FV_PAGE_SHARED);
	assert_invariants_hold(l->s);
	/* Discontiguous: one record entry per constituent. */
	assert_int_equal(l->s->proxy.free_range_count, SIM_PROXY_RANGES - SPARSE_COUNT);

	assert_int_equal(ffah_mem_reclaim(&l->h, handle, 0), 0);
	assert_pages(l, FV_PAGE_HOST);
	assert_invariants_hold(l->s);
	assert_proxy_record_empty(l);
}

static void test_contiguous_1gib_share_reclaim(void **state)
{
	struct large *l = large_world(state, CONTIG_RAM_SIZE, CONTIG_MBOX_PAGES);
	uint64_t handle = 0;

	make_ranges(l, l->s->ram_base + CONTIG_OFFSET, CONTIG_COUNT, 1);
	assert_int_equal(ffah_mem_share(&l->h, &receiver, 1, l->ranges, l->count, &handle), 0);
	assert_int_equal(l->frag_tx_calls, CONTIG_FRAGMENTS - 1);
	assert_pages(l, FV_PAGE_SHARED);
	assert_invariants_hold(l->s);
	/* Contiguous constituents merge: the whole GiB is one record entry. */
	assert_int_equal(l->s->proxy.free_range_count, SIM_PROXY_RANGES - 1);

	assert_int_equal(ffah_mem_reclaim(&l->h, handle, 0), 0);
	assert_pages(l, FV_PAGE_HOST);
	assert_invariants_hold(l->s);
	assert_proxy_record_empty(l);
}

static void test_fault_in_middle_fragment_returns_every_page(void **state)
{
	struct large *l = large_world(state, UINT64_C(64) << 20, 1);
	const struct ffa_regs *calls;
	uint64_t handle = 0;
	size_t n;

	make_ranges(l, l->s->ram_base + SPARSE_OFFSET, SPARSE_COUNT, 2);
	/*
	 * One secure call per fragment: the third is the middle fragment's
	 * FFA_MEM_FRAG_TX, refused as if the secure world ran out of memory.
	 */
	assert_int_equal(fv_plat_fail_secure(sim_fv_plat(l->s), 3, FFA_NO_MEMORY), 0);
	assert_int_equal(ffah_mem_share(&l->h, &receiver, 1, l->ranges, l->count, &handle),
			 FFA_NO_MEMORY);
	assert_int_equal(handle, 0);
	/* The client sent nothing after the refused fragment. */
	assert_int_equal(l->frag_tx_calls, 2);

	/* The proxy aborted the transaction with the handle the first FRAG_RX named. */
	n = fv_plat_secure_calls(sim_fv_plat(l->s), &calls);
	assert_int_equal(n, 2);
	assert_int_equal(ffa_w(&calls[0], 0), FFA_MEM_FRAG_TX);
	assert_int_equal(ffa_w(&calls[1], 0), FFA_MEM_RECLAIM);
	assert_int_equal(ffa_handle_make(ffa_w(&calls[1], 1), ffa_w(&calls[1], 2)),
			 l->frag_rx_handle);

	assert_pages(l, FV_PAGE_HOST);
	assert_invariants_hold(l->s);
	assert_proxy_record_empty(l);
	/* The secure world forgot the handle too. */
	assert_int_equal(ffah_mem_reclaim(&l->h, l->frag_rx_handle, 0), FFA_INVALID_PARAMETERS);
}

static void test_refused_abort_keeps_earlier_fragments_until_reclaim(void **state)
{
	struct large *l = large_world(state, UINT64_C(64) << 20, 1);
	/* Constituents of the first two fragments: 250 + 256. */
	const uint32_t earlier = 250 + 256;
	uint64_t handle = 0;
	uint32_t i;

	make_ranges(l, l->s->ram_base + SPARSE_OFFSET, SPARSE_COUNT, 2);
	/* The middle fragment fails, then so does the proxy's abort of the transaction. */
	assert_int_equal(fv_plat_fail_secure(sim_fv_plat(l->s), 3, FFA_NO_MEMORY), 0);
	assert_int_equal(fv_plat_fail_secure(sim_fv_plat(l->s), 4, FFA_DENIED), 0);
	assert_int_equal(ffah_mem_share(&l->h, &receiver, 1, l->ranges, l->count, &handle),
			 FFA_ABORTED);

	/* Policy §5: the secure world may still map the earlier fragments' pages. */
	for (i = 0; i < l->count; i++)
		assert_int_equal(sim_page_state(l->s, l->ranges[i].address),
				 i < earlier ? FV_PAGE_SHARED : FV_PAGE_HOST);
	assert_invariants_hold(l->s);

	/* A later RECLAIM of the handle aborts it for good: every page comes back. */
	assert_int_equal(ffah_mem_reclaim(&l->h, l->frag_rx_handle, 0), 0);
	assert_pages(l, FV_PAGE_HOST);
	assert_invariants_hold(l->s);
	assert_proxy_record_empty(l);
}

/*
 * The older layouts end to end: at FF-A 1.0 (32-byte header, 16-byte access
 * descriptors) and 1.1 (48-byte header) the client lays the descriptor out
 * as the proxy reads it, and the SMC32 calls fragment the same way.
 */
static void share_older_version(void **state, uint32_t version)
{
	struct large *l = large_world_at(state, UINT64_C(64) << 20, 1, version);
	/* More than one page of constituents: two fragments at either layout. */
	const uint32_t count = 300;
	uint64_t handle = 0;

	l->h.features = 0;
	make_ranges(l, l->s->ram_base + SPARSE_OFFSET, count, 2);
	assert_int_equal(ffah_mem_share(&l->h, &receiver, 1, l->ranges, l->count, &handle), 0);
	assert_int_equal(l->mem_calls, 1);
	assert_int_equal(l->mem_fid, FFA_MEM_SHARE_32);
	assert_int_equal(l->frag_tx_calls, 1);
	assert_pages(l, FV_PAGE_SHARED);
	assert_invariants_hold(l->s);
	assert_int_equal(ffah_mem_reclaim(&l->h, handle, 0), 0);
	assert_pages(l, FV_PAGE_HOST);
	assert_invariants_hold(l->s);
	assert_proxy_record_empty(l);
}

static void test_share_at_1_0_smc32(void **state)
{
	share_older_version(state, FFA_VERSION_1_0);
}

static void test_share_at_1_1_smc32(void **state)
{
	share_older_version(state, FFA_VERSION_1_1);
}

#define T(fn) cmocka_unit_test_teardown(fn, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sparse_share_1024_ranges_fragments_reclaim),
		T(test_contiguous_1gib_share_reclaim),
		T(test_fault_in_middle_fragment_returns_every_page),
		T(test_refused_abort_keeps_earlier_fragments_until_reclaim),
		T(test_share_at_1_0_smc32),
		T(test_share_at_1_1_smc32),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
