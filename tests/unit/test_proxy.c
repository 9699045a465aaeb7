/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Unit tests of the proxy core (src/proxy) against a scripted secure world.
 *
 * The vector suites run the proxy against the SPMC model, which answers as
 * the specification says a secure world answers. What the proxy does with a
 * reply that breaks the ABI, and exactly what it sends for its own calls,
 * needs a secure world that can answer anything: here every test scripts it
 * call by call. Each call the proxy makes to the secure world must equal the
 * next scripted call in all 18 registers and gets the scripted reply; each
 * host call is checked against the exact 18-register reply the host must see.
 *
 * The platform hooks are this file's own (the simulation platform is not
 * linked):
 * - the scripted secure world; a call nobody scripted fails the test;
 * - a host RAM of a few pages at a fake physical address, one of them
 *   hypervisor memory, which pin refuses like anything outside the RAM;
 *   every pin and unpin is recorded, and an unpin of a range that is not
 *   pinned exactly so fails the test;
 * - a lock that fails the test when taken recursively or released unheld;
 *   it must be free after every host call and at the end of every test;
 * - a log that keeps the last message.
 *
 * Tests are named after the rule they check: a row of docs/policy.md, or a
 * decision Dn of docs/decisions.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <ffaproxy/proxy.h>

#include "regs_assert.h"

/* ---- the test platform ------------------------------------------------------------------ */

#define HOST_RAM_PA UINT64_C(0x80000000)
#define HOST_RAM_PAGES 8u
#define HOST_HYP_PAGE 7u /* hypervisor memory inside the host's range: never pinnable */
#define HOST_TX_PAGE 0u
#define HOST_RX_PAGE 2u /* room for a 2-page TX buffer before it */
#define PROXY_TX_PA UINT64_C(0x40000000)
#define PROXY_RX_PA UINT64_C(0x40100000)
#define PROXY_MAX_PAGES 63u
#define SCRIPT_MAX 64u
#define EVENT_MAX 64u
#define PIN_MAX 8u
#define SENTINEL 0xeeu /* what host RAM holds where the proxy must not write */

/* Bits an SMC32 register may carry above its 32-bit value, and nobody may read. */
#define GARBAGE_HI UINT64_C(0xdeadbeef00000000)

/* A UUID, as PARTITION_INFO_GET (w1-w4) and PARTITION_INFO_GET_REGS (x1/x2) carry it. */
#define UUID_W1 UINT32_C(0x6b1e7a12)
#define UUID_W2 UINT32_C(0x4c0f93d5)
#define UUID_W3 UINT32_C(0x8a2e11f0)
#define UUID_W4 UINT32_C(0x5d7c36e9)
#define UUID_LO (((uint64_t)UUID_W2 << 32) | UUID_W1)
#define UUID_HI (((uint64_t)UUID_W4 << 32) | UUID_W3)

struct scripted_call {
	struct ffa_regs expect; /* what the proxy must send, all 18 registers */
	struct ffa_regs reply;
	bool fill_rx;	/* the secure world writes the proxy's whole RX buffer */
	bool lock_held; /* recorded: the proxy's lock was held during the call */
	int line;	/* where the test scripted it */
};

enum pin_op {
	PIN,
	UNPIN
};

struct pin_event {
	enum pin_op op;
	uint64_t pa;
	uint64_t pages;
	int result;
};

struct pinned_range {
	uint64_t pa;
	uint64_t pages;
};

struct ffap_plat {
	/* Scripted secure world. */
	struct scripted_call script[SCRIPT_MAX];
	unsigned int script_len;
	unsigned int script_next;
	bool permissive; /* answer every call ERR(NOT_SUPPORTED), unscripted */
	unsigned int secure_calls;
	bool last_call_locked; /* the lock was held during the last secure call */
	uint32_t proxy_pages;  /* size of the proxy's mailbox, for fill_rx */

	/* Host memory: ranges pinned now, and every pin/unpin so far. */
	struct pinned_range pinned[PIN_MAX];
	unsigned int pinned_count;
	struct pin_event events[EVENT_MAX];
	unsigned int event_count;
	unsigned int pin_calls;
	unsigned int fail_pin_call; /* 1-based pin call answered NO_MEMORY; 0: none */

	/* Lock. */
	bool locked;
	bool lock_recursion;
	unsigned int lock_count;
	unsigned int unlock_count;

	/* A hook failed the test: the proxy was abandoned inside a call, lock and all. */
	bool hook_failed;

	/* Log: the last message. */
	unsigned int log_count;
	enum ffap_log_level last_level;
	const char *last_what;
	uint64_t last_value;
};

static struct ffap_plat world;
static struct ffap proxy;

/* Fail the test from inside a platform hook (the teardown then skips its lock checks). */
#define hook_fail_msg(...)                \
	do {                              \
		world.hook_failed = true; \
		fail_msg(__VA_ARGS__);    \
	} while (0)

static _Alignas(4096) uint8_t host_ram[HOST_RAM_PAGES][FFA_PAGE_SIZE];
static _Alignas(4096) uint8_t proxy_tx[PROXY_MAX_PAGES * FFA_PAGE_SIZE];
static _Alignas(4096) uint8_t proxy_rx[PROXY_MAX_PAGES * FFA_PAGE_SIZE];

/* What the secure world writes into the proxy's RX buffer: never 0, never SENTINEL. */
static uint8_t rx_pattern(size_t i)
{
	return (uint8_t)(1 + (i * 7 + i / 256) % 120);
}

void ffap_plat_secure_call(struct ffap_plat *plat, struct ffa_regs *regs)
{
	struct scripted_call *s;
	size_t i;

	if (plat != &world)
		hook_fail_msg("secure call with a platform context the proxy was not given");
	plat->secure_calls++;
	plat->last_call_locked = plat->locked;
	if (plat->permissive) {
		ffa_set_error(regs, FFA_NOT_SUPPORTED);
		return;
	}
	if (plat->script_next == plat->script_len) {
		dump_regs(regs, regs);
		hook_fail_msg("secure call x0 = 0x%llx that the test did not script",
			      (unsigned long long)regs->x[0]);
	}
	s = &plat->script[plat->script_next++];
	s->lock_held = plat->locked;
	plat->hook_failed = true; /* until the call matches */
	check_regs(regs, &s->expect, "secure call scripted", s->line);
	plat->hook_failed = false;
	if (s->fill_rx)
		for (i = 0; i < (size_t)plat->proxy_pages * FFA_PAGE_SIZE; i++)
			proxy_rx[i] = rx_pattern(i);
	*regs = s->reply;
}

/* [pa, pa + pages) lies in host RAM, page aligned; *first = its first page. */
static bool in_host_ram(uint64_t pa, uint64_t pages, uint64_t *first)
{
	if (pa < HOST_RAM_PA || (pa - HOST_RAM_PA) % FFA_PAGE_SIZE)
		return false;
	*first = (pa - HOST_RAM_PA) / FFA_PAGE_SIZE;
	return pages && *first < HOST_RAM_PAGES && pages <= HOST_RAM_PAGES - *first;
}

static void record_event(struct ffap_plat *plat, enum pin_op op, uint64_t pa, uint64_t pages,
			 int result)
{
	if (plat->event_count == EVENT_MAX)
		hook_fail_msg("too many pin/unpin calls");
	plat->events[plat->event_count++] = (struct pin_event){ op, pa, pages, result };
}

int ffap_plat_host_pin(struct ffap_plat *plat, uint64_t pa, uint64_t pages, void **va)
{
	uint64_t first = 0, page;
	unsigned int i;
	int result = 0;

	if (!plat->locked)
		hook_fail_msg("ffap_plat_host_pin() called without the proxy's lock");
	plat->pin_calls++;
	if (!in_host_ram(pa, pages, &first))
		result = FFA_INVALID_PARAMETERS;
	for (page = first; !result && page < first + pages; page++) {
		if (page == HOST_HYP_PAGE)
			result = FFA_INVALID_PARAMETERS;
		for (i = 0; i < plat->pinned_count; i++)
			if (pa < plat->pinned[i].pa + plat->pinned[i].pages * FFA_PAGE_SIZE &&
			    plat->pinned[i].pa < pa + pages * FFA_PAGE_SIZE)
				result = FFA_INVALID_PARAMETERS;
	}
	if (!result && plat->pin_calls == plat->fail_pin_call)
		result = FFA_NO_MEMORY;
	if (!result && plat->pinned_count == PIN_MAX)
		hook_fail_msg("too many pinned ranges");
	if (!result) {
		plat->pinned[plat->pinned_count++] = (struct pinned_range){ pa, pages };
		*va = host_ram[first];
	}
	record_event(plat, PIN, pa, pages, result);
	return result;
}

void ffap_plat_host_unpin(struct ffap_plat *plat, uint64_t pa, uint64_t pages)
{
	unsigned int i;

	if (!plat->locked)
		hook_fail_msg("ffap_plat_host_unpin() called without the proxy's lock");
	record_event(plat, UNPIN, pa, pages, 0);
	for (i = 0; i < plat->pinned_count; i++) {
		if (plat->pinned[i].pa == pa && plat->pinned[i].pages == pages) {
			plat->pinned[i] = plat->pinned[--plat->pinned_count];
			return;
		}
	}
	hook_fail_msg("unpin of 0x%llx + %llu pages, which is not a pinned range",
		      (unsigned long long)pa, (unsigned long long)pages);
}

int ffap_plat_host_transition(struct ffap_plat *plat, uint64_t pa, uint64_t pages,
			      enum ffap_page_state from, enum ffap_page_state to)
{
	(void)plat;
	(void)from;
	(void)to;
	hook_fail_msg("unexpected page transition 0x%llx + %llu pages", (unsigned long long)pa,
		      (unsigned long long)pages);
	return FFA_DENIED;
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
	if (!what)
		hook_fail_msg("log message without text (value 0x%llx)", (unsigned long long)value);
	plat->log_count++;
	plat->last_level = level;
	plat->last_what = what;
	plat->last_value = value;
}

/* ---- fixtures ------------------------------------------------------------------------------ */

static int setup(void **state)
{
	(void)state;
	memset(&world, 0, sizeof(world));
	/* ffap_init() must not rely on the state it is given being zero. */
	memset(&proxy, 0xa5, sizeof(proxy));
	memset(host_ram, SENTINEL, sizeof(host_ram));
	memset(proxy_tx, 0, sizeof(proxy_tx));
	memset(proxy_rx, 0, sizeof(proxy_rx));
	return 0;
}

/*
 * Run after every test, passed or failed: the lock was never taken recursively, is free,
 * was released as often as taken, and every scripted secure call was made.
 */
static int teardown(void **state)
{
	(void)state;
	if (world.lock_recursion)
		fail_msg("the proxy's lock was taken recursively during the test");
	if (world.hook_failed)
		return 0; /* the test failed inside the proxy: its state is not complete */
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

/* ---- the script --------------------------------------------------------------------------- */

/* Registers x0, x1, ... in order; the rest zero. */
#define REGS(...) ((struct ffa_regs){ .x = { __VA_ARGS__ } })
/* ERR(X) of policy.md: FFA_ERROR, w2 = code zero-extended, every other register zero. */
#define ERR(code) REGS(FFA_ERROR, 0, (uint32_t)(code))
#define OK32 REGS(FFA_SUCCESS_32)
/* FFA_VERSION's plain NOT_SUPPORTED: -1 in all 64 bits of x0. */
#define VERSION_REFUSED REGS(SMCCC_RET_NOT_SUPPORTED)

#define PART_INFO_GET(flags) \
	REGS(FFA_PARTITION_INFO_GET, UUID_W1, UUID_W2, UUID_W3, UUID_W4, (flags))
#define PART_INFO_REPLY(count, size) REGS(FFA_SUCCESS_32, 0, (count), (size))
/* The FF-A 1.1/1.2 partition information descriptor size. */
#define DESC_SIZE ((uint32_t)sizeof(struct ffa_partition_info))
#define DESC_SIZE_1_0 ((uint32_t)sizeof(struct ffa_partition_info_v1_0))
#define PART_REGS_GET(x3) REGS(FFA_PARTITION_INFO_GET_REGS, UUID_LO, UUID_HI, (x3))
#define RXTX_MAP(tx_page, rx_page, pages) \
	REGS(FFA_RXTX_MAP_64, page_pa(tx_page), page_pa(rx_page), (pages))

#define expect_secure(call, reply) script_call(__LINE__, (call), (reply), false)
/* The secure world writes descriptors into the proxy's RX buffer, then replies. */
#define expect_secure_fill_rx(call, reply) script_call(__LINE__, (call), (reply), true)
/* The proxy's own FFA_RX_RELEASE after reading its RX buffer (D9). */
#define expect_own_rx_release() expect_secure(REGS(FFA_RX_RELEASE), OK32)
/* One host call: the proxy answers it, with exactly @reply, making every scripted call. */
#define host_expect(call, reply) host_expect_at(__LINE__, (call), (reply))

static uint64_t page_pa(unsigned int page)
{
	return HOST_RAM_PA + (uint64_t)page * FFA_PAGE_SIZE;
}

static void script_call(int line, struct ffa_regs call, struct ffa_regs reply, bool fill_rx)
{
	if (world.script_len == SCRIPT_MAX)
		fail_msg("line %d: script full", line);
	world.script[world.script_len++] = (struct scripted_call){
		.expect = call, .reply = reply, .fill_rx = fill_rx, .line = line
	};
}

static void assert_script_done(int line)
{
	if (world.script_next != world.script_len)
		fail_msg("line %d: secure call scripted at line %d was not made", line,
			 world.script[world.script_next].line);
}

/* Hand @regs to the proxy as a trapped host call; the lock must be free on return. */
static bool host_call(struct ffa_regs *regs)
{
	bool handled = ffap_handle_call(&proxy, regs);

	if (world.locked)
		fail_msg("ffap_handle_call() returned with the proxy's lock held");
	return handled;
}

static void host_expect_at(int line, struct ffa_regs call, struct ffa_regs reply)
{
	struct ffa_regs r = call;

	if (!host_call(&r))
		fail_msg("line %d: x0 = 0x%llx not handled as FF-A", line,
			 (unsigned long long)call.x[0]);
	check_regs(&r, &reply, "host reply", line);
	assert_script_done(line);
}

/* @r with garbage above the 32-bit value of x1-x7 (an SMC32 caller or reply may leave it). */
static struct ffa_regs dirty_upper(struct ffa_regs r)
{
	unsigned int i;

	for (i = 1; i <= 7; i++)
		r.x[i] |= GARBAGE_HI;
	return r;
}

/* @r with x8-x17 set, as a host or a secure world may leave them. */
static struct ffa_regs dirty_x8_x17(struct ffa_regs r)
{
	unsigned int i;

	for (i = 8; i < FFA_REG_COUNT; i++)
		r.x[i] = UINT64_C(0xbad0000000000000) | i;
	return r;
}

static struct ffa_regs with_sve_hint(struct ffa_regs r)
{
	r.x[0] |= SMCCC_SVE_HINT;
	return r;
}

/* Start the proxy with a secure world answering its FFA_VERSION with @reply. */
static void start_proxy_replying(struct ffa_regs reply, uint32_t pages)
{
	struct ffap_config cfg = {
		.plat = &world,
		.tx = proxy_tx,
		.rx = proxy_rx,
		.tx_pa = PROXY_TX_PA,
		.rx_pa = PROXY_RX_PA,
		.mbox_pages = pages,
	};

	world.proxy_pages = pages;
	/* D1: the proxy asks for the newest version it speaks, nothing else in the call. */
	expect_secure(REGS(FFA_VERSION, FFA_VERSION_1_2), reply);
	assert_int_equal(ffap_init(&proxy, &cfg), 0);
	assert_script_done(__LINE__);
}

static void start_proxy(uint32_t secure_version, uint32_t pages)
{
	start_proxy_replying(REGS(secure_version), pages);
}

/* D2: the checks the host's first successful FFA_VERSION makes, answered as scripted. */
static void expect_d2_checks(struct ffa_regs id_get_reply, struct ffa_regs features_reply)
{
	expect_secure(REGS(FFA_ID_GET), id_get_reply);
	expect_secure(REGS(FFA_FEATURES, FFA_RXTX_MAP_64), features_reply);
}

static void expect_d2_checks_pass(void)
{
	expect_d2_checks(REGS(FFA_SUCCESS_32, 0, FFA_HOST_ID),
			 REGS(FFA_SUCCESS_32, 0, FFA_RXTX_MAP_MIN_SIZE_4K));
}

/* Proxy at @version (the secure world's), the host negotiated the same. */
static void start_negotiated(uint32_t version, uint32_t pages)
{
	start_proxy(version, pages);
	expect_d2_checks_pass();
	host_expect(REGS(FFA_VERSION, version), REGS(version));
}

/* The host maps TX/RX; @registers: the proxy must register its own mailbox first. */
static void map_host(unsigned int tx_page, unsigned int rx_page, uint32_t pages, bool registers)
{
	if (registers)
		expect_secure(REGS(FFA_RXTX_MAP_64, PROXY_TX_PA, PROXY_RX_PA, world.proxy_pages),
			      OK32);
	host_expect(RXTX_MAP(tx_page, rx_page, pages), OK32);
}

static void start_mapped(uint32_t version, uint32_t proxy_pages, uint32_t host_pages)
{
	start_negotiated(version, proxy_pages);
	map_host(HOST_TX_PAGE, HOST_RX_PAGE, host_pages, true);
}

/* Policy §1: nothing but FFA_VERSION before negotiation; no secure call. */
static void assert_not_negotiated(void)
{
	host_expect(REGS(FFA_ID_GET), ERR(FFA_INVALID_PARAMETERS));
}

/*
 * Host RAM holds SENTINEL everywhere but the first @bytes of the RX buffer, which hold
 * exactly what the secure world wrote into the proxy's.
 */
static void assert_host_rx_holds(size_t bytes)
{
	const uint8_t *ram = &host_ram[0][0];
	size_t rx = (size_t)HOST_RX_PAGE * FFA_PAGE_SIZE;
	size_t i;
	uint8_t want;

	for (i = 0; i < sizeof(host_ram); i++) {
		want = i >= rx && i < rx + bytes ? rx_pattern(i - rx) : SENTINEL;
		if (ram[i] != want)
			fail_msg("host RAM byte 0x%zx = 0x%02x, expected 0x%02x (%zu bytes copied)",
				 i, ram[i], want, bytes);
	}
}

static void assert_host_ram_untouched(void)
{
	assert_host_rx_holds(0);
}

static void assert_nothing_pinned(void)
{
	if (world.pinned_count)
		fail_msg("%u host ranges still pinned, the first 0x%llx", world.pinned_count,
			 (unsigned long long)world.pinned[0].pa);
}

static unsigned int count_events(enum pin_op op, uint64_t pa, uint64_t pages, int result)
{
	unsigned int i, n = 0;

	for (i = 0; i < world.event_count; i++)
		if (world.events[i].op == op && world.events[i].pa == pa &&
		    world.events[i].pages == pages && world.events[i].result == result)
			n++;
	return n;
}

/* ---- ffap_init (D1, config validation) ------------------------------------------------- */

/* A disabled proxy answers every FF-A call NOT_SUPPORTED and never calls the secure world. */
static void assert_disabled(void)
{
	assert_false(ffap_is_enabled(&proxy));
	host_expect(REGS(FFA_VERSION, FFA_VERSION_1_2), VERSION_REFUSED);
	host_expect(REGS(FFA_VERSION, FFA_VERSION_1_0), VERSION_REFUSED);
	host_expect(REGS(FFA_ID_GET), ERR(FFA_NOT_SUPPORTED));
	host_expect(REGS(FFA_FEATURES, FFA_RXTX_MAP_64), ERR(FFA_NOT_SUPPORTED));
}

static void test_d1_init_reply_with_upper_bits_disables(void **state)
{
	(void)state;
	/* The low half alone would be a perfect 1.2. */
	start_proxy_replying(REGS((UINT64_C(1) << 32) | FFA_VERSION_1_2), 1);
	assert_disabled();
}

static void test_d1_init_reply_ffa_error_disables(void **state)
{
	(void)state;
	start_proxy_replying(ERR(FFA_NOT_SUPPORTED), 1);
	assert_disabled();
}

static void test_d1_init_reply_plain_not_supported_disables(void **state)
{
	(void)state;
	start_proxy_replying(VERSION_REFUSED, 1);
	assert_disabled();
}

static void test_d1_init_reply_bit31_disables(void **state)
{
	(void)state;
	start_proxy_replying(REGS(FFA_VERSION_MBZ_BIT | FFA_VERSION_1_2), 1);
	assert_disabled();
}

static void test_d1_init_reply_zero_extended_minus_one_disables(void **state)
{
	(void)state;
	start_proxy_replying(REGS((uint32_t)FFA_NOT_SUPPORTED), 1);
	assert_disabled();
}

static void test_d1_init_reply_major_2_disables(void **state)
{
	(void)state;
	start_proxy(FFA_MAKE_VERSION(2, 0), 1);
	assert_disabled();
}

static void test_d1_init_reply_major_0_disables(void **state)
{
	(void)state;
	start_proxy(FFA_MAKE_VERSION(0, 2), 1);
	assert_disabled();
}

static void test_init_newer_secure_minor_gives_1_2(void **state)
{
	(void)state;
	start_proxy(FFA_MAKE_VERSION(1, 5), 2);
	assert_true(ffap_is_enabled(&proxy));
	/* The host asks for 1.5 too: it gets the proxy's 1.2, no downgrade call. */
	expect_d2_checks_pass();
	host_expect(REGS(FFA_VERSION, FFA_MAKE_VERSION(1, 5)), REGS(FFA_VERSION_1_2));
	/* 1.2 semantics: FFA_FEATURES(RXTX_MAP) reports the maximum page count. */
	host_expect(REGS(FFA_FEATURES, FFA_RXTX_MAP_64),
		    REGS(FFA_SUCCESS_32, 0,
			 FFA_RXTX_MAP_MIN_SIZE_4K | (2u << FFA_RXTX_MAP_MAX_PAGES_SHIFT)));
}

static void test_init_secure_1_0_gives_1_0(void **state)
{
	(void)state;
	start_proxy(FFA_VERSION_1_0, 1);
	expect_d2_checks_pass();
	host_expect(REGS(FFA_VERSION, FFA_VERSION_1_2), REGS(FFA_VERSION_1_0));
	/* Version gate at 1.0: FFA_SPM_ID_GET (1.1) does not exist. */
	host_expect(REGS(FFA_SPM_ID_GET), ERR(FFA_NOT_SUPPORTED));
}

static void test_init_secure_1_1_gives_1_1(void **state)
{
	(void)state;
	start_proxy(FFA_VERSION_1_1, 2);
	expect_d2_checks_pass();
	host_expect(REGS(FFA_VERSION, FFA_VERSION_1_2), REGS(FFA_VERSION_1_1));
	host_expect(PART_REGS_GET(0), ERR(FFA_NOT_SUPPORTED));
	/* Below 1.2, FFA_FEATURES(RXTX_MAP) bits 31:2 are 0. */
	host_expect(REGS(FFA_FEATURES, FFA_RXTX_MAP_64), REGS(FFA_SUCCESS_32, 0, 0));
}

static void expect_init_refused(const struct ffap_config *cfg)
{
	assert_int_equal(ffap_init(&proxy, cfg), FFA_INVALID_PARAMETERS);
	/* Refused before anything reaches the secure world (the script is empty). */
	assert_int_equal(world.secure_calls, 0);
}

static void test_init_rejects_unusable_config(void **state)
{
	const struct ffap_config good = {
		.plat = &world,
		.tx = proxy_tx,
		.rx = proxy_rx,
		.tx_pa = PROXY_TX_PA,
		.rx_pa = PROXY_RX_PA,
		.mbox_pages = 1,
	};
	struct ffap_config cfg;

	(void)state;
	expect_init_refused(NULL);
	cfg = good;
	cfg.tx = NULL;
	expect_init_refused(&cfg);
	cfg = good;
	cfg.rx = NULL;
	expect_init_refused(&cfg);
	cfg = good;
	cfg.mbox_pages = 0;
	expect_init_refused(&cfg);
	cfg = good;
	cfg.mbox_pages = PROXY_MAX_PAGES + 1;
	expect_init_refused(&cfg);
	cfg = good;
	cfg.tx_pa += FFA_PAGE_SIZE / 2;
	expect_init_refused(&cfg);
	cfg = good;
	cfg.rx_pa += 8;
	expect_init_refused(&cfg);

	/* The largest mailbox FFA_RXTX_MAP can describe (63 pages) is accepted. */
	start_proxy(FFA_VERSION_1_2, PROXY_MAX_PAGES);
	assert_true(ffap_is_enabled(&proxy));
}

/* ---- D2: the host's first FFA_VERSION ------------------------------------------------------ */

static void test_d2_id_get_nonzero_refuses_negotiation(void **state)
{
	(void)state;
	start_proxy(FFA_VERSION_1_2, 1);
	/* No FFA_FEATURES call after a failed FFA_ID_GET. */
	expect_secure(REGS(FFA_ID_GET), REGS(FFA_SUCCESS_32, 0, 1));
	host_expect(REGS(FFA_VERSION, FFA_VERSION_1_2), VERSION_REFUSED);
	assert_not_negotiated();

	/* The host may try again. */
	expect_d2_checks_pass();
	host_expect(REGS(FFA_VERSION, FFA_VERSION_1_2), REGS(FFA_VERSION_1_2));
	host_expect(REGS(FFA_ID_GET), REGS(FFA_SUCCESS_32, 0, FFA_HOST_ID));
}

static void test_d2_id_get_error_refuses_negotiation(void **state)
{
	(void)state;
	start_proxy(FFA_VERSION_1_2, 1);
	expect_secure(REGS(FFA_ID_GET), ERR(FFA_NOT_SUPPORTED));
	host_expect(REGS(FFA_VERSION, FFA_VERSION_1_2), VERSION_REFUSED);
	assert_not_negotiated();
}

static void test_d2_features_error_refuses_negotiation(void **state)
{
	(void)state;
	start_proxy(FFA_VERSION_1_2, 1);
	expect_d2_checks(REGS(FFA_SUCCESS_32, 0, FFA_HOST_ID), ERR(FFA_NOT_SUPPORTED));
	host_expect(REGS(FFA_VERSION, FFA_VERSION_1_2), VERSION_REFUSED);
	assert_not_negotiated();
}

/* The secure world answers FFA_FEATURES(RXTX_MAP_64) with w2 = @w2 for a @pages mailbox. */
static void negotiate_with_rxtx_features(uint32_t version, uint32_t pages, uint32_t w2,
					 bool accepted)
{
	start_proxy(version, pages);
	expect_d2_checks(REGS(FFA_SUCCESS_32, 0, FFA_HOST_ID), REGS(FFA_SUCCESS_32, 0, w2));
	if (accepted) {
		host_expect(REGS(FFA_VERSION, version), REGS(version));
	} else {
		host_expect(REGS(FFA_VERSION, version), VERSION_REFUSED);
		assert_not_negotiated();
	}
}

static void test_d2_min_size_64k_refused_for_1_page_mailbox(void **state)
{
	(void)state;
	negotiate_with_rxtx_features(FFA_VERSION_1_2, 1, FFA_RXTX_MAP_MIN_SIZE_64K, false);
}

static void test_d2_min_size_64k_accepted_for_16_page_mailbox(void **state)
{
	(void)state;
	negotiate_with_rxtx_features(FFA_VERSION_1_2, 16, FFA_RXTX_MAP_MIN_SIZE_64K, true);
}

static void test_d2_min_size_16k_must_divide_mailbox(void **state)
{
	(void)state;
	/* 24 KiB is more than 16 KiB but not a multiple of it. */
	negotiate_with_rxtx_features(FFA_VERSION_1_2, 6, FFA_RXTX_MAP_MIN_SIZE_16K, false);
}

static void test_d2_min_size_16k_accepted_for_4_page_mailbox(void **state)
{
	(void)state;
	negotiate_with_rxtx_features(FFA_VERSION_1_2, 4, FFA_RXTX_MAP_MIN_SIZE_16K, true);
}

static void test_d2_min_size_reserved_encoding_refused(void **state)
{
	(void)state;
	negotiate_with_rxtx_features(FFA_VERSION_1_2, 16, FFA_RXTX_MAP_MIN_SIZE_MASK, false);
}

static void test_d2_max_pages_below_mailbox_refused_at_1_2(void **state)
{
	(void)state;
	negotiate_with_rxtx_features(FFA_VERSION_1_2, 2, 1u << FFA_RXTX_MAP_MAX_PAGES_SHIFT, false);
}

static void test_d2_max_pages_equal_to_mailbox_accepted_at_1_2(void **state)
{
	(void)state;
	negotiate_with_rxtx_features(FFA_VERSION_1_2, 2, 2u << FFA_RXTX_MAP_MAX_PAGES_SHIFT, true);
}

static void test_d2_max_pages_zero_accepted(void **state)
{
	(void)state;
	negotiate_with_rxtx_features(FFA_VERSION_1_2, 2, 0, true);
}

static void test_d2_max_pages_not_read_below_1_2(void **state)
{
	(void)state;
	/* At 1.1, bits 31:16 of w2 are not a page count. */
	negotiate_with_rxtx_features(FFA_VERSION_1_1, 2, 1u << FFA_RXTX_MAP_MAX_PAGES_SHIFT, true);
}

/* The host asks for 1.1 from a 1.2 proxy; the secure world answers the downgrade @reply. */
static void downgrade_answered(struct ffa_regs reply, bool accepted)
{
	start_proxy(FFA_VERSION_1_2, 2);
	expect_secure(REGS(FFA_VERSION, FFA_VERSION_1_1), reply);
	if (accepted) {
		expect_d2_checks_pass();
		host_expect(REGS(FFA_VERSION, FFA_VERSION_1_1), REGS(FFA_VERSION_1_1));
	} else {
		host_expect(REGS(FFA_VERSION, FFA_VERSION_1_1), VERSION_REFUSED);
		assert_not_negotiated();
	}
}

static void test_d2_downgrade_refused_by_plain_minus_one(void **state)
{
	(void)state;
	downgrade_answered(VERSION_REFUSED, false);
}

static void test_d2_downgrade_refused_by_zero_extended_minus_one(void **state)
{
	(void)state;
	downgrade_answered(REGS((uint32_t)FFA_NOT_SUPPORTED), false);
}

static void test_d2_downgrade_refused_by_ffa_error_not_supported(void **state)
{
	(void)state;
	downgrade_answered(ERR(FFA_NOT_SUPPORTED), false);
}

static void test_d2_downgrade_accepted_on_ffa_error_denied(void **state)
{
	(void)state;
	downgrade_answered(ERR(FFA_DENIED), true);
	/* Negotiated at 1.1, not 1.2: no maximum page count, no 1.2 calls. */
	host_expect(REGS(FFA_FEATURES, FFA_RXTX_MAP_64), REGS(FFA_SUCCESS_32, 0, 0));
	host_expect(PART_REGS_GET(0), ERR(FFA_NOT_SUPPORTED));
}

static void test_d2_downgrade_accepted_on_secure_version(void **state)
{
	(void)state;
	downgrade_answered(REGS(FFA_VERSION_1_2), true);
}

/* ---- D3 ------------------------------------------------------------------------------------- */

static void test_d3_features_of_function_with_sve_hint_not_supported(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	host_expect(REGS(FFA_FEATURES, FFA_RXTX_MAP_64 | SMCCC_SVE_HINT), ERR(FFA_NOT_SUPPORTED));
	host_expect(REGS(FFA_FEATURES, FFA_SPM_ID_GET | SMCCC_SVE_HINT), ERR(FFA_NOT_SUPPORTED));
}

/* ---- D4 and policy §1 "Replies": what the host gets back -------------------------------- */

static void test_d4_spm_id_get_smc32_reply_zero_extended(void **state)
{
	const struct ffa_regs clean = REGS(FFA_SUCCESS_32, 0, FFA_SPMC_ID_DEFAULT, 3, 4, 5, 6, 7);

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	expect_secure(REGS(FFA_SPM_ID_GET), dirty_x8_x17(dirty_upper(clean)));
	host_expect(REGS(FFA_SPM_ID_GET), clean);
}

static void test_d4_features_smc32_reply_zero_extended(void **state)
{
	const struct ffa_regs clean = REGS(FFA_SUCCESS_32, 0, 0x1234, 0, 0, 0, 0, 0x77);

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	expect_secure(REGS(FFA_FEATURES, FFA_FEATURE_MEI), dirty_x8_x17(dirty_upper(clean)));
	host_expect(REGS(FFA_FEATURES, FFA_FEATURE_MEI), clean);
	/* x0 too: a 32-bit function ID. */
	expect_secure(REGS(FFA_FEATURES, FFA_FEATURE_MEI),
		      REGS(GARBAGE_HI | FFA_SUCCESS_32, 0, 0x1234));
	host_expect(REGS(FFA_FEATURES, FFA_FEATURE_MEI), REGS(FFA_SUCCESS_32, 0, 0x1234));
}

static void test_d4_error_reply_sign_extended_code_zero_extended(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	/* A secure world that sign-extends w2 into x2. */
	expect_secure(REGS(FFA_SPM_ID_GET), REGS(FFA_ERROR, 0, (uint64_t)(int64_t)FFA_DENIED));
	host_expect(REGS(FFA_SPM_ID_GET), ERR(FFA_DENIED));
}

static void test_d4_success_64_reply_passes_untruncated(void **state)
{
	const struct ffa_regs wide =
		REGS(FFA_SUCCESS_64, UINT64_C(0x1111222233334444), UINT64_C(0x5555666677778888),
		     UINT64_C(0x9999aaaabbbbcccc), UINT64_C(0xddddeeeeffff0000),
		     UINT64_C(0x0123456789abcdef), UINT64_C(0xfedcba9876543210),
		     UINT64_C(0x8000000000000001));

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	expect_secure(REGS(FFA_SPM_ID_GET), dirty_x8_x17(wide));
	host_expect(REGS(FFA_SPM_ID_GET), wide);
	expect_secure(REGS(FFA_FEATURES, FFA_FEATURE_MEI), dirty_x8_x17(wide));
	host_expect(REGS(FFA_FEATURES, FFA_FEATURE_MEI), wide);
}

/* Replies that are neither FFA_SUCCESS nor FFA_ERROR, or an FFA_ERROR without an error. */
static const struct ffa_regs abi_breaking_replies[] = {
	REGS(FFA_MSG_SEND_DIRECT_RESP_32, 0, 0, 1, 2),
	REGS(FFA_MSG_SEND_DIRECT_RESP_64, 0, 0, 1, 2),
	REGS(FFA_INTERRUPT),
	REGS(FFA_YIELD),
	REGS(FFA_MEM_FRAG_RX, 1, 2, 3),
	REGS(FFA_VERSION_1_2),
	REGS(0),
	REGS(SMCCC_RET_NOT_SUPPORTED),
	REGS(FFA_ERROR, 0, 0),
	REGS(FFA_ERROR, 0, 1),
	REGS(FFA_ERROR, 0, 0x7fffffff),
	REGS(FFA_ERROR, 0, GARBAGE_HI), /* w2 = 0 under garbage */
};

static void test_d4_spm_id_get_abi_breaking_reply_aborted(void **state)
{
	size_t i;

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	for (i = 0; i < FFA_ARRAY_SIZE(abi_breaking_replies); i++) {
		expect_secure(REGS(FFA_SPM_ID_GET), abi_breaking_replies[i]);
		host_expect(REGS(FFA_SPM_ID_GET), ERR(FFA_ABORTED));
	}
}

static void test_d4_features_abi_breaking_reply_aborted(void **state)
{
	size_t i;

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	for (i = 0; i < FFA_ARRAY_SIZE(abi_breaking_replies); i++) {
		expect_secure(REGS(FFA_FEATURES, FFA_PARTITION_INFO_GET), abi_breaking_replies[i]);
		host_expect(REGS(FFA_FEATURES, FFA_PARTITION_INFO_GET), ERR(FFA_ABORTED));
	}
}

/* ---- policy §1 "Registers beyond the ABI", "32-bit fields": what the secure world gets ---- */

/* A 1.2 proxy the host downgraded to 1.1 with @version_call; mailbox mapped. */
static void downgrade_with(struct ffa_regs version_call)
{
	start_proxy(FFA_VERSION_1_2, 1);
	/* Only x0 (as the host wrote it) and the requested version reach the secure world. */
	expect_secure(REGS(version_call.x[0], FFA_VERSION_1_1), REGS(FFA_VERSION_1_2));
	expect_d2_checks_pass();
	host_expect(version_call, REGS(FFA_VERSION_1_1));
	map_host(HOST_TX_PAGE, HOST_RX_PAGE, 1, true);
}

/* The forwarded calls at 1.1, each sent by the host as @transform makes it. */
static void check_forwarded_calls(struct ffa_regs (*transform)(struct ffa_regs), bool hint)
{
	uint64_t x0_bits = hint ? SMCCC_SVE_HINT : 0;

	expect_secure(REGS(FFA_SPM_ID_GET | x0_bits), REGS(FFA_SUCCESS_32, 0, FFA_SPMC_ID_DEFAULT));
	host_expect(transform(REGS(FFA_SPM_ID_GET)), REGS(FFA_SUCCESS_32, 0, FFA_SPMC_ID_DEFAULT));

	expect_secure(REGS(FFA_FEATURES | x0_bits, FFA_FEATURE_MEI), REGS(FFA_SUCCESS_32, 0, 5));
	host_expect(transform(REGS(FFA_FEATURES, FFA_FEATURE_MEI)), REGS(FFA_SUCCESS_32, 0, 5));

	expect_secure(REGS(FFA_PARTITION_INFO_GET | x0_bits, UUID_W1, UUID_W2, UUID_W3, UUID_W4,
			   FFA_PARTITION_INFO_GET_COUNT_ONLY),
		      PART_INFO_REPLY(2, DESC_SIZE));
	host_expect(transform(PART_INFO_GET(FFA_PARTITION_INFO_GET_COUNT_ONLY)),
		    PART_INFO_REPLY(2, DESC_SIZE));
}

static void test_forward_zeroes_x8_to_x17(void **state)
{
	(void)state;
	downgrade_with(dirty_x8_x17(REGS(FFA_VERSION, FFA_VERSION_1_1)));
	check_forwarded_calls(dirty_x8_x17, false);
}

static void test_forward_zero_extends_smc32_arguments(void **state)
{
	(void)state;
	/* FFA_VERSION: w2-w7 are ignored (never MBZ), so the whole of x2-x7 may be set. */
	downgrade_with(
		REGS(FFA_VERSION, GARBAGE_HI | FFA_VERSION_1_1, ~UINT64_C(0), 3, 4, 5, 6, 7));
	check_forwarded_calls(dirty_upper, false);
}

static void test_forward_keeps_sve_hint(void **state)
{
	(void)state;
	downgrade_with(REGS(FFA_VERSION | SMCCC_SVE_HINT, FFA_VERSION_1_1));
	check_forwarded_calls(with_sve_hint, true);
}

static void test_forward_partition_info_get_regs_clean(void **state)
{
	const struct ffa_regs reply = REGS(FFA_SUCCESS_64, 0, 0);

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	/* x8-x17 from the host never reach the secure world. */
	expect_secure(PART_REGS_GET(0), reply);
	host_expect(dirty_x8_x17(PART_REGS_GET(0)), reply);
	/* The SVE hint does. */
	expect_secure(with_sve_hint(PART_REGS_GET(0)), reply);
	host_expect(with_sve_hint(PART_REGS_GET(0)), reply);
}

/* ---- PARTITION_INFO_GET (policy §2, D5, D9) ------------------------------------------------ */

static void test_d9_partinfo_too_big_for_host_rx_no_memory_releases_own_rx(void **state)
{
	(void)state;
	start_mapped(FFA_VERSION_1_2, 2, 1);
	/* 200 x 24 = 4800 bytes: fits the proxy's 2 pages, not the host's 1. */
	expect_secure_fill_rx(PART_INFO_GET(0), PART_INFO_REPLY(200, DESC_SIZE));
	expect_own_rx_release();
	host_expect(PART_INFO_GET(0), ERR(FFA_NO_MEMORY));
	assert_host_ram_untouched();
	/* The host's RX buffer stays empty. */
	host_expect(REGS(FFA_RX_RELEASE), ERR(FFA_DENIED));
}

/* The secure world reports @count descriptors of @size: the proxy refuses it as ABORTED. */
static void check_partinfo_aborted(uint32_t version, uint32_t proxy_pages, uint32_t host_pages,
				   uint32_t count, uint32_t size)
{
	start_mapped(version, proxy_pages, host_pages);
	expect_secure_fill_rx(PART_INFO_GET(0), PART_INFO_REPLY(count, size));
	expect_own_rx_release();
	host_expect(PART_INFO_GET(0), ERR(FFA_ABORTED));
	assert_host_ram_untouched();
	host_expect(REGS(FFA_RX_RELEASE), ERR(FFA_DENIED));
}

static void test_d9_partinfo_size_16_at_1_1_aborted_releases_own_rx(void **state)
{
	(void)state;
	check_partinfo_aborted(FFA_VERSION_1_1, 1, 1, 2, 16);
}

static void test_d9_partinfo_size_16_at_1_2_aborted_releases_own_rx(void **state)
{
	(void)state;
	check_partinfo_aborted(FFA_VERSION_1_2, 1, 1, 2, 16);
}

static void test_d9_partinfo_size_23_at_1_2_aborted_releases_own_rx(void **state)
{
	(void)state;
	check_partinfo_aborted(FFA_VERSION_1_2, 1, 1, 2, DESC_SIZE - 1);
}

static void test_d9_partinfo_size_0_aborted_releases_own_rx(void **state)
{
	(void)state;
	check_partinfo_aborted(FFA_VERSION_1_2, 1, 1, 2, 0);
}

static void test_d9_partinfo_beyond_proxy_rx_aborted_releases_own_rx(void **state)
{
	(void)state;
	/* One byte more than the proxy's 2 pages (the host's are as large). */
	check_partinfo_aborted(FFA_VERSION_1_2, 2, 2, 1, 2 * FFA_PAGE_SIZE + 1);
}

static void test_d9_partinfo_product_above_32_bits_aborted_releases_own_rx(void **state)
{
	(void)state;
	/* 0x0aaaaaab x 24 = 0x1_00000008: 8 bytes if multiplied in 32 bits. */
	check_partinfo_aborted(FFA_VERSION_1_2, 2, 2, 0x0aaaaaab, DESC_SIZE);
}

static void test_d9_partinfo_largest_product_aborted_releases_own_rx(void **state)
{
	(void)state;
	/* 0xffffffff x 0xffffffff: 1 if multiplied in 32 bits. */
	check_partinfo_aborted(FFA_VERSION_1_2, 2, 2, UINT32_MAX, UINT32_MAX);
}

static void test_d4_partinfo_abi_breaking_reply_aborted(void **state)
{
	size_t i;

	(void)state;
	start_mapped(FFA_VERSION_1_2, 1, 1);
	for (i = 0; i < FFA_ARRAY_SIZE(abi_breaking_replies); i++) {
		/* No success: nothing was written to the proxy's RX buffer, nothing to release. */
		expect_secure(PART_INFO_GET(0), abi_breaking_replies[i]);
		host_expect(PART_INFO_GET(0), ERR(FFA_ABORTED));
	}
	assert_host_ram_untouched();
}

static void test_partinfo_count_0_passed_without_copy_or_release(void **state)
{
	(void)state;
	start_mapped(FFA_VERSION_1_2, 1, 1);
	expect_secure_fill_rx(PART_INFO_GET(0), PART_INFO_REPLY(0, DESC_SIZE));
	host_expect(PART_INFO_GET(0), PART_INFO_REPLY(0, DESC_SIZE));
	assert_host_ram_untouched();
	host_expect(REGS(FFA_RX_RELEASE), ERR(FFA_DENIED));
}

static void test_partinfo_count_only_passed_without_copy_or_release(void **state)
{
	(void)state;
	start_mapped(FFA_VERSION_1_2, 1, 1);
	expect_secure_fill_rx(PART_INFO_GET(FFA_PARTITION_INFO_GET_COUNT_ONLY),
			      PART_INFO_REPLY(3, DESC_SIZE));
	host_expect(PART_INFO_GET(FFA_PARTITION_INFO_GET_COUNT_ONLY),
		    PART_INFO_REPLY(3, DESC_SIZE));
	assert_host_ram_untouched();
	host_expect(REGS(FFA_RX_RELEASE), ERR(FFA_DENIED));
}

static void test_partinfo_secure_error_passed_without_release(void **state)
{
	(void)state;
	start_mapped(FFA_VERSION_1_2, 1, 1);
	expect_secure(PART_INFO_GET(0), ERR(FFA_INVALID_PARAMETERS));
	host_expect(PART_INFO_GET(0), ERR(FFA_INVALID_PARAMETERS));
	assert_host_ram_untouched();
	host_expect(REGS(FFA_RX_RELEASE), ERR(FFA_DENIED));
}

static void test_d9_partinfo_copies_exactly_count_times_size(void **state)
{
	(void)state;
	start_mapped(FFA_VERSION_1_2, 2, 1);
	expect_secure_fill_rx(PART_INFO_GET(0), dirty_upper(PART_INFO_REPLY(3, DESC_SIZE)));
	expect_own_rx_release();
	host_expect(PART_INFO_GET(0), PART_INFO_REPLY(3, DESC_SIZE));
	assert_host_rx_holds(3 * DESC_SIZE);

	/* The host's RX buffer is full until it releases it. */
	host_expect(PART_INFO_GET(0), ERR(FFA_BUSY));
	host_expect(REGS(FFA_RX_RELEASE), OK32);
	host_expect(REGS(FFA_RX_RELEASE), ERR(FFA_DENIED));
}

static void test_d9_partinfo_fills_whole_proxy_rx(void **state)
{
	(void)state;
	/*
	 * 256 x 32 = 8192: exactly the proxy's and the host's 2 pages (larger sizes are for
	 * later versions' descriptors).
	 */
	start_mapped(FFA_VERSION_1_2, 2, 2);
	expect_secure_fill_rx(PART_INFO_GET(0), PART_INFO_REPLY(256, 32));
	expect_own_rx_release();
	host_expect(PART_INFO_GET(0), PART_INFO_REPLY(256, 32));
	assert_host_rx_holds(2 * FFA_PAGE_SIZE);
}

static void test_partinfo_1_0_size_is_8_whatever_w3_says(void **state)
{
	(void)state;
	start_mapped(FFA_VERSION_1_0, 1, 1);
	/* w3 = 0 would be an impossible size at 1.1: at 1.0 w3 is not a size. */
	expect_secure_fill_rx(PART_INFO_GET(0), PART_INFO_REPLY(5, 0));
	expect_own_rx_release();
	host_expect(PART_INFO_GET(0), PART_INFO_REPLY(5, 0));
	assert_host_rx_holds(5 * DESC_SIZE_1_0);
	host_expect(REGS(FFA_RX_RELEASE), OK32);

	/* w3 = 24, the 1.1 size, would copy 120 bytes. */
	memset(host_ram, SENTINEL, sizeof(host_ram));
	expect_secure_fill_rx(PART_INFO_GET(0), PART_INFO_REPLY(5, DESC_SIZE));
	expect_own_rx_release();
	host_expect(PART_INFO_GET(0), PART_INFO_REPLY(5, DESC_SIZE));
	assert_host_rx_holds(5 * DESC_SIZE_1_0);

	/* w5 is MBZ for a 1.0 caller: no count-only flag. */
	host_expect(REGS(FFA_RX_RELEASE), OK32);
	host_expect(PART_INFO_GET(FFA_PARTITION_INFO_GET_COUNT_ONLY), ERR(FFA_INVALID_PARAMETERS));
}

static void test_d5_partinfo_count_only_needs_host_rx(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	host_expect(PART_INFO_GET(FFA_PARTITION_INFO_GET_COUNT_ONLY), ERR(FFA_BUSY));
	host_expect(PART_INFO_GET(0), ERR(FFA_BUSY));
}

/* ---- PARTITION_INFO_GET_REGS (D6) ---------------------------------------------------------- */

/* Reply x2: last and current index, tag 0x77, the 1.2 descriptor size. */
static uint64_t regs_x2(uint16_t last, uint16_t current)
{
	return ((uint64_t)DESC_SIZE << FFA_PART_REGS_DESC_SIZE_SHIFT) |
	       ((uint64_t)0x77 << FFA_PART_REGS_REPLY_TAG_SHIFT) |
	       ((uint64_t)current << FFA_PART_REGS_CUR_INDEX_SHIFT) | last;
}

/* A reply with every register from x3 on holding a distinct 64-bit value. */
static struct ffa_regs regs_reply(uint32_t x0, uint16_t last, uint16_t current)
{
	struct ffa_regs r = REGS(x0, 0, regs_x2(last, current));
	unsigned int i;

	for (i = 3; i < FFA_REG_COUNT; i++)
		r.x[i] = (UINT64_C(0xc0de0000) << 32) | (i << 16) | i;
	return r;
}

/* @r with every register after the @descriptors descriptors it carries zeroed. */
static struct ffa_regs regs_keep(struct ffa_regs r, unsigned int descriptors)
{
	unsigned int i;

	for (i = 3 + 3 * descriptors; i < FFA_REG_COUNT; i++)
		r.x[i] = 0;
	return r;
}

static void check_regs_reply_aborted(uint16_t start, struct ffa_regs reply)
{
	expect_secure(PART_REGS_GET(start), reply);
	host_expect(PART_REGS_GET(start), ERR(FFA_ABORTED));
}

static void test_d6_regs_current_below_start_aborted(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	check_regs_reply_aborted(2, regs_reply(FFA_SUCCESS_64, 5, 1));
}

static void test_d6_regs_current_above_last_aborted(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	check_regs_reply_aborted(0, regs_reply(FFA_SUCCESS_64, 1, 2));
}

static void test_d6_regs_six_descriptors_aborted(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	check_regs_reply_aborted(0, regs_reply(FFA_SUCCESS_64, 9, 5));
	check_regs_reply_aborted(3, regs_reply(FFA_SUCCESS_64, 9, 8));
}

static void test_d6_regs_success_32_aborted(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	check_regs_reply_aborted(0, regs_reply(FFA_SUCCESS_32, 1, 1));
}

static void test_d4_regs_abi_breaking_reply_aborted(void **state)
{
	size_t i;

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	for (i = 0; i < FFA_ARRAY_SIZE(abi_breaking_replies); i++)
		check_regs_reply_aborted(0, abi_breaking_replies[i]);
}

static void test_d6_regs_five_descriptors_pass_x0_to_x17(void **state)
{
	const struct ffa_regs reply = regs_reply(FFA_SUCCESS_64, 9, 4);

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	expect_secure(PART_REGS_GET(0), reply);
	host_expect(PART_REGS_GET(0), reply);
}

static void test_d6_regs_registers_after_descriptors_zeroed(void **state)
{
	struct ffa_regs reply;

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	/* Two descriptors (x3-x8): x9-x17 are garbage and must not reach the host. */
	reply = regs_reply(FFA_SUCCESS_64, 1, 1);
	expect_secure(PART_REGS_GET(0), reply);
	host_expect(PART_REGS_GET(0), regs_keep(reply, 2));
	/* One descriptor, the last (start 7 = current = last). */
	reply = regs_reply(FFA_SUCCESS_64, 7, 7);
	expect_secure(PART_REGS_GET(7), reply);
	host_expect(PART_REGS_GET(7), regs_keep(reply, 1));
}

static void test_d6_regs_x3_upper_half_not_forwarded(void **state)
{
	/* Start index 3, tag 0x8000 built in a signed int: sign-extended into bits 63:32. */
	const uint64_t x3 = 3 | ((uint64_t)0x8000 << FFA_PART_REGS_TAG_SHIFT);
	const struct ffa_regs reply = regs_reply(FFA_SUCCESS_64, 3, 3);

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	expect_secure(PART_REGS_GET(x3), reply);
	host_expect(PART_REGS_GET(x3 | UINT64_C(0xffffffff00000000)), regs_keep(reply, 1));
}

static void test_regs_error_reply_passed_zero_extended_without_x8_x17(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	expect_secure(PART_REGS_GET(0), dirty_x8_x17(dirty_upper(ERR(FFA_INVALID_PARAMETERS))));
	host_expect(PART_REGS_GET(0), ERR(FFA_INVALID_PARAMETERS));
}

/* ---- RXTX_MAP / RXTX_UNMAP (policy §2, D7, D8) --------------------------------------------- */

static void test_rxtx_map_registration_refused_returns_error_and_unpins(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	expect_secure(REGS(FFA_RXTX_MAP_64, PROXY_TX_PA, PROXY_RX_PA, 1), ERR(FFA_NO_MEMORY));
	host_expect(RXTX_MAP(HOST_TX_PAGE, HOST_RX_PAGE, 1), ERR(FFA_NO_MEMORY));
	assert_int_equal(count_events(PIN, page_pa(HOST_TX_PAGE), 1, 0), 1);
	assert_int_equal(count_events(PIN, page_pa(HOST_RX_PAGE), 1, 0), 1);
	assert_int_equal(count_events(UNPIN, page_pa(HOST_TX_PAGE), 1, 0), 1);
	assert_int_equal(count_events(UNPIN, page_pa(HOST_RX_PAGE), 1, 0), 1);
	assert_nothing_pinned();

	/* Nothing is mapped; a later map registers again. */
	host_expect(REGS(FFA_RXTX_UNMAP), ERR(FFA_INVALID_PARAMETERS));
	host_expect(PART_INFO_GET(0), ERR(FFA_BUSY));
	map_host(HOST_TX_PAGE, HOST_RX_PAGE, 1, true);
}

static void test_d4_rxtx_map_registration_abi_breaking_reply_aborted(void **state)
{
	size_t i;

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	for (i = 0; i < FFA_ARRAY_SIZE(abi_breaking_replies); i++) {
		expect_secure(REGS(FFA_RXTX_MAP_64, PROXY_TX_PA, PROXY_RX_PA, 1),
			      abi_breaking_replies[i]);
		host_expect(RXTX_MAP(HOST_TX_PAGE, HOST_RX_PAGE, 1), ERR(FFA_ABORTED));
		assert_nothing_pinned();
	}
	map_host(HOST_TX_PAGE, HOST_RX_PAGE, 1, true);
}

static void test_d7_unmap_refused_by_secure_world_still_unmaps_host(void **state)
{
	(void)state;
	start_mapped(FFA_VERSION_1_2, 1, 1);
	expect_secure(REGS(FFA_RXTX_UNMAP), ERR(FFA_DENIED));
	host_expect(REGS(FFA_RXTX_UNMAP), OK32);
	assert_nothing_pinned();
	assert_int_equal(world.last_level, FFAP_LOG_ERROR);
	host_expect(PART_INFO_GET(0), ERR(FFA_BUSY));

	/* The registration is still on record: the next map does not register. */
	map_host(HOST_TX_PAGE + 1, HOST_RX_PAGE + 1, 1, false);
	/* And the next unmap unregisters it. */
	expect_secure(REGS(FFA_RXTX_UNMAP), OK32);
	host_expect(REGS(FFA_RXTX_UNMAP), OK32);
	assert_nothing_pinned();
	map_host(HOST_TX_PAGE, HOST_RX_PAGE, 1, true);
}

static void test_d8_map_unmap_map_registers_twice(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 2);
	map_host(HOST_TX_PAGE, HOST_RX_PAGE, 2, true);
	expect_secure(REGS(FFA_RXTX_UNMAP), OK32);
	host_expect(REGS(FFA_RXTX_UNMAP), OK32);
	map_host(HOST_TX_PAGE, HOST_RX_PAGE, 1, true);

	/* Exactly: map, unmap, map (the script holds the 3 calls after negotiation). */
	assert_int_equal(world.script_len, 6);
	assert_int_equal(world.script[3].expect.x[0], FFA_RXTX_MAP_64);
	assert_int_equal(world.script[4].expect.x[0], FFA_RXTX_UNMAP);
	assert_int_equal(world.script[5].expect.x[0], FFA_RXTX_MAP_64);
}

static void test_rxtx_map_rx_not_host_memory_unpins_tx(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	/* RX beyond host RAM, then RX on hypervisor memory: TX is pinned, then released. */
	host_expect(RXTX_MAP(HOST_TX_PAGE, HOST_RAM_PAGES, 1), ERR(FFA_INVALID_PARAMETERS));
	host_expect(RXTX_MAP(HOST_TX_PAGE, HOST_HYP_PAGE, 1), ERR(FFA_INVALID_PARAMETERS));
	assert_int_equal(count_events(PIN, page_pa(HOST_TX_PAGE), 1, 0), 2);
	assert_int_equal(count_events(PIN, page_pa(HOST_RAM_PAGES), 1, FFA_INVALID_PARAMETERS), 1);
	assert_int_equal(count_events(PIN, page_pa(HOST_HYP_PAGE), 1, FFA_INVALID_PARAMETERS), 1);
	assert_int_equal(count_events(UNPIN, page_pa(HOST_TX_PAGE), 1, 0), 2);
	assert_int_equal(world.event_count, 6);
	assert_nothing_pinned();
	/* TX on hypervisor memory: nothing stays pinned either. */
	host_expect(RXTX_MAP(HOST_HYP_PAGE, HOST_RX_PAGE, 1), ERR(FFA_INVALID_PARAMETERS));
	assert_nothing_pinned();
	map_host(HOST_TX_PAGE, HOST_RX_PAGE, 1, true);
}

static void test_rxtx_map_second_pin_failure_unpins_first(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 2);
	/* Whichever buffer the proxy pins first, the second pin fails: the first is undone. */
	world.fail_pin_call = 2;
	host_expect(RXTX_MAP(HOST_TX_PAGE, HOST_RX_PAGE, 2), ERR(FFA_NO_MEMORY));
	assert_int_equal(world.event_count, 3);
	assert_int_equal(world.events[0].op, PIN);
	assert_int_equal(world.events[0].result, 0);
	assert_int_equal(world.events[1].op, PIN);
	assert_int_equal(world.events[1].result, FFA_NO_MEMORY);
	assert_int_equal(world.events[2].op, UNPIN);
	assert_int_equal(world.events[2].pa, world.events[0].pa);
	assert_int_equal(world.events[2].pages, 2);
	assert_nothing_pinned();
}

static void test_rxtx_map_32_ignores_upper_halves(void **state)
{
	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	expect_secure(REGS(FFA_RXTX_MAP_64, PROXY_TX_PA, PROXY_RX_PA, 1), OK32);
	host_expect(
		dirty_upper(REGS(FFA_RXTX_MAP_32, page_pa(HOST_TX_PAGE), page_pa(HOST_RX_PAGE), 1)),
		OK32);
	assert_int_equal(count_events(PIN, page_pa(HOST_TX_PAGE), 1, 0), 1);
	assert_int_equal(count_events(PIN, page_pa(HOST_RX_PAGE), 1, 0), 1);
}

/* ---- the lock ------------------------------------------------------------------------------ */

static void test_lock_held_for_mailbox_secure_calls(void **state)
{
	unsigned int i;

	(void)state;
	start_mapped(FFA_VERSION_1_2, 1, 1);
	expect_secure_fill_rx(PART_INFO_GET(0), PART_INFO_REPLY(1, DESC_SIZE));
	expect_own_rx_release();
	host_expect(PART_INFO_GET(0), PART_INFO_REPLY(1, DESC_SIZE));
	expect_secure(REGS(FFA_RXTX_UNMAP), OK32);
	host_expect(REGS(FFA_RXTX_UNMAP), OK32);

	/* Every call after ffap_init (the first): negotiation, map, partition info, unmap. */
	for (i = 1; i < world.script_len; i++)
		if (!world.script[i].lock_held)
			fail_msg("secure call scripted at line %d made without the lock",
				 world.script[i].line);
}

/* Policy §1 "Concurrency": calls that may run a partition for ever reach it without the lock. */
static void test_lock_not_held_across_blocking_calls(void **state)
{
	const uint32_t to_partition = ffa_sender_receiver(FFA_HOST_ID, FFA_SECURE_ID_BIT | 1);
	const struct ffa_regs calls[] = {
		REGS(FFA_MSG_SEND_DIRECT_REQ_32, to_partition),
		REGS(FFA_MSG_SEND_DIRECT_REQ_64, to_partition),
		REGS(FFA_MSG_SEND_DIRECT_REQ2, to_partition),
		REGS(FFA_RUN, ffa_target_info(FFA_SECURE_ID_BIT | 1, 0)),
	};
	struct ffa_regs r;
	unsigned int made;
	size_t i;

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	world.permissive = true;
	for (i = 0; i < FFA_ARRAY_SIZE(calls); i++) {
		made = world.secure_calls;
		r = calls[i];
		assert_true(host_call(&r));
		if (world.secure_calls != made + 1)
			fail_msg("x0 = 0x%llx: %u secure calls, expected 1",
				 (unsigned long long)calls[i].x[0], world.secure_calls - made);
		if (world.last_call_locked)
			fail_msg("x0 = 0x%llx forwarded with the proxy's lock held",
				 (unsigned long long)calls[i].x[0]);
	}
}

static void test_lock_free_after_every_kind_of_reply(void **state)
{
	(void)state;
	/* Refused before the lock, refused under it, handled: each returns with it free. */
	start_negotiated(FFA_VERSION_1_2, 1);
	host_expect(REGS((UINT64_C(1) << 32) | FFA_ID_GET), ERR(FFA_NOT_SUPPORTED));
	host_expect(REGS(FFA_FID_64(FFA_FNUM_ID_GET)), ERR(FFA_NOT_SUPPORTED));
	host_expect(REGS(FFA_RX_ACQUIRE), ERR(FFA_NOT_SUPPORTED));
	host_expect(REGS(FFA_ID_GET, 1), ERR(FFA_INVALID_PARAMETERS));
	host_expect(REGS(FFA_ID_GET), REGS(FFA_SUCCESS_32, 0, FFA_HOST_ID));
	/* The lock's count: every taking released (checked again by the teardown). */
	assert_int_equal(world.lock_count, world.unlock_count);
	assert_true(world.lock_count > 0);
}

/* ---- policy §1: identification, order, allow-list ------------------------------------------ */

static void test_x0_upper_bits_not_supported_even_for_version(void **state)
{
	(void)state;
	start_proxy(FFA_VERSION_1_2, 1);
	host_expect(REGS((UINT64_C(1) << 32) | FFA_VERSION, FFA_VERSION_1_2),
		    ERR(FFA_NOT_SUPPORTED));
	assert_not_negotiated();
}

static void test_not_ffa_left_to_embedder(void **state)
{
	const uint64_t not_ffa[] = {
		FFA_FID_32(FFA_FNUM_MIN - 1),
		FFA_FID_32(FFA_FNUM_MAX + 1),
		FFA_FID_64(FFA_FNUM_MAX + 1),
		FFA_VERSION & ~SMCCC_FAST_CALL,	   /* yielding call */
		FFA_VERSION | (UINT32_C(1) << 17), /* bits 23:17 not zero */
		FFA_VERSION | (UINT32_C(1) << 23),
		FFA_VERSION + (UINT32_C(1) << SMCCC_OWNER_SHIFT), /* another owner */
		(UINT64_C(1) << 32) | FFA_FID_32(FFA_FNUM_MAX + 1),
	};
	struct ffa_regs r, before;
	unsigned int locks;
	size_t i;

	(void)state;
	start_negotiated(FFA_VERSION_1_2, 1);
	locks = world.lock_count;
	for (i = 0; i < FFA_ARRAY_SIZE(not_ffa); i++) {
		before = dirty_x8_x17(REGS(not_ffa[i], 1, 2, 3, 4, 5, 6, 7));
		r = before;
		if (host_call(&r))
			fail_msg("x0 = 0x%llx taken as FF-A", (unsigned long long)not_ffa[i]);
		check_regs(&r, &before, "registers of a call that is not FF-A", __LINE__);
	}
	assert_int_equal(world.lock_count, locks);
}

struct defined_function {
	uint32_t fnum;
	uint32_t widths;
};

static const struct defined_function defined_functions[] = {
#define DEFINED(name, fnum, widths, since) { (fnum), (widths) },
	FFA_FUNCTIONS(DEFINED)
#undef DEFINED
};

/* The widths FF-A 1.0-1.2 defines @fnum in; 0 for a number it does not define. */
static uint32_t defined_widths(uint32_t fnum)
{
	size_t i;

	for (i = 0; i < FFA_ARRAY_SIZE(defined_functions); i++)
		if (defined_functions[i].fnum == fnum)
			return defined_functions[i].widths;
	return 0;
}

/* Every undefined (number, width), with and without the SVE hint: ERR(NOT_SUPPORTED). */
static void check_undefined_not_supported(void)
{
	const uint32_t hints[] = { 0, SMCCC_SVE_HINT };
	uint32_t fnum, fid;
	unsigned int width, h;

	for (fnum = FFA_FNUM_MIN; fnum <= FFA_FNUM_MAX; fnum++) {
		for (width = FFA_W32; width <= FFA_W64; width <<= 1) {
			if (defined_widths(fnum) & width)
				continue;
			for (h = 0; h < FFA_ARRAY_SIZE(hints); h++) {
				fid = (width == FFA_W32 ? FFA_FID_32(fnum) : FFA_FID_64(fnum)) |
				      hints[h];
				host_expect(REGS(fid), ERR(FFA_NOT_SUPPORTED));
			}
		}
	}
}

static void test_policy_undefined_numbers_and_widths_not_supported(void **state)
{
	(void)state;
	/* Before negotiation (allow-list before "not yet negotiated"), then after. */
	start_proxy(FFA_VERSION_1_2, 1);
	check_undefined_not_supported();
	expect_d2_checks_pass();
	host_expect(REGS(FFA_VERSION, FFA_VERSION_1_2), REGS(FFA_VERSION_1_2));
	map_host(HOST_TX_PAGE, HOST_RX_PAGE, 1, true);
	check_undefined_not_supported();
	/* No secure call: the script ends at the map; any other call fails the test. */
}

static void test_policy_every_defined_function_is_answered(void **state)
{
	struct ffa_regs r;
	uint32_t fid;
	unsigned int width;
	size_t i, n;

	(void)state;
	start_mapped(FFA_VERSION_1_2, 1, 1);
	world.permissive = true;
	for (i = 0; i < FFA_ARRAY_SIZE(defined_functions); i++) {
		for (width = FFA_W32; width <= FFA_W64; width <<= 1) {
			if (!(defined_functions[i].widths & width))
				continue;
			fid = width == FFA_W32 ? FFA_FID_32(defined_functions[i].fnum) :
						 FFA_FID_64(defined_functions[i].fnum);
			r = dirty_x8_x17(REGS(fid));
			if (!host_call(&r))
				fail_msg("0x%x, a function FF-A defines, left to the embedder",
					 fid);
			/* Answered: a reply (x8-x17 cleared), never the call's own registers. */
			for (n = 8; n < FFA_REG_COUNT; n++)
				if (r.x[n])
					fail_msg("0x%x: reply x%zu = 0x%llx", fid, n,
						 (unsigned long long)r.x[n]);
		}
	}
}

static void test_policy_defined_functions_need_negotiation(void **state)
{
	uint32_t fid;
	unsigned int width;
	size_t i;

	(void)state;
	start_proxy(FFA_VERSION_1_2, 1);
	for (i = 0; i < FFA_ARRAY_SIZE(defined_functions); i++) {
		if (defined_functions[i].fnum == FFA_FNUM_VERSION)
			continue;
		for (width = FFA_W32; width <= FFA_W64; width <<= 1) {
			if (!(defined_functions[i].widths & width))
				continue;
			fid = width == FFA_W32 ? FFA_FID_32(defined_functions[i].fnum) :
						 FFA_FID_64(defined_functions[i].fnum);
			host_expect(REGS(fid), ERR(FFA_INVALID_PARAMETERS));
		}
	}
}

/* ---- the runner ------------------------------------------------------------------------------ */

#define T(test) cmocka_unit_test_setup_teardown(test, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* ffap_init */
		T(test_d1_init_reply_with_upper_bits_disables),
		T(test_d1_init_reply_ffa_error_disables),
		T(test_d1_init_reply_plain_not_supported_disables),
		T(test_d1_init_reply_bit31_disables),
		T(test_d1_init_reply_zero_extended_minus_one_disables),
		T(test_d1_init_reply_major_2_disables),
		T(test_d1_init_reply_major_0_disables),
		T(test_init_newer_secure_minor_gives_1_2),
		T(test_init_secure_1_0_gives_1_0),
		T(test_init_secure_1_1_gives_1_1),
		T(test_init_rejects_unusable_config),
		/* D2 */
		T(test_d2_id_get_nonzero_refuses_negotiation),
		T(test_d2_id_get_error_refuses_negotiation),
		T(test_d2_features_error_refuses_negotiation),
		T(test_d2_min_size_64k_refused_for_1_page_mailbox),
		T(test_d2_min_size_64k_accepted_for_16_page_mailbox),
		T(test_d2_min_size_16k_must_divide_mailbox),
		T(test_d2_min_size_16k_accepted_for_4_page_mailbox),
		T(test_d2_min_size_reserved_encoding_refused),
		T(test_d2_max_pages_below_mailbox_refused_at_1_2),
		T(test_d2_max_pages_equal_to_mailbox_accepted_at_1_2),
		T(test_d2_max_pages_zero_accepted),
		T(test_d2_max_pages_not_read_below_1_2),
		T(test_d2_downgrade_refused_by_plain_minus_one),
		T(test_d2_downgrade_refused_by_zero_extended_minus_one),
		T(test_d2_downgrade_refused_by_ffa_error_not_supported),
		T(test_d2_downgrade_accepted_on_ffa_error_denied),
		T(test_d2_downgrade_accepted_on_secure_version),
		/* D3 */
		T(test_d3_features_of_function_with_sve_hint_not_supported),
		/* D4, replies */
		T(test_d4_spm_id_get_smc32_reply_zero_extended),
		T(test_d4_features_smc32_reply_zero_extended),
		T(test_d4_error_reply_sign_extended_code_zero_extended),
		T(test_d4_success_64_reply_passes_untruncated),
		T(test_d4_spm_id_get_abi_breaking_reply_aborted),
		T(test_d4_features_abi_breaking_reply_aborted),
		/* forwarded calls */
		T(test_forward_zeroes_x8_to_x17),
		T(test_forward_zero_extends_smc32_arguments),
		T(test_forward_keeps_sve_hint),
		T(test_forward_partition_info_get_regs_clean),
		/* PARTITION_INFO_GET */
		T(test_d9_partinfo_too_big_for_host_rx_no_memory_releases_own_rx),
		T(test_d9_partinfo_size_16_at_1_1_aborted_releases_own_rx),
		T(test_d9_partinfo_size_16_at_1_2_aborted_releases_own_rx),
		T(test_d9_partinfo_size_23_at_1_2_aborted_releases_own_rx),
		T(test_d9_partinfo_size_0_aborted_releases_own_rx),
		T(test_d9_partinfo_beyond_proxy_rx_aborted_releases_own_rx),
		T(test_d9_partinfo_product_above_32_bits_aborted_releases_own_rx),
		T(test_d9_partinfo_largest_product_aborted_releases_own_rx),
		T(test_d4_partinfo_abi_breaking_reply_aborted),
		T(test_partinfo_count_0_passed_without_copy_or_release),
		T(test_partinfo_count_only_passed_without_copy_or_release),
		T(test_partinfo_secure_error_passed_without_release),
		T(test_d9_partinfo_copies_exactly_count_times_size),
		T(test_d9_partinfo_fills_whole_proxy_rx),
		T(test_partinfo_1_0_size_is_8_whatever_w3_says),
		T(test_d5_partinfo_count_only_needs_host_rx),
		/* PARTITION_INFO_GET_REGS */
		T(test_d6_regs_current_below_start_aborted),
		T(test_d6_regs_current_above_last_aborted),
		T(test_d6_regs_six_descriptors_aborted),
		T(test_d6_regs_success_32_aborted),
		T(test_d4_regs_abi_breaking_reply_aborted),
		T(test_d6_regs_five_descriptors_pass_x0_to_x17),
		T(test_d6_regs_registers_after_descriptors_zeroed),
		T(test_d6_regs_x3_upper_half_not_forwarded),
		T(test_regs_error_reply_passed_zero_extended_without_x8_x17),
		/* RXTX_MAP / RXTX_UNMAP */
		T(test_rxtx_map_registration_refused_returns_error_and_unpins),
		T(test_d4_rxtx_map_registration_abi_breaking_reply_aborted),
		T(test_d7_unmap_refused_by_secure_world_still_unmaps_host),
		T(test_d8_map_unmap_map_registers_twice),
		T(test_rxtx_map_rx_not_host_memory_unpins_tx),
		T(test_rxtx_map_second_pin_failure_unpins_first),
		T(test_rxtx_map_32_ignores_upper_halves),
		/* the lock */
		T(test_lock_held_for_mailbox_secure_calls),
		T(test_lock_not_held_across_blocking_calls),
		T(test_lock_free_after_every_kind_of_reply),
		/* identification and the allow-list */
		T(test_x0_upper_bits_not_supported_even_for_version),
		T(test_not_ffa_left_to_embedder),
		T(test_policy_undefined_numbers_and_widths_not_supported),
		T(test_policy_every_defined_function_is_answered),
		T(test_policy_defined_functions_need_negotiation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
