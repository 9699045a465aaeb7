/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Unit tests of the simulation platform (plat/sim): the page model behind the
 * proxy's hooks, the conduit and its record of secure-world calls, fault
 * injection, the trace, and the invariant checker, which must catch every
 * kind of broken state it claims to catch (each is planted by hand here).
 *
 * Links the whole chain: proxy, SPMC model, host client, simulation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim.h"

#define RAM_BASE UINT64_C(0x80000000)
#define PROT_BASE UINT64_C(0x83f00000) /* 16 protected pages at the top of RAM */
#define TX_PA UINT64_C(0x80020000)
#define RX_PA UINT64_C(0x80021000)

static int setup(void **state)
{
	struct sim *s = sim_create();
	struct fv_world w;
	char err[256];

	if (!s)
		return -1;
	fv_world_default(&w);
	w.protected[0].base = PROT_BASE;
	w.protected[0].pages = 16;
	w.protected_count = 1;
	if (sim_world_start(s, &w, err, sizeof(err))) {
		print_error("%s\n", err);
		sim_destroy(s);
		return -1;
	}
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	sim_destroy(*state);
	return 0;
}

static void host_call(struct sim *s, struct ffa_regs *r, uint64_t x0, uint64_t x1, uint64_t x2,
		      uint64_t x3)
{
	ffa_regs_clear(r, x0);
	r->x[1] = x1;
	r->x[2] = x2;
	r->x[3] = x3;
	sim_host_call(s, r);
}

static void negotiate_and_map(struct sim *s)
{
	struct ffa_regs r;

	host_call(s, &r, FFA_VERSION, FFA_VERSION_1_2, 0, 0);
	assert_int_equal(r.x[0], FFA_VERSION_1_2);
	host_call(s, &r, FFA_RXTX_MAP_64, TX_PA, RX_PA, 1);
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
}

static void assert_invariants_hold(struct sim *s)
{
	char why[256] = "";

	if (sim_check_invariants(s, why, sizeof(why)))
		fail_msg("invariant broken: %s", why);
}

/* The checker reports a violation whose message contains @fragment. */
static void assert_invariant_broken(struct sim *s, const char *fragment)
{
	char why[256] = "";

	assert_int_equal(sim_check_invariants(s, why, sizeof(why)), -1);
	if (!strstr(why, fragment))
		fail_msg("wanted a violation about '%s', got '%s'", fragment, why);
}

static bool is_error(const struct ffa_regs *r, int32_t code)
{
	return r->x[0] == FFA_ERROR && r->x[2] == (uint32_t)code;
}

/* ---- worlds ----------------------------------------------------------- */

static void test_world_start_state(void **state)
{
	struct sim *s = *state;
	const struct ffa_regs *calls;

	assert_int_equal(sim_page_state(s, RAM_BASE), FV_PAGE_HOST);
	assert_int_equal(sim_page_state(s, PROT_BASE - FFA_PAGE_SIZE), FV_PAGE_HOST);
	assert_int_equal(sim_page_state(s, PROT_BASE), FV_PAGE_HYP);
	assert_int_equal(sim_page_state(s, PROT_BASE + 15 * FFA_PAGE_SIZE), FV_PAGE_HYP);
	assert_int_equal(sim_page_state(s, RAM_BASE + 0x4000000), FV_PAGE_NONE);
	/* The proxy's mailbox is hypervisor memory outside host RAM. */
	assert_int_equal(s->hyp_base, SIM_HYP_BASE_DEFAULT);
	assert_int_equal(sim_page_state(s, s->hyp_base), FV_PAGE_NONE);
	/* ffap_init() asked the secure world for its version, and it was recorded. */
	assert_int_equal(fv_plat_secure_calls(sim_fv_plat(s), &calls), 1);
	assert_int_equal(calls[0].x[0], FFA_VERSION);
	assert_invariants_hold(s);
}

static void test_world_start_refuses_bad_memory(void **state)
{
	struct sim *s = *state;
	struct fv_world w;
	char err[256];

	fv_world_default(&w);
	w.mem_size = 0x1800;
	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), -1);
	fv_world_default(&w);
	w.mem_size = SIM_MAX_RAM_SIZE + FFA_PAGE_SIZE;
	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), -1);
	fv_world_default(&w);
	w.mem_base = UINT64_C(0xfffffffffff00000);
	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), -1);
	fv_world_default(&w);
	w.mbox_pages = 64;
	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), -1);
	/* No world now: the host gets "unknown function" and nothing more. */
	assert_false(s->started);
	assert_int_equal(sim_check_invariants(s, err, sizeof(err)), -1);
}

static void test_world_start_large_ram_is_lazy(void **state)
{
	struct sim *s = *state;
	struct fv_world w;
	char err[256];

	fv_world_default(&w);
	w.mem_size = SIM_MAX_RAM_SIZE;
	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), 0);
	assert_invariants_hold(s);
}

static void test_hyp_memory_moves_out_of_host_ram(void **state)
{
	struct sim *s = *state;
	struct ffa_regs r;
	struct fv_world w;
	char err[256];

	fv_world_default(&w);
	w.mem_base = SIM_HYP_BASE_DEFAULT;
	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), 0);
	assert_true(s->hyp_base >= w.mem_base + w.mem_size ||
		    s->hyp_base + s->hyp_size <= w.mem_base);
	assert_int_equal(sim_page_state(s, s->hyp_base), FV_PAGE_NONE);
	/* The SPMC model still reaches it: the proxy's mailbox works. */
	host_call(s, &r, FFA_VERSION, FFA_VERSION_1_2, 0, 0);
	host_call(s, &r, FFA_RXTX_MAP_64, w.mem_base, w.mem_base + FFA_PAGE_SIZE, 1);
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
	assert_true(s->spmc.ns.mapped);
	assert_int_equal(s->spmc.ns.tx_pa, s->hyp_base);
	assert_invariants_hold(s);
}

/* ---- calls, record, faults, trace ------------------------------------- */

static void test_non_ffa_call_answered_unknown(void **state)
{
	struct sim *s = *state;
	const struct ffa_regs *calls;
	struct ffa_regs r;
	unsigned int i;

	host_call(s, &r, 0x84000000, 1, 2, 3);
	assert_int_equal(r.x[0], SMCCC_RET_NOT_SUPPORTED);
	for (i = 1; i < FFA_REG_COUNT; i++)
		assert_int_equal(r.x[i], 0);
	assert_int_equal(fv_plat_secure_calls(sim_fv_plat(s), &calls), 0);
}

static void test_fault_injection_counts_and_records(void **state)
{
	struct sim *s = *state;
	const struct ffa_regs *calls;
	struct ffa_regs r;

	host_call(s, &r, FFA_VERSION, FFA_VERSION_1_2, 0, 0);
	assert_int_equal(fv_plat_fail_secure(sim_fv_plat(s), 2, FFA_ABORTED), 0);
	assert_int_equal(fv_plat_fail_secure(sim_fv_plat(s), 1, FFA_BUSY), 0);
	host_call(s, &r, FFA_FEATURES, FFA_PARTITION_INFO_GET_REGS, 0, 0);
	assert_true(is_error(&r, FFA_BUSY));
	/* The failed call counts as made, with its registers as issued. */
	assert_int_equal(fv_plat_secure_calls(sim_fv_plat(s), &calls), 1);
	assert_int_equal(calls[0].x[0], FFA_FEATURES);
	assert_int_equal(calls[0].x[1], FFA_PARTITION_INFO_GET_REGS);
	host_call(s, &r, FFA_FEATURES, FFA_PARTITION_INFO_GET_REGS, 0, 0);
	assert_true(is_error(&r, FFA_ABORTED));
	host_call(s, &r, FFA_FEATURES, FFA_PARTITION_INFO_GET_REGS, 0, 0);
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
	assert_int_equal(fv_plat_fail_secure(sim_fv_plat(s), 0, FFA_BUSY), -1);
}

static void test_failed_own_mailbox_map_unpins(void **state)
{
	struct sim *s = *state;
	struct ffa_regs r;

	host_call(s, &r, FFA_VERSION, FFA_VERSION_1_2, 0, 0);
	assert_int_equal(fv_plat_fail_secure(sim_fv_plat(s), 1, FFA_NO_MEMORY), 0);
	host_call(s, &r, FFA_RXTX_MAP_64, TX_PA, RX_PA, 1);
	assert_true(is_error(&r, FFA_NO_MEMORY));
	assert_int_equal(sim_page_state(s, TX_PA), FV_PAGE_HOST);
	assert_int_equal(sim_page_state(s, RX_PA), FV_PAGE_HOST);
	assert_invariants_hold(s);
}

struct trace_log {
	struct sim_trace_event ev[16];
	char lines[16][FV_MSG_MAX + 64];
	unsigned int n;
};

static void record_trace(void *arg, const struct sim_trace_event *ev)
{
	struct trace_log *t = arg;

	if (t->n < 16) {
		t->ev[t->n] = *ev;
		t->ev[t->n].regs = NULL; /* only valid during the callback */
		sim_trace_format(ev, t->lines[t->n], sizeof(t->lines[0]));
		t->n++;
	}
}

static void test_trace_hops_in_order(void **state)
{
	struct sim *s = *state;
	struct trace_log t;
	struct ffa_regs r;

	memset(&t, 0, sizeof(t));
	host_call(s, &r, FFA_VERSION, FFA_VERSION_1_2, 0, 0);
	sim_set_trace(s, record_trace, &t);
	assert_int_equal(fv_plat_fail_secure(sim_fv_plat(s), 1, FFA_BUSY), 0);
	host_call(s, &r, FFA_FEATURES, FFA_PARTITION_INFO_GET_REGS, 0, 0);
	ffa_regs_clear(&r, FFA_ID_GET);
	sim_sp_call(s, 0x8001, &r);
	sim_set_trace(s, NULL, NULL);

	assert_int_equal(t.n, 6);
	assert_int_equal(t.ev[0].hop, SIM_HOP_HOST_PROXY);
	assert_false(t.ev[0].is_reply);
	assert_int_equal(t.ev[1].hop, SIM_HOP_PROXY_SPMC);
	assert_int_equal(t.ev[2].hop, SIM_HOP_PROXY_SPMC);
	assert_true(t.ev[2].is_reply);
	assert_true(t.ev[2].injected);
	assert_int_equal(t.ev[3].hop, SIM_HOP_HOST_PROXY);
	assert_true(t.ev[3].is_reply);
	assert_int_equal(t.ev[3].call_fid, FFA_FEATURES);
	assert_int_equal(t.ev[4].hop, SIM_HOP_SP_SPMC);
	assert_int_equal(t.ev[4].sp_id, 0x8001);
	/* Indented by hop. */
	assert_true(strncmp(t.lines[0], "host  -> proxy  ", 16) == 0);
	assert_true(strncmp(t.lines[1], "  proxy -> spmc   ", 18) == 0);
	assert_true(strncmp(t.lines[3], "host  <- proxy  ", 16) == 0);
	assert_true(strncmp(t.lines[4], "  sp 0x8001 -> spmc  ", 21) == 0);
	assert_non_null(strstr(t.lines[2], "[fault injected]"));
}

/* ---- hooks ------------------------------------------------------------ */

static void test_mailbox_pins_exactly_the_buffers(void **state)
{
	struct sim *s = *state;
	struct ffa_regs r;

	negotiate_and_map(s);
	assert_int_equal(sim_page_state(s, TX_PA), FV_PAGE_PINNED);
	assert_int_equal(sim_page_state(s, RX_PA), FV_PAGE_PINNED);
	assert_int_equal(sim_page_state(s, RX_PA + FFA_PAGE_SIZE), FV_PAGE_HOST);
	assert_invariants_hold(s);
	host_call(s, &r, FFA_RXTX_UNMAP, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
	assert_int_equal(sim_page_state(s, TX_PA), FV_PAGE_HOST);
	assert_int_equal(sim_page_state(s, RX_PA), FV_PAGE_HOST);
	assert_invariants_hold(s);
}

static void test_pin_refuses_pages_not_the_hosts(void **state)
{
	struct sim *s = *state;
	void *va = &va;

	/* Hypervisor page, outside RAM, the proxy's own mailbox, straddling the end. */
	assert_int_equal(ffap_plat_host_pin(&s->ffap_plat, PROT_BASE, 1, &va),
			 FFA_INVALID_PARAMETERS);
	assert_null(va);
	assert_int_equal(ffap_plat_host_pin(&s->ffap_plat, s->hyp_base, 1, &va),
			 FFA_INVALID_PARAMETERS);
	assert_int_equal(ffap_plat_host_pin(&s->ffap_plat, PROT_BASE - FFA_PAGE_SIZE, 2, &va),
			 FFA_INVALID_PARAMETERS);
	assert_int_equal(sim_page_state(s, PROT_BASE - FFA_PAGE_SIZE), FV_PAGE_HOST);
	/* A lent page, and a page pinned already. */
	assert_int_equal(ffap_plat_host_transition(&s->ffap_plat, TX_PA, 1, FFAP_PAGE_HOST,
						   FFAP_PAGE_LENT),
			 0);
	assert_int_equal(ffap_plat_host_pin(&s->ffap_plat, TX_PA, 1, &va), FFA_INVALID_PARAMETERS);
	assert_int_equal(ffap_plat_host_pin(&s->ffap_plat, RX_PA, 1, &va), 0);
	assert_ptr_equal(va, sim_host_ptr(s, RX_PA, FFA_PAGE_SIZE));
	assert_int_equal(ffap_plat_host_pin(&s->ffap_plat, RX_PA, 1, &va), FFA_INVALID_PARAMETERS);
}

static void test_transition_all_or_nothing(void **state)
{
	struct sim *s = *state;

	/* The second page is the hypervisor's: neither changes. */
	assert_int_equal(ffap_plat_host_transition(&s->ffap_plat, PROT_BASE - FFA_PAGE_SIZE, 2,
						   FFAP_PAGE_HOST, FFAP_PAGE_SHARED),
			 FFA_DENIED);
	assert_int_equal(sim_page_state(s, PROT_BASE - FFA_PAGE_SIZE), FV_PAGE_HOST);
	/* Past the end of RAM. */
	assert_int_equal(ffap_plat_host_transition(&s->ffap_plat, RAM_BASE + 0x3fff000, 2,
						   FFAP_PAGE_HOST, FFAP_PAGE_LENT),
			 FFA_DENIED);
	assert_int_equal(ffap_plat_host_transition(&s->ffap_plat, RAM_BASE, 2, FFAP_PAGE_HOST,
						   FFAP_PAGE_DONATED),
			 0);
	assert_int_equal(sim_page_state(s, RAM_BASE + FFA_PAGE_SIZE), FV_PAGE_DONATED);
	/* Back only from the state they are in. */
	assert_int_equal(ffap_plat_host_transition(&s->ffap_plat, RAM_BASE, 2, FFAP_PAGE_LENT,
						   FFAP_PAGE_HOST),
			 FFA_DENIED);
	assert_int_equal(ffap_plat_host_transition(&s->ffap_plat, RAM_BASE, 2, FFAP_PAGE_DONATED,
						   FFAP_PAGE_HOST),
			 0);
	assert_invariants_hold(s);
}

static void test_ns_memory_regions(void **state)
{
	struct sim *s = *state;

	assert_ptr_equal(spmc_plat_ns_memory(&s->spmc_plat, RAM_BASE, 16), s->ram);
	assert_ptr_equal(spmc_plat_ns_memory(&s->spmc_plat, s->hyp_base + 8, 8), s->hyp_mem + 8);
	assert_null(spmc_plat_ns_memory(&s->spmc_plat, RAM_BASE + 0x4000000 - 8, 16));
	assert_null(spmc_plat_ns_memory(&s->spmc_plat, s->hyp_base + s->hyp_size - 8, 16));
	assert_null(spmc_plat_ns_memory(&s->spmc_plat, UINT64_MAX - 4, 16));
	assert_null(spmc_plat_ns_memory(&s->spmc_plat, 0x1000, 16));
}

static void test_host_memory_access_bounds(void **state)
{
	struct sim *s = *state;
	uint8_t in[4] = { 1, 2, 3, 4 }, out[4];

	assert_int_equal(fv_plat_mem_write(sim_fv_plat(s), RAM_BASE + 0x3fffffc, in, 4), 0);
	assert_int_equal(fv_plat_mem_read(sim_fv_plat(s), RAM_BASE + 0x3fffffc, out, 4), 0);
	assert_memory_equal(in, out, 4);
	assert_int_equal(fv_plat_mem_write(sim_fv_plat(s), RAM_BASE + 0x3fffffd, in, 4), -1);
	assert_int_equal(fv_plat_mem_read(sim_fv_plat(s), RAM_BASE - 1, out, 4), -1);
	assert_int_equal(fv_plat_mem_write(sim_fv_plat(s), s->hyp_base, in, 4), -1);
}

static void test_find_host_pages_skips_taken(void **state)
{
	struct sim *s = *state;
	uint64_t pa = 0;

	/* Two pages fit below the protected range; four only above it. */
	assert_int_equal(sim_find_host_pages(s, PROT_BASE - 2 * FFA_PAGE_SIZE, 2, &pa), 0);
	assert_int_equal(pa, PROT_BASE - 2 * FFA_PAGE_SIZE);
	assert_int_equal(sim_find_host_pages(s, PROT_BASE - 2 * FFA_PAGE_SIZE, 4, &pa), 0);
	assert_int_equal(pa, PROT_BASE + 16 * FFA_PAGE_SIZE);
	assert_int_equal(sim_find_host_pages(s, RAM_BASE + 0x3ffe000, 4, &pa), -1);
	negotiate_and_map(s);
	assert_int_equal(sim_find_host_pages(s, TX_PA, 2, &pa), 0);
	assert_int_equal(pa, RX_PA + FFA_PAGE_SIZE);
}

/* ---- the invariant checker catches what it claims to ------------------ */

static void test_invariant_hyp_pages(void **state)
{
	struct sim *s = *state;
	uint64_t prot = (PROT_BASE - RAM_BASE) / FFA_PAGE_SIZE;

	s->page_state[prot] = SIM_PAGE_HOST;
	assert_invariant_broken(s, "protected page 0x83f00000 is host, not hyp");
	s->page_state[prot] = SIM_PAGE_HYP;
	s->page_state[5] = SIM_PAGE_HYP;
	assert_invariant_broken(s, "page 0x80005000 is hyp but not protected");
}

static void test_invariant_pins(void **state)
{
	struct sim *s = *state;

	negotiate_and_map(s);
	s->page_state[0x300] = SIM_PAGE_PINNED;
	assert_invariant_broken(s, "page 0x80300000 is pinned but not in the host RX/TX pair");
	s->page_state[0x300] = SIM_PAGE_HOST;
	s->page_state[0x21] = SIM_PAGE_HOST;
	assert_invariant_broken(s, "page 0x80021000 of the host RX/TX pair");
}

static void test_invariant_transaction_pages_need_a_handle(void **state)
{
	struct sim *s = *state;

	assert_int_equal(ffap_plat_host_transition(&s->ffap_plat, RAM_BASE + 0x100000, 1,
						   FFAP_PAGE_HOST, FFAP_PAGE_SHARED),
			 0);
	assert_invariant_broken(s, "page 0x80100000 is shared but belongs to no live handle");
}

static void put_le(uint8_t *p, uint64_t v, unsigned int bytes)
{
	unsigned int i;

	for (i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/*
 * The host shares @pages pages at @pa with partition 0x8001 through the
 * proxy: a 1.2 descriptor (48-byte header, one 32-byte EMAD, the composite at
 * 80, one constituent at 96) in its TX buffer.
 */
static void share_through_proxy(struct sim *s, uint64_t pa, uint32_t pages)
{
	uint8_t *tx = sim_host_ptr(s, TX_PA, FFA_PAGE_SIZE);
	struct ffa_regs r;

	memset(tx, 0, 112);
	put_le(tx + 2, FFA_MEM_ATTR_NORMAL_WB_IS, 2);
	put_le(tx + 24, 32, 4);
	put_le(tx + 28, 1, 4);
	put_le(tx + 32, 48, 4);
	put_le(tx + 48, 0x8001, 2);
	tx[50] = FFA_DATA_ACCESS_RW;
	put_le(tx + 52, 80, 4);
	put_le(tx + 80, pages, 4);
	put_le(tx + 84, 1, 4);
	put_le(tx + 96, pa, 8);
	put_le(tx + 104, pages, 4);
	host_call(s, &r, FFA_MEM_SHARE_64, 112, 112, 0);
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
}

/* P3 from the SPMC model's live handles: each page in its handle's state, in one handle. */
static void test_invariant_handle_claims(void **state)
{
	struct sim *s = *state;
	uint64_t page = RAM_BASE + 0x100000;
	uint64_t idx = (page - RAM_BASE) / FFA_PAGE_SIZE;
	struct spmc_mem_range saved;

	negotiate_and_map(s);
	share_through_proxy(s, page, 2);
	assert_invariants_hold(s);
	assert_int_equal(s->spmc.mem.range_count, 1);

	/* A page in a state its transaction does not give. */
	s->page_state[idx + 1] = SIM_PAGE_LENT;
	assert_invariant_broken(s, "page 0x80101000 is lent but its handle makes it shared");
	s->page_state[idx + 1] = SIM_PAGE_SHARED;
	/* Back with the host while its handle lives. */
	s->page_state[idx] = SIM_PAGE_HOST;
	assert_invariant_broken(
		s, "page 0x80100000 is the host's again but a live handle still covers it");
	s->page_state[idx] = SIM_PAGE_SHARED;
	assert_invariants_hold(s);

	/* Another handle claiming the same page; one covering memory that is not host RAM. */
	share_through_proxy(s, RAM_BASE + 0x200000, 1);
	assert_invariants_hold(s);
	saved = s->spmc.mem.ranges[1];
	s->spmc.mem.ranges[1].base = page + FFA_PAGE_SIZE;
	assert_invariant_broken(s, "page 0x80101000 belongs to more than one live handle");
	s->spmc.mem.ranges[1].base = s->hyp_base;
	assert_invariant_broken(s, "which is not host RAM");
	/* A handle covering the pinned TX buffer. */
	s->spmc.mem.ranges[1].base = TX_PA;
	assert_invariant_broken(s, "page 0x80020000 is pinned but a live handle covers it");
	s->spmc.mem.ranges[1] = saved;
	assert_invariants_hold(s);
}

static void test_invariant_mailbox_bookkeeping(void **state)
{
	struct sim *s = *state;

	s->proxy.host.rx_full = true;
	assert_invariant_broken(s, "RX buffer full, but none is mapped");
	s->proxy.host.rx_full = false;

	negotiate_and_map(s);
	s->spmc.ns.mapped = false;
	assert_invariant_broken(s, "the proxy believes its mailbox is registered");
	s->spmc.ns.mapped = true;
	s->spmc.ns.tx_pa = TX_PA;
	assert_invariant_broken(s, "is not the proxy's own");
	s->spmc.ns.tx_pa = s->hyp_base;
	assert_invariants_hold(s);
}

/* Plays a proxy that forgets FFA_RX_RELEASE: the SPMC's RX becomes the proxy's. */
static void keep_proxy_rx(void *arg, const struct sim_trace_event *ev)
{
	struct sim *s = arg;

	if (ev->hop == SIM_HOP_HOST_PROXY && ev->is_reply)
		s->spmc.ns.rx_owner = SPMC_RX_CONSUMER;
}

static void test_invariant_proxy_rx_not_released(void **state)
{
	struct sim *s = *state;
	struct ffa_regs r;

	negotiate_and_map(s);
	sim_set_trace(s, keep_proxy_rx, s);
	host_call(s, &r, FFA_ID_GET, 0, 0, 0);
	sim_set_trace(s, NULL, NULL);
	assert_invariant_broken(s, "left the proxy's RX buffer full");
}

static void test_invariant_rx_release_refused_is_not_the_proxys_fault(void **state)
{
	struct sim *s = *state;
	struct ffa_regs r;

	negotiate_and_map(s);
	/* The proxy forwards the query, then its RX_RELEASE is refused. */
	assert_int_equal(fv_plat_fail_secure(sim_fv_plat(s), 2, FFA_DENIED), 0);
	host_call(s, &r, FFA_PARTITION_INFO_GET, 0, 0, 0);
	assert_int_equal(s->spmc.ns.rx_owner, SPMC_RX_CONSUMER);
	assert_invariants_hold(s);
}

static void test_invariant_hook_misuse(void **state)
{
	struct sim *s = *state;
	struct fv_world w = s->world;
	char err[256];

	ffap_plat_host_unpin(&s->ffap_plat, TX_PA, 1);
	assert_invariant_broken(s, "host_unpin: page 0x80020000 is host, not pinned");

	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), 0);
	assert_int_equal(ffap_plat_host_transition(&s->ffap_plat, TX_PA + 0x800, 1, FFAP_PAGE_HOST,
						   FFAP_PAGE_LENT),
			 FFA_DENIED);
	assert_invariant_broken(s, "malformed range");

	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), 0);
	assert_int_equal(ffap_plat_host_transition(&s->ffap_plat, TX_PA, 1, FFAP_PAGE_SHARED,
						   FFAP_PAGE_LENT),
			 FFA_DENIED);
	assert_invariant_broken(s, "transition 1 -> 2");

	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), 0);
	ffap_plat_lock(&s->ffap_plat);
	ffap_plat_lock(&s->ffap_plat);
	assert_invariant_broken(s, "took its lock while holding it");

	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), 0);
	ffap_plat_unlock(&s->ffap_plat);
	assert_invariant_broken(s, "released its lock without holding it");

	/* A fresh world forgets the old one's violations. */
	assert_int_equal(sim_world_start(s, &w, err, sizeof(err)), 0);
	assert_invariants_hold(s);
}

static void test_blocking_call_under_lock_caught(void **state)
{
	struct sim *s = *state;
	struct ffa_regs r;

	ffap_plat_lock(&s->ffap_plat);
	ffa_regs_clear(&r, FFA_MSG_SEND_DIRECT_REQ_32);
	r.x[1] = 0x8001;
	ffap_plat_secure_call(&s->ffap_plat, &r);
	ffap_plat_unlock(&s->ffap_plat);
	assert_invariant_broken(s, "reached the secure world with the proxy lock held");
}

/* ---- the host client through the whole chain ------------------------- */

static void test_host_client_probe_through_proxy(void **state)
{
	struct sim *s = *state;
	struct ffa_partition_info parts[8];
	struct ffah_buffers bufs;
	struct ffah h;
	uint32_t count = 0;

	bufs.tx_pa = TX_PA;
	bufs.rx_pa = TX_PA + 4 * FFA_PAGE_SIZE;
	bufs.tx = sim_host_ptr(s, bufs.tx_pa, 4 * FFA_PAGE_SIZE);
	bufs.rx = sim_host_ptr(s, bufs.rx_pa, 4 * FFA_PAGE_SIZE);
	bufs.pages = 4;
	ffah_init(&h, sim_ffah_plat(s), &bufs);
	assert_int_equal(ffah_probe(&h, parts, 8, &count), 0);
	assert_int_equal(h.version, FFA_VERSION_1_2);
	assert_int_equal(h.rxtx_pages, 1);
	assert_int_equal(count, 2);
	assert_int_equal(parts[0].id, 0x8001);
	assert_int_equal(parts[1].id, 0x8002);
	assert_int_equal(sim_page_state(s, bufs.tx_pa), FV_PAGE_PINNED);
	assert_int_equal(sim_page_state(s, bufs.rx_pa), FV_PAGE_PINNED);
	/* Only the mapped page of each buffer is pinned. */
	assert_int_equal(sim_page_state(s, bufs.rx_pa + FFA_PAGE_SIZE), FV_PAGE_HOST);
	assert_invariants_hold(s);

	/* The RX path gives the same answer and leaves the RX buffer released. */
	{
		static const struct ffa_uuid nil;
		struct ffa_partition_info rx_parts[8];
		uint32_t rx_count = 0;

		assert_int_equal(ffah_partition_info(&h, &nil, rx_parts, 8, &rx_count), 0);
		assert_int_equal(rx_count, 2);
		assert_memory_equal(rx_parts, parts, 2 * sizeof(parts[0]));
		assert_false(s->proxy.host.rx_full);
	}
	assert_int_equal(ffah_rxtx_unmap(&h), 0);
	assert_int_equal(sim_page_state(s, bufs.tx_pa), FV_PAGE_HOST);
	assert_invariants_hold(s);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_world_start_state),
		T(test_world_start_refuses_bad_memory),
		T(test_world_start_large_ram_is_lazy),
		T(test_hyp_memory_moves_out_of_host_ram),
		T(test_non_ffa_call_answered_unknown),
		T(test_fault_injection_counts_and_records),
		T(test_failed_own_mailbox_map_unpins),
		T(test_trace_hops_in_order),
		T(test_mailbox_pins_exactly_the_buffers),
		T(test_pin_refuses_pages_not_the_hosts),
		T(test_transition_all_or_nothing),
		T(test_ns_memory_regions),
		T(test_host_memory_access_bounds),
		T(test_find_host_pages_skips_taken),
		T(test_invariant_hyp_pages),
		T(test_invariant_pins),
		T(test_invariant_transaction_pages_need_a_handle),
		T(test_invariant_handle_claims),
		T(test_invariant_mailbox_bookkeeping),
		T(test_invariant_proxy_rx_not_released),
		T(test_invariant_rx_release_refused_is_not_the_proxys_fault),
		T(test_invariant_hook_misuse),
		T(test_blocking_call_under_lock_caught),
		T(test_host_client_probe_through_proxy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
