/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Unit tests of the host client (src/host) against a scripted conduit: the
 * test's ffah_plat_call() records every call and answers from a script, or
 * from a small firmware model for the probe sequence. The tests check the
 * exact registers the library sends, and that it refuses replies that break
 * the ABI instead of trusting them.
 *
 * Needs only src/host/ and include/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ffa_host.h"

#define MAX_CALLS 80
#define BUF_PAGES 16
#define TX_PA UINT64_C(0x80020000)
#define RX_PA UINT64_C(0x80040000)
/* Bytes of the TX buffer recorded at each call: two pages. */
#define TX_SNAP_BYTES (2 * FFA_PAGE_SIZE)

/*
 * The conduit. With @firmware set, calls are answered by firmware_answer();
 * otherwise from @replies in order (a call beyond the script fails the test).
 */
struct ffah_plat {
	struct ffa_regs calls[MAX_CALLS];
	unsigned int ncalls;
	struct ffa_regs replies[MAX_CALLS];
	unsigned int nreplies;
	bool firmware;
	uint32_t fw_version;		       /* what FFA_VERSION answers */
	bool fw_regs;			       /* FFA_PARTITION_INFO_GET_REGS implemented */
	bool fw_mem_lend64;		       /* FFA_FEATURES(FFA_MEM_LEND_64) succeeds */
	uint8_t rx[BUF_PAGES * FFA_PAGE_SIZE]; /* the RX buffer the firmware fills */
	/* The start of the TX buffer as it was at each call (memory transactions). */
	const uint8_t *tx;
	uint8_t tx_at_call[MAX_CALLS][TX_SNAP_BYTES];
};

struct fixture {
	struct ffah_plat plat;
	struct ffah h;
	uint8_t tx[BUF_PAGES * FFA_PAGE_SIZE];
};

static const struct ffa_uuid nil_uuid;

static struct ffa_regs success32(uint64_t w2, uint64_t w3)
{
	struct ffa_regs r;

	ffa_regs_clear(&r, FFA_SUCCESS_32);
	r.x[2] = w2;
	r.x[3] = w3;
	return r;
}

static struct ffa_regs error_reply(int32_t code)
{
	struct ffa_regs r;

	ffa_set_error(&r, code);
	return r;
}

static struct ffa_regs x0_reply(uint64_t x0)
{
	struct ffa_regs r;

	ffa_regs_clear(&r, x0);
	return r;
}

/* Two 1.1 partition descriptors, as the firmware writes them into RX. */
static void firmware_fill_rx(struct ffah_plat *p, uint32_t stride)
{
	struct ffa_partition_info d;

	memset(p->rx, 0, sizeof(p->rx));
	memset(&d, 0, sizeof(d));
	d.id = 0x8001;
	d.exec_ctx_count = 2;
	d.properties = 0x30d;
	d.uuid.b[0] = 0xaa;
	memcpy(p->rx, &d, sizeof(d));
	d.id = 0x8002;
	d.exec_ctx_count = 1;
	d.properties = 0x101;
	d.uuid.b[0] = 0xbb;
	memcpy(p->rx + stride, &d, sizeof(d));
}

/* A small firmware: enough of FF-A for the probe sequence. */
static void firmware_answer(struct ffah_plat *p, struct ffa_regs *r)
{
	uint32_t fid = ffa_w(r, 0);

	switch (fid) {
	case FFA_VERSION:
		*r = x0_reply(p->fw_version);
		return;
	case FFA_ID_GET:
		*r = success32(0, 0);
		return;
	case FFA_FEATURES:
		if (ffa_w(r, 1) == FFA_RXTX_MAP_64 || ffa_w(r, 1) == FFA_MSG_SEND_DIRECT_REQ2 ||
		    (ffa_w(r, 1) == FFA_MEM_LEND_64 && p->fw_mem_lend64) ||
		    (ffa_w(r, 1) == FFA_PARTITION_INFO_GET_REGS && p->fw_regs))
			*r = success32(0, 0);
		else
			*r = error_reply(FFA_NOT_SUPPORTED);
		return;
	case FFA_RXTX_MAP_64:
	case FFA_RXTX_UNMAP:
	case FFA_RX_RELEASE:
		*r = success32(0, 0);
		return;
	case FFA_PARTITION_INFO_GET:
		if (ffa_w(r, 5) & FFA_PARTITION_INFO_GET_COUNT_ONLY) {
			*r = success32(2, 0);
			return;
		}
		firmware_fill_rx(p, sizeof(struct ffa_partition_info));
		*r = success32(2, sizeof(struct ffa_partition_info));
		return;
	case FFA_PARTITION_INFO_GET_REGS:
		ffa_regs_clear(r, FFA_SUCCESS_64);
		r->x[2] = 1 | (UINT64_C(1) << FFA_PART_REGS_CUR_INDEX_SHIFT) |
			  (UINT64_C(24) << FFA_PART_REGS_DESC_SIZE_SHIFT);
		r->x[3] = 0x8001 | (UINT64_C(2) << 16) | (UINT64_C(0x30d) << 32);
		r->x[4] = 0xaa;
		r->x[6] = 0x8002 | (UINT64_C(1) << 16) | (UINT64_C(0x101) << 32);
		r->x[7] = 0xbb;
		return;
	default:
		*r = error_reply(FFA_NOT_SUPPORTED);
	}
}

void ffah_plat_call(struct ffah_plat *p, struct ffa_regs *regs)
{
	assert_true(p->ncalls < MAX_CALLS);
	memcpy(p->tx_at_call[p->ncalls], p->tx, TX_SNAP_BYTES);
	p->calls[p->ncalls++] = *regs;
	if (p->firmware) {
		firmware_answer(p, regs);
		return;
	}
	assert_true(p->ncalls <= p->nreplies);
	*regs = p->replies[p->ncalls - 1];
}

static void script(struct ffah_plat *p, struct ffa_regs reply)
{
	assert_true(p->nreplies < MAX_CALLS);
	p->replies[p->nreplies++] = reply;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ffah_buffers bufs;

	if (!f)
		return -1;
	bufs.tx = f->tx;
	bufs.rx = f->plat.rx;
	bufs.tx_pa = TX_PA;
	bufs.rx_pa = RX_PA;
	bufs.pages = BUF_PAGES;
	ffah_init(&f->h, &f->plat, &bufs);
	f->plat.tx = f->tx;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

/* Every register of a call the library made is as listed, the rest zero. */
static void assert_call(const struct ffa_regs *c, uint64_t x0, uint64_t x1, uint64_t x2,
			uint64_t x3, uint64_t x5)
{
	unsigned int i;

	assert_int_equal(c->x[0], x0);
	assert_int_equal(c->x[1], x1);
	assert_int_equal(c->x[2], x2);
	assert_int_equal(c->x[3], x3);
	assert_int_equal(c->x[4], 0);
	assert_int_equal(c->x[5], x5);
	for (i = 6; i < FFA_REG_COUNT; i++)
		assert_int_equal(c->x[i], 0);
}

/* ---- FFA_VERSION ------------------------------------------------------ */

static void test_version_accepts_older_minor(void **state)
{
	struct fixture *f = *state;
	uint32_t v = 0;

	script(&f->plat, x0_reply(FFA_VERSION_1_1));
	assert_int_equal(ffah_version(&f->h, FFA_VERSION_1_2, &v), 0);
	assert_int_equal(v, FFA_VERSION_1_1);
	assert_int_equal(f->h.version, FFA_VERSION_1_1);
	assert_call(&f->plat.calls[0], FFA_VERSION, FFA_VERSION_1_2, 0, 0, 0);
}

static void test_version_newer_callee_uses_requested(void **state)
{
	struct fixture *f = *state;
	uint32_t v = 0;

	script(&f->plat, x0_reply(FFA_MAKE_VERSION(1, 5)));
	assert_int_equal(ffah_version(&f->h, FFA_VERSION_1_2, &v), 0);
	assert_int_equal(v, FFA_VERSION_1_2);
}

static void test_version_not_supported_both_encodings(void **state)
{
	struct fixture *f = *state;

	/* The SMCCC -1 in all of x0, and a zero-extended one. */
	script(&f->plat, x0_reply(SMCCC_RET_NOT_SUPPORTED));
	script(&f->plat, x0_reply(UINT32_MAX));
	assert_int_equal(ffah_version(&f->h, FFA_VERSION_1_2, NULL), FFA_NOT_SUPPORTED);
	assert_int_equal(ffah_version(&f->h, FFA_VERSION_1_2, NULL), FFA_NOT_SUPPORTED);
	assert_int_equal(f->h.version, 0);
}

static void test_version_other_major_refused(void **state)
{
	struct fixture *f = *state;

	script(&f->plat, x0_reply(FFA_MAKE_VERSION(2, 0)));
	script(&f->plat, x0_reply(FFA_VERSION_MBZ_BIT | FFA_VERSION_1_2));
	assert_int_equal(ffah_version(&f->h, FFA_VERSION_1_2, NULL), FFA_NOT_SUPPORTED);
	assert_int_equal(ffah_version(&f->h, FFA_VERSION_1_2, NULL), FFA_ABORTED);
	assert_int_equal(f->h.version, 0);
}

static void test_version_bad_request_not_sent(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(ffah_version(&f->h, FFA_MAKE_VERSION(1, 3), NULL), FFA_INVALID_PARAMETERS);
	assert_int_equal(ffah_version(&f->h, FFA_MAKE_VERSION(0, 9), NULL), FFA_INVALID_PARAMETERS);
	assert_int_equal(f->plat.ncalls, 0);
}

/* ---- FFA_ID_GET, FFA_FEATURES, status checks -------------------------- */

static void test_id_get(void **state)
{
	struct fixture *f = *state;
	uint16_t id = 0xffff;

	script(&f->plat, success32(0x8000, 0));
	assert_int_equal(ffah_id_get(&f->h, &id), 0);
	assert_int_equal(id, 0x8000);
	assert_true(f->h.id_valid);
	assert_call(&f->plat.calls[0], FFA_ID_GET, 0, 0, 0, 0);
}

static void test_reply_breaking_abi_is_aborted(void **state)
{
	struct fixture *f = *state;
	uint32_t w2;

	/* A positive "error" code, an unexpected function ID. */
	script(&f->plat, error_reply(5));
	script(&f->plat, x0_reply(FFA_MSG_SEND_DIRECT_RESP_32));
	assert_int_equal(ffah_id_get(&f->h, NULL), FFA_ABORTED);
	assert_int_equal(ffah_features(&f->h, FFA_RXTX_MAP_64, &w2, NULL), FFA_ABORTED);
	assert_false(f->h.id_valid);
}

static void test_features_passes_properties(void **state)
{
	struct fixture *f = *state;
	uint32_t w2 = 0, w3 = 0;

	script(&f->plat, success32(0x12, 0x34));
	assert_int_equal(ffah_features(&f->h, FFA_FEATURE_SRI, &w2, &w3), 0);
	assert_int_equal(w2, 0x12);
	assert_int_equal(w3, 0x34);
	assert_call(&f->plat.calls[0], FFA_FEATURES, FFA_FEATURE_SRI, 0, 0, 0);
}

/* ---- FFA_RXTX_MAP sizing ---------------------------------------------- */

static void test_rxtx_map_uses_minimum_size(void **state)
{
	struct fixture *f = *state;

	f->h.version = FFA_VERSION_1_2;
	script(&f->plat, success32(FFA_RXTX_MAP_MIN_SIZE_64K, 0));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_rxtx_map(&f->h), 0);
	assert_int_equal(f->h.rxtx_pages, 16);
	assert_call(&f->plat.calls[0], FFA_FEATURES, FFA_RXTX_MAP_64, 0, 0, 0);
	assert_call(&f->plat.calls[1], FFA_RXTX_MAP_64, TX_PA, RX_PA, 16, 0);
}

static void test_rxtx_map_max_below_min_raised(void **state)
{
	struct fixture *f = *state;

	/* 16 KiB minimum, "at most 2 pages": contradictory, the minimum wins. */
	f->h.version = FFA_VERSION_1_2;
	script(&f->plat,
	       success32(FFA_RXTX_MAP_MIN_SIZE_16K | (2u << FFA_RXTX_MAP_MAX_PAGES_SHIFT), 0));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_rxtx_map(&f->h), 0);
	assert_int_equal(f->h.rxtx_pages, 4);
	assert_int_equal(f->h.rxtx_max_pages, 4);
	assert_int_equal(f->plat.calls[1].x[3], 4);
}

static void test_rxtx_map_max_ignored_below_1_2(void **state)
{
	struct fixture *f = *state;

	f->h.version = FFA_VERSION_1_1;
	script(&f->plat,
	       success32(FFA_RXTX_MAP_MIN_SIZE_4K | (8u << FFA_RXTX_MAP_MAX_PAGES_SHIFT), 0));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_rxtx_map(&f->h), 0);
	assert_int_equal(f->h.rxtx_max_pages, 0);
	assert_int_equal(f->h.rxtx_pages, 1);
}

static void test_rxtx_map_features_failure_assumes_4k(void **state)
{
	struct fixture *f = *state;

	f->h.version = FFA_VERSION_1_2;
	script(&f->plat, error_reply(FFA_NOT_SUPPORTED));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_rxtx_map(&f->h), 0);
	assert_int_equal(f->plat.calls[1].x[3], 1);
}

static void test_rxtx_map_reserved_size_aborted(void **state)
{
	struct fixture *f = *state;

	f->h.version = FFA_VERSION_1_2;
	script(&f->plat, success32(FFA_RXTX_MAP_MIN_SIZE_MASK, 0));
	assert_int_equal(ffah_rxtx_map(&f->h), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 1);
	assert_int_equal(f->h.rxtx_pages, 0);
}

static void test_rxtx_map_buffers_too_small(void **state)
{
	struct fixture *f = *state;

	f->h.version = FFA_VERSION_1_2;
	f->h.buf.pages = 2;
	script(&f->plat, success32(FFA_RXTX_MAP_MIN_SIZE_16K, 0));
	assert_int_equal(ffah_rxtx_map(&f->h), FFA_NO_MEMORY);
	assert_int_equal(f->plat.ncalls, 1);
}

static void test_rxtx_map_refused_keeps_unmapped(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(ffah_rxtx_map_pages(&f->h, 0), FFA_INVALID_PARAMETERS);
	assert_int_equal(ffah_rxtx_map_pages(&f->h, BUF_PAGES + 1), FFA_INVALID_PARAMETERS);
	script(&f->plat, error_reply(FFA_DENIED));
	assert_int_equal(ffah_rxtx_map_pages(&f->h, 1), FFA_DENIED);
	assert_int_equal(f->h.rxtx_pages, 0);
	script(&f->plat, success32(0, 0));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_rxtx_map_pages(&f->h, 1), 0);
	assert_int_equal(ffah_rxtx_map_pages(&f->h, 1), FFA_DENIED);
	assert_int_equal(ffah_rxtx_unmap(&f->h), 0);
	assert_call(&f->plat.calls[2], FFA_RXTX_UNMAP, 0, 0, 0, 0);
	assert_int_equal(f->h.rxtx_pages, 0);
}

/* ---- FFA_PARTITION_INFO_GET ------------------------------------------- */

static void test_partition_info_1_1_count_then_full_then_release(void **state)
{
	struct fixture *f = *state;
	struct ffa_partition_info out[4];
	uint32_t count = 0;

	f->h.version = FFA_VERSION_1_1;
	f->h.rxtx_pages = 1;
	firmware_fill_rx(&f->plat, 48); /* a larger descriptor size is a stride */
	script(&f->plat, success32(2, 0));
	script(&f->plat, success32(2, 48));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_partition_info(&f->h, &nil_uuid, out, 4, &count), 0);
	assert_int_equal(count, 2);
	assert_call(&f->plat.calls[0], FFA_PARTITION_INFO_GET, 0, 0, 0,
		    FFA_PARTITION_INFO_GET_COUNT_ONLY);
	assert_call(&f->plat.calls[1], FFA_PARTITION_INFO_GET, 0, 0, 0, 0);
	assert_call(&f->plat.calls[2], FFA_RX_RELEASE, 0, 0, 0, 0);
	assert_int_equal(out[0].id, 0x8001);
	assert_int_equal(out[0].exec_ctx_count, 2);
	assert_int_equal(out[0].properties, 0x30d);
	assert_int_equal(out[0].uuid.b[0], 0xaa);
	assert_int_equal(out[1].id, 0x8002);
	assert_int_equal(out[1].uuid.b[0], 0xbb);
	assert_false(f->h.rx_held);
}

static void test_partition_info_uuid_query_reports_that_uuid(void **state)
{
	struct fixture *f = *state;
	struct ffa_partition_info out[1];
	struct ffa_uuid uuid;
	uint32_t count = 0;

	memset(&uuid, 0x5a, sizeof(uuid));
	f->h.version = FFA_VERSION_1_2;
	f->h.rxtx_pages = 1;
	firmware_fill_rx(&f->plat, 24);
	memset(f->plat.rx + 8, 0, 16); /* a UUID query gets zero there */
	script(&f->plat, success32(1, 0));
	script(&f->plat, success32(1, 24));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_partition_info(&f->h, &uuid, out, 1, &count), 0);
	assert_true(ffa_uuid_equal(&out[0].uuid, &uuid));
	assert_int_equal(f->plat.calls[0].x[1], 0x5a5a5a5a);
	assert_int_equal(f->plat.calls[0].x[4], 0x5a5a5a5a);
}

static void test_partition_info_1_0_eight_byte_descriptors(void **state)
{
	struct fixture *f = *state;
	struct ffa_partition_info out[4];
	struct ffa_partition_info_v1_0 d[2] = { { 0x8001, 2, 5 }, { 0x8002, 1, 1 } };
	uint32_t count = 0;

	f->h.version = FFA_VERSION_1_0;
	f->h.rxtx_pages = 1;
	memcpy(f->plat.rx, d, sizeof(d));
	script(&f->plat, success32(2, 0)); /* w3 is not defined at 1.0 */
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_partition_info(&f->h, &nil_uuid, out, 4, &count), 0);
	/* No count-only query at 1.0 (the flag does not exist there). */
	assert_call(&f->plat.calls[0], FFA_PARTITION_INFO_GET, 0, 0, 0, 0);
	assert_call(&f->plat.calls[1], FFA_RX_RELEASE, 0, 0, 0, 0);
	assert_int_equal(count, 2);
	assert_int_equal(out[1].id, 0x8002);
	assert_int_equal(out[1].exec_ctx_count, 1);
	assert_int_equal(out[1].properties, 1);
	assert_true(ffa_uuid_is_nil(&out[1].uuid));
}

static void test_partition_info_too_many_found_before_full_query(void **state)
{
	struct fixture *f = *state;
	struct ffa_partition_info out[1];
	uint32_t count = 0;

	f->h.version = FFA_VERSION_1_2;
	f->h.rxtx_pages = 1;
	script(&f->plat, success32(3, 0));
	assert_int_equal(ffah_partition_info(&f->h, &nil_uuid, out, 1, &count), FFA_NO_MEMORY);
	assert_int_equal(count, 3);
	/* The RX buffer never changed hands. */
	assert_int_equal(f->plat.ncalls, 1);
	assert_false(f->h.rx_held);
}

static void test_partition_info_count_overflowing_rx_aborted(void **state)
{
	struct fixture *f = *state;
	struct ffa_partition_info out[4];
	uint32_t count = 0;

	/* 200 descriptors of 24 bytes do not fit one mapped page. */
	f->h.version = FFA_VERSION_1_2;
	f->h.rxtx_pages = 1;
	script(&f->plat, success32(2, 0));
	script(&f->plat, success32(200, 24));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_partition_info(&f->h, &nil_uuid, out, 4, &count), FFA_ABORTED);
	/* The buffer was handed over all the same: it is given back. */
	assert_int_equal(f->plat.ncalls, 3);
	assert_int_equal(ffa_w(&f->plat.calls[2], 0), FFA_RX_RELEASE);
	assert_false(f->h.rx_held);
}

static void test_partition_info_size_too_small_aborted(void **state)
{
	struct fixture *f = *state;
	struct ffa_partition_info out[4];
	uint32_t count = 0;

	f->h.version = FFA_VERSION_1_1;
	f->h.rxtx_pages = 1;
	script(&f->plat, success32(2, 0));
	script(&f->plat, success32(2, 8));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_partition_info(&f->h, &nil_uuid, out, 4, &count), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 3);
}

static void test_partition_info_busy_while_rx_held(void **state)
{
	struct fixture *f = *state;
	struct ffa_partition_info out[4];
	uint32_t count;

	f->h.version = FFA_VERSION_1_2;
	f->h.rx_held = true;
	assert_int_equal(ffah_partition_info(&f->h, &nil_uuid, out, 4, &count), FFA_BUSY);
	assert_int_equal(f->plat.ncalls, 0);
}

static void test_partition_count_1_0_releases(void **state)
{
	struct fixture *f = *state;
	uint32_t count = 0;

	f->h.version = FFA_VERSION_1_0;
	script(&f->plat, success32(2, 0));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_partition_count(&f->h, &nil_uuid, &count), 0);
	assert_int_equal(count, 2);
	assert_int_equal(ffa_w(&f->plat.calls[1], 0), FFA_RX_RELEASE);
}

/* ---- FFA_PARTITION_INFO_GET_REGS -------------------------------------- */

static struct ffa_regs regs_reply(uint32_t last, uint32_t cur, uint32_t tag, uint16_t first_id)
{
	struct ffa_regs r;
	uint32_t i;

	ffa_regs_clear(&r, FFA_SUCCESS_64);
	r.x[2] = last | ((uint64_t)cur << FFA_PART_REGS_CUR_INDEX_SHIFT) |
		 ((uint64_t)tag << FFA_PART_REGS_REPLY_TAG_SHIFT) |
		 (UINT64_C(24) << FFA_PART_REGS_DESC_SIZE_SHIFT);
	for (i = 0; i < FFA_PART_REGS_PER_CALL && 3 + 3 * i < FFA_REG_COUNT; i++) {
		r.x[3 + 3 * i] = (uint64_t)(first_id + i) | (UINT64_C(1) << 16) |
				 (UINT64_C(0x101) << 32);
		r.x[4 + 3 * i] = first_id + i;
	}
	return r;
}

static void test_partition_info_regs_walks_with_tag(void **state)
{
	struct fixture *f = *state;
	struct ffa_partition_info out[8];
	uint32_t count = 0;

	f->h.version = FFA_VERSION_1_2;
	script(&f->plat, regs_reply(6, 4, 7, 0x8001));
	script(&f->plat, regs_reply(6, 6, 7, 0x8006));
	assert_int_equal(ffah_partition_info_regs(&f->h, &nil_uuid, out, 8, &count), 0);
	assert_int_equal(count, 7);
	assert_call(&f->plat.calls[0], FFA_PARTITION_INFO_GET_REGS, 0, 0, 0, 0);
	/* Start after the last index received, with the tag the reply gave. */
	assert_call(&f->plat.calls[1], FFA_PARTITION_INFO_GET_REGS, 0, 0,
		    5 | (UINT64_C(7) << FFA_PART_REGS_TAG_SHIFT), 0);
	assert_int_equal(out[0].id, 0x8001);
	assert_int_equal(out[4].id, 0x8005);
	assert_int_equal(out[6].id, 0x8007);
	assert_int_equal(out[6].properties, 0x101);
	assert_int_equal(out[6].uuid.b[0], 0x07);
}

static void test_partition_info_regs_count_only_one_call(void **state)
{
	struct fixture *f = *state;
	uint32_t count = 0;

	f->h.version = FFA_VERSION_1_2;
	script(&f->plat, regs_reply(6, 4, 0, 0x8001));
	assert_int_equal(ffah_partition_info_regs(&f->h, &nil_uuid, NULL, 0, &count), 0);
	assert_int_equal(count, 7);
	assert_int_equal(f->plat.ncalls, 1);
}

static void test_partition_info_regs_bad_indices_aborted(void **state)
{
	struct fixture *f = *state;
	struct ffa_partition_info out[8];
	uint32_t count;

	f->h.version = FFA_VERSION_1_2;
	/* Six descriptors claimed in one reply. */
	script(&f->plat, regs_reply(6, 5, 0, 0x8001));
	assert_int_equal(ffah_partition_info_regs(&f->h, &nil_uuid, out, 8, &count), FFA_ABORTED);
	/* The last index changes between calls. */
	script(&f->plat, regs_reply(6, 4, 0, 0x8001));
	script(&f->plat, regs_reply(5, 5, 0, 0x8006));
	assert_int_equal(ffah_partition_info_regs(&f->h, &nil_uuid, out, 8, &count), FFA_ABORTED);
	/* Current index beyond the last. */
	script(&f->plat, regs_reply(1, 2, 0, 0x8001));
	assert_int_equal(ffah_partition_info_regs(&f->h, &nil_uuid, out, 8, &count), FFA_ABORTED);
}

static void test_partition_info_regs_needs_1_2(void **state)
{
	struct fixture *f = *state;
	uint32_t count;

	f->h.version = FFA_VERSION_1_1;
	assert_int_equal(ffah_partition_info_regs(&f->h, &nil_uuid, NULL, 0, &count),
			 FFA_NOT_SUPPORTED);
	assert_int_equal(f->plat.ncalls, 0);
}

/* ---- the probe -------------------------------------------------------- */

static void assert_fids(const struct ffah_plat *p, const uint32_t *fids, const uint32_t *w1,
			unsigned int n)
{
	unsigned int i;

	assert_int_equal(p->ncalls, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(ffa_w(&p->calls[i], 0), fids[i]);
		assert_int_equal(ffa_w(&p->calls[i], 1), w1[i]);
	}
}

static void test_probe_sequence_regs(void **state)
{
	/* clang-format off */
	static const uint32_t fids[] = {
		FFA_VERSION, FFA_ID_GET, FFA_FEATURES, FFA_RXTX_MAP_64,
		FFA_FEATURES, FFA_FEATURES, FFA_FEATURES, FFA_FEATURES,
		FFA_PARTITION_INFO_GET_REGS, FFA_PARTITION_INFO_GET_REGS,
	};
	static const uint32_t w1[] = {
		FFA_VERSION_1_2, 0, FFA_RXTX_MAP_64, (uint32_t)TX_PA,
		FFA_MEM_LEND_64, FFA_MEM_SHARE_64, FFA_MSG_SEND_DIRECT_REQ2,
		FFA_PARTITION_INFO_GET_REGS,
		0, 0,
	};
	/* clang-format on */
	struct fixture *f = *state;
	struct ffa_partition_info parts[4];
	uint32_t count = 0;

	f->plat.firmware = true;
	f->plat.fw_version = FFA_VERSION_1_2;
	f->plat.fw_regs = true;
	assert_int_equal(ffah_probe(&f->h, parts, 4, &count), 0);
	assert_fids(&f->plat, fids, w1, sizeof(fids) / sizeof(fids[0]));
	assert_int_equal(count, 2);
	assert_int_equal(parts[1].id, 0x8002);
	assert_int_equal(f->h.features, FFAH_FEAT_DIRECT_REQ2 | FFAH_FEAT_PARTITION_INFO_REGS);
	assert_int_equal(f->h.rxtx_pages, 1);
}

static void test_probe_sequence_mailbox(void **state)
{
	/* LEND_64 answers: SHARE_64 is not asked; REQ2 answers: RESP2 is not asked. */
	/* clang-format off */
	static const uint32_t fids[] = {
		FFA_VERSION, FFA_ID_GET, FFA_FEATURES, FFA_RXTX_MAP_64,
		FFA_FEATURES, FFA_FEATURES, FFA_FEATURES,
		FFA_PARTITION_INFO_GET, FFA_PARTITION_INFO_GET, FFA_RX_RELEASE,
	};
	static const uint32_t w1[] = {
		FFA_VERSION_1_2, 0, FFA_RXTX_MAP_64, (uint32_t)TX_PA,
		FFA_MEM_LEND_64, FFA_MSG_SEND_DIRECT_REQ2, FFA_PARTITION_INFO_GET_REGS,
		0, 0, 0,
	};
	/* clang-format on */
	struct fixture *f = *state;
	struct ffa_partition_info parts[4];
	uint32_t count = 0;

	f->plat.firmware = true;
	f->plat.fw_version = FFA_VERSION_1_1;
	f->plat.fw_mem_lend64 = true;
	assert_int_equal(ffah_probe(&f->h, parts, 4, &count), 0);
	assert_fids(&f->plat, fids, w1, sizeof(fids) / sizeof(fids[0]));
	assert_int_equal(f->plat.calls[7].x[5], FFA_PARTITION_INFO_GET_COUNT_ONLY);
	assert_int_equal(f->plat.calls[8].x[5], 0);
	assert_int_equal(count, 2);
	assert_int_equal(parts[0].id, 0x8001);
	assert_int_equal(parts[0].uuid.b[0], 0xaa);
	assert_int_equal(f->h.version, FFA_VERSION_1_1);
	assert_int_equal(f->h.features, FFAH_FEAT_MEM_OPS_64 | FFAH_FEAT_DIRECT_REQ2);
	assert_false(f->h.rx_held);
}

static void test_probe_partition_failure_unmaps(void **state)
{
	struct fixture *f = *state;
	struct ffa_partition_info parts[1];
	uint32_t count = 0;

	/* Two partitions, room for one: the driver gives the buffers back. */
	f->plat.firmware = true;
	f->plat.fw_version = FFA_VERSION_1_1;
	assert_int_equal(ffah_probe(&f->h, parts, 1, &count), FFA_NO_MEMORY);
	assert_int_equal(ffa_w(&f->plat.calls[f->plat.ncalls - 1], 0), FFA_RXTX_UNMAP);
	assert_int_equal(f->h.rxtx_pages, 0);
}

/* ---- Direct messaging ------------------------------------------------- */

#define SP 0x8001

static const uint64_t payload5[FFAH_DIRECT_PAYLOAD_WORDS] = {
	UINT64_C(0x1111222233334444), 2, 3, 4, UINT64_C(0xffffffff00000005),
};

/* A state that has negotiated @version and knows its own ID (0). */
static void ready(struct fixture *f, uint32_t version)
{
	f->h.version = version;
	f->h.id = 0;
	f->h.id_valid = true;
}

static struct ffa_regs resp(uint32_t fid, uint16_t from, uint16_t to, const uint64_t *words,
			    unsigned int first, unsigned int count)
{
	struct ffa_regs r;
	unsigned int i;

	ffa_regs_clear(&r, fid);
	r.x[1] = ffa_sender_receiver(from, to);
	for (i = 0; i < count; i++)
		r.x[first + i] = words[i];
	return r;
}

static struct ffa_regs preempted(uint32_t fid, uint16_t id, uint16_t vcpu)
{
	struct ffa_regs r;

	ffa_regs_clear(&r, fid);
	r.x[1] = ffa_target_info(id, vcpu);
	return r;
}

static void test_direct_req_64_registers_and_echo(void **state)
{
	struct fixture *f = *state;
	uint64_t out[FFAH_DIRECT_PAYLOAD_WORDS];
	const struct ffa_regs *c = &f->plat.calls[0];
	unsigned int i;

	ready(f, FFA_VERSION_1_2);
	script(&f->plat, resp(FFA_MSG_SEND_DIRECT_RESP_64, SP, 0, payload5, 3, 5));
	assert_int_equal(ffah_direct_req(&f->h, SP, true, payload5, out), 0);
	assert_int_equal(f->plat.ncalls, 1);
	assert_int_equal(c->x[0], FFA_MSG_SEND_DIRECT_REQ_64);
	assert_int_equal(c->x[1], 0x00008001);
	assert_int_equal(c->x[2], 0);
	for (i = 0; i < 5; i++) {
		assert_int_equal(c->x[3 + i], payload5[i]);
		assert_int_equal(out[i], payload5[i]);
	}
	for (i = 8; i < FFA_REG_COUNT; i++)
		assert_int_equal(c->x[i], 0);
}

static void test_direct_req_32_sends_and_reads_low_halves(void **state)
{
	struct fixture *f = *state;
	uint64_t out[FFAH_DIRECT_PAYLOAD_WORDS];
	uint64_t reply[5] = { UINT64_C(0xdead000000000001), 0, 0, 0, 0 };

	ready(f, FFA_VERSION_1_2);
	script(&f->plat, resp(FFA_MSG_SEND_DIRECT_RESP_32, SP, 0, reply, 3, 5));
	assert_int_equal(ffah_direct_req(&f->h, SP, false, payload5, out), 0);
	assert_int_equal(f->plat.calls[0].x[0], FFA_MSG_SEND_DIRECT_REQ_32);
	assert_int_equal(f->plat.calls[0].x[3], 0x33334444);
	assert_int_equal(f->plat.calls[0].x[7], 5);
	assert_int_equal(out[0], 1);
}

static void test_direct_req_resumes_with_run_until_response(void **state)
{
	struct fixture *f = *state;
	uint64_t out[FFAH_DIRECT_PAYLOAD_WORDS];

	ready(f, FFA_VERSION_1_2);
	script(&f->plat, preempted(FFA_INTERRUPT, SP, 1));
	script(&f->plat, preempted(FFA_YIELD, SP, 0));
	script(&f->plat, resp(FFA_MSG_SEND_DIRECT_RESP_64, SP, 0, payload5, 3, 5));
	assert_int_equal(ffah_direct_req(&f->h, SP, true, payload5, out), 0);
	assert_int_equal(f->plat.ncalls, 3);
	/* FFA_RUN names exactly the context the reply named; nothing else set. */
	assert_call(&f->plat.calls[1], FFA_RUN, 0x80010001, 0, 0, 0);
	assert_call(&f->plat.calls[2], FFA_RUN, 0x80010000, 0, 0, 0);
	assert_int_equal(out[4], payload5[4]);
}

static void test_direct_req_bounded_runs(void **state)
{
	struct fixture *f = *state;
	uint64_t out[FFAH_DIRECT_PAYLOAD_WORDS] = { 0 };
	unsigned int i;

	ready(f, FFA_VERSION_1_2);
	for (i = 0; i < FFAH_DIRECT_MAX_RUNS + 1; i++)
		script(&f->plat, preempted(FFA_INTERRUPT, SP, 0));
	assert_int_equal(ffah_direct_req(&f->h, SP, true, payload5, out), FFA_ABORTED);
	/* The request, then FFAH_DIRECT_MAX_RUNS resumptions; no more. */
	assert_int_equal(f->plat.ncalls, FFAH_DIRECT_MAX_RUNS + 1);
	assert_int_equal(out[0], 0);
}

static void test_direct_req_untrusted_replies(void **state)
{
	struct fixture *f = *state;
	uint64_t out[FFAH_DIRECT_PAYLOAD_WORDS];

	ready(f, FFA_VERSION_1_2);
	/* A response from another partition, to another endpoint, of the other width. */
	script(&f->plat, resp(FFA_MSG_SEND_DIRECT_RESP_64, 0x8002, 0, payload5, 3, 5));
	script(&f->plat, resp(FFA_MSG_SEND_DIRECT_RESP_64, SP, 5, payload5, 3, 5));
	script(&f->plat, resp(FFA_MSG_SEND_DIRECT_RESP_32, SP, 0, payload5, 3, 5));
	/* Preemption of a partition the host did not call: no FFA_RUN for it. */
	script(&f->plat, preempted(FFA_INTERRUPT, 0x8002, 0));
	script(&f->plat, error_reply(FFA_BUSY));
	assert_int_equal(ffah_direct_req(&f->h, SP, true, payload5, out), FFA_ABORTED);
	assert_int_equal(ffah_direct_req(&f->h, SP, true, payload5, out), FFA_ABORTED);
	assert_int_equal(ffah_direct_req(&f->h, SP, true, payload5, out), FFA_ABORTED);
	assert_int_equal(ffah_direct_req(&f->h, SP, true, payload5, out), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 4);
	assert_int_equal(ffah_direct_req(&f->h, SP, true, payload5, out), FFA_BUSY);
}

static void test_direct_req2_registers(void **state)
{
	struct fixture *f = *state;
	uint64_t in[FFAH_DIRECT2_PAYLOAD_WORDS], out[FFAH_DIRECT2_PAYLOAD_WORDS];
	struct ffa_uuid uuid;
	uint64_t lo, hi;
	unsigned int i;

	for (i = 0; i < FFA_UUID_SIZE; i++)
		uuid.b[i] = (uint8_t)(0x10 + i);
	for (i = 0; i < FFAH_DIRECT2_PAYLOAD_WORDS; i++)
		in[i] = UINT64_C(0x0102030405060700) + i;
	ffa_uuid_to_x2(&uuid, &lo, &hi);

	ready(f, FFA_VERSION_1_1);
	assert_int_equal(ffah_direct_req2(&f->h, SP, &uuid, in, out), FFA_NOT_SUPPORTED);
	assert_int_equal(f->plat.ncalls, 0);

	ready(f, FFA_VERSION_1_2);
	script(&f->plat, preempted(FFA_YIELD, SP, 0));
	script(&f->plat, resp(FFA_MSG_SEND_DIRECT_RESP2, SP, 0, in, 4, 14));
	assert_int_equal(ffah_direct_req2(&f->h, SP, &uuid, in, out), 0);
	assert_int_equal(f->plat.calls[0].x[0], FFA_MSG_SEND_DIRECT_REQ2);
	assert_int_equal(f->plat.calls[0].x[1], 0x00008001);
	assert_int_equal(f->plat.calls[0].x[2], lo);
	assert_int_equal(f->plat.calls[0].x[3], hi);
	assert_int_equal(lo, UINT64_C(0x1716151413121110));
	for (i = 0; i < FFAH_DIRECT2_PAYLOAD_WORDS; i++) {
		assert_int_equal(f->plat.calls[0].x[4 + i], in[i]);
		assert_int_equal(out[i], in[i]);
	}
	assert_call(&f->plat.calls[1], FFA_RUN, 0x80010000, 0, 0, 0);
}

/* ---- FFA_MSG_SEND2 and indirect receive -------------------------------- */

static void test_msg_send2_header_per_version(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "hello";
	struct ffa_msg_header hdr;

	ready(f, FFA_VERSION_1_2);
	f->h.rxtx_pages = 1;
	memset(f->tx, 0xee, sizeof(f->tx));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_msg_send2(&f->h, SP, text, sizeof(text)), 0);
	assert_call(&f->plat.calls[0], FFA_MSG_SEND2, 0, 0, 0, 0);
	memcpy(&hdr, f->tx, sizeof(hdr));
	assert_int_equal(hdr.flags, 0);
	assert_int_equal(hdr.reserved_4, 0);
	assert_int_equal(hdr.reserved_20, 0);
	assert_int_equal(hdr.payload_offset, 40);
	assert_int_equal(hdr.sender_receiver, 0x00008001);
	assert_int_equal(hdr.payload_size, sizeof(text));
	assert_true(ffa_uuid_is_nil(&hdr.uuid));
	assert_memory_equal(f->tx + 40, text, sizeof(text));

	/* FF-A 1.1: the 20-byte header, payload right after it. */
	f->h.version = FFA_VERSION_1_1;
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_msg_send2(&f->h, SP, text, sizeof(text)), 0);
	memcpy(&hdr, f->tx, sizeof(struct ffa_msg_header_v1_1));
	assert_int_equal(hdr.payload_offset, 20);
	assert_memory_equal(f->tx + 20, text, sizeof(text));

	/* Too large for the one mapped page: nothing sent. */
	assert_int_equal(ffah_msg_send2(&f->h, SP, f->tx, FFA_PAGE_SIZE), FFA_NO_MEMORY);
	assert_int_equal(f->plat.ncalls, 2);
}

/* A 1.2 message from @from to the host in the RX buffer. */
static void put_rx_message(struct fixture *f, uint16_t from, uint32_t offset, uint32_t size,
			   const void *data)
{
	struct ffa_msg_header hdr;

	memset(&hdr, 0, sizeof(hdr));
	hdr.payload_offset = offset;
	hdr.sender_receiver = ffa_sender_receiver(from, 0);
	hdr.payload_size = size;
	memcpy(f->plat.rx, &hdr, sizeof(hdr));
	if (data)
		memcpy(f->plat.rx + offset, data, size);
}

static void test_msg_receive_bounds_checked_and_released(void **state)
{
	struct fixture *f = *state;
	struct ffah_indirect_msg msg;
	char buf[16];

	ready(f, FFA_VERSION_1_2);
	f->h.rxtx_pages = 1;
	memset(&msg, 0, sizeof(msg));
	msg.buf = buf;
	msg.cap = sizeof(buf);

	/* The payload would end past the mapped page: not read, still released. */
	put_rx_message(f, SP, 64, FFA_PAGE_SIZE, NULL);
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_msg_receive(&f->h, &msg), FFA_ABORTED);
	assert_false(msg.received);
	assert_call(&f->plat.calls[0], FFA_RX_RELEASE, 0, 0, 0, 0);

	/* An offset inside the header is not the ABI either. */
	put_rx_message(f, SP, 20, 4, "abcd");
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_msg_receive(&f->h, &msg), FFA_ABORTED);

	/* Larger than the caller's buffer: size reported, nothing copied. */
	put_rx_message(f, SP, 48, 32, NULL);
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_msg_receive(&f->h, &msg), FFA_NO_MEMORY);
	assert_int_equal(msg.size, 32);
	assert_int_equal(f->plat.ncalls, 3);
	assert_false(f->h.rx_held);
}

/* ---- Notifications ---------------------------------------------------- */

static void test_notifications_setup_sequence(void **state)
{
	struct fixture *f = *state;

	ready(f, FFA_VERSION_1_2);
	script(&f->plat, success32(0, 0));
	script(&f->plat, success32(0, 0));
	script(&f->plat, success32(8, 0));
	assert_int_equal(ffah_notifications_setup(&f->h, 4), 0);
	assert_int_equal(f->plat.ncalls, 3);
	assert_call(&f->plat.calls[0], FFA_FEATURES, FFA_NOTIFICATION_BITMAP_CREATE, 0, 0, 0);
	assert_call(&f->plat.calls[1], FFA_NOTIFICATION_BITMAP_CREATE, 0, 4, 0, 0);
	assert_call(&f->plat.calls[2], FFA_FEATURES, FFA_FEATURE_SRI, 0, 0, 0);
	assert_true(f->h.notif_enabled);
	assert_int_equal(f->h.sri_intid, 8);
	/* Once only. */
	assert_int_equal(ffah_notifications_setup(&f->h, 4), FFA_DENIED);
}

static void test_notifications_setup_not_supported_is_not_an_error(void **state)
{
	struct fixture *f = *state;

	ready(f, FFA_VERSION_1_0);
	script(&f->plat, error_reply(FFA_NOT_SUPPORTED));
	assert_int_equal(ffah_notifications_setup(&f->h, 4), 0);
	assert_int_equal(f->plat.ncalls, 1);
	assert_false(f->h.notif_enabled);
	/* Everything else then stays local. */
	assert_int_equal(ffah_notification_bind(&f->h, SP, false, 1), FFA_NOT_SUPPORTED);
	assert_int_equal(ffah_notification_set(&f->h, SP, false, 0, 1), FFA_NOT_SUPPORTED);
	assert_int_equal(f->plat.ncalls, 1);
}

static void test_notifications_setup_without_sri_destroys_bitmap(void **state)
{
	struct fixture *f = *state;

	ready(f, FFA_VERSION_1_2);
	script(&f->plat, success32(0, 0));
	script(&f->plat, success32(0, 0));
	script(&f->plat, error_reply(FFA_NOT_SUPPORTED));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_notifications_setup(&f->h, 2), 0);
	assert_int_equal(f->plat.ncalls, 4);
	assert_call(&f->plat.calls[3], FFA_NOTIFICATION_BITMAP_DESTROY, 0, 0, 0, 0);
	assert_false(f->h.notif_enabled);
}

static void enabled(struct fixture *f)
{
	ready(f, FFA_VERSION_1_2);
	f->h.notif_enabled = true;
	f->h.notif_vcpus = 4;
}

static void test_notification_bind_unbind_set_registers(void **state)
{
	struct fixture *f = *state;
	const uint64_t bitmap = UINT64_C(0x8000000100000004);
	const struct ffa_regs *c = f->plat.calls;

	enabled(f);
	script(&f->plat, success32(0, 0));
	script(&f->plat, success32(0, 0));
	script(&f->plat, success32(0, 0));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_notification_bind(&f->h, SP, true, bitmap), 0);
	assert_int_equal(ffah_notification_unbind(&f->h, SP, bitmap), 0);
	assert_int_equal(ffah_notification_set(&f->h, SP, false, 0, 4), 0);
	assert_int_equal(ffah_notification_set(&f->h, SP, true, 3, 4), 0);
	/* w1 = sender 31:16, receiver 15:0; bitmap low half in w3, high in w4. */
	assert_int_equal(c[0].x[0], FFA_NOTIFICATION_BIND);
	assert_int_equal(c[0].x[1], 0x80010000);
	assert_int_equal(c[0].x[2], FFA_NOTIFICATION_FLAG_PER_VCPU);
	assert_int_equal(c[0].x[3], 4);
	assert_int_equal(c[0].x[4], 0x80000001);
	assert_int_equal(c[1].x[0], FFA_NOTIFICATION_UNBIND);
	assert_int_equal(c[1].x[1], 0x80010000);
	assert_int_equal(c[1].x[2], 0);
	assert_int_equal(c[1].x[4], 0x80000001);
	assert_call(&c[2], FFA_NOTIFICATION_SET, 0x00008001, 0, 4, 0);
	assert_call(&c[3], FFA_NOTIFICATION_SET, 0x00008001, 0x00030001, 4, 0);

	/* A vCPU for a global notification, an empty bitmap: refused locally. */
	assert_int_equal(ffah_notification_set(&f->h, SP, false, 1, 4), FFA_INVALID_PARAMETERS);
	assert_int_equal(ffah_notification_bind(&f->h, SP, false, 0), FFA_INVALID_PARAMETERS);
	assert_int_equal(f->plat.ncalls, 4);
}

static struct ffa_regs get_reply(uint64_t sp, uint64_t vm, uint32_t spm, uint32_t hyp)
{
	struct ffa_regs r;

	ffa_regs_clear(&r, FFA_SUCCESS_32);
	r.x[2] = (uint32_t)sp;
	r.x[3] = (uint32_t)(sp >> 32);
	r.x[4] = (uint32_t)vm;
	r.x[5] = (uint32_t)(vm >> 32);
	r.x[6] = spm;
	r.x[7] = hyp;
	return r;
}

static void test_notification_get_decodes_and_checks(void **state)
{
	struct fixture *f = *state;
	struct ffah_notifications got;

	enabled(f);
	script(&f->plat, get_reply(UINT64_C(0x100000004), 0, 1, 0));
	assert_int_equal(ffah_notification_get(&f->h, 2,
					       FFA_NOTIFICATION_GET_SP | FFA_NOTIFICATION_GET_SPM,
					       &got), 0);
	assert_call(&f->plat.calls[0], FFA_NOTIFICATION_GET, 0x00020000, 5, 0, 0);
	assert_int_equal(got.sp, UINT64_C(0x100000004));
	assert_int_equal(got.spm, 1);

	/* A VM bitmap that was not asked for. */
	script(&f->plat, get_reply(0, 1, 0, 0));
	assert_int_equal(ffah_notification_get(&f->h, 0, FFA_NOTIFICATION_GET_SP, &got),
			 FFA_ABORTED);
	/* Reserved flag bits never leave. */
	assert_int_equal(ffah_notification_get(&f->h, 0, 0x10, &got), FFA_INVALID_PARAMETERS);
	assert_int_equal(f->plat.ncalls, 2);
}

/* Lists collected by a callback. */
struct lists {
	struct ffah_notif_list l[40];
	unsigned int n;
};

static void collect(void *arg, const struct ffah_notif_list *l)
{
	struct lists *ls = arg;

	assert_true(ls->n < 40);
	ls->l[ls->n++] = *l;
}

static void assert_list(const struct ffah_notif_list *l, uint16_t id, uint16_t count,
			uint16_t v0, uint16_t v1, uint16_t v2)
{
	assert_int_equal(l->id, id);
	assert_int_equal(l->vcpu_count, count);
	assert_int_equal(l->vcpus[0], v0);
	assert_int_equal(l->vcpus[1], v1);
	assert_int_equal(l->vcpus[2], v2);
}

/* ffa-abi.md §8.6: {0:[0,2,3]}, {0:[4,6]}, {2:[]}, {3:[1]}. */
static void assert_worked_example(const struct lists *ls, unsigned int from)
{
	assert_list(&ls->l[from + 0], 0, 3, 0, 2, 3);
	assert_list(&ls->l[from + 1], 0, 2, 4, 6, 0);
	assert_list(&ls->l[from + 2], 2, 0, 0, 0, 0);
	assert_list(&ls->l[from + 3], 3, 1, 1, 0, 0);
}

static void test_info_get_worked_example_32_and_64(void **state)
{
	struct fixture *f = *state;
	struct lists ls = { .n = 0 };
	struct ffa_regs r;

	enabled(f);
	ffa_regs_clear(&r, FFA_SUCCESS_32);
	r.x[2] = 0x0004B200;
	r.x[3] = 0x00000000;
	r.x[4] = 0x00030002;
	r.x[5] = 0x00040000;
	r.x[6] = 0x00020006;
	/* Bits 63:32 of an SMC32 reply are not the callee's to use. */
	r.x[7] = UINT64_C(0xffffffff00010003);
	script(&f->plat, r);
	assert_int_equal(ffah_notification_info_get(&f->h, false, collect, &ls), 0);
	assert_call(&f->plat.calls[0], FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0);
	assert_int_equal(ls.n, 4);
	assert_worked_example(&ls, 0);

	ffa_regs_clear(&r, FFA_SUCCESS_64);
	r.x[2] = 0x4B200;
	r.x[3] = UINT64_C(0x0003000200000000);
	r.x[4] = UINT64_C(0x0002000600040000);
	r.x[5] = UINT64_C(0x0000000000010003);
	script(&f->plat, r);
	assert_int_equal(ffah_notification_info_get(&f->h, true, collect, &ls), 0);
	assert_call(&f->plat.calls[1], FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0);
	assert_int_equal(ls.n, 8);
	assert_worked_example(&ls, 4);
}

static void test_info_get_loops_while_more_pending(void **state)
{
	struct fixture *f = *state;
	struct lists ls = { .n = 0 };
	struct ffa_regs r;
	unsigned int i;

	enabled(f);
	/* {0x8001:[]} with "more pending", then {0x0000:[1]}. */
	ffa_regs_clear(&r, FFA_SUCCESS_64);
	r.x[2] = FFA_NOTIF_INFO_MORE_PENDING | (1u << 7);
	r.x[3] = 0x8001;
	script(&f->plat, r);
	ffa_regs_clear(&r, FFA_SUCCESS_64);
	r.x[2] = (1u << 7) | (1u << 12);
	r.x[3] = 0x00010000;
	script(&f->plat, r);
	assert_int_equal(ffah_notification_info_get(&f->h, true, collect, &ls), 0);
	assert_int_equal(f->plat.ncalls, 2);
	assert_int_equal(ls.n, 2);
	assert_list(&ls.l[0], 0x8001, 0, 0, 0, 0);
	assert_list(&ls.l[1], 0, 1, 1, 0, 0);

	/* NO_DATA: nothing pending, not an error. */
	script(&f->plat, error_reply(FFA_NO_DATA));
	assert_int_equal(ffah_notification_info_get(&f->h, true, collect, &ls), 0);
	assert_int_equal(ls.n, 2);

	/* "More pending" forever: bounded. */
	f->plat.ncalls = f->plat.nreplies = 0;
	ffa_regs_clear(&r, FFA_SUCCESS_64);
	r.x[2] = FFA_NOTIF_INFO_MORE_PENDING;
	for (i = 0; i < FFAH_INFO_GET_MAX_CALLS; i++)
		script(&f->plat, r);
	assert_int_equal(ffah_notification_info_get(&f->h, true, NULL, NULL), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, FFAH_INFO_GET_MAX_CALLS);
}

static void test_info_get_counts_beyond_registers_aborted(void **state)
{
	struct fixture *f = *state;
	struct lists ls = { .n = 0 };
	struct ffa_regs r;

	enabled(f);
	/* SMC32: 3 lists of 4 IDs = 12 IDs, but w3-w7 hold 10. */
	ffa_regs_clear(&r, FFA_SUCCESS_32);
	r.x[2] = (3u << 7) | (0x3fu << 12);
	script(&f->plat, r);
	assert_int_equal(ffah_notification_info_get(&f->h, false, collect, &ls), FFA_ABORTED);
	/* SMC32: 11 lists. */
	ffa_regs_clear(&r, FFA_SUCCESS_32);
	r.x[2] = 11u << 7;
	script(&f->plat, r);
	assert_int_equal(ffah_notification_info_get(&f->h, false, collect, &ls), FFA_ABORTED);
	/* SMC64: 21 lists. */
	ffa_regs_clear(&r, FFA_SUCCESS_64);
	r.x[2] = 21u << 7;
	script(&f->plat, r);
	assert_int_equal(ffah_notification_info_get(&f->h, true, collect, &ls), FFA_ABORTED);
	/* No list of a broken reply reaches the caller (the first was already invalid). */
	assert_int_equal(ls.n, 0);
}

static void test_handle_sri_gets_own_and_reads_message(void **state)
{
	struct fixture *f = *state;
	struct lists other = { .n = 0 };
	struct ffah_sri sri;
	struct ffa_regs r;
	char buf[8];

	enabled(f);
	f->h.rxtx_pages = 1;
	/* {0:[]} (own, global), {5:[]} (someone else), {0:[1]} (own, vCPU 1). */
	ffa_regs_clear(&r, FFA_SUCCESS_64);
	r.x[2] = (3u << 7) | (1u << 16);
	r.x[3] = UINT64_C(0x0001000000050000);
	script(&f->plat, r);
	script(&f->plat, get_reply(4, 0, 0, 0));
	script(&f->plat, get_reply(0, 0, FFA_FRAMEWORK_NOTIF_RX_FULL, 0));
	script(&f->plat, success32(0, 0));
	put_rx_message(f, SP, 40, 5, "ping");

	memset(&sri, 0, sizeof(sri));
	sri.other = collect;
	sri.other_arg = &other;
	sri.msg.buf = buf;
	sri.msg.cap = sizeof(buf);
	assert_int_equal(ffah_handle_sri(&f->h, &sri), 0);

	assert_int_equal(f->plat.ncalls, 4);
	assert_call(&f->plat.calls[0], FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0);
	/* Physical instance: SP and SPM bitmaps, vCPU 0 then vCPU 1. */
	assert_call(&f->plat.calls[1], FFA_NOTIFICATION_GET, 0x00000000, 5, 0, 0);
	assert_call(&f->plat.calls[2], FFA_NOTIFICATION_GET, 0x00010000, 5, 0, 0);
	assert_call(&f->plat.calls[3], FFA_RX_RELEASE, 0, 0, 0, 0);
	assert_int_equal(sri.gets, 2);
	assert_int_equal(sri.got.sp, 4);
	assert_int_equal(sri.got.spm, FFA_FRAMEWORK_NOTIF_RX_FULL);
	assert_true(sri.msg.received);
	assert_int_equal(sri.msg.sender, SP);
	assert_int_equal(sri.msg.size, 5);
	assert_string_equal(buf, "ping");
	assert_int_equal(other.n, 1);
	assert_list(&other.l[0], 5, 0, 0, 0, 0);
}

static void test_handle_sri_vcpu_outside_bitmap_aborted(void **state)
{
	struct fixture *f = *state;
	struct ffah_sri sri;
	struct ffa_regs r;

	enabled(f);
	/* {0:[9]} but the bitmap was created for 4 vCPUs: no GET. */
	ffa_regs_clear(&r, FFA_SUCCESS_64);
	r.x[2] = (1u << 7) | (1u << 12);
	r.x[3] = UINT64_C(0x00090000);
	script(&f->plat, r);
	memset(&sri, 0, sizeof(sri));
	assert_int_equal(ffah_handle_sri(&f->h, &sri), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 1);
}

/* ---- Memory sharing ---------------------------------------------------- */

#define MEM_SP1 0x8001
#define MEM_SP2 0x8002
#define MEM_HANDLE UINT64_C(0x0000000500000007)
#define MEM_HANDLE_LO 0x00000007u
#define MEM_HANDLE_HI 0x00000005u
/* What the TX buffer holds before a call: every byte the library leaves alone shows. */
#define TX_GARBAGE 0xee

/* A negotiated, mapped endpoint at ID 0, as after ffah_probe(). */
static void mem_ready(struct fixture *f, uint32_t version, uint32_t pages, bool mem_ops_64)
{
	f->h.version = version;
	f->h.id = 0;
	f->h.id_valid = true;
	f->h.rxtx_pages = pages;
	f->h.features = mem_ops_64 ? FFAH_FEAT_MEM_OPS_64 : 0;
	memset(f->tx, TX_GARBAGE, sizeof(f->tx));
}

/* Little-endian writers for the expected descriptor, independent of ffa_desc.h. */
static void le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void le32(uint8_t *p, uint32_t v)
{
	le16(p, (uint16_t)v);
	le16(p + 2, (uint16_t)(v >> 16));
}

static void le64(uint8_t *p, uint64_t v)
{
	le32(p, (uint32_t)v);
	le32(p + 4, (uint32_t)(v >> 32));
}

/* One constituent, FF-A 1.0 Table 5.14: address, page count, 4 reserved bytes. */
static void expect_range(uint8_t *p, uint64_t address, uint32_t pages)
{
	le64(p, address);
	le32(p + 8, pages);
	le32(p + 12, 0);
}

static struct ffa_regs frag_rx(uint32_t lo, uint32_t hi, uint32_t offset)
{
	struct ffa_regs r;

	ffa_regs_clear(&r, FFA_MEM_FRAG_RX);
	r.x[1] = lo;
	r.x[2] = hi;
	r.x[3] = offset;
	return r;
}

/* Every register of a memory call, x4 included; the rest zero. */
static void assert_mem_call(const struct ffa_regs *c, uint64_t x0, uint64_t x1, uint64_t x2,
			    uint64_t x3)
{
	assert_call(c, x0, x1, x2, x3, 0);
}

/* @n one-page constituents on every other page from @base. */
static struct ffa_mem_range *sparse_ranges(uint32_t n, uint64_t base)
{
	struct ffa_mem_range *r = calloc(n, sizeof(*r));
	uint32_t i;

	assert_non_null(r);
	for (i = 0; i < n; i++) {
		r[i].address = base + (uint64_t)i * 2 * FFA_PAGE_SIZE;
		r[i].page_count = 1;
		/* Not the library's to read: it must send 0 whatever the caller left here. */
		r[i].reserved_12 = 0xdead;
	}
	return r;
}

/* The constituents [first, first + n) of sparse_ranges(.., base) at @p. */
static void assert_sparse_ranges(const uint8_t *p, uint32_t first, uint32_t n, uint64_t base)
{
	uint8_t want[16];
	uint32_t i;

	for (i = 0; i < n; i++) {
		expect_range(want, base + (uint64_t)(first + i) * 2 * FFA_PAGE_SIZE, 1);
		assert_memory_equal(p + 16 * i, want, 16);
	}
}

static void test_mem_share_1_2_registers_and_descriptor(void **state)
{
	static const struct ffah_mem_receiver rx = { MEM_SP1, FFA_DATA_ACCESS_RW };
	struct ffa_mem_range ranges[2] = {
		{ UINT64_C(0x80100000), 2, 0 },
		{ UINT64_C(0x80104000), 1, 0 },
	};
	struct fixture *f = *state;
	uint8_t want[128];
	uint64_t handle = 0;

	mem_ready(f, FFA_VERSION_1_2, 1, true);
	script(&f->plat, success32(MEM_HANDLE_LO, MEM_HANDLE_HI));
	assert_int_equal(ffah_mem_send(&f->h, FFAH_MEM_SHARE, &rx, 1, ranges, 2,
				       FFA_MEM_FLAG_TIME_SLICE, UINT64_C(0x0123456789abcdef),
				       &handle),
			 0);
	assert_int_equal(handle, MEM_HANDLE);
	assert_int_equal(f->plat.ncalls, 1);
	/* w1 = w2 = 128: the whole descriptor at once; w3/w4 = 0: in the TX buffer. */
	assert_mem_call(&f->plat.calls[0], FFA_MEM_SHARE_64, 128, 128, 0);

	/* FF-A 1.1 Table 10.20 header, 1.2 32-byte EMAD, composite at 80, ranges at 96. */
	memset(want, 0, sizeof(want));
	le16(want + 0, 0);		       /* sender: own ID */
	le16(want + 2, 0x2f);		       /* normal, write-back, inner shareable */
	le32(want + 4, FFA_MEM_FLAG_TIME_SLICE);
	le64(want + 8, 0);		       /* handle: the relayer's to allocate */
	le64(want + 16, UINT64_C(0x0123456789abcdef));
	le32(want + 24, 32);		       /* EMAD size at 1.2 */
	le32(want + 28, 1);		       /* EMAD count */
	le32(want + 32, 48);		       /* EMAD offset: right after the header */
	le16(want + 48, MEM_SP1);
	want[50] = FFA_DATA_ACCESS_RW;	       /* instruction access unspecified */
	le32(want + 52, 80);		       /* composite offset */
	le32(want + 80, 3);		       /* total pages */
	le32(want + 84, 2);		       /* constituents */
	expect_range(want + 96, UINT64_C(0x80100000), 2);
	expect_range(want + 112, UINT64_C(0x80104000), 1);
	assert_memory_equal(f->plat.tx_at_call[0], want, sizeof(want));
}

static void test_mem_lend_1_1_two_receivers_smc32(void **state)
{
	static const struct ffah_mem_receiver rx[2] = {
		{ MEM_SP1, FFA_DATA_ACCESS_RW },
		{ MEM_SP2, FFA_DATA_ACCESS_RO | FFA_INSTR_ACCESS_NX },
	};
	struct ffa_mem_range range = { UINT64_C(0x80200000), 4, 0 };
	struct fixture *f = *state;
	uint8_t want[112];
	uint64_t handle = 0;

	/* Without FFAH_FEAT_MEM_OPS_64 the SMC32 form. */
	mem_ready(f, FFA_VERSION_1_1, 1, false);
	script(&f->plat, success32(MEM_HANDLE_LO, MEM_HANDLE_HI));
	assert_int_equal(ffah_mem_lend(&f->h, rx, 2, &range, 1, &handle), 0);
	assert_int_equal(handle, MEM_HANDLE);
	assert_mem_call(&f->plat.calls[0], FFA_MEM_LEND_32, 112, 112, 0);

	/* 1.1: 48-byte header, 16-byte EMADs at 48 and 64, composite at 80. */
	memset(want, 0, sizeof(want));
	le16(want + 2, 0);			/* lend: attributes left to the borrower */
	le32(want + 24, 16);
	le32(want + 28, 2);
	le32(want + 32, 48);
	le16(want + 48, MEM_SP1);
	want[50] = FFA_DATA_ACCESS_RW;
	le32(want + 52, 80);
	le16(want + 64, MEM_SP2);
	want[66] = FFA_DATA_ACCESS_RO | FFA_INSTR_ACCESS_NX;
	le32(want + 68, 80);
	le32(want + 80, 4);
	le32(want + 84, 1);
	expect_range(want + 96, UINT64_C(0x80200000), 4);
	assert_memory_equal(f->plat.tx_at_call[0], want, sizeof(want));
}

static void test_mem_donate_1_0_layout(void **state)
{
	static const struct ffah_mem_receiver rx = { MEM_SP1, FFA_DATA_ACCESS_NOT_SPECIFIED };
	struct ffa_mem_range range = { UINT64_C(0x80300000), 1, 0 };
	struct fixture *f = *state;
	uint8_t want[80];
	uint64_t handle = 0;

	mem_ready(f, FFA_VERSION_1_0, 1, true);
	f->h.id = 0x0005; /* as seen by a VM: the descriptor names own ID */
	script(&f->plat, success32(MEM_HANDLE_LO, MEM_HANDLE_HI));
	assert_int_equal(ffah_mem_donate(&f->h, &rx, &range, 1, &handle), 0);
	assert_mem_call(&f->plat.calls[0], FFA_MEM_DONATE_64, 80, 80, 0);

	/* FF-A 1.0 Table 5.19: 32-byte header, EMAD count at 28, EMADs from 32. */
	memset(want, 0, sizeof(want));
	le16(want + 0, 0x0005);
	want[2] = 0;				/* donate: no attributes */
	le32(want + 28, 1);
	le16(want + 32, MEM_SP1);
	want[34] = 0;				/* donate: no data access */
	le32(want + 36, 48);
	le32(want + 48, 1);
	le32(want + 52, 1);
	expect_range(want + 64, UINT64_C(0x80300000), 1);
	assert_memory_equal(f->plat.tx_at_call[0], want, sizeof(want));
}

static void test_mem_send_malformed_requests_not_sent(void **state)
{
	static const struct ffah_mem_receiver two[2] = {
		{ MEM_SP1, FFA_DATA_ACCESS_NOT_SPECIFIED },
		{ MEM_SP2, FFA_DATA_ACCESS_NOT_SPECIFIED },
	};
	static const struct ffah_mem_receiver rw = { MEM_SP1, FFA_DATA_ACCESS_RW };
	static const struct ffah_mem_receiver reserved_bit = { MEM_SP1, 0x12 };
	static const struct ffah_mem_receiver reserved_data = { MEM_SP1, FFA_DATA_ACCESS_RESERVED };
	static const struct ffah_mem_receiver reserved_instr = { MEM_SP1,
								 FFA_INSTR_ACCESS_RESERVED };
	struct ffa_mem_range one = { UINT64_C(0x80100000), 1, 0 };
	struct ffa_mem_range empty = { UINT64_C(0x80100000), 0, 0 };
	struct ffa_mem_range huge[2] = {
		{ UINT64_C(0x80100000), UINT32_MAX, 0 },
		{ UINT64_C(0x80100000), 1, 0 },
	};
	struct fixture *f = *state;
	uint64_t handle = 0;

	mem_ready(f, FFA_VERSION_1_2, 1, true);
	/* A donation has exactly one receiver, which gets no data access named. */
	assert_int_equal(ffah_mem_send(&f->h, FFAH_MEM_DONATE, two, 2, &one, 1, 0, 0, &handle),
			 FFA_INVALID_PARAMETERS);
	assert_int_equal(ffah_mem_donate(&f->h, &rw, &one, 1, &handle), FFA_INVALID_PARAMETERS);
	/* Reserved permission bits and encodings. */
	assert_int_equal(ffah_mem_share(&f->h, &reserved_bit, 1, &one, 1, &handle),
			 FFA_INVALID_PARAMETERS);
	assert_int_equal(ffah_mem_share(&f->h, &reserved_data, 1, &one, 1, &handle),
			 FFA_INVALID_PARAMETERS);
	assert_int_equal(ffah_mem_share(&f->h, &reserved_instr, 1, &one, 1, &handle),
			 FFA_INVALID_PARAMETERS);
	/* No receiver, no range, an empty range, more pages than 32 bits count. */
	assert_int_equal(ffah_mem_share(&f->h, &rw, 0, &one, 1, &handle), FFA_INVALID_PARAMETERS);
	assert_int_equal(ffah_mem_share(&f->h, &rw, 1, &one, 0, &handle), FFA_INVALID_PARAMETERS);
	assert_int_equal(ffah_mem_share(&f->h, &rw, 1, &empty, 1, &handle),
			 FFA_INVALID_PARAMETERS);
	assert_int_equal(ffah_mem_share(&f->h, &rw, 1, huge, 2, &handle), FFA_INVALID_PARAMETERS);
	/* Flags outside those an owner sends; an operation that does not exist. */
	assert_int_equal(ffah_mem_send(&f->h, FFAH_MEM_LEND, &rw, 1, &one, 1,
				       FFA_MEM_FLAG_ZERO_AFTER_RELINQ, 0, &handle),
			 FFA_INVALID_PARAMETERS);
	assert_int_equal(ffah_mem_send(&f->h, (enum ffah_mem_op)3, &rw, 1, &one, 1, 0, 0, &handle),
			 FFA_INVALID_PARAMETERS);
	/* No TX buffer mapped, no own ID yet, no version yet. */
	f->h.rxtx_pages = 0;
	assert_int_equal(ffah_mem_share(&f->h, &rw, 1, &one, 1, &handle), FFA_INVALID_PARAMETERS);
	mem_ready(f, FFA_VERSION_1_2, 1, true);
	f->h.id_valid = false;
	assert_int_equal(ffah_mem_share(&f->h, &rw, 1, &one, 1, &handle), FFA_INVALID_PARAMETERS);
	mem_ready(f, 0, 1, true);
	assert_int_equal(ffah_mem_share(&f->h, &rw, 1, &one, 1, &handle), FFA_INVALID_PARAMETERS);
	assert_int_equal(f->plat.ncalls, 0);
	assert_int_equal(handle, 0);
}

static void test_mem_send_header_larger_than_tx_no_memory(void **state)
{
	struct ffa_mem_range one = { UINT64_C(0x80100000), 1, 0 };
	struct ffah_mem_receiver rx[127];
	struct fixture *f = *state;
	uint64_t handle = 0;
	unsigned int i;

	for (i = 0; i < 127; i++) {
		rx[i].id = (uint16_t)(0x8001 + i);
		rx[i].perms = FFA_DATA_ACCESS_RO;
	}
	/*
	 * 1.2: 48 + 126 * 32 + 16 = 4096: header, EMADs and composite fill the
	 * page exactly, and the constituent goes in a second fragment.
	 */
	mem_ready(f, FFA_VERSION_1_2, 1, true);
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 4096));
	script(&f->plat, success32(MEM_HANDLE_LO, MEM_HANDLE_HI));
	assert_int_equal(ffah_mem_share(&f->h, rx, 126, &one, 1, &handle), 0);
	assert_int_equal(f->plat.ncalls, 2);
	assert_mem_call(&f->plat.calls[0], FFA_MEM_SHARE_64, 4112, 4096, 0);
	assert_mem_call(&f->plat.calls[1], FFA_MEM_FRAG_TX, MEM_HANDLE_LO, MEM_HANDLE_HI, 16);
	assert_sparse_ranges(f->plat.tx_at_call[1], 0, 1, UINT64_C(0x80100000));

	/* One receiver more: the composite would not be in the first fragment. */
	assert_int_equal(ffah_mem_share(&f->h, rx, 127, &one, 1, &handle), FFA_NO_MEMORY);
	assert_int_equal(f->plat.ncalls, 2);
}

/* 1.2, one receiver: header 48 + EMAD 32 + composite 16 = 96 bytes before the constituents. */
#define MEM_CONS_START_1_2 96u
/* Constituents that fill a one-page first fragment exactly: (4096 - 96) / 16. */
#define MEM_FIRST_FIT 250u
#define MEM_BASE UINT64_C(0x80400000)

static void test_mem_descriptor_exactly_one_tx_buffer_one_call(void **state)
{
	static const struct ffah_mem_receiver rx = { MEM_SP1, FFA_DATA_ACCESS_RW };
	struct ffa_mem_range *ranges = sparse_ranges(MEM_FIRST_FIT, MEM_BASE);
	struct fixture *f = *state;
	uint64_t handle = 0;

	mem_ready(f, FFA_VERSION_1_2, 1, true);
	script(&f->plat, success32(MEM_HANDLE_LO, MEM_HANDLE_HI));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, MEM_FIRST_FIT, &handle), 0);
	assert_int_equal(f->plat.ncalls, 1);
	assert_mem_call(&f->plat.calls[0], FFA_MEM_SHARE_64, 4096, 4096, 0);
	assert_sparse_ranges(f->plat.tx_at_call[0] + MEM_CONS_START_1_2, 0, MEM_FIRST_FIT,
			     MEM_BASE);
	assert_int_equal(handle, MEM_HANDLE);
	free(ranges);
}

static void test_mem_descriptor_one_constituent_more_two_fragments(void **state)
{
	static const struct ffah_mem_receiver rx = { MEM_SP1, FFA_DATA_ACCESS_RW };
	struct ffa_mem_range *ranges = sparse_ranges(MEM_FIRST_FIT + 1, MEM_BASE);
	struct fixture *f = *state;
	uint64_t handle = 0;

	/*
	 * The smallest step past one buffer: a descriptor grows by whole
	 * constituents, so 16 bytes more. The first fragment is the full
	 * page; the last constituent goes alone with FFA_MEM_FRAG_TX.
	 */
	mem_ready(f, FFA_VERSION_1_2, 1, true);
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 4096));
	script(&f->plat, success32(MEM_HANDLE_LO, MEM_HANDLE_HI));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, MEM_FIRST_FIT + 1, &handle), 0);
	assert_int_equal(f->plat.ncalls, 2);
	assert_mem_call(&f->plat.calls[0], FFA_MEM_SHARE_64, 4112, 4096, 0);
	assert_sparse_ranges(f->plat.tx_at_call[0] + MEM_CONS_START_1_2, 0, MEM_FIRST_FIT,
			     MEM_BASE);
	assert_mem_call(&f->plat.calls[1], FFA_MEM_FRAG_TX, MEM_HANDLE_LO, MEM_HANDLE_HI, 16);
	assert_sparse_ranges(f->plat.tx_at_call[1], MEM_FIRST_FIT, 1, MEM_BASE);
	assert_int_equal(handle, MEM_HANDLE);
	free(ranges);
}

static void test_mem_three_fragments_follow_offsets(void **state)
{
	static const struct ffah_mem_receiver rx = { MEM_SP1, FFA_DATA_ACCESS_RW };
	/* 250 in the first page, 256 in the second, 10 in the third. */
	const uint32_t n = MEM_FIRST_FIT + 256 + 10;
	struct ffa_mem_range *ranges = sparse_ranges(n, MEM_BASE);
	struct fixture *f = *state;
	uint64_t handle = 0;

	mem_ready(f, FFA_VERSION_1_2, 1, false);
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 4096));
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 8192));
	script(&f->plat, success32(MEM_HANDLE_LO, MEM_HANDLE_HI));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, n, &handle), 0);
	assert_int_equal(f->plat.ncalls, 3);
	assert_mem_call(&f->plat.calls[0], FFA_MEM_SHARE_32, 96 + 16 * n, 4096, 0);
	assert_mem_call(&f->plat.calls[1], FFA_MEM_FRAG_TX, MEM_HANDLE_LO, MEM_HANDLE_HI, 4096);
	assert_sparse_ranges(f->plat.tx_at_call[1], MEM_FIRST_FIT, 256, MEM_BASE);
	assert_mem_call(&f->plat.calls[2], FFA_MEM_FRAG_TX, MEM_HANDLE_LO, MEM_HANDLE_HI, 160);
	assert_sparse_ranges(f->plat.tx_at_call[2], MEM_FIRST_FIT + 256, 10, MEM_BASE);
	assert_int_equal(handle, MEM_HANDLE);
	free(ranges);
}

static void test_mem_fragments_fill_a_larger_tx_buffer(void **state)
{
	static const struct ffah_mem_receiver rx = { MEM_SP1, FFA_DATA_ACCESS_RW };
	/* Two mapped pages: (8192 - 96) / 16 = 506 in the first, 512 in each next. */
	const uint32_t n = 506 + 512 + 1;
	struct ffa_mem_range *ranges = sparse_ranges(n, MEM_BASE);
	struct fixture *f = *state;
	uint64_t handle = 0;

	mem_ready(f, FFA_VERSION_1_2, 2, true);
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 8192));
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 16384));
	script(&f->plat, success32(MEM_HANDLE_LO, MEM_HANDLE_HI));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, n, &handle), 0);
	assert_int_equal(f->plat.ncalls, 3);
	assert_mem_call(&f->plat.calls[0], FFA_MEM_SHARE_64, 96 + 16 * n, 8192, 0);
	assert_sparse_ranges(f->plat.tx_at_call[0] + MEM_CONS_START_1_2, 0, 506, MEM_BASE);
	assert_mem_call(&f->plat.calls[1], FFA_MEM_FRAG_TX, MEM_HANDLE_LO, MEM_HANDLE_HI, 8192);
	assert_sparse_ranges(f->plat.tx_at_call[1], 506, 512, MEM_BASE);
	assert_mem_call(&f->plat.calls[2], FFA_MEM_FRAG_TX, MEM_HANDLE_LO, MEM_HANDLE_HI, 16);
	assert_sparse_ranges(f->plat.tx_at_call[2], 1018, 1, MEM_BASE);
	free(ranges);
}

static void test_mem_frag_rx_wrong_offset_aborted(void **state)
{
	static const struct ffah_mem_receiver rx = { MEM_SP1, FFA_DATA_ACCESS_RW };
	struct ffa_mem_range *ranges = sparse_ranges(MEM_FIRST_FIT + 1, MEM_BASE);
	struct fixture *f = *state;
	uint64_t handle = 0;

	/*
	 * The receiver says it has 4080 bytes, 4096 were sent: no fragment is
	 * sent on a guess; the half-sent transaction is aborted with RECLAIM.
	 */
	mem_ready(f, FFA_VERSION_1_2, 1, true);
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 4080));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, MEM_FIRST_FIT + 1, &handle),
			 FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 2);
	assert_mem_call(&f->plat.calls[1], FFA_MEM_RECLAIM, MEM_HANDLE_LO, MEM_HANDLE_HI, 0);
	assert_int_equal(handle, 0);
	free(ranges);
}

static void test_mem_frag_rx_breaking_abi_aborted(void **state)
{
	static const struct ffah_mem_receiver rx = { MEM_SP1, FFA_DATA_ACCESS_RW };
	const uint32_t n = MEM_FIRST_FIT + 256 + 1;
	struct ffa_mem_range *ranges = sparse_ranges(n, MEM_BASE);
	struct fixture *f = *state;
	struct ffa_regs r;
	uint64_t handle = 0;

	mem_ready(f, FFA_VERSION_1_2, 1, true);

	/* The handle changes between fragments: the first one is aborted. */
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 4096));
	script(&f->plat, frag_rx(MEM_HANDLE_LO + 1, MEM_HANDLE_HI, 8192));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, n, &handle), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 3);
	assert_mem_call(&f->plat.calls[2], FFA_MEM_RECLAIM, MEM_HANDLE_LO, MEM_HANDLE_HI, 0);

	/* w4 carries a sender: not for the host. */
	r = frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 4096);
	r.x[4] = UINT32_C(0x8001) << FFA_MEM_FRAG_SENDER_SHIFT;
	script(&f->plat, r);
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, n, &handle), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 5);
	assert_mem_call(&f->plat.calls[4], FFA_MEM_RECLAIM, MEM_HANDLE_LO, MEM_HANDLE_HI, 0);

	/* The invalid handle: nothing to abort. */
	script(&f->plat, frag_rx(UINT32_MAX, UINT32_MAX, 4096));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, n, &handle), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 6);

	/* Neither FRAG_RX nor an error to a fragment that is not the last. */
	script(&f->plat, success32(MEM_HANDLE_LO, MEM_HANDLE_HI));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, n, &handle), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 7);

	/* The last fragment's FFA_SUCCESS names another handle: the known one is aborted. */
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 4096));
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 8192));
	script(&f->plat, success32(MEM_HANDLE_LO, MEM_HANDLE_HI + 1));
	script(&f->plat, success32(0, 0));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, n, &handle), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 11);
	assert_mem_call(&f->plat.calls[10], FFA_MEM_RECLAIM, MEM_HANDLE_LO, MEM_HANDLE_HI, 0);

	/* A one-call transaction answered with FRAG_RX: no handle was ever agreed. */
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 128));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, 2, &handle), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 12);
	assert_int_equal(handle, 0);
	free(ranges);
}

static void test_mem_errors_returned_as_is(void **state)
{
	static const struct ffah_mem_receiver rx = { MEM_SP1, FFA_DATA_ACCESS_RW };
	const uint32_t n = MEM_FIRST_FIT + 256 + 1;
	struct ffa_mem_range *ranges = sparse_ranges(n, MEM_BASE);
	struct fixture *f = *state;
	uint64_t handle = 0;

	mem_ready(f, FFA_VERSION_1_2, 1, true);
	/* The first fragment refused. */
	script(&f->plat, error_reply(FFA_DENIED));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, 1, &handle), FFA_DENIED);
	assert_int_equal(f->plat.ncalls, 1);

	/* A later fragment refused: the callee aborted; nothing more is sent. */
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 4096));
	script(&f->plat, error_reply(FFA_NO_MEMORY));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, n, &handle), FFA_NO_MEMORY);
	assert_int_equal(f->plat.ncalls, 3);

	/* The last fragment refused. */
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 4096));
	script(&f->plat, frag_rx(MEM_HANDLE_LO, MEM_HANDLE_HI, 8192));
	script(&f->plat, error_reply(FFA_ABORTED));
	assert_int_equal(ffah_mem_share(&f->h, &rx, 1, ranges, n, &handle), FFA_ABORTED);
	assert_int_equal(f->plat.ncalls, 6);
	assert_int_equal(f->plat.calls[5].x[0], FFA_MEM_FRAG_TX);
	assert_int_equal(handle, 0);
	free(ranges);
}

static void test_mem_reclaim_registers(void **state)
{
	struct fixture *f = *state;

	script(&f->plat, success32(0, 0));
	script(&f->plat, error_reply(FFA_DENIED));
	assert_int_equal(ffah_mem_reclaim(&f->h, UINT64_C(0x1122334455667788),
					  FFA_MEM_RECLAIM_CLEAR),
			 0);
	assert_mem_call(&f->plat.calls[0], FFA_MEM_RECLAIM, 0x55667788, 0x11223344,
			FFA_MEM_RECLAIM_CLEAR);
	assert_int_equal(ffah_mem_reclaim(&f->h, MEM_HANDLE, 0), FFA_DENIED);
	assert_mem_call(&f->plat.calls[1], FFA_MEM_RECLAIM, MEM_HANDLE_LO, MEM_HANDLE_HI, 0);
	/* Bits 31:2 are reserved: not sent. */
	assert_int_equal(ffah_mem_reclaim(&f->h, MEM_HANDLE, 4), FFA_INVALID_PARAMETERS);
	assert_int_equal(f->plat.ncalls, 2);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_version_accepts_older_minor),
		T(test_version_newer_callee_uses_requested),
		T(test_version_not_supported_both_encodings),
		T(test_version_other_major_refused),
		T(test_version_bad_request_not_sent),
		T(test_id_get),
		T(test_reply_breaking_abi_is_aborted),
		T(test_features_passes_properties),
		T(test_rxtx_map_uses_minimum_size),
		T(test_rxtx_map_max_below_min_raised),
		T(test_rxtx_map_max_ignored_below_1_2),
		T(test_rxtx_map_features_failure_assumes_4k),
		T(test_rxtx_map_reserved_size_aborted),
		T(test_rxtx_map_buffers_too_small),
		T(test_rxtx_map_refused_keeps_unmapped),
		T(test_partition_info_1_1_count_then_full_then_release),
		T(test_partition_info_uuid_query_reports_that_uuid),
		T(test_partition_info_1_0_eight_byte_descriptors),
		T(test_partition_info_too_many_found_before_full_query),
		T(test_partition_info_count_overflowing_rx_aborted),
		T(test_partition_info_size_too_small_aborted),
		T(test_partition_info_busy_while_rx_held),
		T(test_partition_count_1_0_releases),
		T(test_partition_info_regs_walks_with_tag),
		T(test_partition_info_regs_count_only_one_call),
		T(test_partition_info_regs_bad_indices_aborted),
		T(test_partition_info_regs_needs_1_2),
		T(test_probe_sequence_regs),
		T(test_probe_sequence_mailbox),
		T(test_probe_partition_failure_unmaps),
		T(test_direct_req_64_registers_and_echo),
		T(test_direct_req_32_sends_and_reads_low_halves),
		T(test_direct_req_resumes_with_run_until_response),
		T(test_direct_req_bounded_runs),
		T(test_direct_req_untrusted_replies),
		T(test_direct_req2_registers),
		T(test_msg_send2_header_per_version),
		T(test_msg_receive_bounds_checked_and_released),
		T(test_notifications_setup_sequence),
		T(test_notifications_setup_not_supported_is_not_an_error),
		T(test_notifications_setup_without_sri_destroys_bitmap),
		T(test_notification_bind_unbind_set_registers),
		T(test_notification_get_decodes_and_checks),
		T(test_info_get_worked_example_32_and_64),
		T(test_info_get_loops_while_more_pending),
		T(test_info_get_counts_beyond_registers_aborted),
		T(test_handle_sri_gets_own_and_reads_message),
		T(test_handle_sri_vcpu_outside_bitmap_aborted),
		T(test_mem_share_1_2_registers_and_descriptor),
		T(test_mem_lend_1_1_two_receivers_smc32),
		T(test_mem_donate_1_0_layout),
		T(test_mem_send_malformed_requests_not_sent),
		T(test_mem_send_header_larger_than_tx_no_memory),
		T(test_mem_descriptor_exactly_one_tx_buffer_one_call),
		T(test_mem_descriptor_one_constituent_more_two_fragments),
		T(test_mem_three_fragments_follow_offsets),
		T(test_mem_fragments_fill_a_larger_tx_buffer),
		T(test_mem_frag_rx_wrong_offset_aborted),
		T(test_mem_frag_rx_breaking_abi_aborted),
		T(test_mem_errors_returned_as_is),
		T(test_mem_reclaim_registers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
