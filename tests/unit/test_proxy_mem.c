/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Unit tests of the proxy core's memory rows (policy §5, docs/decisions.md
 * D17-D22) against a scripted secure world and a page-state platform.
 *
 * The platform hooks are this file's own (the simulation platform is not
 * linked):
 * - the scripted secure world: each call the proxy makes must equal the next
 *   scripted call in all 18 registers, and may also have to carry exact bytes
 *   in the proxy's TX buffer; a call nobody scripted fails the test;
 * - host RAM of PAGE_COUNT pages at RAM_PA, each with an ownership state;
 *   ffap_plat_host_transition() is all or nothing as platform.h says, refuses
 *   anything outside that RAM, and records every call it gets;
 * - the host's mailbox, pinned at pages outside that RAM;
 * - a lock that fails the test when taken recursively or released unheld; it
 *   must be free after every host call and at the end of every test.
 *
 * Tests are named after the rule they check: a decision Dn of
 * docs/decisions.md or a row of docs/policy.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <ffaproxy/ffa_desc.h>
#include <ffaproxy/proxy.h>

#include "regs_assert.h"

#include "proxy_private.h" /* ffap_mem_init(), to give the proxy a smaller range pool */

/* ---- the test platform ------------------------------------------------------------------ */

#define RAM_PA UINT64_C(0x80000000)
#define PAGE_COUNT 64u
#define HOST_TX_PA UINT64_C(0x10000000)
#define HOST_RX_PA UINT64_C(0x10100000)
#define PROXY_TX_PA UINT64_C(0x40000000)
#define PROXY_RX_PA UINT64_C(0x40100000)
#define MBOX_PAGES 63u
#define MBOX_BYTES (MBOX_PAGES * FFA_PAGE_SIZE)
#define SCRIPT_MAX 32u
#define TRANSITION_MAX 64u
#define RANGE_POOL 16u

#define SP_ID UINT16_C(0x8001)
#define HANDLE_A UINT64_C(0x0000abcd00001234)
#define HANDLE_B UINT64_C(0x0000abcd00005678)

/* Pages of the test RAM. */
#define PAGE_A 1u
#define PAGE_A2 3u
#define PAGE_B 5u
#define PAGE_C 7u

struct scripted_call {
	struct ffa_regs expect; /* what the proxy must send, all 18 registers */
	struct ffa_regs reply;
	const void *tx_bytes; /* when set: the proxy's TX buffer must start with these */
	size_t tx_len;
	int line; /* where the test scripted it */
};

struct transition {
	uint64_t pa;
	uint64_t pages;
	enum ffap_page_state from;
	enum ffap_page_state to;
	int result;
};

struct ffap_plat {
	struct scripted_call script[SCRIPT_MAX];
	unsigned int script_len;
	unsigned int script_next;
	unsigned int secure_calls;
	bool require_lock; /* set after set-up: memory calls are made under the lock */

	enum ffap_page_state page[PAGE_COUNT];
	struct transition transitions[TRANSITION_MAX];
	unsigned int transition_count;

	bool locked;
	bool lock_recursion;
	unsigned int lock_count;
	unsigned int unlock_count;

	/* A hook failed the test: the proxy was abandoned inside a call, lock and all. */
	bool hook_failed;
};

static struct ffap_plat world;
static struct ffap proxy;
static struct ffap_mem_range range_pool[RANGE_POOL];

static _Alignas(4096) uint8_t host_tx[MBOX_BYTES];
static _Alignas(4096) uint8_t host_rx[MBOX_BYTES];
static _Alignas(4096) uint8_t proxy_tx[MBOX_BYTES];
static _Alignas(4096) uint8_t proxy_rx[MBOX_BYTES];

#define hook_fail_msg(...)                \
	do {                              \
		world.hook_failed = true; \
		fail_msg(__VA_ARGS__);    \
	} while (0)

static uint64_t page_pa(unsigned int page)
{
	return RAM_PA + (uint64_t)page * FFA_PAGE_SIZE;
}

void ffap_plat_secure_call(struct ffap_plat *plat, struct ffa_regs *regs)
{
	struct scripted_call *s;

	if (plat != &world)
		hook_fail_msg("secure call with a platform context the proxy was not given");
	plat->secure_calls++;
	if (plat->script_next == plat->script_len) {
		dump_regs(regs, regs);
		hook_fail_msg("secure call x0 = 0x%llx that the test did not script",
			      (unsigned long long)regs->x[0]);
	}
	s = &plat->script[plat->script_next++];
	plat->hook_failed = true; /* until the call matches */
	if (plat->require_lock && !plat->locked)
		fail_msg("line %d: memory call to the secure world without the lock", s->line);
	check_regs(regs, &s->expect, "secure call scripted", s->line);
	if (s->tx_bytes && memcmp(proxy_tx, s->tx_bytes, s->tx_len))
		fail_msg("line %d: the descriptor in the proxy's TX buffer is not the host's",
			 s->line);
	plat->hook_failed = false;
	*regs = s->reply;
}

int ffap_plat_host_transition(struct ffap_plat *plat, uint64_t pa, uint64_t pages,
			      enum ffap_page_state from, enum ffap_page_state to)
{
	uint64_t first, i;
	int result = 0;

	if (!plat->locked)
		hook_fail_msg("ffap_plat_host_transition() called without the proxy's lock");
	if (plat->transition_count == TRANSITION_MAX)
		hook_fail_msg("too many page transitions");
	if (!pages || pa < RAM_PA || (pa - RAM_PA) % FFA_PAGE_SIZE) {
		result = FFA_DENIED;
	} else {
		first = (pa - RAM_PA) / FFA_PAGE_SIZE;
		if (first >= PAGE_COUNT || pages > PAGE_COUNT - first)
			result = FFA_DENIED;
		for (i = 0; !result && i < pages; i++)
			if (plat->page[first + i] != from)
				result = FFA_DENIED;
		for (i = 0; !result && i < pages; i++)
			plat->page[first + i] = to;
	}
	plat->transitions[plat->transition_count++] =
		(struct transition){ pa, pages, from, to, result };
	return result;
}

int ffap_plat_host_pin(struct ffap_plat *plat, uint64_t pa, uint64_t pages, void **va)
{
	if (!plat->locked)
		hook_fail_msg("ffap_plat_host_pin() called without the proxy's lock");
	if (pages > MBOX_PAGES)
		return FFA_INVALID_PARAMETERS;
	if (pa == HOST_TX_PA)
		*va = host_tx;
	else if (pa == HOST_RX_PA)
		*va = host_rx;
	else
		return FFA_INVALID_PARAMETERS;
	return 0;
}

void ffap_plat_host_unpin(struct ffap_plat *plat, uint64_t pa, uint64_t pages)
{
	(void)pa;
	(void)pages;
	if (!plat->locked)
		hook_fail_msg("ffap_plat_host_unpin() called without the proxy's lock");
}

void ffap_plat_lock(struct ffap_plat *plat)
{
	if (plat->locked) {
		plat->lock_recursion = true;
		hook_fail_msg("the proxy's lock was taken while held (recursion)");
	}
	plat->locked = true;
	plat->lock_count++;
}

void ffap_plat_unlock(struct ffap_plat *plat)
{
	if (!plat->locked)
		hook_fail_msg("the proxy's lock was released while not held");
	plat->locked = false;
	plat->unlock_count++;
}

void ffap_plat_log(struct ffap_plat *plat, enum ffap_log_level level, const char *what,
		   uint64_t value)
{
	(void)plat;
	(void)level;
	(void)value;
	if (!what)
		hook_fail_msg("log message without text");
}

/* ---- the script --------------------------------------------------------------------------- */

#define REGS(...) ((struct ffa_regs){ .x = { __VA_ARGS__ } })
#define ERR(code) REGS(FFA_ERROR, 0, (uint32_t)(code))
#define OK32 REGS(FFA_SUCCESS_32)
#define HLO(h) ((uint32_t)(h))
#define HHI(h) ((uint32_t)((h) >> 32))
/* FFA_SUCCESS of the last fragment: w2/w3 the handle. */
#define SEND_OK(h) REGS(FFA_SUCCESS_32, 0, HLO(h), HHI(h))
/* FFA_MEM_FRAG_RX: w1/w2 the handle, w3 the bytes received so far. */
#define FRAG_RX(h, offset) REGS(FFA_MEM_FRAG_RX, HLO(h), HHI(h), (offset))
#define FRAG_TX(h, len) REGS(FFA_MEM_FRAG_TX, HLO(h), HHI(h), (len))
#define RECLAIM(h) REGS(FFA_MEM_RECLAIM, HLO(h), HHI(h))

#define expect_secure(call, reply) script_call(__LINE__, (call), (reply), NULL, 0)
#define expect_secure_tx(call, reply, bytes, len) \
	script_call(__LINE__, (call), (reply), (bytes), (len))
#define host_expect(call, reply) host_expect_at(__LINE__, (call), (reply))

static void script_call(int line, struct ffa_regs call, struct ffa_regs reply, const void *bytes,
			size_t len)
{
	if (world.script_len == SCRIPT_MAX)
		fail_msg("line %d: script full", line);
	world.script[world.script_len++] = (struct scripted_call){
		.expect = call, .reply = reply, .tx_bytes = bytes, .tx_len = len, .line = line
	};
}

static void host_expect_at(int line, struct ffa_regs call, struct ffa_regs reply)
{
	struct ffa_regs r = call;

	if (!ffap_handle_call(&proxy, &r))
		fail_msg("line %d: x0 = 0x%llx not handled as FF-A", line,
			 (unsigned long long)call.x[0]);
	if (world.locked)
		fail_msg("line %d: ffap_handle_call() returned with the proxy's lock held", line);
	check_regs(&r, &reply, "host reply", line);
	if (world.script_next != world.script_len)
		fail_msg("line %d: secure call scripted at line %d was not made", line,
			 world.script[world.script_next].line);
}

static void assert_page(unsigned int page, enum ffap_page_state state)
{
	if (world.page[page] != state)
		fail_msg("page %u is in state %d, expected %d", page, world.page[page], state);
}

/* Transition number @n (0-based) was exactly this one, and succeeded. */
static void assert_transition(unsigned int n, unsigned int page, uint64_t pages,
			      enum ffap_page_state from, enum ffap_page_state to)
{
	const struct transition *t = &world.transitions[n];

	if (n >= world.transition_count)
		fail_msg("transition %u never happened (%u so far)", n, world.transition_count);
	if (t->pa != page_pa(page) || t->pages != pages || t->from != from || t->to != to ||
	    t->result)
		fail_msg("transition %u: 0x%llx +%llu %d->%d (result %d), expected page %u +%llu "
			 "%d->%d",
			 n, (unsigned long long)t->pa, (unsigned long long)t->pages, t->from, t->to,
			 t->result, page, (unsigned long long)pages, from, to);
}

static void assert_receivers_seen_clear(void)
{
	size_t i;

	for (i = 0; i < sizeof(proxy.receivers_seen) / sizeof(proxy.receivers_seen[0]); i++)
		if (proxy.receivers_seen[i])
			fail_msg("receivers_seen[%zu] = 0x%016llx after the call, expected 0", i,
				 (unsigned long long)proxy.receivers_seen[i]);
}

/* ---- fixtures ------------------------------------------------------------------------------ */

static int setup(void **state)
{
	struct ffap_config cfg = {
		.plat = &world,
		.tx = proxy_tx,
		.rx = proxy_rx,
		.tx_pa = PROXY_TX_PA,
		.rx_pa = PROXY_RX_PA,
		.mbox_pages = MBOX_PAGES,
		.ranges = range_pool,
		.range_count = RANGE_POOL,
	};

	(void)state;
	memset(&world, 0, sizeof(world));
	memset(&proxy, 0xa5, sizeof(proxy));
	memset(host_tx, 0, sizeof(host_tx));
	memset(proxy_tx, 0, sizeof(proxy_tx));
	memset(range_pool, 0xa5, sizeof(range_pool));

	expect_secure(REGS(FFA_VERSION, FFA_VERSION_1_2), REGS(FFA_VERSION_1_2));
	assert_int_equal(ffap_init(&proxy, &cfg), 0);
	expect_secure(REGS(FFA_ID_GET), REGS(FFA_SUCCESS_32, 0, FFA_HOST_ID));
	expect_secure(REGS(FFA_FEATURES, FFA_RXTX_MAP_64),
		      REGS(FFA_SUCCESS_32, 0, FFA_RXTX_MAP_MIN_SIZE_4K));
	host_expect(REGS(FFA_VERSION, FFA_VERSION_1_2), REGS(FFA_VERSION_1_2));
	expect_secure(REGS(FFA_RXTX_MAP_64, PROXY_TX_PA, PROXY_RX_PA, MBOX_PAGES), OK32);
	host_expect(REGS(FFA_RXTX_MAP_64, HOST_TX_PA, HOST_RX_PA, MBOX_PAGES), OK32);
	world.secure_calls = 0;
	world.require_lock = true;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (world.lock_recursion)
		fail_msg("the proxy's lock was taken recursively during the test");
	if (world.hook_failed)
		return 0;
	if (world.locked)
		fail_msg("the proxy's lock is still held at the end of the test");
	if (world.lock_count != world.unlock_count)
		fail_msg("lock taken %u times, released %u times", world.lock_count,
			 world.unlock_count);
	if (world.script_next != world.script_len)
		fail_msg("secure call scripted at line %d was never made",
			 world.script[world.script_next].line);
	return 0;
}

/* ---- descriptors --------------------------------------------------------------------------- */

/* FF-A 1.2 layout: header 48, EMADs of 32 from offset 48, the composite after them. */
#define HEADER_SIZE ((uint32_t)sizeof(struct ffa_mem_region))
#define EMAD_SIZE ((uint32_t)sizeof(struct ffa_mem_access))
#define COMPOSITE_SIZE ((uint32_t)sizeof(struct ffa_composite_mem_region))
#define RANGE_SIZE ((uint32_t)sizeof(struct ffa_mem_range))

/* Where the constituents start for @emads EMADs. */
static uint32_t cons_offset(uint32_t emads)
{
	return HEADER_SIZE + emads * EMAD_SIZE + COMPOSITE_SIZE;
}

/*
 * Write into the host's TX buffer a descriptor with @emads receivers (IDs from @ids, or
 * SP_ID), @total_pages in the composite, @ncons constituents of which @nwrite from @cons
 * are in this first fragment. Returns the descriptor's total length (w1).
 */
static uint32_t write_desc(uint16_t attributes, const uint16_t *ids, uint32_t emads,
			   uint32_t total_pages, uint32_t ncons, const struct ffa_mem_range *cons,
			   uint32_t nwrite)
{
	struct ffa_mem_region h = {
		.sender_id = FFA_HOST_ID,
		.attributes = attributes,
		.emad_size = EMAD_SIZE,
		.emad_count = emads,
		.emad_offset = HEADER_SIZE,
	};
	struct ffa_composite_mem_region c = { .total_page_count = total_pages,
					      .constituent_count = ncons };
	uint32_t composite = HEADER_SIZE + emads * EMAD_SIZE, i;

	assert_true(cons_offset(emads) + nwrite * RANGE_SIZE <= MBOX_BYTES);
	memcpy(host_tx, &h, sizeof(h));
	for (i = 0; i < emads; i++) {
		struct ffa_mem_access a = {
			.receiver_id = ids ? ids[i] : SP_ID,
			.permissions = FFA_DATA_ACCESS_RW,
			.composite_offset = composite,
		};

		memcpy(host_tx + HEADER_SIZE + i * EMAD_SIZE, &a, sizeof(a));
	}
	memcpy(host_tx + composite, &c, sizeof(c));
	memcpy(host_tx + cons_offset(emads), cons, (size_t)nwrite * RANGE_SIZE);
	return cons_offset(emads) + ncons * RANGE_SIZE;
}

static struct ffa_mem_range cons_of(unsigned int page, uint32_t pages)
{
	return (struct ffa_mem_range){ .address = page_pa(page), .page_count = pages };
}

/* A complete one-page LEND of @page, answered with @reply. */
static uint32_t write_lend_one(unsigned int page)
{
	struct ffa_mem_range c = cons_of(page, 1);

	return write_desc(0, NULL, 1, 1, 1, &c, 1);
}

/* LEND @page, the secure world accepts it under @handle. */
static void lend_one(unsigned int page, uint64_t handle)
{
	uint32_t total = write_lend_one(page);

	expect_secure(REGS(FFA_MEM_LEND_32, total, total), SEND_OK(handle));
	host_expect(REGS(FFA_MEM_LEND_32, total, total), SEND_OK(handle));
	assert_page(page, FFAP_PAGE_LENT);
}

/* ---- D17/D22: a stuck transaction's handle reused --------------------------------------- */

/*
 * Policy §5 (FFA_MEM_FRAG_TX): a failed fragment aborts the transaction; when the
 * secure world refuses the abort, the earlier pages stay lent. When it later hands out
 * the same handle for a new transaction, it has forgotten the stuck one: the proxy gives
 * those pages back and keeps the new transaction under the handle.
 */
static void test_d22_stuck_handle_reused_releases_stuck_pages(void **state)
{
	struct ffa_mem_range c[2] = { cons_of(PAGE_A, 1), cons_of(PAGE_A2, 1) };
	uint32_t total, first;
	unsigned int n;

	(void)state;
	total = write_desc(0, NULL, 1, 2, 2, c, 1);
	first = cons_offset(1) + RANGE_SIZE;
	expect_secure(REGS(FFA_MEM_LEND_32, total, first), FRAG_RX(HANDLE_A, first));
	host_expect(REGS(FFA_MEM_LEND_32, total, first), FRAG_RX(HANDLE_A, first));
	assert_page(PAGE_A, FFAP_PAGE_LENT);
	assert_int_equal(world.transition_count, 1);
	assert_transition(0, PAGE_A, 1, FFAP_PAGE_HOST, FFAP_PAGE_LENT);

	/* The secure world fails the last fragment, then refuses the abort. */
	memcpy(host_tx, &c[1], RANGE_SIZE);
	expect_secure(FRAG_TX(HANDLE_A, RANGE_SIZE), ERR(FFA_NO_MEMORY));
	expect_secure(RECLAIM(HANDLE_A), ERR(FFA_INVALID_PARAMETERS));
	host_expect(FRAG_TX(HANDLE_A, RANGE_SIZE), ERR(FFA_ABORTED));
	assert_page(PAGE_A, FFAP_PAGE_LENT);
	assert_page(PAGE_A2, FFAP_PAGE_HOST);
	assert_int_equal(world.transition_count, 3);
	assert_transition(1, PAGE_A2, 1, FFAP_PAGE_HOST, FFAP_PAGE_LENT);
	assert_transition(2, PAGE_A2, 1, FFAP_PAGE_LENT, FFAP_PAGE_HOST);
	/* Stuck: no more fragments for it. */
	host_expect(FRAG_TX(HANDLE_A, RANGE_SIZE), ERR(FFA_INVALID_PARAMETERS));

	/* A new LEND of page B, accepted under the same handle. */
	n = world.transition_count;
	total = write_lend_one(PAGE_B);
	expect_secure(REGS(FFA_MEM_LEND_32, total, total), SEND_OK(HANDLE_A));
	host_expect(REGS(FFA_MEM_LEND_32, total, total), SEND_OK(HANDLE_A));
	assert_int_equal(world.transition_count, n + 2);
	assert_transition(n, PAGE_B, 1, FFAP_PAGE_HOST, FFAP_PAGE_LENT);
	assert_transition(n + 1, PAGE_A, 1, FFAP_PAGE_LENT, FFAP_PAGE_HOST);
	assert_page(PAGE_A, FFAP_PAGE_HOST);
	assert_page(PAGE_B, FFAP_PAGE_LENT);
	assert_int_equal(proxy.free_range_count, RANGE_POOL - 1);

	/* The handle now names the new transaction: RECLAIM gives back page B. */
	expect_secure(RECLAIM(HANDLE_A), OK32);
	host_expect(RECLAIM(HANDLE_A), OK32);
	assert_int_equal(world.transition_count, n + 3);
	assert_transition(n + 2, PAGE_B, 1, FFAP_PAGE_LENT, FFAP_PAGE_HOST);
	assert_page(PAGE_B, FFAP_PAGE_HOST);
	assert_int_equal(proxy.mem_used, 0);
	assert_int_equal(proxy.free_range_count, RANGE_POOL);
}

/* ---- policy §5: constituents' pages against the composite's total ----------------------- */

/* The first fragment names 2 pages of a transaction of 1 (more fragments to come). */
static void test_first_fragment_beyond_total_pages_invalid(void **state)
{
	struct ffa_mem_range c[2] = { cons_of(PAGE_A, 2), cons_of(PAGE_C, 1) };
	uint32_t total, first;

	(void)state;
	total = write_desc(0, NULL, 1, 1, 2, c, 1);
	first = cons_offset(1) + RANGE_SIZE;
	host_expect(REGS(FFA_MEM_LEND_32, total, first), ERR(FFA_INVALID_PARAMETERS));
	/* And as the only fragment, 2 pages where the total says 1. */
	total = write_desc(0, NULL, 1, 1, 1, c, 1);
	host_expect(REGS(FFA_MEM_LEND_32, total, total), ERR(FFA_INVALID_PARAMETERS));
	assert_int_equal(world.secure_calls, 0);
	assert_int_equal(world.transition_count, 0);
	assert_int_equal(proxy.mem_used, 0);
	assert_int_equal(proxy.free_range_count, RANGE_POOL);
}

/*
 * A later fragment goes beyond the total (as a middle and as the last fragment): refused,
 * nothing changes, and the transaction stays open for a correct fragment.
 */
static void test_frag_tx_beyond_total_pages_invalid_stays_open(void **state)
{
	struct ffa_mem_range c[3] = { cons_of(PAGE_A, 1), cons_of(PAGE_B, 1), cons_of(PAGE_C, 1) };
	struct ffa_mem_range big = cons_of(PAGE_B, 5);
	uint32_t total, first;

	(void)state;
	total = write_desc(0, NULL, 1, 3, 3, c, 1);
	first = cons_offset(1) + RANGE_SIZE;
	expect_secure(REGS(FFA_MEM_LEND_32, total, first), FRAG_RX(HANDLE_A, first));
	host_expect(REGS(FFA_MEM_LEND_32, total, first), FRAG_RX(HANDLE_A, first));
	assert_int_equal(world.transition_count, 1);

	/* Middle fragment of 5 pages: 1 + 5 > 3. */
	memcpy(host_tx, &big, RANGE_SIZE);
	host_expect(FRAG_TX(HANDLE_A, RANGE_SIZE), ERR(FFA_INVALID_PARAMETERS));
	/* Last fragment of 1 + 5 pages: 1 + 6 != 3. */
	memcpy(host_tx, &big, RANGE_SIZE);
	memcpy(host_tx + RANGE_SIZE, &c[2], RANGE_SIZE);
	host_expect(FRAG_TX(HANDLE_A, 2 * RANGE_SIZE), ERR(FFA_INVALID_PARAMETERS));
	assert_int_equal(world.secure_calls, 1);
	assert_int_equal(world.transition_count, 1);
	assert_page(PAGE_B, FFAP_PAGE_HOST);

	/* The correct rest completes the transaction. */
	memcpy(host_tx, &c[1], 2 * RANGE_SIZE);
	expect_secure(FRAG_TX(HANDLE_A, 2 * RANGE_SIZE), SEND_OK(HANDLE_A));
	host_expect(FRAG_TX(HANDLE_A, 2 * RANGE_SIZE), SEND_OK(HANDLE_A));
	assert_page(PAGE_A, FFAP_PAGE_LENT);
	assert_page(PAGE_B, FFAP_PAGE_LENT);
	assert_page(PAGE_C, FFAP_PAGE_LENT);

	expect_secure(RECLAIM(HANDLE_A), OK32);
	host_expect(RECLAIM(HANDLE_A), OK32);
	assert_page(PAGE_A, FFAP_PAGE_HOST);
	assert_page(PAGE_B, FFAP_PAGE_HOST);
	assert_page(PAGE_C, FFAP_PAGE_HOST);
	assert_int_equal(proxy.free_range_count, RANGE_POOL);
}

/*
 * D17/D18: a fragment whose runs would need more record entries than a small pool has,
 * with a page total beyond the composite's (and beyond 2^32 in all): refused as malformed
 * before the pool is touched; the record and the pool are as before.
 */
static void test_frag_tx_huge_runs_beyond_total_invalid_pool_intact(void **state)
{
	struct ffa_mem_range first_c = cons_of(PAGE_A, 1);
	struct ffa_mem_range c[2] = {
		{ .address = page_pa(PAGE_A + 1), .page_count = UINT32_C(0xfffffffe) },
		{ .address = page_pa(PAGE_A + 1) + UINT64_C(0xfffffffe) * FFA_PAGE_SIZE,
		  .page_count = 2 },
	};
	struct ffap_config cfg = proxy.cfg;
	struct ffap_mem_range pool_before[RANGE_POOL];
	uint32_t total, first;

	(void)state;
	/* A pool of 2 entries: the first fragment takes one. */
	cfg.range_count = 2;
	proxy.cfg = cfg;
	ffap_mem_init(&proxy);

	total = write_desc(FFA_MEM_ATTR_NORMAL_WB_IS, NULL, 1, 5, 4, &first_c, 1);
	first = cons_offset(1) + RANGE_SIZE;
	expect_secure(REGS(FFA_MEM_SHARE_32, total, first), FRAG_RX(HANDLE_A, first));
	host_expect(REGS(FFA_MEM_SHARE_32, total, first), FRAG_RX(HANDLE_A, first));
	assert_int_equal(proxy.free_range_count, 1);
	memcpy(pool_before, range_pool, sizeof(pool_before));

	memcpy(host_tx, c, sizeof(c));
	host_expect(FRAG_TX(HANDLE_A, 2 * RANGE_SIZE), ERR(FFA_INVALID_PARAMETERS));
	assert_int_equal(proxy.free_range_count, 1);
	assert_int_equal(proxy.free_range, 1);
	assert_memory_equal(range_pool, pool_before, sizeof(pool_before));
	assert_int_equal(world.secure_calls, 1);
	assert_int_equal(world.transition_count, 1);
}

/*
 * Policy §5: a transaction can never reach 2^32 pages. With the largest composite total
 * (0xffffffff), one page, then a fragment of 0xffffffff more: refused, nothing moves.
 */
static void test_transaction_of_2_32_pages_invalid(void **state)
{
	struct ffa_mem_range c = cons_of(PAGE_A, 1);
	struct ffa_mem_range more = { .address = page_pa(PAGE_A + 1),
				      .page_count = UINT32_MAX };
	uint32_t total, first;

	(void)state;
	total = write_desc(0, NULL, 1, UINT32_MAX, 3, &c, 1);
	first = cons_offset(1) + RANGE_SIZE;
	expect_secure(REGS(FFA_MEM_LEND_32, total, first), FRAG_RX(HANDLE_A, first));
	host_expect(REGS(FFA_MEM_LEND_32, total, first), FRAG_RX(HANDLE_A, first));

	memcpy(host_tx, &more, RANGE_SIZE);
	host_expect(FRAG_TX(HANDLE_A, RANGE_SIZE), ERR(FFA_INVALID_PARAMETERS));
	assert_int_equal(world.secure_calls, 1);
	assert_int_equal(world.transition_count, 1);
	assert_int_equal(proxy.free_range_count, RANGE_POOL - 1);
	assert_int_equal(range_pool[0].pages, 1);

	/* Reclaiming the open transaction aborts it: page A comes back. */
	expect_secure(RECLAIM(HANDLE_A), OK32);
	host_expect(RECLAIM(HANDLE_A), OK32);
	assert_page(PAGE_A, FFAP_PAGE_HOST);
	assert_int_equal(proxy.free_range_count, RANGE_POOL);
}

/* ---- FF-A 1.0 §5.12.3: no receiver twice ------------------------------------------------- */

/* As many receivers as fit a 63-page mailbox with one constituent. */
#define MANY_RECEIVERS ((MBOX_BYTES - HEADER_SIZE - COMPOSITE_SIZE - RANGE_SIZE) / EMAD_SIZE)

static uint16_t receivers[MANY_RECEIVERS];
_Static_assert(MANY_RECEIVERS * 4u < 0x8000u, "fill_receivers() gives distinct IDs");

/* Distinct secure IDs spread over the whole secure range, 0x8000 and 0xffff included. */
static void fill_receivers(void)
{
	uint32_t i;

	for (i = 0; i < MANY_RECEIVERS; i++)
		receivers[i] = (uint16_t)(FFA_SECURE_ID_BIT | (i * 4u));
	receivers[MANY_RECEIVERS - 1] = UINT16_C(0xffff);
}

static void test_many_distinct_receivers_reach_secure_world(void **state)
{
	struct ffa_mem_range c = cons_of(PAGE_A, 1);
	uint32_t total;

	(void)state;
	assert_true(MANY_RECEIVERS > 7000);
	fill_receivers();
	total = write_desc(FFA_MEM_ATTR_NORMAL_WB_IS, receivers, MANY_RECEIVERS, 1, 1, &c, 1);
	expect_secure_tx(REGS(FFA_MEM_SHARE_32, total, total), SEND_OK(HANDLE_A), host_tx, total);
	host_expect(REGS(FFA_MEM_SHARE_32, total, total), SEND_OK(HANDLE_A));
	assert_receivers_seen_clear();
	assert_page(PAGE_A, FFAP_PAGE_SHARED);

	/* The same receivers again: the bitmap kept nothing from the first descriptor. */
	c = cons_of(PAGE_B, 1);
	total = write_desc(FFA_MEM_ATTR_NORMAL_WB_IS, receivers, MANY_RECEIVERS, 1, 1, &c, 1);
	expect_secure_tx(REGS(FFA_MEM_SHARE_32, total, total), SEND_OK(HANDLE_B), host_tx, total);
	host_expect(REGS(FFA_MEM_SHARE_32, total, total), SEND_OK(HANDLE_B));
	assert_receivers_seen_clear();
	assert_page(PAGE_B, FFAP_PAGE_SHARED);
}

static void test_duplicate_receiver_among_many_invalid(void **state)
{
	struct ffa_mem_range c = cons_of(PAGE_A, 1);
	uint32_t total;

	(void)state;
	fill_receivers();
	/* The last receiver repeats the first. */
	receivers[MANY_RECEIVERS - 1] = receivers[0];
	total = write_desc(FFA_MEM_ATTR_NORMAL_WB_IS, receivers, MANY_RECEIVERS, 1, 1, &c, 1);
	host_expect(REGS(FFA_MEM_SHARE_32, total, total), ERR(FFA_INVALID_PARAMETERS));
	assert_receivers_seen_clear();
	/* A repeat in the middle, of 0x8000. */
	fill_receivers();
	receivers[MANY_RECEIVERS / 2] = FFA_SECURE_ID_BIT;
	total = write_desc(FFA_MEM_ATTR_NORMAL_WB_IS, receivers, MANY_RECEIVERS, 1, 1, &c, 1);
	host_expect(REGS(FFA_MEM_SHARE_32, total, total), ERR(FFA_INVALID_PARAMETERS));
	assert_receivers_seen_clear();
	assert_int_equal(world.secure_calls, 0);
	assert_int_equal(world.transition_count, 0);

	/* Every one of those receivers is still usable. */
	fill_receivers();
	total = write_desc(FFA_MEM_ATTR_NORMAL_WB_IS, receivers, MANY_RECEIVERS, 1, 1, &c, 1);
	expect_secure_tx(REGS(FFA_MEM_SHARE_32, total, total), SEND_OK(HANDLE_A), host_tx, total);
	host_expect(REGS(FFA_MEM_SHARE_32, total, total), SEND_OK(HANDLE_A));
	assert_receivers_seen_clear();
}

/*
 * An EMAD refused for its reserved field, after others were seen: the refusal must not
 * leave their bits behind, or the next descriptor naming them is taken for a repeat.
 */
static void test_emad_reserved_after_receivers_leaves_bitmap_clear(void **state)
{
	struct ffa_mem_range c = cons_of(PAGE_A, 1);
	uint16_t ids[2] = { SP_ID, UINT16_C(0x8002) };
	struct ffa_mem_access a;
	uint32_t total;

	(void)state;
	total = write_desc(FFA_MEM_ATTR_NORMAL_WB_IS, ids, 2, 1, 1, &c, 1);
	memcpy(&a, host_tx + HEADER_SIZE + EMAD_SIZE, sizeof(a));
	a.reserved_24 = 1;
	memcpy(host_tx + HEADER_SIZE + EMAD_SIZE, &a, sizeof(a));
	host_expect(REGS(FFA_MEM_SHARE_32, total, total), ERR(FFA_INVALID_PARAMETERS));
	assert_receivers_seen_clear();

	total = write_desc(FFA_MEM_ATTR_NORMAL_WB_IS, ids, 2, 1, 1, &c, 1);
	expect_secure(REGS(FFA_MEM_SHARE_32, total, total), SEND_OK(HANDLE_A));
	host_expect(REGS(FFA_MEM_SHARE_32, total, total), SEND_OK(HANDLE_A));
}

/* ---- D22: an unusable handle from the secure world --------------------------------------- */

static void test_d22_success_with_invalid_handle_aborted(void **state)
{
	uint32_t total;

	(void)state;
	total = write_lend_one(PAGE_A);
	expect_secure(REGS(FFA_MEM_LEND_32, total, total), SEND_OK(FFA_HANDLE_INVALID));
	host_expect(REGS(FFA_MEM_LEND_32, total, total), ERR(FFA_ABORTED));
	assert_int_equal(world.transition_count, 2);
	assert_transition(0, PAGE_A, 1, FFAP_PAGE_HOST, FFAP_PAGE_LENT);
	assert_transition(1, PAGE_A, 1, FFAP_PAGE_LENT, FFAP_PAGE_HOST);
	assert_page(PAGE_A, FFAP_PAGE_HOST);
	assert_int_equal(proxy.mem_used, 0);
	assert_int_equal(proxy.free_range_count, RANGE_POOL);
}

static void test_d22_success_with_live_handle_aborted(void **state)
{
	uint32_t total;

	(void)state;
	lend_one(PAGE_A, HANDLE_A);
	total = write_lend_one(PAGE_B);
	expect_secure(REGS(FFA_MEM_LEND_32, total, total), SEND_OK(HANDLE_A));
	host_expect(REGS(FFA_MEM_LEND_32, total, total), ERR(FFA_ABORTED));
	assert_int_equal(world.transition_count, 3);
	assert_transition(1, PAGE_B, 1, FFAP_PAGE_HOST, FFAP_PAGE_LENT);
	assert_transition(2, PAGE_B, 1, FFAP_PAGE_LENT, FFAP_PAGE_HOST);
	assert_page(PAGE_A, FFAP_PAGE_LENT);
	assert_page(PAGE_B, FFAP_PAGE_HOST);

	/* The live transaction is untouched: its RECLAIM gives back page A. */
	expect_secure(RECLAIM(HANDLE_A), OK32);
	host_expect(RECLAIM(HANDLE_A), OK32);
	assert_int_equal(world.transition_count, 4);
	assert_transition(3, PAGE_A, 1, FFAP_PAGE_LENT, FFAP_PAGE_HOST);
	assert_int_equal(proxy.mem_used, 0);
	assert_int_equal(proxy.free_range_count, RANGE_POOL);
}

/* The same for FFA_MEM_FRAG_RX of a first fragment: its handle names a live transaction. */
static void test_d22_frag_rx_with_live_handle_aborted(void **state)
{
	struct ffa_mem_range c[2] = { cons_of(PAGE_B, 1), cons_of(PAGE_C, 1) };
	uint32_t total, first;

	(void)state;
	lend_one(PAGE_A, HANDLE_A);
	total = write_desc(0, NULL, 1, 2, 2, c, 1);
	first = cons_offset(1) + RANGE_SIZE;
	expect_secure(REGS(FFA_MEM_LEND_32, total, first), FRAG_RX(HANDLE_A, first));
	host_expect(REGS(FFA_MEM_LEND_32, total, first), ERR(FFA_ABORTED));
	assert_page(PAGE_A, FFAP_PAGE_LENT);
	assert_page(PAGE_B, FFAP_PAGE_HOST);
	assert_int_equal(world.transition_count, 3);
	assert_transition(2, PAGE_B, 1, FFAP_PAGE_LENT, FFAP_PAGE_HOST);
	/* And with FFA_HANDLE_INVALID. */
	expect_secure(REGS(FFA_MEM_LEND_32, total, first), FRAG_RX(FFA_HANDLE_INVALID, first));
	host_expect(REGS(FFA_MEM_LEND_32, total, first), ERR(FFA_ABORTED));
	assert_page(PAGE_B, FFAP_PAGE_HOST);
	assert_int_equal(world.transition_count, 5);
	assert_int_equal(proxy.free_range_count, RANGE_POOL - 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_d22_stuck_handle_reused_releases_stuck_pages),
		T(test_first_fragment_beyond_total_pages_invalid),
		T(test_frag_tx_beyond_total_pages_invalid_stays_open),
		T(test_frag_tx_huge_runs_beyond_total_invalid_pool_intact),
		T(test_transaction_of_2_32_pages_invalid),
		T(test_many_distinct_receivers_reach_secure_world),
		T(test_duplicate_receiver_among_many_invalid),
		T(test_emad_reserved_after_receivers_leaves_bitmap_clear),
		T(test_d22_success_with_invalid_handle_aborted),
		T(test_d22_success_with_live_handle_aborted),
		T(test_d22_frag_rx_with_live_handle_aborted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
