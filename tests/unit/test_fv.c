/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Unit tests of the .fv interpreter (src/vectors) against a scripted
 * platform: every fv_plat_* hook below records what the interpreter asked for
 * and answers what the test scripted, so each test can check exactly which
 * registers, bytes and messages a vector line turns into.
 *
 * This file defines the fv_plat_* hooks itself; it needs the fv sources (or
 * the ffaproxy_fv library) and cmocka, not the simulation platform.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fv.h"
#include "fv_internal.h"

/* ---------------------------------------------------------------------- */
/* The scripted platform                                                  */
/* ---------------------------------------------------------------------- */

#define MOCK_MAX 64
#define MOCK_LINE 1024
#define MOCK_MEM_FILL 0xee /* what host RAM holds before a test writes */

struct fv_plat {
	/* fv_plat_world_start() */
	unsigned int world_starts;
	struct fv_world world;
	int world_start_ret;

	/* host calls: what came in, what goes out */
	unsigned int host_calls;
	struct ffa_regs host_in[MOCK_MAX];
	struct ffa_regs replies[MOCK_MAX];
	unsigned int reply_count;

	/* secure-world calls reported for the last host call */
	struct ffa_regs secure[MOCK_MAX];
	size_t secure_count;

	/* partition calls */
	unsigned int sp_calls;
	uint16_t sp_id[MOCK_MAX];
	struct ffa_regs sp_in[MOCK_MAX];
	unsigned int retrieves, relinquishes;
	uint64_t handle;
	uint8_t sp_tx[8192];
	unsigned int sp_writes;
	uint32_t sp_write_offset;
	size_t sp_write_len;

	/* host RAM */
	uint64_t mem_base;
	size_t mem_size;
	uint8_t *mem;
	unsigned int mem_writes;
	size_t max_write;

	/* page states: one state for everything, and one exception */
	enum fv_page_state page_state;
	uint64_t odd_page;
	enum fv_page_state odd_state;

	/* fault injection and invariants */
	int fail_secure_ret;
	unsigned int fail_nth;
	int32_t fail_error;
	unsigned int fail_calls;
	int invariants_ret;
	unsigned int invariant_checks;

	/* output */
	char lines[MOCK_MAX][MOCK_LINE];
	unsigned int line_count;
};

int fv_plat_world_start(struct fv_plat *p, const struct fv_world *w, char *err, size_t err_len)
{
	p->world_starts++;
	p->world = *w;
	p->host_calls = 0;
	if (p->world_start_ret)
		snprintf(err, err_len, "cannot model it");
	return p->world_start_ret;
}

void fv_plat_host_call(struct fv_plat *p, struct ffa_regs *r)
{
	unsigned int n = p->host_calls++;

	assert_true(n < MOCK_MAX);
	p->host_in[n] = *r;
	if (n < p->reply_count) {
		*r = p->replies[n];
	} else {
		memset(r, 0, sizeof(*r));
		r->x[0] = FFA_SUCCESS_32;
	}
}

void fv_plat_sp_call(struct fv_plat *p, uint16_t id, struct ffa_regs *r)
{
	unsigned int n = p->sp_calls++;

	assert_true(n < MOCK_MAX);
	p->sp_id[n] = id;
	p->sp_in[n] = *r;
	memset(r, 0, sizeof(*r));
	r->x[0] = FFA_SUCCESS_32;
	r->x[2] = 0x77;
}

int fv_plat_sp_write(struct fv_plat *p, uint16_t id, uint32_t offset, const uint8_t *data,
		     size_t len)
{
	if (id != 0x8001 || offset + len > sizeof(p->sp_tx))
		return -1;
	if (!p->sp_writes++)
		p->sp_write_offset = offset;
	p->sp_write_len += len;
	memcpy(&p->sp_tx[offset], data, len);
	return 0;
}

void fv_plat_sp_retrieve(struct fv_plat *p, uint16_t id, uint64_t handle, struct ffa_regs *r)
{
	p->retrieves++;
	p->handle = handle;
	p->sp_id[0] = id;
	memset(r, 0, sizeof(*r));
	r->x[0] = FFA_MEM_RETRIEVE_RESP;
}

void fv_plat_sp_relinquish(struct fv_plat *p, uint16_t id, uint64_t handle, struct ffa_regs *r)
{
	p->relinquishes++;
	p->handle = handle;
	p->sp_id[0] = id;
	memset(r, 0, sizeof(*r));
	r->x[0] = FFA_SUCCESS_32;
}

static uint8_t *mock_mem(struct fv_plat *p, uint64_t pa, size_t len)
{
	if (pa < p->mem_base || pa - p->mem_base > p->mem_size ||
	    len > p->mem_size - (pa - p->mem_base))
		return NULL;
	return &p->mem[pa - p->mem_base];
}

int fv_plat_mem_write(struct fv_plat *p, uint64_t pa, const uint8_t *data, size_t len)
{
	uint8_t *m = mock_mem(p, pa, len);

	if (!m)
		return -1;
	p->mem_writes++;
	if (len > p->max_write)
		p->max_write = len;
	memcpy(m, data, len);
	return 0;
}

int fv_plat_mem_read(struct fv_plat *p, uint64_t pa, uint8_t *data, size_t len)
{
	uint8_t *m = mock_mem(p, pa, len);

	if (!m)
		return -1;
	memcpy(data, m, len);
	return 0;
}

enum fv_page_state fv_plat_page_state(struct fv_plat *p, uint64_t pa)
{
	if (pa / FFA_PAGE_SIZE == p->odd_page / FFA_PAGE_SIZE)
		return p->odd_state;
	return p->page_state;
}

int fv_plat_fail_secure(struct fv_plat *p, unsigned int nth, int32_t error)
{
	p->fail_calls++;
	p->fail_nth = nth;
	p->fail_error = error;
	return p->fail_secure_ret;
}

size_t fv_plat_secure_calls(struct fv_plat *p, const struct ffa_regs **calls)
{
	*calls = p->secure;
	return p->secure_count;
}

int fv_plat_check_invariants(struct fv_plat *p, char *why, size_t why_len)
{
	p->invariant_checks++;
	if (p->invariants_ret)
		snprintf(why, why_len, "page 0x80300000 leaked");
	return p->invariants_ret;
}

void fv_plat_print(struct fv_plat *p, const char *line)
{
	assert_true(p->line_count < MOCK_MAX);
	assert_true(strlen(line) < MOCK_LINE);
	strcpy(p->lines[p->line_count++], line);
}

/* 8 MiB of host RAM at 0x80000000: enough for every test, quick to fill. */
static int setup(void **state)
{
	struct fv_plat *p = calloc(1, sizeof(*p));

	assert_non_null(p);
	p->mem_base = 0x80000000;
	p->mem_size = 8u << 20;
	p->mem = malloc(p->mem_size);
	assert_non_null(p->mem);
	memset(p->mem, MOCK_MEM_FILL, p->mem_size);
	p->page_state = FV_PAGE_HOST;
	p->odd_page = UINT64_MAX;
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	struct fv_plat *p = *state;

	free(p->mem);
	free(p);
	return 0;
}

static struct fv_result run(struct fv_plat *p, const char *text)
{
	struct fv_result res = { 0 };

	fv_run(p, "t.fv", text, strlen(text), &res);
	return res;
}

static void script_reply(struct fv_plat *p, unsigned int n, uint64_t x0, uint64_t x2)
{
	memset(&p->replies[n], 0, sizeof(p->replies[n]));
	p->replies[n].x[0] = x0;
	p->replies[n].x[2] = x2;
	if (p->reply_count < n + 1)
		p->reply_count = n + 1;
}

/* One case that must fail with exactly @line, and nothing else printed. */
static void assert_one_line(struct fv_plat *p, struct fv_result res, const char *line)
{
	assert_int_equal(p->line_count, 1);
	assert_string_equal(p->lines[0], line);
	assert_int_equal(res.passed + res.failed + res.skipped, 1);
}

/* ---------------------------------------------------------------------- */
/* Names                                                                  */
/* ---------------------------------------------------------------------- */

static uint64_t name(const char *n)
{
	uint64_t v = 0x5a5a;

	assert_true(fv_lookup_name(n, strlen(n), &v));
	return v;
}

static bool known(const char *n)
{
	uint64_t v;

	return fv_lookup_name(n, strlen(n), &v);
}

static void test_names_function_forms(void **state)
{
	(void)state;
	/* Functions in one width: the plain name. */
	assert_int_equal(name("FFA_VERSION"), FFA_VERSION);
	assert_int_equal(name("FFA_ERROR"), FFA_ERROR);
	assert_int_equal(name("FFA_ID_GET"), FFA_ID_GET);
	/* vectors.md's own examples of a 64-bit-only function. */
	assert_int_equal(name("FFA_MSG_SEND_DIRECT_REQ2"), 0xC400008D);
	assert_int_equal(name("FFA_PARTITION_INFO_GET_REGS"), 0xC400008B);
	/* Both widths: the suffix picks one, no suffix means 32-bit. */
	assert_int_equal(name("FFA_MEM_SHARE"), FFA_MEM_SHARE_32);
	assert_int_equal(name("FFA_MEM_SHARE_32"), FFA_MEM_SHARE_32);
	assert_int_equal(name("FFA_MEM_SHARE_64"), FFA_MEM_SHARE_64);
	assert_int_equal(name("FFA_SUCCESS_32"), FFA_SUCCESS_32);
	assert_int_equal(name("FFA_SUCCESS_64"), FFA_SUCCESS_64);
	assert_int_equal(name("FFA_MSG_SEND_DIRECT_REQ_64"), FFA_MSG_SEND_DIRECT_REQ_64);
	assert_int_equal(name("FFA_NOTIFICATION_INFO_GET_64"), FFA_NOTIFICATION_INFO_GET_64);
	assert_int_equal(name("FFA_RXTX_MAP_64"), FFA_RXTX_MAP_64);
	/* A suffix is accepted for a width the function has, and only then. */
	assert_int_equal(name("FFA_VERSION_32"), FFA_VERSION);
	assert_int_equal(name("FFA_MSG_SEND_DIRECT_REQ2_64"), FFA_MSG_SEND_DIRECT_REQ2);
	assert_false(known("FFA_VERSION_64"));
	assert_false(known("FFA_ERROR_64"));
	assert_false(known("FFA_MSG_SEND_DIRECT_REQ2_32"));
	/* Spelling is exact. */
	assert_false(known("ffa_version"));
	assert_false(known("FFA_VERSION_"));
	assert_false(known("FFA_"));
	assert_false(known("VERSION"));
	assert_false(known("FFA_NO_SUCH_CALL"));
	assert_false(known("FFA_MEM_SHARE_16"));
	assert_false(known(""));
}

/* Every row of FFA_FUNCTIONS() has its names, and they name that row. */
static void test_names_every_function(void **state)
{
	unsigned int fnum, count = 0;

	(void)state;
	for (fnum = FFA_FNUM_MIN; fnum <= FFA_FNUM_MAX; fnum++) {
		const struct ffa_function_info *f = ffa_function_lookup(fnum);
		char buf[80];

		if (!f)
			continue;
		count++;
		snprintf(buf, sizeof(buf), "FFA_%s", f->name);
		assert_int_equal(name(buf),
				 (f->widths & FFA_W32) ? FFA_FID_32(fnum) : FFA_FID_64(fnum));
		snprintf(buf, sizeof(buf), "FFA_%s_32", f->name);
		assert_int_equal(known(buf), (f->widths & FFA_W32) != 0);
		if (f->widths & FFA_W32)
			assert_int_equal(name(buf), FFA_FID_32(fnum));
		snprintf(buf, sizeof(buf), "FFA_%s_64", f->name);
		assert_int_equal(known(buf), (f->widths & FFA_W64) != 0);
		if (f->widths & FFA_W64)
			assert_int_equal(name(buf), FFA_FID_64(fnum));
	}
	/* FF-A 1.0-1.2 define functions 0x60-0x8E. */
	assert_int_equal(count, 0x8E - 0x60 + 1);
}

static void test_names_errors(void **state)
{
	(void)state;
	assert_int_equal(name("NOT_SUPPORTED"), UINT64_MAX);
	assert_int_equal(name("INVALID_PARAMETERS"), (uint64_t)-2);
	assert_int_equal(name("NO_MEMORY"), (uint64_t)-3);
	assert_int_equal(name("BUSY"), (uint64_t)-4);
	assert_int_equal(name("INTERRUPTED"), (uint64_t)-5);
	assert_int_equal(name("DENIED"), (uint64_t)-6);
	assert_int_equal(name("RETRY"), (uint64_t)-7);
	assert_int_equal(name("ABORTED"), (uint64_t)-8);
	assert_int_equal(name("NO_DATA"), (uint64_t)-9);
	assert_false(known("NOT_READY"));
	assert_false(known("FFA_DENIED"));
	assert_false(known("denied"));
}

static void test_fid_names(void **state)
{
	char buf[64];
	struct fv_str s;

	(void)state;
	fv_str_init(&s, buf, sizeof(buf));
	assert_true(fv_fid_name(&s, FFA_MSG_SEND_DIRECT_RESP_64));
	assert_string_equal(buf, "FFA_MSG_SEND_DIRECT_RESP_64");
	fv_str_init(&s, buf, sizeof(buf));
	assert_true(fv_fid_name(&s, FFA_VERSION | SMCCC_SVE_HINT));
	assert_string_equal(buf, "FFA_VERSION");
	fv_str_init(&s, buf, sizeof(buf));
	assert_true(fv_fid_name(&s, FFA_MSG_SEND_DIRECT_REQ2));
	assert_string_equal(buf, "FFA_MSG_SEND_DIRECT_REQ2");
	fv_str_init(&s, buf, sizeof(buf));
	/* The 64-bit form of a 32-bit-only function has no name. */
	assert_false(fv_fid_name(&s, FFA_FID_64(FFA_FNUM_VERSION)));
	assert_false(fv_fid_name(&s, FFA_FID_32(0x8F)));
	assert_false(fv_fid_name(&s, 0x12345678));
	assert_string_equal(buf, "");
}

/* ---------------------------------------------------------------------- */
/* Numbers, registers, saved values                                       */
/* ---------------------------------------------------------------------- */

static void test_numbers_in_call(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p,
		  "case numbers\n"
		  "  call FFA_MEM_SHARE_64 x1=0x10 x2=16 x3=-1 x4=-9223372036854775808\n"
		  "  call x0=0x84000063 x5=18446744073709551615 x6=0xFFFFffff00000000 x7=DENIED\n"
		  "  call 7 x17=FFA_MSG_SEND_DIRECT_REQ2\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(res.failed, 0);
	assert_string_equal(p->lines[0], "PASS numbers");
	assert_int_equal(p->host_calls, 3);
	assert_int_equal(p->host_in[0].x[0], FFA_MEM_SHARE_64);
	assert_int_equal(p->host_in[0].x[1], 0x10);
	assert_int_equal(p->host_in[0].x[2], 16);
	assert_int_equal(p->host_in[0].x[3], UINT64_MAX);
	assert_int_equal(p->host_in[0].x[4], UINT64_C(1) << 63);
	assert_int_equal(p->host_in[0].x[5], 0); /* unlisted: zero */
	assert_int_equal(p->host_in[1].x[0], FFA_VERSION);
	assert_int_equal(p->host_in[1].x[5], UINT64_MAX);
	assert_int_equal(p->host_in[1].x[6], UINT64_C(0xffffffff00000000));
	assert_int_equal(p->host_in[1].x[7], (uint64_t)-6);
	assert_int_equal(p->host_in[2].x[0], 7);
	assert_int_equal(p->host_in[2].x[17], FFA_MSG_SEND_DIRECT_REQ2);
}

static void test_w_operands_in_call(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case w\n"
		     "  call FFA_VERSION w1=0x10002 w2=-1 w3=DENIED w4=0xffffffff x5=-1\n");
	assert_int_equal(res.passed, 1);
	/* A w operand sets the low 32 bits, the upper 32 are zero. */
	assert_int_equal(p->host_in[0].x[1], 0x10002);
	assert_int_equal(p->host_in[0].x[2], 0xffffffff);
	assert_int_equal(p->host_in[0].x[3], 0xfffffffa);
	assert_int_equal(p->host_in[0].x[4], 0xffffffff);
	assert_int_equal(p->host_in[0].x[5], UINT64_MAX);
}

static void test_w_vs_x_in_expect(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	/* The reply has junk in the upper half of x2: w2 ignores it, x2 does not. */
	script_reply(p, 0, FFA_ERROR, UINT64_C(0xdead0000fffffffa));
	res = run(p, "case w-compares-low-half\n"
		     "  call FFA_ID_GET\n"
		     "  expect FFA_ERROR w2=DENIED\n"
		     "  expect w0=FFA_ERROR w2=0xfffffffa\n"
		     "  expect x0=FFA_ERROR\n"
		     "case x-compares-all\n"
		     "  call FFA_ID_GET\n"
		     "  expect x2=0xfffffffa\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(res.failed, 1);
	assert_string_equal(p->lines[0], "PASS w-compares-low-half");
	assert_string_equal(
		p->lines[1],
		"FAIL x-compares-all: t.fv:8: x2 wanted 0xfffffffa got 0xdead0000fffffffa"
		" (reply: FFA_ERROR DENIED x2=0xdead0000fffffffa)");
}

static void test_expect_bare_value_is_x0(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	/* The bare value compares all of x0: stale upper bits are caught. */
	script_reply(p, 0, UINT64_C(0x100000000) | FFA_SUCCESS_32, 0);
	res = run(p, "case bare\n"
		     "  call FFA_ID_GET\n"
		     "  expect w0=FFA_SUCCESS_32\n"
		     "  expect FFA_SUCCESS_32\n");
	assert_int_equal(res.failed, 1);
	assert_string_equal(p->lines[0], "FAIL bare: t.fv:4: x0 wanted 0x84000061 got 0x184000061"
					 " (reply: FFA_SUCCESS_32 x0[63:32]=0x1 id=0x0)");
}

static void test_expect_mismatch_message(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	script_reply(p, 0, SMCCC_RET_NOT_SUPPORTED, 0);
	res = run(p, "# a comment\n"
		     "\n"
		     "case example-version-and-id\n"
		     "  call FFA_VERSION x1=0x10002   # trailing comment\n"
		     "  expect x0=0x10002\n"
		     "  call FFA_ID_GET\n");
	assert_one_line(p, res,
			"FAIL example-version-and-id: t.fv:5: x0 wanted 0x10002 got "
			"0xffffffffffffffff (reply: NOT_SUPPORTED)");
	assert_int_equal(res.failed, 1);
	/* After the first failure the rest of the case does not run. */
	assert_int_equal(p->host_calls, 1);
	/* ... nor does the implicit check of the invariants. */
	assert_int_equal(p->invariant_checks, 0);
}

static void test_saved_values(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	p->replies[0].x[0] = FFA_SUCCESS_32;
	p->replies[0].x[2] = UINT64_C(0xaaaa000012345678);
	p->replies[0].x[3] = UINT64_C(0x8000000000000001);
	p->reply_count = 1;
	res = run(p, "case save\n"
		     "  call FFA_MEM_SHARE_64\n"
		     "  save hlo w2\n"
		     "  save all x2\n"
		     "  save hi x3\n"
		     "  call FFA_MEM_RECLAIM x1=$hlo x2=$all w3=$hlo x4=$hi\n"
		     "  save hlo x3\n"
		     "  call FFA_MEM_RECLAIM x1=$hlo\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(p->host_in[1].x[1], 0x12345678);
	assert_int_equal(p->host_in[1].x[2], UINT64_C(0xaaaa000012345678));
	assert_int_equal(p->host_in[1].x[3], 0x12345678);
	assert_int_equal(p->host_in[1].x[4], UINT64_C(0x8000000000000001));
	/* A later save of the same name replaces the value (default reply: x3 = 0). */
	assert_int_equal(p->host_in[2].x[1], 0);
}

static void test_saved_values_are_per_case(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case one\n"
		     "  call FFA_ID_GET\n"
		     "  save id w2\n"
		     "case two\n"
		     "  call FFA_ID_GET x1=$id\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(res.failed, 1);
	assert_int_equal(p->line_count, 2);
	assert_string_equal(p->lines[0], "PASS one");
	assert_string_equal(p->lines[1], "FAIL t.fv:5: not saved in this case: '$id'");
}

static void test_saved_values_limit(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;
	char text[2048];
	size_t n;
	int i;

	n = (size_t)sprintf(text, "case many\n  call FFA_ID_GET\n");
	for (i = 0; i < FV_MAX_SAVED; i++)
		n += (size_t)sprintf(text + n, "  save v%d w2\n", i);
	/* Saving an existing name again takes no room. */
	n += (size_t)sprintf(text + n, "  save v0 w3\n  save one-too-many w2\n");
	res = run(p, text);
	assert_one_line(p, res, "FAIL t.fv:36: too many saved values in one case");
}

/* A failed case is still parsed: names it would have saved stay defined. */
static void test_names_defined_after_failure(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	script_reply(p, 0, FFA_ERROR, 0);
	res = run(p, "case a\n"
		     "  call FFA_ID_GET\n"
		     "  expect FFA_SUCCESS_32\n"
		     "  save h w2\n"
		     "  desc 0x80020000 ranges=0x80300000+1\n"
		     "  call FFA_MEM_SHARE_64 x1=$len x2=$h\n"
		     "case b\n");
	assert_int_equal(res.failed, 1);
	assert_int_equal(res.passed, 1);
	assert_int_equal(p->line_count, 2);
	assert_string_equal(p->lines[1], "PASS b");
	/* Nothing after the failure ran. */
	assert_int_equal(p->mem_writes, 0);
}

/* ---------------------------------------------------------------------- */
/* Malformed lines                                                        */
/* ---------------------------------------------------------------------- */

struct malformed {
	const char *text;
	const char *line;
};

static void test_malformed_lines(void **state)
{
	static const struct malformed cases[] = {
		{ "case a\n  frobnicate x1=2\n", "FAIL t.fv:2: unknown directive 'frobnicate'" },
		{ "case a\n  call FFA_VERSION x1=0x1g\n", "FAIL t.fv:2: bad number '0x1g'" },
		{ "case a\n  call FFA_VERSION x1=12a\n", "FAIL t.fv:2: bad number '12a'" },
		{ "case a\n  call FFA_VERSION x1=0x\n", "FAIL t.fv:2: bad number '0x'" },
		{ "case a\n  call FFA_VERSION x1=0x10000000000000000\n",
		  "FAIL t.fv:2: bad number '0x10000000000000000'" },
		{ "case a\n  call FFA_VERSION x1=18446744073709551616\n",
		  "FAIL t.fv:2: bad number '18446744073709551616'" },
		{ "case a\n  call FFA_VERSION x1=-9223372036854775809\n",
		  "FAIL t.fv:2: bad number '-9223372036854775809'" },
		{ "case a\n  call FFA_VERSION x1=-\n", "FAIL t.fv:2: bad number '-'" },
		{ "case a\n  call FFA_VERSON\n", "FAIL t.fv:2: unknown name 'FFA_VERSON'" },
		{ "case a\n  call FFA_VERSION x18=1\n", "FAIL t.fv:2: bad register 'x18'" },
		{ "case a\n  call FFA_VERSION y1=1\n", "FAIL t.fv:2: bad register 'y1'" },
		{ "case a\n  call FFA_VERSION x01=1\n", "FAIL t.fv:2: bad register 'x01'" },
		{ "case a\n  call FFA_VERSION x1\n",
		  "FAIL t.fv:2: expected xN=V or wN=V, got 'x1'" },
		{ "case a\n  call FFA_VERSION x1=\n", "FAIL t.fv:2: missing value" },
		{ "case a\n  call FFA_VERSION w1=0x100000000\n",
		  "FAIL t.fv:2: value '0x100000000' does not fit in 32 bits" },
		{ "case a\n  call FFA_VERSION x1=1 w1=2\n",
		  "FAIL t.fv:2: register listed twice: 'w1'" },
		{ "case a\n  call FFA_VERSION x0=1\n", "FAIL t.fv:2: register listed twice: 'x0'" },
		{ "case a\n  call x1=2\n",
		  "FAIL t.fv:2: call needs a function ID (call FID ... or call x0=FID ...)" },
		{ "call FFA_VERSION\n", "FAIL t.fv:1: outside a case: 'call'" },
		{ "world\ncall FFA_VERSION\n", "FAIL t.fv:2: outside a case: 'call'" },
		{ "memory 0 0\n", "FAIL t.fv:1: outside a world block: 'memory'" },
		{ "case a\n  partition 0x8001\n",
		  "FAIL t.fv:2: outside a world block: 'partition'" },
		{ "case a\n  expect x0=0\n", "FAIL t.fv:2: expect before any call in this case" },
		{ "case a\n  save v w2\n", "FAIL t.fv:2: save before any call in this case" },
		{ "case a\n  call FFA_ID_GET\n  expect\n",
		  "FAIL t.fv:3: expect needs registers to check" },
		{ "case a\n  call FFA_ID_GET\n  expect x1=1 2\n",
		  "FAIL t.fv:3: expected xN=V or wN=V, got '2'" },
		{ "case a\n  call FFA_ID_GET\n  expect-zero x1 x1\n",
		  "FAIL t.fv:3: register listed twice: 'x1'" },
		{ "case a\n  call FFA_ID_GET\n  expect-secure none x1=2\n",
		  "FAIL t.fv:3: unexpected 'x1=2'" },
		{ "case a\n  call FFA_ID_GET\n  save 1$x w2\n", "FAIL t.fv:3: bad name '1$x'" },
		{ "case a\n  call FFA_ID_GET\n  save v w18\n", "FAIL t.fv:3: bad register 'w18'" },
		{ "case\n", "FAIL t.fv:1: case needs a name" },
		{ "case a b\n", "FAIL t.fv:1: unexpected 'b'" },
		{ "world x\n", "FAIL t.fv:1: unexpected 'x'" },
		{ "case a\n  write 0x80000000\n", "FAIL t.fv:2: no bytes given" },
		{ "case a\n  write 0x80000000 hex:abc\n",
		  "FAIL t.fv:2: hex bytes need pairs of hex digits: 'c'" },
		{ "case a\n  write 0x80000000 hex:\n", "FAIL t.fv:2: empty hex: item" },
		{ "case a\n  write 0x80000000 hex: u32:1\n", "FAIL t.fv:2: empty hex: item" },
		{ "case a\n  write 0x80000000 u32:1 aa\n",
		  "FAIL t.fv:2: expected hex:, u16:, u32: or u64:, got 'aa'" },
		{ "case a\n  write 0x80000000 u16:0x10000\n",
		  "FAIL t.fv:2: value '0x10000' does not fit in 16 bits" },
		{ "case a\n  write 0x80000000 u8:1\n",
		  "FAIL t.fv:2: expected hex:, u16:, u32: or u64:, got 'u8:1'" },
		{ "case a\n  expect-page 0x80000000 borrowed\n",
		  "FAIL t.fv:2: unknown page state 'borrowed'" },
		{ "case a\n  expect-page 0x80000000 host 0\n", "FAIL t.fv:2: page count 0" },
		{ "case a\n  expect-page 0xfffffffffffff000 host 2\n",
		  "FAIL t.fv:2: page range wraps around the address space" },
		{ "case a\n  fail-secure 0 DENIED\n",
		  "FAIL t.fv:2: fail-secure counts from 1 (the next secure-world call)" },
		{ "case a\n  fail-secure 1\n", "FAIL t.fv:2: missing error" },
		{ "case a\n  check-invariants now\n", "FAIL t.fv:2: unexpected 'now'" },
		{ "case a\n  sp 0x18001 FFA_RUN\n",
		  "FAIL t.fv:2: value '0x18001' does not fit in 16 bits" },
		{ "case a\n  sp 0x8001 retrieve 1\n", "FAIL t.fv:2: missing handle[63:32]" },
		{ "case a\n  sp 0x8001\n",
		  "FAIL t.fv:2: sp needs a function ID (sp ID FID ... or sp ID x0=FID ...)" },
		{ "case a\n  sp-write 0x8001 0xffffffff hex:0102\n",
		  "FAIL t.fv:2: sp-write goes past offset 0xffffffff" },
		{ "case a\n  desc 0x80000000 colour=blue\n",
		  "FAIL t.fv:2: unknown desc key 'colour'" },
		{ "case a\n  desc 0x80000000 version=1.3\n",
		  "FAIL t.fv:2: desc version must be 1.0, 1.1 or 1.2, not '1.3'" },
		{ "case a\n  desc 0x80000000 op=borrow\n",
		  "FAIL t.fv:2: op must be share, lend or donate, not 'borrow'" },
		{ "case a\n  desc 0x80000000 tag=1 tag=2\n",
		  "FAIL t.fv:2: key given twice: 'tag'" },
		{ "case a\n  desc 0x80000000 receivers=0x8001\n",
		  "FAIL t.fv:2: expected ID:PERM, got '0x8001'" },
		{ "case a\n  desc 0x80000000 receivers=0x8001:rwx\n",
		  "FAIL t.fv:2: unknown permission 'rwx'" },
		{ "case a\n  desc 0x80000000 receivers=0x8001:0x100\n",
		  "FAIL t.fv:2: value '0x100' does not fit in 8 bits" },
		{ "case a\n  desc 0x80000000 ranges=0x80300000\n",
		  "FAIL t.fv:2: expected ADDR+PAGES, got '0x80300000'" },
		{ "case a\n  desc 0x80000000 ranges=0x80300000+0x100000000\n",
		  "FAIL t.fv:2: value '0x100000000' does not fit in 32 bits" },
		{ "case a\n  desc 0x80000000 composite-offsets=1,2\n",
		  "FAIL t.fv:2: composite-offsets needs one value per receiver" },
		{ "case a\n  desc 0x80000000 composite-offset=1 composite-offsets=1\n",
		  "FAIL t.fv:2: composite-offset and composite-offsets together" },
		{ "case a\n  desc 0x80000000 sender\n",
		  "FAIL t.fv:2: expected key=value, got 'sender'" },
		{ "world\n  spmc-version 1\n",
		  "FAIL t.fv:2: bad version (MAJOR.MINOR or none): '1'" },
		{ "world\n  spmc-version 1.x\n",
		  "FAIL t.fv:2: bad version (MAJOR.MINOR or none): '1.x'" },
		{ "world\n  spmc-version 0x8000.0\n",
		  "FAIL t.fv:2: bad version (MAJOR.MINOR or none): '0x8000.0'" },
		{ "world\n  partition 0x8001 uuid=1234\n", "FAIL t.fv:2: bad UUID '1234'" },
		{ "world\n  partition 0x8001 props=fast\n",
		  "FAIL t.fv:2: unknown partition property 'fast'" },
		{ "world\n  partition 0x8001 handler=sleep\n",
		  "FAIL t.fv:2: unknown handler 'sleep'" },
		{ "world\n  partition 0x8001 colour=red\n",
		  "FAIL t.fv:2: unknown partition key 'colour'" },
		{ "world\n  partition 0x8001 ctx=1 ctx=2\n",
		  "FAIL t.fv:2: key given twice: 'ctx'" },
		{ "world\n  protected 0x80000000\n", "FAIL t.fv:2: missing page count" },
		{ "world\n  memory 0x80000000 1 2\n", "FAIL t.fv:2: unexpected '2'" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fv_plat *p;
		struct fv_result res;
		void *st;

		setup(&st);
		p = st;
		res = run(p, cases[i].text);
		if (p->line_count != 1 || strcmp(p->lines[0], cases[i].line))
			print_error("input %zu: %s\n", i, cases[i].text);
		assert_int_equal(p->line_count, 1);
		assert_string_equal(p->lines[0], cases[i].line);
		assert_int_equal(res.failed, 1);
		assert_int_equal(res.passed, 0);
		/* Nothing of a malformed line happens. */
		assert_int_equal(p->mem_writes, 0);
		teardown(&st);
	}
}

static void test_malformed_line_bad_uuid_message(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	/* UUID errors quote the value, not the key. */
	res = run(p, "world\n  partition 1 uuid=0123456789abcdef0123456789abcdef0123\n");
	assert_int_equal(res.failed, 1);
	assert_string_equal(p->lines[0],
			    "FAIL t.fv:2: bad UUID '0123456789abcdef0123456789abcdef0123'");
}

static void test_malformed_stops_the_file(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case first\n"
		     "  call FFA_VERSION x1=0x10002\n"
		     "case second\n"
		     "  call FFA_VERSION x1=0x10002\n"
		     "  bogus\n"
		     "case third\n"
		     "  call FFA_VERSION x1=0x10002\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(res.failed, 1);
	assert_int_equal(p->line_count, 2);
	assert_string_equal(p->lines[0], "PASS first");
	assert_string_equal(p->lines[1], "FAIL t.fv:5: unknown directive 'bogus'");
	/* The third case never ran. */
	assert_int_equal(p->world_starts, 2);
}

static void test_malformed_line_in_failed_case_is_reported(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	script_reply(p, 0, FFA_ERROR, 0);
	res = run(p, "case a\n"
		     "  call FFA_ID_GET\n"
		     "  expect FFA_SUCCESS_32\n"
		     "  call FFA_ID_GET x1=nonsense\n");
	assert_int_equal(res.failed, 2);
	assert_int_equal(p->line_count, 2);
	assert_string_equal(p->lines[1], "FAIL t.fv:4: unknown name 'nonsense'");
	assert_int_equal(p->host_calls, 1);
}

static void test_line_too_long(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;
	char *text = malloc(FV_LINE_MAX + 64);
	size_t n;

	/* 4095 characters are fine... */
	n = (size_t)sprintf(text, "case a\n  call FFA_ID_GET");
	memset(text + n, ' ', FV_LINE_MAX - 1 - (n - 7));
	n += FV_LINE_MAX - 1 - (n - 7);
	strcpy(text + n, "\n");
	res = run(p, text);
	assert_int_equal(res.passed, 1);

	/* ... 4096 are not. */
	p->line_count = 0;
	text[n] = ' ';
	strcpy(text + n + 1, "\n");
	res = run(p, text);
	assert_int_equal(res.failed, 1);
	assert_string_equal(p->lines[0], "FAIL t.fv:2: line too long");
	free(text);
}

/* ---------------------------------------------------------------------- */
/* Case structure and outcomes                                            */
/* ---------------------------------------------------------------------- */

static void test_cases_pass_and_end_with_invariants(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case a\n  call FFA_ID_GET\ncase b\n\ncase c\n  check-invariants\n");
	assert_int_equal(res.passed, 3);
	assert_int_equal(res.failed, 0);
	assert_int_equal(p->line_count, 3);
	assert_string_equal(p->lines[0], "PASS a");
	assert_string_equal(p->lines[1], "PASS b");
	assert_string_equal(p->lines[2], "PASS c");
	assert_int_equal(p->world_starts, 3);
	/* One implicit check per case, plus the explicit one. */
	assert_int_equal(p->invariant_checks, 4);
}

static void test_invariants_failures(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	p->invariants_ret = -1;
	res = run(p, "case implicit\n  call FFA_ID_GET\ncase explicit\n  check-invariants\n"
		     "  call FFA_ID_GET\n");
	assert_int_equal(res.failed, 2);
	assert_string_equal(p->lines[0], "FAIL implicit: t.fv:1: at end of case: invariants: "
					 "page 0x80300000 leaked");
	assert_string_equal(p->lines[1],
			    "FAIL explicit: t.fv:4: invariants: page 0x80300000 leaked");
	/* The explicit failure stopped the case: no call, no second check. */
	assert_int_equal(p->host_calls, 0);
	assert_int_equal(p->invariant_checks, 2);
}

static void test_fail_secure_and_skip(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case inject\n  fail-secure 2 NO_MEMORY\n  call FFA_ID_GET\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(p->fail_nth, 2);
	assert_int_equal(p->fail_error, FFA_NO_MEMORY);

	p->fail_secure_ret = -1;
	p->line_count = 0;
	p->host_calls = 0;
	res = run(p, "case cannot\n  fail-secure 1 -6\n  call FFA_ID_GET\ncase next\n");
	assert_int_equal(res.skipped, 1);
	assert_int_equal(res.passed, 1);
	assert_int_equal(res.failed, 0);
	assert_string_equal(p->lines[0],
			    "SKIP cannot: t.fv:2: fail-secure: this platform cannot inject faults");
	assert_string_equal(p->lines[1], "PASS next");
	assert_int_equal(p->fail_error, FFA_DENIED);
	assert_int_equal(p->host_calls, 0);
}

static void test_world_start_failure(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	p->world_start_ret = -1;
	res = run(p, "\ncase a\n  call FFA_ID_GET\n  expect FFA_ERROR\n");
	assert_one_line(p, res, "FAIL a: t.fv:2: world: cannot model it");
	assert_int_equal(p->host_calls, 0);
}

/* A platform that cannot build a world at all (1) skips its cases, with its reason. */
static void test_world_start_skip(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	p->world_start_ret = 1;
	res = run(p, "\ncase a\n  call FFA_ID_GET\n  expect FFA_ERROR\n");
	assert_one_line(p, res, "SKIP a: t.fv:2: cannot model it");
	assert_int_equal(res.skipped, 1);
	assert_int_equal(p->host_calls, 0);
}

/* ---------------------------------------------------------------------- */
/* Worlds                                                                 */
/* ---------------------------------------------------------------------- */

static void test_default_world(void **state)
{
	struct fv_world w;
	const struct spmc_partition_config *p0, *p1;

	(void)state;
	fv_world_default(&w);
	assert_int_equal(w.spmc.version, FFA_VERSION_1_2);
	assert_int_equal(w.spmc.spmc_id, FFA_SPMC_ID_DEFAULT);
	assert_int_equal(w.spmc.partition_count, 2);
	p0 = &w.spmc.partitions[0];
	p1 = &w.spmc.partitions[1];
	assert_int_equal(p0->id, 0x8001);
	assert_int_equal(p0->exec_ctx_count, 2);
	/* examples.fv: descriptor 0 at 1.2 carries properties 0x30d. */
	assert_int_equal(p0->properties, 0x30d);
	assert_int_equal(p0->handler, SPMC_HANDLER_ECHO);
	assert_int_equal(p1->id, 0x8002);
	assert_int_equal(p1->exec_ctx_count, 1);
	assert_int_equal(p1->properties, FFA_PART_PROP_AARCH64 | FFA_PART_PROP_DIRECT_REQ_RECV);
	assert_int_equal(p1->handler, SPMC_HANDLER_ECHO);
	assert_false(ffa_uuid_is_nil(&p0->uuid));
	assert_false(ffa_uuid_is_nil(&p1->uuid));
	assert_false(ffa_uuid_equal(&p0->uuid, &p1->uuid));
	assert_int_equal(w.mem_base, 0x80000000);
	assert_int_equal(w.mem_size, 64u << 20);
	assert_int_equal(w.protected_count, 0);
	assert_int_equal(w.mbox_pages, 1);
}

static void test_world_lines(void **state)
{
	static const uint8_t uuid[16] = { 0x5c, 0x9e, 0x4d, 0x1a, 0x7b, 0x2f, 0x4c, 0x3e,
					  0x9a, 0x61, 0x0d, 0x8e, 0x2f, 0x4b, 0x7c, 0x15 };
	struct fv_plat *p = *state;
	const struct spmc_partition_config *c;
	struct fv_result res;

	res = run(p, "case on-default\n"
		     "world\n"
		     "  spmc-version 1.1\n"
		     "  partition 0x8003 uuid=5c9e4d1a-7b2f-4C3E-9a61-0d8e2f4b7c15 ctx=3 "
		     "props=aarch64,direct-req handler=interrupt\n"
		     "  partition 0x8004 props=direct-req-send,indirect,notify,direct-req2,"
		     "direct-req2-send,0x40 handler=yield\n"
		     "  partition 0x8005 handler=busy\n"
		     "  memory 0x40000000 0x1000000\n"
		     "  protected 0x40f00000 4\n"
		     "  protected 0x40e00000 1\n"
		     "  proxy-mailbox-pages 2\n"
		     "case on-new\n");
	assert_int_equal(res.passed, 2);
	assert_int_equal(p->world_starts, 2);
	assert_int_equal(p->world.spmc.version, FFA_VERSION_1_1);
	assert_int_equal(p->world.spmc.spmc_id, FFA_SPMC_ID_DEFAULT);
	assert_int_equal(p->world.spmc.partition_count, 3);
	c = &p->world.spmc.partitions[0];
	assert_int_equal(c->id, 0x8003);
	assert_memory_equal(c->uuid.b, uuid, 16);
	assert_int_equal(c->exec_ctx_count, 3);
	assert_int_equal(c->properties, FFA_PART_PROP_AARCH64 | FFA_PART_PROP_DIRECT_REQ_RECV);
	assert_int_equal(c->handler, SPMC_HANDLER_INTERRUPT);
	c = &p->world.spmc.partitions[1];
	assert_int_equal(c->id, 0x8004);
	assert_true(ffa_uuid_is_nil(&c->uuid));
	assert_int_equal(c->exec_ctx_count, 1);
	assert_int_equal(c->properties,
			 (1u << 1) | (1u << 2) | (1u << 3) | (1u << 9) | (1u << 10) | 0x40);
	assert_int_equal(c->handler, SPMC_HANDLER_YIELD);
	assert_int_equal(p->world.spmc.partitions[2].handler, SPMC_HANDLER_BUSY);
	assert_int_equal(p->world.mem_base, 0x40000000);
	assert_int_equal(p->world.mem_size, 0x1000000);
	assert_int_equal(p->world.protected_count, 2);
	assert_int_equal(p->world.protected[0].base, 0x40f00000);
	assert_int_equal(p->world.protected[0].pages, 4);
	assert_int_equal(p->world.protected[1].base, 0x40e00000);
	assert_int_equal(p->world.mbox_pages, 2);
}

static void test_world_omitted_lines_take_defaults(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "world\n  spmc-version none\n"
		     "world\n  protected 0x80f00000 1\n"
		     "case a\n");
	assert_int_equal(res.passed, 1);
	/* The second world starts from the default again, not from the first. */
	assert_int_equal(p->world.spmc.version, FFA_VERSION_1_2);
	assert_int_equal(p->world.spmc.partition_count, 2);
	assert_int_equal(p->world.spmc.partitions[0].id, 0x8001);
	assert_int_equal(p->world.mem_base, 0x80000000);
	assert_int_equal(p->world.protected_count, 1);

	res = run(p, "world\n  spmc-version none\ncase b\n");
	assert_int_equal(p->world.spmc.version, 0);
}

static void test_world_ends_case(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case a\n  call FFA_ID_GET\nworld\n  memory 0x90000000 0x1000\n"
		     "case b\n  call FFA_ID_GET\n");
	assert_int_equal(res.passed, 2);
	assert_string_equal(p->lines[0], "PASS a");
	assert_int_equal(p->world.mem_base, 0x90000000);
}

static void test_parse_world(void **state)
{
	static const char text[] = "world\n  memory 0x1000 0x2000\n"
				   "case a\n  call FFA_VERSION x1=0x10002\n  expect x0=1\n"
				   "world\n  spmc-version 1.0\n  partition 0x8007 ctx=4\n"
				   "case b\n  expect nonsense=1\n";
	struct fv_world w;
	char err[128];

	(void)state;
	/* The last world; its omitted lines are the default's; cases are not parsed. */
	assert_int_equal(fv_parse_world("w.fv", text, strlen(text), &w, err, sizeof(err)), 0);
	assert_int_equal(w.spmc.version, FFA_VERSION_1_0);
	assert_int_equal(w.spmc.partition_count, 1);
	assert_int_equal(w.spmc.partitions[0].id, 0x8007);
	assert_int_equal(w.spmc.partitions[0].exec_ctx_count, 4);
	assert_int_equal(w.mem_base, 0x80000000);

	assert_int_equal(fv_parse_world("w.fv", "", 0, &w, err, sizeof(err)), 0);
	assert_int_equal(w.spmc.partition_count, 2);

	assert_int_equal(fv_parse_world("w.fv", "world\n  memory x\n", 17, &w, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "w.fv:2: unknown name 'x'");
}

/* ---------------------------------------------------------------------- */
/* Memory steps                                                           */
/* ---------------------------------------------------------------------- */

static void test_write_and_expect_memory(void **state)
{
	static const uint8_t want[] = { 0xef, 0xbe, 0xad, 0xde, 0x34, 0x12, 0xaa, 0xbb,
					0xcc, 0xdd, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03,
					0x02, 0x01, 0xff, 0xff, 0x01, 0x02, 0x03 };
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case mem\n"
		     "  write 0x80400000 u32:0xdeadbeef u16:0x1234 hex:aa bb ccdd "
		     "u64:0x0102030405060708 u16:-1 hex:010203\n"
		     "  expect-memory 0x80400000 hex:efbeadde3412aabb ccdd0807060504030201 ffff\n"
		     "  expect-memory 0x80400012 u16:0xffff u16:0x0201 hex:03\n");
	assert_int_equal(res.passed, 1);
	assert_memory_equal(&p->mem[0x400000], want, sizeof(want));
	assert_int_equal(p->mem[0x400000 + sizeof(want)], MOCK_MEM_FILL);
}

static void test_expect_memory_mismatch(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case mem\n"
		     "  write 0x80021000 hex:01 80 02 00 0c 03 00 00\n"
		     "  expect-memory 0x80021000 hex:01 80 02 00 0d 03 00 00\n");
	assert_one_line(p, res,
			"FAIL mem: t.fv:3: memory at 0x80021004 wanted 0d 03 00 00 "
			"got 0c 03 00 00");
}

static void test_memory_outside_ram(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case w\n  write 0x7ffffffe u32:1\n"
		     "case r\n  expect-memory 0x807ffffe u32:1\n"
		     "case d\n  desc 0x807fffc0 ranges=0x80000000+1\n");
	assert_int_equal(res.failed, 3);
	assert_string_equal(p->lines[0], "FAIL w: t.fv:2: write: 0x7ffffffe+4 is not in host RAM");
	assert_string_equal(p->lines[1],
			    "FAIL r: t.fv:4: expect-memory: 0x807ffffe+4 is not in host RAM");
	assert_string_equal(p->lines[2], "FAIL d: t.fv:6: desc: 0x807fffc0 is not in host RAM");
}

static void test_long_write_is_chunked(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;
	char *text = malloc(FV_LINE_MAX);
	size_t n, i;

	/* 600 u64 items: 4800 bytes from one line, more than one chunk. */
	n = (size_t)sprintf(text, "case big\n  write 0x80500000");
	for (i = 0; i < 600; i++)
		n += (size_t)sprintf(text + n, " u64:%zu", i % 10);
	strcpy(text + n, "\n");
	assert_true(n < FV_LINE_MAX);
	res = run(p, text);
	assert_int_equal(res.passed, 1);
	for (i = 0; i < 600; i++) {
		uint64_t v;

		memcpy(&v, &p->mem[0x500000 + 8 * i], 8);
		assert_int_equal(v, i % 10);
	}
	assert_int_equal(p->mem[0x500000 + 4800], MOCK_MEM_FILL);
	assert_true(p->mem_writes > 1);
	free(text);
}

static void test_expect_page(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	p->page_state = FV_PAGE_SHARED;
	p->odd_page = 0x80302000;
	p->odd_state = FV_PAGE_HOST;
	res = run(p, "case ok\n"
		     "  expect-page 0x80300000 shared 2\n"
		     "  expect-page 0x80302000 host\n"
		     "case bad\n"
		     "  expect-page 0x80300000 shared 3\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(res.failed, 1);
	assert_string_equal(p->lines[1],
			    "FAIL bad: t.fv:5: page 0x80302000 (3 of 3) wanted shared got host");

	p->line_count = 0;
	p->page_state = FV_PAGE_NONE;
	res = run(p, "case names\n  expect-page 0x81000000 hyp\n");
	assert_string_equal(p->lines[0], "FAIL names: t.fv:2: page 0x81000000 wanted hyp got none");
	p->line_count = 0;
	p->page_state = FV_PAGE_PINNED;
	res = run(p, "case names\n  expect-page 0x81000000 lent\n");
	assert_string_equal(p->lines[0],
			    "FAIL names: t.fv:2: page 0x81000000 wanted lent got pinned");
	p->line_count = 0;
	p->page_state = FV_PAGE_DONATED;
	res = run(p, "case names\n  expect-page 0x81000000 donated\n");
	assert_string_equal(p->lines[0], "PASS names");
}

/* ---------------------------------------------------------------------- */
/* expect-zero, expect-secure                                             */
/* ---------------------------------------------------------------------- */

static void test_expect_zero(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	memset(&p->replies[0], 0, sizeof(p->replies[0]));
	p->replies[0].x[0] = FFA_SUCCESS_32;
	p->replies[0].x[5] = UINT64_C(0x100000000);
	p->reply_count = 1;
	res = run(p, "case z\n"
		     "  call FFA_ID_GET\n"
		     "  expect-zero x1 x2 x3 x4 w5 x6 x7 x17\n"
		     "  expect-zero x5\n");
	assert_one_line(p, res,
			"FAIL z: t.fv:4: x5 wanted 0x0 got 0x100000000 (reply: FFA_SUCCESS_32 "
			"id=0x0 x5=0x100000000)");
}

static void test_expect_secure(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case none-made\n"
		     "  call FFA_ID_GET\n"
		     "  expect-secure none\n"
		     "case none-made-but-wanted\n"
		     "  call FFA_ID_GET\n"
		     "  expect-secure FFA_ID_GET\n");
	assert_int_equal(res.passed, 1);
	assert_string_equal(p->lines[1], "FAIL none-made-but-wanted: t.fv:6: expect-secure: no "
					 "secure-world call was made");

	memset(p->secure, 0, sizeof(p->secure));
	p->secure[0].x[0] = FFA_VERSION;
	p->secure[0].x[1] = 0x10002;
	/* The bare FID compares w0 only. */
	p->secure[1].x[0] = UINT64_C(0x500000000) | FFA_MSG_SEND_DIRECT_REQ_64;
	p->secure[1].x[1] = UINT64_C(0x100008001);
	p->secure_count = 2;
	p->line_count = 0;
	res = run(p, "case some-made\n"
		     "  call FFA_ID_GET\n"
		     "  expect-secure FFA_MSG_SEND_DIRECT_REQ_64 w1=0x8001 w2=0\n"
		     "  expect-secure FFA_VERSION x1=0x10002\n"
		     "  expect-secure x1=0x100008001\n"
		     "case wrong\n"
		     "  call FFA_ID_GET\n"
		     "  expect-secure FFA_MSG_SEND_DIRECT_REQ_64 x1=0x8001\n"
		     "case unwanted\n"
		     "  call FFA_ID_GET\n"
		     "  expect-secure none\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(res.failed, 2);
	assert_string_equal(p->lines[0], "PASS some-made");
	assert_string_equal(p->lines[1],
			    "FAIL wrong: t.fv:8: expect-secure: none of the 2 secure-world calls "
			    "matched; call 1: w0 wanted 0xc400006f got 0x84000063; call 2: x1 "
			    "wanted 0x8001 got 0x100008001");
	assert_string_equal(p->lines[2],
			    "FAIL unwanted: t.fv:11: expect-secure none: 2 secure-world calls "
			    "made, the first: FFA_VERSION version=1.2");
}

/* ---------------------------------------------------------------------- */
/* Partitions                                                             */
/* ---------------------------------------------------------------------- */

static void test_sp_steps(void **state)
{
	static const uint8_t want[] = { 0x01, 0x02, 0x78, 0x56, 0x34, 0x12 };
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case sp\n"
		     "  sp 0x8001 FFA_NOTIFICATION_SET x1=0x80010000 w3=4\n"
		     "  expect x0=FFA_SUCCESS_32 w2=0x77\n"
		     "  sp 0x8002 x0=FFA_MSG_SEND2 x1=0\n"
		     "  sp 0x8002 retrieve 0x1 0x80000000\n"
		     "  expect x0=FFA_MEM_RETRIEVE_RESP\n"
		     "  save lo w2\n"
		     "  sp 0x8001 relinquish $lo 2\n"
		     "  expect FFA_SUCCESS_32\n"
		     "  sp-write 0x8001 0x10 hex:0102 u32:0x12345678\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(p->sp_calls, 2);
	assert_int_equal(p->sp_in[0].x[0], FFA_NOTIFICATION_SET);
	assert_int_equal(p->sp_in[0].x[1], 0x80010000);
	assert_int_equal(p->sp_in[0].x[3], 4);
	assert_int_equal(p->sp_in[1].x[0], FFA_MSG_SEND2);
	assert_int_equal(p->sp_id[1], 0x8002);
	assert_int_equal(p->retrieves, 1);
	assert_int_equal(p->relinquishes, 1);
	assert_int_equal(p->sp_id[0], 0x8001);
	assert_int_equal(p->handle, UINT64_C(0x200000000));
	assert_int_equal(p->sp_write_offset, 0x10);
	assert_int_equal(p->sp_write_len, sizeof(want));
	assert_memory_equal(&p->sp_tx[0x10], want, sizeof(want));
	/* The host made no call. */
	assert_int_equal(p->host_calls, 0);
}

static void test_sp_retrieve_handle(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case r\n  sp 0x8002 retrieve 0x89abcdef 0x80000001\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(p->handle, UINT64_C(0x8000000189abcdef));
	assert_int_equal(p->sp_id[0], 0x8002);
}

static void test_sp_write_refused(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	res = run(p, "case r\n  sp-write 0x8002 0 hex:00\n");
	assert_one_line(p, res,
			"FAIL r: t.fv:2: sp-write: partition 0x8002 refused 1 bytes at offset 0x0");
}

/* ---------------------------------------------------------------------- */
/* desc                                                                   */
/* ---------------------------------------------------------------------- */

#define DESC_ADDR 0x80020000
#define DESC_OFF 0x20000

static void run_desc(struct fv_plat *p, const char *line)
{
	char text[512];
	struct fv_result res;

	snprintf(text, sizeof(text), "case d\n  %s\n  call FFA_MEM_SHARE_64 x1=$len x2=$len\n",
		 line);
	res = run(p, text);
	assert_int_equal(res.passed, 1);
}

static void assert_desc(struct fv_plat *p, const uint8_t *want, size_t len)
{
	assert_memory_equal(&p->mem[DESC_OFF], want, len);
	/* Nothing after the descriptor was written. */
	assert_int_equal(p->mem[DESC_OFF + len], MOCK_MEM_FILL);
	/* $len is its length. */
	assert_int_equal(p->host_in[0].x[1], len);
	assert_int_equal(p->host_in[0].x[2], len);
}

static void test_desc_v1_0(void **state)
{
	static const uint8_t want[80] = {
		/* header (FF-A 1.0 Table 5.19): sender, attributes, reserved, flags */
		0x34,
		0x12,
		0x2f,
		0x00,
		0x01,
		0x00,
		0x00,
		0x00,
		/* handle */
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* tag */
		0x88,
		0x77,
		0x66,
		0x55,
		0x44,
		0x33,
		0x22,
		0x11,
		/* reserved, EMAD count */
		0,
		0,
		0,
		0,
		0x01,
		0x00,
		0x00,
		0x00,
		/* EMAD at 32: receiver 0x8002, perm ro, flags, composite offset 48 */
		0x02,
		0x80,
		0x01,
		0x00,
		0x30,
		0x00,
		0x00,
		0x00,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* composite at 48: 2 pages, 1 range, reserved */
		0x02,
		0,
		0,
		0,
		0x01,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* constituent at 64: 0x80300000, 2 pages, reserved */
		0x00,
		0x00,
		0x30,
		0x80,
		0,
		0,
		0,
		0,
		0x02,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
	};
	struct fv_plat *p = *state;

	run_desc(p, "desc 0x80020000 version=1.0 op=share sender=0x1234 flags=1 "
		    "tag=0x1122334455667788 ranges=0x80300000+2 receivers=0x8002:ro");
	assert_desc(p, want, sizeof(want));
}

static void test_desc_v1_1(void **state)
{
	static const uint8_t want[96] = {
		/* header (FF-A 1.1 Table 10.20): sender 0, attributes 0 (lend), flags 0 */
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* handle */
		0xef,
		0xcd,
		0xab,
		0x89,
		0x67,
		0x45,
		0x23,
		0x01,
		/* tag */
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* EMAD size 16, EMAD count 1 */
		0x10,
		0,
		0,
		0,
		0x01,
		0,
		0,
		0,
		/* EMAD offset 48, reserved */
		0x30,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* EMAD at 48: default receiver 0x8001 rw, composite offset 64 */
		0x01,
		0x80,
		0x02,
		0x00,
		0x40,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* composite at 64 */
		0x01,
		0,
		0,
		0,
		0x01,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* constituent at 80 */
		0x00,
		0x10,
		0x30,
		0x80,
		0,
		0,
		0,
		0,
		0x01,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
	};
	struct fv_plat *p = *state;

	run_desc(p, "desc 0x80020000 version=1.1 op=lend handle=0x0123456789abcdef "
		    "ranges=0x80301000+1");
	assert_desc(p, want, sizeof(want));
}

static void test_desc_v1_2_two_receivers(void **state)
{
	static const uint8_t want[160] = {
		/* header: sender 0, attributes 0x2f (share), flags 0 */
		0,
		0,
		0x2f,
		0,
		0,
		0,
		0,
		0,
		/* handle, tag */
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* EMAD size 32, count 2 */
		0x20,
		0,
		0,
		0,
		0x02,
		0,
		0,
		0,
		/* EMAD offset 48, reserved */
		0x30,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* EMAD 0 at 48: 0x8001 rw-nx, composite offset 112, impdef, reserved */
		0x01,
		0x80,
		0x06,
		0x00,
		0x70,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* EMAD 1 at 80: 0x8002 perm 0x9 (ro-x), composite offset 112 */
		0x02,
		0x80,
		0x09,
		0x00,
		0x70,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* composite at 112: 3 + 4 pages, 2 ranges */
		0x07,
		0,
		0,
		0,
		0x02,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		/* constituents at 128 and 144 */
		0x00,
		0x00,
		0x30,
		0x80,
		0,
		0,
		0,
		0,
		0x03,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0x00,
		0x00,
		0x40,
		0x80,
		0x01,
		0,
		0,
		0,
		0x04,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
	};
	struct fv_plat *p = *state;

	run_desc(p, "desc 0x80020000 version=1.2 receivers=0x8001:rw-nx,0x8002:ro-x "
		    "ranges=0x80300000+3,0x180400000+4");
	assert_desc(p, want, sizeof(want));
}

static void test_desc_defaults(void **state)
{
	static const uint8_t want_emad[8] = { 0x01, 0x80, 0x00, 0x00, 0x50, 0, 0, 0 };
	struct fv_plat *p = *state;

	/* Donate: attributes 0 and receiver 0x8001 with no access specified. */
	run_desc(p, "desc 0x80020000 op=donate ranges=0x80300000+1");
	/* No negotiation in the case: the 1.2 layout. */
	assert_int_equal(p->mem[DESC_OFF + 24], 32);
	assert_int_equal(p->mem[DESC_OFF + 2], 0);
	assert_memory_equal(&p->mem[DESC_OFF + 48], want_emad, sizeof(want_emad));
	assert_int_equal(p->host_in[0].x[1], 48 + 32 + 16 + 16);
}

static void test_desc_follows_negotiated_version(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;

	/* The host asks for 1.1, the proxy says 1.2: the case works at 1.1. */
	script_reply(p, 0, FFA_VERSION_1_2, 0);
	res = run(p, "case v11\n"
		     "  call FFA_VERSION x1=0x10001\n"
		     "  desc 0x80020000 ranges=0x80300000+1\n"
		     "  call FFA_MEM_SHARE_64 x1=$len\n");
	assert_int_equal(res.passed, 1);
	assert_int_equal(p->mem[DESC_OFF + 24], 16);
	assert_int_equal(p->host_in[1].x[1], 48 + 16 + 16 + 16);

	/* The host asks for 1.2, the SPMC offers 1.0: 1.0. */
	p->host_calls = 0;
	script_reply(p, 0, FFA_VERSION_1_0, 0);
	res = run(p, "case v10\n"
		     "  call FFA_VERSION x1=0x10002\n"
		     "  desc 0x80020000 ranges=0x80300000+1\n"
		     "  call FFA_MEM_SHARE_64 x1=$len\n");
	assert_int_equal(p->host_in[1].x[1], 32 + 16 + 16 + 16);

	/* A refused version changes nothing. */
	p->host_calls = 0;
	script_reply(p, 0, SMCCC_RET_NOT_SUPPORTED, 0);
	res = run(p, "case none\n"
		     "  call FFA_VERSION x1=0x10000\n"
		     "  desc 0x80020000 ranges=0x80300000+1\n"
		     "  call FFA_MEM_SHARE_64 x1=$len\n");
	assert_int_equal(p->host_in[1].x[1], 48 + 32 + 16 + 16);

	/* An explicit version= wins. */
	p->host_calls = 0;
	script_reply(p, 0, FFA_VERSION_1_1, 0);
	res = run(p, "case explicit\n"
		     "  call FFA_VERSION x1=0x10001\n"
		     "  desc 0x80020000 version=1.2 ranges=0x80300000+1\n"
		     "  call FFA_MEM_SHARE_64 x1=$len\n");
	assert_int_equal(p->host_in[1].x[1], 48 + 32 + 16 + 16);
}

static void test_desc_lies(void **state)
{
	static const uint8_t want_emads[2][8] = {
		{ 0x01, 0x80, 0x02, 0x00, 0x44, 0x00, 0x00, 0x00 },
		{ 0x02, 0x80, 0x02, 0x00, 0x55, 0x00, 0x00, 0x00 },
	};
	static const uint8_t want_composite[8] = { 0x07, 0, 0, 0, 0x09, 0, 0, 0 };
	struct fv_plat *p = *state;

	run_desc(p, "desc 0x80020000 version=1.1 attributes=0x12f flags=-1 "
		    "receivers=0x8001:rw,0x8002:2 composite-offsets=0x44,0x55 total-pages=7 "
		    "constituent-count=9 ranges=0x80300000+1");
	/* The layout itself does not move: composite at 48 + 2 * 16. */
	assert_int_equal(p->mem[DESC_OFF + 2], 0x2f);
	assert_int_equal(p->mem[DESC_OFF + 3], 0x01);
	assert_int_equal(p->mem[DESC_OFF + 4], 0xff);
	assert_int_equal(p->mem[DESC_OFF + 7], 0xff);
	assert_memory_equal(&p->mem[DESC_OFF + 48], want_emads[0], 8);
	assert_memory_equal(&p->mem[DESC_OFF + 64], want_emads[1], 8);
	assert_memory_equal(&p->mem[DESC_OFF + 80], want_composite, 8);
	assert_int_equal(p->mem[DESC_OFF + 96 + 2], 0x30);
	assert_int_equal(p->host_in[0].x[1], 112);

	/* composite-offset= sets every EMAD's offset. */
	p->host_calls = 0;
	run_desc(p, "desc 0x80020000 version=1.0 composite-offset=0x1000 receivers=0x8001:rw,"
		    "0x8003:ro ranges=0x80300000+1");
	assert_int_equal(p->mem[DESC_OFF + 32 + 5], 0x10);
	assert_int_equal(p->mem[DESC_OFF + 48 + 5], 0x10);
	/* 1.0: the attribute's high byte is the reserved byte 3 (here 0). */
	assert_int_equal(p->mem[DESC_OFF + 3], 0);
}

static void test_desc_max_bytes(void **state)
{
	struct fv_plat *p = *state;
	size_t i;

	run_desc(p, "desc 0x80020000 version=1.2 max-bytes=20 ranges=0x80300000+1,0x80400000+1");
	/* $len is the whole length, only 20 bytes were written. */
	assert_int_equal(p->host_in[0].x[1], 48 + 32 + 16 + 2 * 16);
	assert_int_equal(p->mem[DESC_OFF + 2], 0x2f);
	for (i = 20; i < 200; i++)
		assert_int_equal(p->mem[DESC_OFF + i], MOCK_MEM_FILL);

	memset(&p->mem[DESC_OFF], MOCK_MEM_FILL, 200);
	p->mem_writes = 0;
	run_desc(p, "desc 0x80020000 max-bytes=0 ranges=0x80300000+1");
	assert_int_equal(p->mem_writes, 0);
	for (i = 0; i < 200; i++)
		assert_int_equal(p->mem[DESC_OFF + i], MOCK_MEM_FILL);
	assert_int_equal(p->host_in[0].x[1], 48 + 32 + 16 + 16);
}

static void test_desc_no_ranges_no_receivers_line(void **state)
{
	struct fv_plat *p = *state;

	run_desc(p, "desc 0x80020000 version=1.1");
	/* One default EMAD, an empty composite. */
	assert_int_equal(p->host_in[0].x[1], 48 + 16 + 16);
	assert_int_equal(p->mem[DESC_OFF + 28], 1);
	assert_int_equal(p->mem[DESC_OFF + 64 + 4], 0);
}

/* A line of ranges long enough to span several chunks. */
static void test_desc_many_ranges_from_a_line(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res;
	char *text = malloc(FV_LINE_MAX + 128);
	size_t n, i, count = 280;

	n = (size_t)sprintf(text, "case many\n  desc 0x80020000 version=1.0 ranges=");
	for (i = 0; i < count; i++)
		n += (size_t)sprintf(text + n, "%s0x%zx+1", i ? "," : "", 0x81000000 + 0x1000 * i);
	n += (size_t)sprintf(text + n, "\n  call FFA_MEM_SHARE_64 x1=$len\n");
	res = run(p, text);
	assert_int_equal(res.passed, 1);
	assert_int_equal(p->host_in[0].x[1], 32 + 16 + 16 + 16 * count);
	for (i = 0; i < count; i++) {
		uint64_t addr;
		uint32_t pages;

		memcpy(&addr, &p->mem[DESC_OFF + 64 + 16 * i], 8);
		memcpy(&pages, &p->mem[DESC_OFF + 64 + 16 * i + 8], 4);
		assert_int_equal(addr, 0x81000000 + 0x1000 * i);
		assert_int_equal(pages, 1);
	}
	assert_int_equal(p->mem[DESC_OFF + 48 + 4], count & 0xff);
	assert_int_equal(p->mem[DESC_OFF + 48 + 5], count >> 8);
	assert_true(p->max_write <= FV_DESC_CHUNK);
	free(text);
}

/* The encoder streams: 262144 constituents cost one chunk of memory. */
static void test_desc_writer_huge(void **state)
{
	const uint64_t count = 262144;
	struct fv_plat *p = *state;
	struct fv_desc_header h = {
		.version = FFA_VERSION_1_2,
		.attributes = FFA_MEM_ATTR_NORMAL_WB_IS,
		.receiver_count = 1,
		.range_count = count,
	};
	struct fv_desc_writer w;
	struct fv_desc_layout l;
	uint64_t i, bad = 0, addr;
	uint32_t word;

	fv_desc_compute_layout(h.version, 1, count, &l);
	assert_int_equal(l.header_size, 48);
	assert_int_equal(l.emad_offset, 48);
	assert_int_equal(l.emad_size, 32);
	assert_int_equal(l.composite_offset, 80);
	assert_int_equal(l.length, 96 + 16 * count);

	fv_desc_begin(&w, p, 0x80000000, UINT64_MAX, &h);
	fv_desc_emad(&w, 0x8001, FFA_DATA_ACCESS_RW, (uint32_t)l.composite_offset);
	fv_desc_composite(&w, (uint32_t)count, (uint32_t)count);
	for (i = 0; i < count; i++)
		fv_desc_range(&w, 0x80000000 + i * FFA_PAGE_SIZE, 1);
	assert_int_equal(fv_desc_end(&w, &bad), 0);
	assert_true(p->max_write <= FV_DESC_CHUNK);

	memcpy(&word, &p->mem[80], 4);
	assert_int_equal(word, count);
	memcpy(&word, &p->mem[84], 4);
	assert_int_equal(word, count);
	memcpy(&addr, &p->mem[96 + 16 * (count - 1)], 8);
	assert_int_equal(addr, 0x80000000 + (count - 1) * FFA_PAGE_SIZE);
	assert_int_equal(p->mem[l.length], MOCK_MEM_FILL);
}

static void test_desc_layouts(void **state)
{
	struct fv_desc_layout l;

	(void)state;
	fv_desc_compute_layout(FFA_VERSION_1_0, 3, 2, &l);
	assert_int_equal(l.header_size, 32);
	assert_int_equal(l.emad_offset, 32);
	assert_int_equal(l.emad_size, 16);
	assert_int_equal(l.composite_offset, 80);
	assert_int_equal(l.length, 80 + 16 + 32);
	fv_desc_compute_layout(FFA_VERSION_1_1, 3, 0, &l);
	assert_int_equal(l.header_size, 48);
	assert_int_equal(l.emad_size, 16);
	assert_int_equal(l.composite_offset, 96);
	assert_int_equal(l.length, 112);
	fv_desc_compute_layout(FFA_VERSION_1_2, 0, 1, &l);
	assert_int_equal(l.composite_offset, 48);
	assert_int_equal(l.length, 48 + 32);
}

/* ---------------------------------------------------------------------- */
/* examples.fv, against a platform that answers as the proxy would        */
/* ---------------------------------------------------------------------- */

/* Every directive of examples.fv parses (its cases fail here: the mock is not a proxy). */
static void test_examples_parse(void **state)
{
	struct fv_plat *p = *state;
	struct fv_result res = { 0 };
	char path[4096], *slash, *text;
	FILE *f;
	long len;

	/* $FV_EXAMPLES, or tests/vectors/examples.fv found from this file's own path. */
	snprintf(path, sizeof(path), "%s",
		 getenv("FV_EXAMPLES") ? getenv("FV_EXAMPLES") : __FILE__);
	slash = strrchr(path, '/');
	if (!getenv("FV_EXAMPLES") && slash && slash - path >= 5 && !strncmp(slash - 5, "/unit", 5))
		strcpy(slash - 4, "vectors/examples.fv");
	f = fopen(path, "rb");
	if (!f) {
		skip();
		return;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc((size_t)len);
	assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	fv_run(p, "examples.fv", text, (size_t)len, &res);
	free(text);
	/* One line per case, none of them a malformed-file report. */
	assert_int_equal(res.passed + res.failed + res.skipped, p->line_count);
	assert_int_equal(p->line_count, 10);
	for (unsigned int i = 0; i < p->line_count; i++)
		assert_null(strstr(p->lines[i], "FAIL examples.fv:"));
}

/* ---------------------------------------------------------------------- */
/* Decoding                                                               */
/* ---------------------------------------------------------------------- */

static const char *dcall(const struct ffa_regs *r)
{
	static char buf[256];

	fv_decode_call(r, buf, sizeof(buf));
	return buf;
}

static const char *dreply(uint32_t fid, const struct ffa_regs *r)
{
	static char buf[256];

	fv_decode_reply(fid, r, buf, sizeof(buf));
	return buf;
}

static void test_decode_calls(void **state)
{
	struct ffa_regs r;
	uint32_t w[4] = { 0xa4a3a2a1, 0xc2c1b2b1, 0xd4d3d2d1, 0xd8d7d6d5 };

	(void)state;
	ffa_regs_clear(&r, FFA_VERSION);
	r.x[1] = FFA_VERSION_1_2;
	assert_string_equal(dcall(&r), "FFA_VERSION version=1.2");
	/* A non-zero upper half of a w argument is shown. */
	r.x[1] |= UINT64_C(1) << 32;
	assert_string_equal(dcall(&r), "FFA_VERSION version=1.2 x1=0x100010002");

	ffa_regs_clear(&r, FFA_RXTX_MAP_64);
	r.x[1] = 0x80020000;
	r.x[2] = 0x80021000;
	r.x[3] = 1;
	assert_string_equal(dcall(&r), "FFA_RXTX_MAP_64 tx=0x80020000 rx=0x80021000 pages=1");

	ffa_regs_clear(&r, FFA_MSG_SEND_DIRECT_REQ_64);
	r.x[1] = 0x8001;
	r.x[3] = 0x11;
	r.x[4] = 0x22;
	assert_string_equal(dcall(&r), "FFA_MSG_SEND_DIRECT_REQ_64 sender=0x0 receiver=0x8001 "
				       "payload=0x11,0x22");

	ffa_regs_clear(&r, FFA_PARTITION_INFO_GET);
	r.x[1] = w[0];
	r.x[2] = w[1];
	r.x[3] = w[2];
	r.x[4] = w[3];
	r.x[5] = FFA_PARTITION_INFO_GET_COUNT_ONLY;
	assert_string_equal(dcall(&r), "FFA_PARTITION_INFO_GET "
				       "uuid=a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8 count-only");

	ffa_regs_clear(&r, FFA_MSG_SEND_DIRECT_REQ2);
	r.x[1] = 0x8001;
	r.x[2] = (uint64_t)w[1] << 32 | w[0];
	r.x[3] = (uint64_t)w[3] << 32 | w[2];
	r.x[17] = 5;
	assert_string_equal(dcall(&r),
			    "FFA_MSG_SEND_DIRECT_REQ2 sender=0x0 receiver=0x8001 "
			    "uuid=a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8 "
			    "payload=0x0,0x0,0x0,0x0,0x0,0x0,0x0,0x0,0x0,0x0,0x0,0x0,0x0,0x5");

	ffa_regs_clear(&r, FFA_MEM_SHARE_64);
	r.x[1] = 112;
	r.x[2] = 112;
	assert_string_equal(dcall(&r), "FFA_MEM_SHARE_64 length=112 fragment=112");

	ffa_regs_clear(&r, FFA_MEM_RECLAIM);
	r.x[1] = 0x2;
	r.x[2] = 0x80000000;
	assert_string_equal(dcall(&r), "FFA_MEM_RECLAIM handle=0x8000000000000002");

	ffa_regs_clear(&r, FFA_NOTIFICATION_BIND);
	r.x[1] = 0x80010000;
	r.x[3] = 4;
	assert_string_equal(dcall(&r), "FFA_NOTIFICATION_BIND sender=0x8001 receiver=0x0 "
				       "bitmap=0x4");

	ffa_regs_clear(&r, FFA_RUN);
	r.x[1] = 0x80030001;
	assert_string_equal(dcall(&r), "FFA_RUN target=0x8003 vcpu=1");

	ffa_regs_clear(&r, FFA_FEATURES);
	r.x[1] = FFA_MEM_SHARE_64;
	assert_string_equal(dcall(&r), "FFA_FEATURES function=FFA_MEM_SHARE_64");
	r.x[1] = FFA_FEATURE_SRI;
	assert_string_equal(dcall(&r), "FFA_FEATURES feature=SRI");

	/* Anything not consumed is shown raw. */
	ffa_regs_clear(&r, FFA_ID_GET);
	r.x[9] = 1;
	r.x[3] = 2;
	assert_string_equal(dcall(&r), "FFA_ID_GET w3=0x2 x9=0x1");

	ffa_regs_clear(&r, 0x12345678);
	assert_string_equal(dcall(&r), "0x12345678 (not FF-A)");
	ffa_regs_clear(&r, FFA_FID_32(0xEE));
	assert_string_equal(dcall(&r), "0x840000ee (unknown FF-A function)");
	ffa_regs_clear(&r, FFA_VERSION | SMCCC_SVE_HINT);
	r.x[1] = FFA_VERSION_1_0;
	assert_string_equal(dcall(&r), "FFA_VERSION sve-hint version=1.0");
}

static void test_decode_replies(void **state)
{
	struct ffa_regs r;

	(void)state;
	ffa_set_success32(&r, 2, 24);
	assert_string_equal(dreply(FFA_PARTITION_INFO_GET, &r), "FFA_SUCCESS_32 count=2 size=24");
	ffa_set_error(&r, FFA_INVALID_PARAMETERS);
	assert_string_equal(dreply(FFA_ID_GET, &r), "FFA_ERROR INVALID_PARAMETERS");
	ffa_set_error(&r, -42);
	assert_string_equal(dreply(FFA_ID_GET, &r), "FFA_ERROR -42");
	ffa_set_success32(&r, 0x2, 0x80000000);
	assert_string_equal(dreply(FFA_MEM_SHARE_64, &r),
			    "FFA_SUCCESS_32 handle=0x8000000000000002");
	ffa_set_success32(&r, 0x8000, 0);
	assert_string_equal(dreply(FFA_SPM_ID_GET, &r), "FFA_SUCCESS_32 id=0x8000");
	ffa_set_success32(&r, 0, 0);
	assert_string_equal(dreply(FFA_RX_RELEASE, &r), "FFA_SUCCESS_32");
	ffa_set_success32(&r, 0x4, 0);
	assert_string_equal(dreply(FFA_NOTIFICATION_GET, &r),
			    "FFA_SUCCESS_32 sp=0x4 vm=0x0 spm=0x0 hyp=0x0");

	ffa_regs_clear(&r, FFA_VERSION_1_2);
	assert_string_equal(dreply(FFA_VERSION, &r), "version=1.2");
	ffa_regs_clear(&r, SMCCC_RET_NOT_SUPPORTED);
	assert_string_equal(dreply(FFA_VERSION, &r), "NOT_SUPPORTED");
	assert_string_equal(dreply(0x12345678, &r), "NOT_SUPPORTED");
	ffa_regs_clear(&r, (uint32_t)FFA_NOT_SUPPORTED);
	assert_string_equal(dreply(FFA_VERSION, &r), "NOT_SUPPORTED x0=0xffffffff");

	ffa_regs_clear(&r, FFA_MSG_SEND_DIRECT_RESP_32);
	r.x[1] = 0x80030000;
	r.x[3] = 7;
	assert_string_equal(dreply(FFA_RUN, &r), "FFA_MSG_SEND_DIRECT_RESP_32 sender=0x8003 "
						 "receiver=0x0 payload=0x7");
	ffa_regs_clear(&r, FFA_INTERRUPT);
	r.x[1] = 0x80030000;
	assert_string_equal(dreply(FFA_MSG_SEND_DIRECT_REQ_32, &r),
			    "FFA_INTERRUPT target=0x8003 vcpu=0");
	ffa_regs_clear(&r, FFA_MEM_FRAG_RX);
	r.x[1] = 1;
	r.x[3] = 4096;
	assert_string_equal(dreply(FFA_MEM_SHARE_32, &r), "FFA_MEM_FRAG_RX handle=0x1 offset=4096");
}

static void test_decode_truncates(void **state)
{
	struct ffa_regs r;
	char buf[8];

	(void)state;
	ffa_regs_clear(&r, FFA_VERSION);
	r.x[1] = FFA_VERSION_1_2;
	assert_int_equal(fv_decode_call(&r, buf, sizeof(buf)), 7);
	assert_string_equal(buf, "FFA_VER");
	assert_int_equal(fv_decode_call(&r, buf, 1), 0);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_function_forms),
		cmocka_unit_test(test_names_every_function),
		cmocka_unit_test(test_names_errors),
		cmocka_unit_test(test_fid_names),
		cmocka_unit_test_setup_teardown(test_numbers_in_call, setup, teardown),
		cmocka_unit_test_setup_teardown(test_w_operands_in_call, setup, teardown),
		cmocka_unit_test_setup_teardown(test_w_vs_x_in_expect, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expect_bare_value_is_x0, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expect_mismatch_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_saved_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_saved_values_are_per_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_saved_values_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_defined_after_failure, setup, teardown),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test_setup_teardown(test_malformed_line_bad_uuid_message, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_malformed_stops_the_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_line_in_failed_case_is_reported,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cases_pass_and_end_with_invariants, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_invariants_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fail_secure_and_skip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_world_start_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_world_start_skip, setup, teardown),
		cmocka_unit_test(test_default_world),
		cmocka_unit_test_setup_teardown(test_world_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_world_omitted_lines_take_defaults, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_world_ends_case, setup, teardown),
		cmocka_unit_test(test_parse_world),
		cmocka_unit_test_setup_teardown(test_write_and_expect_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expect_memory_mismatch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memory_outside_ram, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_write_is_chunked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expect_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expect_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expect_secure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sp_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sp_retrieve_handle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sp_write_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desc_v1_0, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desc_v1_1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desc_v1_2_two_receivers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desc_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desc_follows_negotiated_version, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_desc_lies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desc_max_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desc_no_ranges_no_receivers_line, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_desc_many_ranges_from_a_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desc_writer_huge, setup, teardown),
		cmocka_unit_test(test_desc_layouts),
		cmocka_unit_test_setup_teardown(test_examples_parse, setup, teardown),
		cmocka_unit_test(test_decode_calls),
		cmocka_unit_test(test_decode_replies),
		cmocka_unit_test(test_decode_truncates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
