/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Unit tests of the SPMC model, called directly as the normal world
 * (endpoint 0) and the partitions call it: configuration, version, features,
 * mailboxes and partition discovery. Messaging and notifications are in
 * test_spmc_msg.c and test_spmc_notif.c; the fixture in spmc_fixture.h.
 *
 * Needs only src/spmc/ and include/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "spmc_fixture.h"

/* FFA_PARTITION_INFO_GET for @u with @flags. */
static struct ffa_regs partition_info_get(struct fixture *f, const struct ffa_uuid *u,
					  uint64_t flags)
{
	return NS(f, FFA_PARTITION_INFO_GET, uuid_word(u, 0), uuid_word(u, 1), uuid_word(u, 2),
		  uuid_word(u, 3), flags);
}

/* ---- FFA_VERSION ------------------------------------------------------ */

/** Compatible requests get the model's own version, and nothing else in the reply. */
static void test_version_compatible(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	r = NS(f, FFA_VERSION, FFA_VERSION_1_2, 0, 0, 0, 0, 0, 0, 0, 0x1234);
	CHECK_VERSION(r, FFA_VERSION_1_2);
	assert_int_equal(f->m.ns_version, FFA_VERSION_1_2);
	/* A lower minor is compatible too; the model still answers its own. */
	r = NS(f, FFA_VERSION, FFA_VERSION_1_0);
	CHECK_VERSION(r, FFA_VERSION_1_2);
	assert_int_equal(f->m.ns_version, FFA_VERSION_1_0);
	/* SMC32: bits 63:32 of x1 are not part of the call. */
	r = NS(f, FFA_VERSION, UINT64_C(0xffffffff00000000) | FFA_VERSION_1_1);
	CHECK_VERSION(r, FFA_VERSION_1_2);
	assert_int_equal(f->m.ns_version, FFA_VERSION_1_1);
}

/** Bit 31 set, or another major: NOT_SUPPORTED as -1 in all 64 bits, not FFA_ERROR. */
static void test_version_incompatible(void **state)
{
	static const uint64_t requests[] = {
		UINT64_C(0x80010002), /* bit 31 */
		FFA_MAKE_VERSION(2, 0),
		FFA_MAKE_VERSION(0, 2),
		FFA_MAKE_VERSION(0x7fff, 0xffff),
	};
	struct fixture *f = *state;
	struct ffa_regs r;
	size_t i;

	for (i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
		r = NS(f, FFA_VERSION, requests[i]);
		CHECK_VERSION(r, SMCCC_RET_NOT_SUPPORTED);
	}
	assert_int_equal(f->m.ns_version, 0);
}

/** A caller of a newer minor is served at the model's own version. */
static void test_version_newer_minor(void **state)
{
	struct spmc_config cfg = default_config;
	struct fixture *f = *state;
	struct ffa_regs r;

	cfg.version = FFA_VERSION_1_1;
	reinit(f, &cfg);
	r = NS(f, FFA_VERSION, FFA_MAKE_VERSION(1, 3));
	CHECK_VERSION(r, FFA_VERSION_1_1);
	/* Served at 1.1: no PARTITION_INFO_GET_REGS, no maximum page count. */
	r = NS(f, FFA_PARTITION_INFO_GET_REGS);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_FEATURES, FFA_RXTX_MAP_64);
	CHECK_SUCCESS(r, 0, 0);
}

/** "spmc-version none": every call gets SMCCC's -1 in all of x0. */
static void test_version_none(void **state)
{
	struct spmc_config cfg = default_config;
	struct fixture *f = *state;
	struct ffa_regs r;

	cfg.version = 0;
	reinit(f, &cfg);
	r = NS(f, FFA_VERSION, FFA_VERSION_1_2);
	CHECK_VERSION(r, SMCCC_RET_NOT_SUPPORTED);
	r = NS(f, FFA_ID_GET);
	CHECK_VERSION(r, SMCCC_RET_NOT_SUPPORTED);
}

/** A hypervisor's downgrade: renegotiation allowed after ID_GET and FEATURES only. */
static void test_version_renegotiation(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_ID_GET);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_FEATURES, FFA_RXTX_MAP_64);
	CHECK_SUCCESS(r, SPMC_NS_MBOX_MAX_PAGES << FFA_RXTX_MAP_MAX_PAGES_SHIFT, 0);

	negotiate(f, FFA_VERSION_1_1);
	r = NS(f, FFA_FEATURES, FFA_RXTX_MAP_64);
	CHECK_SUCCESS(r, 0, 0);

	/* The first call that is not discovery ends negotiation. */
	map_buffers(f);
	r = NS(f, FFA_VERSION, FFA_VERSION_1_0);
	CHECK_VERSION(r, SMCCC_RET_NOT_SUPPORTED);
	r = NS(f, FFA_VERSION, FFA_VERSION_1_2);
	CHECK_VERSION(r, SMCCC_RET_NOT_SUPPORTED);
	r = NS(f, FFA_VERSION, FFA_VERSION_1_1);
	CHECK_VERSION(r, FFA_VERSION_1_2);
	assert_int_equal(f->m.ns_version, FFA_VERSION_1_1);
}

/** Without FFA_VERSION the caller is held to the model's own version. */
static void test_version_locked_without_request(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	r = NS(f, FFA_SPM_ID_GET);
	CHECK_SUCCESS(r, FFA_SPMC_ID_DEFAULT, 0);
	r = NS(f, FFA_VERSION, FFA_VERSION_1_1);
	CHECK_VERSION(r, SMCCC_RET_NOT_SUPPORTED);
	negotiate(f, FFA_VERSION_1_2);
}

/** ABIs of 1.1 and 1.2 do not exist for an older caller, in calls and in FEATURES. */
static void test_version_gate(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_0);
	r = NS(f, FFA_FEATURES, FFA_SPM_ID_GET);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_FEATURES, FFA_FEATURE_SRI);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_SPM_ID_GET);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);

	/* Notifications and indirect messaging are FF-A 1.1. */
	r = NS(f, FFA_FEATURES, FFA_NOTIFICATION_BITMAP_CREATE);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_FEATURES, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, 1);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_NOTIFICATION_INFO_GET_64);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	/* Direct messaging is FF-A 1.0. */
	r = NS(f, FFA_FEATURES, FFA_MSG_SEND_DIRECT_REQ_64);
	CHECK_SUCCESS(r, 0, 0);

	reinit(f, &default_config);
	negotiate(f, FFA_VERSION_1_1);
	r = NS(f, FFA_FEATURES, FFA_PARTITION_INFO_GET_REGS);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_SPM_ID_GET);
	CHECK_SUCCESS(r, FFA_SPMC_ID_DEFAULT, 0);
	r = NS(f, FFA_PARTITION_INFO_GET_REGS);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	/* REQ2 and RESP2 are FF-A 1.2; notifications are there at 1.1. */
	r = NS(f, FFA_FEATURES, FFA_MSG_SEND_DIRECT_REQ2);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_FEATURES, FFA_MSG_SEND_DIRECT_RESP2);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_MSG_SEND_DIRECT_REQ2, 0x8001);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_FEATURES, FFA_NOTIFICATION_INFO_GET_32);
	CHECK_SUCCESS(r, 0, 0);
}

/* ---- Dispatch, FFA_ID_GET, FFA_SPM_ID_GET ------------------------------ */

static void test_id_get(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_ID_GET);
	CHECK_SUCCESS(r, FFA_HOST_ID, 0);
	r = NS(f, FFA_ID_GET, 0, 0, 0, 0, 0, 0, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* SMCCC 1.3 SVE hint: the same call. */
	r = NS(f, FFA_ID_GET | SMCCC_SVE_HINT, UINT64_C(0xffffffff00000000));
	CHECK_SUCCESS(r, FFA_HOST_ID, 0);
	r = NS(f, FFA_SPM_ID_GET);
	CHECK_SUCCESS(r, FFA_SPMC_ID_DEFAULT, 0);
	r = NS(f, FFA_SPM_ID_GET, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
}

/** What the model does not implement, and what is no FF-A call: FFA_ERROR(NOT_SUPPORTED). */
static void test_not_supported(void **state)
{
	static const uint64_t calls[] = {
		FFA_MEM_OP_PAUSE, /* FF-A 1.0 time slicing: the model never pauses */
		FFA_MEM_RETRIEVE_REQ_32, /* a partition's call */
		FFA_MEM_RELINQUISH,	 /* a partition's call */
		FFA_RX_ACQUIRE,
		FFA_MSG_WAIT, /* a partition's call */
		FFA_YIELD,    /* a partition's call */
		FFA_MSG_SEND, /* FF-A 1.0 indirect messaging, not implemented */
		FFA_ERROR,    /* an answer, not a call */
		FFA_SUCCESS_32,
		FFA_INTERRUPT,
		FFA_MSG_SEND_DIRECT_RESP_32,
		FFA_MSG_SEND_DIRECT_RESP2,
		FFA_FID_32(FFA_FNUM_PARTITION_INFO_GET_REGS), /* SMC64 only */
		FFA_FID_64(FFA_FNUM_ID_GET),		      /* SMC32 only */
		FFA_FID_32(0x8F),			      /* FF-A 1.3 */
		FFA_FID_32(0xF0),			      /* outside FF-A's range */
		UINT64_C(0x84000000),			      /* PSCI_VERSION */
		(UINT64_C(1) << 32) | FFA_ID_GET,	      /* x0 bits 63:32 */
	};
	struct fixture *f = *state;
	struct ffa_regs r;
	size_t i;

	negotiate(f, FFA_VERSION_1_2);
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		r = NS(f, calls[i]);
		CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	}
}

/* ---- FFA_FEATURES ----------------------------------------------------- */

static void test_features_functions(void **state)
{
	static const uint32_t no_properties[] = {
		FFA_ERROR,
		FFA_SUCCESS_32,
		FFA_SUCCESS_64,
		FFA_VERSION,
		FFA_FEATURES,
		FFA_ID_GET,
		FFA_SPM_ID_GET,
		FFA_RXTX_UNMAP,
		FFA_RX_RELEASE,
		FFA_PARTITION_INFO_GET,
		FFA_PARTITION_INFO_GET_REGS,
		FFA_INTERRUPT,
		FFA_RUN,
		FFA_MSG_SEND_DIRECT_REQ_32,
		FFA_MSG_SEND_DIRECT_REQ_64,
		FFA_MSG_SEND_DIRECT_RESP_32,
		FFA_MSG_SEND_DIRECT_RESP_64,
		FFA_MSG_SEND_DIRECT_REQ2,
		FFA_MSG_SEND_DIRECT_RESP2,
		FFA_MSG_SEND2,
		FFA_NOTIFICATION_BITMAP_CREATE,
		FFA_NOTIFICATION_BITMAP_DESTROY,
		FFA_NOTIFICATION_BIND,
		FFA_NOTIFICATION_UNBIND,
		FFA_NOTIFICATION_SET,
		FFA_NOTIFICATION_GET,
		FFA_NOTIFICATION_INFO_GET_32,
		FFA_NOTIFICATION_INFO_GET_64,
		/* w2 = 0: descriptors only in the TX buffer (no dynamic buffers). */
		FFA_MEM_SHARE_32,
		FFA_MEM_SHARE_64,
		FFA_MEM_LEND_32,
		FFA_MEM_LEND_64,
		FFA_MEM_DONATE_32,
		FFA_MEM_DONATE_64,
		FFA_MEM_FRAG_TX,
		FFA_MEM_RECLAIM,
	};
	static const uint32_t absent[] = {
		FFA_MEM_RETRIEVE_REQ_32, /* a partition's call */
		FFA_MEM_RETRIEVE_REQ_64,
		FFA_MEM_RELINQUISH,
		FFA_MEM_FRAG_RX,
		FFA_MEM_OP_PAUSE,
		FFA_RX_ACQUIRE,
		FFA_MSG_WAIT,
		FFA_YIELD,
		FFA_MSG_SEND,
		FFA_MSG_POLL,
		FFA_RXTX_MAP_64 | SMCCC_SVE_HINT,
	};
	struct fixture *f = *state;
	struct ffa_regs r;
	size_t i;

	negotiate(f, FFA_VERSION_1_2);
	for (i = 0; i < sizeof(no_properties) / sizeof(no_properties[0]); i++) {
		r = NS(f, FFA_FEATURES, no_properties[i]);
		CHECK_SUCCESS(r, 0, 0);
	}
	for (i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
		r = NS(f, FFA_FEATURES, absent[i]);
		CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	}
	/* RXTX_MAP at 1.2: 4 KiB granule, and the largest page count accepted. */
	r = NS(f, FFA_FEATURES, FFA_RXTX_MAP_32);
	CHECK_SUCCESS(r, 63u << 16, 0);
	r = NS(f, FFA_FEATURES, FFA_RXTX_MAP_64);
	CHECK_SUCCESS(r, 63u << 16, 0);
}

static void test_features_feature_ids(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_1);
	r = NS(f, FFA_FEATURES, FFA_FEATURE_SRI);
	CHECK_SUCCESS(r, SPMC_SCHEDULE_RECEIVER_INTID, 0);
	r = NS(f, FFA_FEATURES, FFA_FEATURE_NPI);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_FEATURES, FFA_FEATURE_MEI);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_FEATURES, 0x100 | FFA_FEATURE_SRI); /* bits 30:8 MBZ */
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_FEATURES, 0);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
}

/** w2-w7 MBZ: a query with anything there is NOT_SUPPORTED; x1-x7 bits 63:32 are ignored. */
static void test_features_mbz(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_FEATURES, FFA_ID_GET, 1);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_FEATURES, FFA_ID_GET, 0, 0, 0, 0, 0, 1);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_FEATURES, UINT64_C(0xdead00000000) | FFA_ID_GET, UINT64_C(1) << 32);
	CHECK_SUCCESS(r, 0, 0);
}

/* ---- FFA_RXTX_MAP / FFA_RXTX_UNMAP / FFA_RX_RELEASE -------------------- */

struct rxtx_map_case {
	const char *name;
	uint64_t fid, x1, x2, x3, x4;
};

/** Each malformed FFA_RXTX_MAP: INVALID_PARAMETERS, and nothing gets mapped. */
static void test_rxtx_map_invalid(void **state)
{
	static const struct rxtx_map_case cases[] = {
		{ "hypervisor descriptor form", FFA_RXTX_MAP_64, 0, 0, 0, 0 },
		{ "page count 0", FFA_RXTX_MAP_64, TX_PA, RX_PA, 0, 0 },
		{ "w3 bits 31:6", FFA_RXTX_MAP_64, TX_PA, RX_PA, 0x41, 0 },
		{ "x3 bits 63:32 (SMC64)", FFA_RXTX_MAP_64, TX_PA, RX_PA, (UINT64_C(1) << 32) | 1,
		  0 },
		{ "w4", FFA_RXTX_MAP_64, TX_PA, RX_PA, 1, 1 },
		{ "TX unaligned", FFA_RXTX_MAP_64, TX_PA + 0x100, RX_PA, 1, 0 },
		{ "RX unaligned", FFA_RXTX_MAP_64, TX_PA, RX_PA + 0x800, 1, 0 },
		{ "TX == RX", FFA_RXTX_MAP_64, TX_PA, TX_PA, 1, 0 },
		{ "RX inside TX", FFA_RXTX_MAP_64, NS_BASE, NS_BASE + FFA_PAGE_SIZE, 2, 0 },
		{ "TX inside RX", FFA_RXTX_MAP_64, NS_BASE + FFA_PAGE_SIZE, NS_BASE, 2, 0 },
		{ "TX not NS memory", FFA_RXTX_MAP_64, 0x1000, RX_PA, 1, 0 },
		{ "RX not NS memory", FFA_RXTX_MAP_64, TX_PA, NS_BASE + NS_SIZE, 1, 0 },
		{ "RX runs off NS memory", FFA_RXTX_MAP_64, TX_PA,
		  NS_BASE + NS_SIZE - FFA_PAGE_SIZE, 2, 0 },
		{ "TX wraps", FFA_RXTX_MAP_64, UINT64_C(0xfffffffffffff000), RX_PA, 2, 0 },
	};
	struct fixture *f = *state;
	struct ffa_regs r;
	size_t i;

	negotiate(f, FFA_VERSION_1_2);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct rxtx_map_case *c = &cases[i];

		r = NS(f, c->fid, c->x1, c->x2, c->x3, c->x4);
		CHECK_REGS_WHAT(r, REPLY(FFA_ERROR, (uint32_t)FFA_INVALID_PARAMETERS, 0), c->name);
		/* Nothing mapped: UNMAP finds no buffer pair. */
		r = NS(f, FFA_RXTX_UNMAP);
		CHECK_REGS_WHAT(r, REPLY(FFA_ERROR, (uint32_t)FFA_INVALID_PARAMETERS, 0), c->name);
	}
	map_buffers(f);
}

/** A second pair while one is mapped: DENIED, once the registers are well formed. */
static void test_rxtx_map_denied(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
	r = NS(f, FFA_RXTX_MAP_64, NS_BASE + 4 * FFA_PAGE_SIZE, NS_BASE + 5 * FFA_PAGE_SIZE, 1);
	CHECK_ERROR(r, FFA_DENIED);
	r = NS(f, FFA_RXTX_MAP_64, TX_PA + 0x10, RX_PA, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_RXTX_UNMAP);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_RXTX_MAP_64, NS_BASE + 4 * FFA_PAGE_SIZE, NS_BASE + 5 * FFA_PAGE_SIZE, 1);
	CHECK_SUCCESS(r, 0, 0);
}

/*
 * SMC32: addresses and count from the low 32 bits. TX and RX swap places
 * here, so where the descriptors land shows which register was read as RX.
 */
static void test_rxtx_map_32(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_RXTX_MAP_32, (UINT64_C(0xdead) << 32) | RX_PA,
	       (UINT64_C(0xbeef) << 32) | TX_PA, (UINT64_C(0xff) << 32) | 1);
	CHECK_SUCCESS(r, 0, 0);
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_SUCCESS(r, 3, sizeof(struct ffa_partition_info));
	assert_int_equal(ns_bytes(f, TX_PA)[0], 0x01);
	assert_int_equal(ns_bytes(f, TX_PA)[1], 0x80);
	assert_int_equal(ns_bytes(f, RX_PA)[0], 0);
}

/** The largest page count FFA_FEATURES reports is accepted, and used for the fit check. */
static void test_rxtx_map_max_pages(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_RXTX_MAP_64, NS_BASE, NS_BASE + SPMC_NS_MBOX_MAX_PAGES * FFA_PAGE_SIZE,
	       SPMC_NS_MBOX_MAX_PAGES);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->m.ns.pages, SPMC_NS_MBOX_MAX_PAGES);
}

static void test_rxtx_unmap(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_RXTX_UNMAP);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	map_buffers(f);
	r = NS(f, FFA_RXTX_UNMAP, UINT32_C(1) << 16); /* VM 1: unknown here */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_RXTX_UNMAP, 1); /* bits 15:0 MBZ */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_RXTX_UNMAP, 0, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_RXTX_UNMAP);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_RXTX_UNMAP);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_ERROR(r, FFA_BUSY);
}

static void test_rx_release(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED); /* no buffer */
	map_buffers(f);
	r = NS(f, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED); /* empty */
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_SUCCESS(r, 3, sizeof(struct ffa_partition_info));
	r = NS(f, FFA_RX_RELEASE, 1); /* VM 1: unknown here */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_RX_RELEASE, 0, 0, 0, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_RX_RELEASE);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED);
}

/* ---- FFA_PARTITION_INFO_GET ------------------------------------------- */

/* The 24-byte descriptor the model must write (FF-A 1.2 Table 6.1). */
static void expect_desc(const uint8_t *p, uint16_t id, uint16_t ctx, uint32_t props,
			const struct ffa_uuid *uuid)
{
	struct ffa_partition_info want = { .id = id, .exec_ctx_count = ctx, .properties = props };

	if (uuid)
		want.uuid = *uuid;
	assert_memory_equal(p, &want, sizeof(want));
}

/** Count only: w2 = count, w3 = 0, and the RX buffer is neither needed nor touched. */
static void test_partinfo_count_only(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;
	uint8_t before[64];

	negotiate(f, FFA_VERSION_1_2);
	r = partition_info_get(f, &nil_uuid, FFA_PARTITION_INFO_GET_COUNT_ONLY);
	CHECK_SUCCESS(r, 3, 0);
	r = partition_info_get(f, &uuid_b, FFA_PARTITION_INFO_GET_COUNT_ONLY);
	CHECK_SUCCESS(r, 1, 0);

	map_buffers(f);
	memset(ns_bytes(f, RX_PA), 0xaa, sizeof(before));
	memcpy(before, ns_bytes(f, RX_PA), sizeof(before));
	r = partition_info_get(f, &nil_uuid, FFA_PARTITION_INFO_GET_COUNT_ONLY);
	CHECK_SUCCESS(r, 3, 0);
	assert_memory_equal(ns_bytes(f, RX_PA), before, sizeof(before));
	r = NS(f, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED);
}

/** 1.2, Nil UUID: 24-byte descriptors with UUIDs, all properties. */
static void test_partinfo_v1_2(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;
	uint8_t *rx = ns_bytes(f, RX_PA);

	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
	memset(rx, 0xaa, FFA_PAGE_SIZE);
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_SUCCESS(r, 3, 24);
	expect_desc(rx, 0x8001, 2, PROPS_A, &uuid_a);
	expect_desc(rx + 24, 0x8002, 1, PROPS_B, &uuid_b);
	expect_desc(rx + 48, 0x8003, 4, PROPS_C, &uuid_c);
	assert_int_equal(rx[72], 0xaa); /* nothing beyond */
	/* The example of the project's vector file, byte for byte. */
	assert_memory_equal(rx, "\x01\x80\x02\x00\x0d\x03\x00\x00", 8);
}

/** A named UUID: its partition only, and the UUID field zero. */
static void test_partinfo_one_uuid(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;
	uint8_t *rx = ns_bytes(f, RX_PA);

	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
	memset(rx, 0xaa, FFA_PAGE_SIZE);
	r = partition_info_get(f, &uuid_c, 0);
	CHECK_SUCCESS(r, 1, 24);
	expect_desc(rx, 0x8003, 4, PROPS_C, NULL);
	assert_int_equal(rx[24], 0xaa);
}

/** 1.1: properties a 1.1 caller does not know (bits 31:9) are zero. */
static void test_partinfo_v1_1(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;
	uint8_t *rx = ns_bytes(f, RX_PA);

	negotiate(f, FFA_VERSION_1_1);
	map_buffers(f);
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_SUCCESS(r, 3, 24);
	expect_desc(rx, 0x8001, 2, PROPS_A & FFA_PART_PROP_V1_1_MASK, &uuid_a);
	expect_desc(rx + 48, 0x8003, 4, PROPS_C & FFA_PART_PROP_V1_1_MASK, &uuid_c);
}

/** 1.0: 8-byte descriptors, properties bits 2:0 only, w3 = 0 (reserved in 1.0). */
static void test_partinfo_v1_0(void **state)
{
	static const uint8_t want[] = {
		0x01, 0x80, 0x02, 0x00, 0x05, 0x00, 0x00, 0x00, /* 0x8001: direct req, indirect */
		0x02, 0x80, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, /* 0x8002: direct req */
		0x03, 0x80, 0x04, 0x00, 0x03, 0x00, 0x00, 0x00, /* 0x8003: direct req send+recv */
	};
	struct fixture *f = *state;
	struct ffa_regs r;
	uint8_t *rx = ns_bytes(f, RX_PA);

	negotiate(f, FFA_VERSION_1_0);
	map_buffers(f);
	memset(rx, 0xaa, FFA_PAGE_SIZE);
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_SUCCESS(r, 3, 0);
	assert_memory_equal(rx, want, sizeof(want));
	assert_int_equal(rx[sizeof(want)], 0xaa);
}

/** w5 flags: bits 31:1 MBZ, all of w5 for a 1.0 caller; w6/w7 MBZ; x5 bits 63:32 ignored. */
static void test_partinfo_mbz(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
	r = partition_info_get(f, &nil_uuid, 2);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0, 0, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = partition_info_get(f, &nil_uuid,
			       (UINT64_C(1) << 32) | FFA_PARTITION_INFO_GET_COUNT_ONLY);
	CHECK_SUCCESS(r, 3, 0);

	reinit(f, &default_config);
	negotiate(f, FFA_VERSION_1_0);
	map_buffers(f);
	r = partition_info_get(f, &nil_uuid, FFA_PARTITION_INFO_GET_COUNT_ONLY);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
}

/** A UUID no partition has: INVALID_PARAMETERS, with or without the count-only flag. */
static void test_partinfo_unknown_uuid(void **state)
{
	static const struct ffa_uuid unknown = { { 1 } };
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
	r = partition_info_get(f, &unknown, 0);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = partition_info_get(f, &unknown, FFA_PARTITION_INFO_GET_COUNT_ONLY);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED);
}

/** No RX buffer, or one the caller has not released: BUSY. */
static void test_partinfo_busy(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_ERROR(r, FFA_BUSY);
	map_buffers(f);
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_SUCCESS(r, 3, 24);
	r = partition_info_get(f, &uuid_a, 0);
	CHECK_ERROR(r, FFA_BUSY);
	r = NS(f, FFA_RX_RELEASE);
	CHECK_SUCCESS(r, 0, 0);
	r = partition_info_get(f, &uuid_a, 0);
	CHECK_SUCCESS(r, 1, 24);
}

/** No partitions: count 0, and the RX buffer stays the model's. */
static void test_partinfo_no_partitions(void **state)
{
	struct spmc_config cfg = default_config;
	struct fixture *f = *state;
	struct ffa_regs r;

	cfg.partition_count = 0;
	reinit(f, &cfg);
	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_SUCCESS(r, 0, 24);
	r = NS(f, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED);
	r = partition_info_get(f, &uuid_a, 0);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
}

/** The platform withdrew the RX buffer's memory after the mapping: ABORTED, nothing changes. */
static void test_partinfo_memory_withdrawn(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
	f->plat.withdrawn = true;
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_ERROR(r, FFA_ABORTED);
	f->plat.withdrawn = false;
	r = NS(f, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED);
	r = partition_info_get(f, &nil_uuid, 0);
	CHECK_SUCCESS(r, 3, 24);
}

/* ---- FFA_PARTITION_INFO_GET_REGS -------------------------------------- */

static uint64_t regs_x2(uint64_t last, uint64_t cur, uint64_t tag)
{
	return last | cur << 16 | tag << 32 | UINT64_C(24) << 48;
}

static uint64_t regs_desc0(uint16_t id, uint16_t ctx, uint32_t props)
{
	return id | (uint64_t)ctx << 16 | (uint64_t)props << 32;
}

/** Nil UUID: every partition, UUIDs in two registers each, SUCCESS_64. */
static void test_partinfo_regs_nil(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r, want = { .x = { FFA_SUCCESS_64, 0, regs_x2(2, 2, 0) } };

	want.x[3] = regs_desc0(0x8001, 2, PROPS_A);
	want.x[4] = UUID_A_LO;
	want.x[5] = UUID_A_HI;
	want.x[6] = regs_desc0(0x8002, 1, PROPS_B);
	ffa_uuid_to_x2(&uuid_b, &want.x[7], &want.x[8]);
	want.x[9] = regs_desc0(0x8003, 4, PROPS_C);
	ffa_uuid_to_x2(&uuid_c, &want.x[10], &want.x[11]);

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_PARTITION_INFO_GET_REGS);
	CHECK_REGS(r, want);
	/* x3 bits 63:32 are ignored (Linux's sign-extended tag). */
	r = NS(f, FFA_PARTITION_INFO_GET_REGS, 0, 0, UINT64_C(0xffffffff00000000));
	CHECK_REGS(r, want);
}

/** A named UUID: its partitions, UUID registers zero. */
static void test_partinfo_regs_one_uuid(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r, want = { .x = { FFA_SUCCESS_64, 0, regs_x2(0, 0, 0) } };
	uint64_t lo, hi;

	want.x[3] = regs_desc0(0x8003, 4, PROPS_C);
	ffa_uuid_to_x2(&uuid_c, &lo, &hi);

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_PARTITION_INFO_GET_REGS, lo, hi);
	CHECK_REGS(r, want);
}

/** Seven partitions: five per reply, then the rest from the next start index. */
static void test_partinfo_regs_paging(void **state)
{
	struct spmc_config cfg = default_config;
	struct fixture *f = *state;
	struct ffa_regs r, want;
	unsigned int i;

	for (i = 0; i < 7; i++) {
		cfg.partitions[i] = default_config.partitions[0];
		cfg.partitions[i].id = (uint16_t)(0x8010 + i);
		cfg.partitions[i].exec_ctx_count = (uint16_t)(i + 1);
	}
	cfg.partition_count = 7;
	reinit(f, &cfg);
	negotiate(f, FFA_VERSION_1_2);

	memset(&want, 0, sizeof(want));
	want.x[0] = FFA_SUCCESS_64;
	want.x[2] = regs_x2(6, 4, 0);
	for (i = 0; i < 5; i++) {
		want.x[3 + 3 * i] = regs_desc0((uint16_t)(0x8010 + i), (uint16_t)(i + 1), PROPS_A);
		want.x[4 + 3 * i] = UUID_A_LO;
		want.x[5 + 3 * i] = UUID_A_HI;
	}
	r = NS(f, FFA_PARTITION_INFO_GET_REGS);
	CHECK_REGS(r, want);

	memset(&want, 0, sizeof(want));
	want.x[0] = FFA_SUCCESS_64;
	want.x[2] = regs_x2(6, 6, 0);
	for (i = 0; i < 2; i++) {
		want.x[3 + 3 * i] = regs_desc0((uint16_t)(0x8015 + i), (uint16_t)(i + 6), PROPS_A);
		want.x[4 + 3 * i] = UUID_A_LO;
		want.x[5 + 3 * i] = UUID_A_HI;
	}
	r = NS(f, FFA_PARTITION_INFO_GET_REGS, 0, 0, 5);
	CHECK_REGS(r, want);

	r = NS(f, FFA_PARTITION_INFO_GET_REGS, 0, 0, 7);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
}

static void test_partinfo_regs_errors(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_PARTITION_INFO_GET_REGS, 0, 0, UINT32_C(1) << 16); /* a tag */
	CHECK_ERROR(r, FFA_RETRY);
	r = NS(f, FFA_PARTITION_INFO_GET_REGS, 0, 0, 3); /* start index = count */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_PARTITION_INFO_GET_REGS, 1, 0); /* unknown UUID */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* An unknown UUID is refused whatever the tag: the tag is about a known list. */
	r = NS(f, FFA_PARTITION_INFO_GET_REGS, 1, 0, UINT32_C(1) << 16);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_PARTITION_INFO_GET_REGS, 0, 0, 0, 1); /* x4 MBZ */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_PARTITION_INFO_GET_REGS, 0, 0, 0, 0, 0, 0, UINT64_C(1) << 32); /* x7 MBZ */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
}

/* ---- Configuration ---------------------------------------------------- */

static void test_init_rejects_bad_config(void **state)
{
	struct fixture *f = *state;
	struct spmc_config cfg;

	cfg = default_config;
	cfg.partitions[1].id = 0x0002; /* not a secure ID */
	assert_int_equal(spmc_init(&f->m, &cfg, &f->plat), FFA_INVALID_PARAMETERS);
	cfg = default_config;
	cfg.partitions[2].id = 0x8001; /* duplicate */
	assert_int_equal(spmc_init(&f->m, &cfg, &f->plat), FFA_INVALID_PARAMETERS);
	cfg = default_config;
	cfg.partitions[0].id = cfg.spmc_id; /* the SPMC's own */
	assert_int_equal(spmc_init(&f->m, &cfg, &f->plat), FFA_INVALID_PARAMETERS);
	cfg = default_config;
	cfg.spmc_id = 0x0001;
	assert_int_equal(spmc_init(&f->m, &cfg, &f->plat), FFA_INVALID_PARAMETERS);
	cfg = default_config;
	cfg.partition_count = SPMC_MAX_PARTITIONS + 1;
	assert_int_equal(spmc_init(&f->m, &cfg, &f->plat), FFA_INVALID_PARAMETERS);
	cfg = default_config;
	cfg.version = FFA_VERSION_MBZ_BIT | FFA_VERSION_1_2;
	assert_int_equal(spmc_init(&f->m, &cfg, &f->plat), FFA_INVALID_PARAMETERS);
	cfg = default_config;
	cfg.partitions[1].exec_ctx_count = 0; /* no execution context */
	assert_int_equal(spmc_init(&f->m, &cfg, &f->plat), FFA_INVALID_PARAMETERS);
	cfg = default_config;
	cfg.partitions[1].exec_ctx_count = SPMC_MAX_VCPUS + 1;
	assert_int_equal(spmc_init(&f->m, &cfg, &f->plat), FFA_INVALID_PARAMETERS);
	cfg = default_config;
	cfg.partitions[2].handler = (enum spmc_handler)(SPMC_HANDLER_YIELD + 1);
	assert_int_equal(spmc_init(&f->m, &cfg, &f->plat), FFA_INVALID_PARAMETERS);
	/* The most execution contexts the model takes. */
	cfg = default_config;
	cfg.partitions[1].exec_ctx_count = SPMC_MAX_VCPUS;
	assert_int_equal(spmc_init(&f->m, &cfg, &f->plat), 0);
	/* A good configuration again: partitions are found by ID. */
	reinit(f, &default_config);
	assert_non_null(spmc_find_partition(&f->m, 0x8003));
	assert_null(spmc_find_partition(&f->m, 0x8004));
}

/* ---- Calls of partitions ---------------------------------------------- */

static void test_sp_calls(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	r = SP(f, 0x8002, FFA_ID_GET);
	CHECK_SUCCESS(r, 0x8002, 0);
	r = SP(f, 0x8002, FFA_ID_GET, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8009, FFA_ID_GET);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* The normal world's memory ABIs are not a partition's. */
	r = SP(f, 0x8001, FFA_MEM_SHARE_32);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = SP(f, 0x8001, FFA_MEM_RECLAIM);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	/* Answers a partition receives, never calls. */
	r = SP(f, 0x8001, FFA_MEM_RETRIEVE_RESP);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = SP(f, 0x8001, FFA_SUCCESS_32);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	/* The normal world's ABIs are not a partition's (Arm's ACS: NOT_SUPPORTED). */
	r = SP(f, 0x8001, FFA_NOTIFICATION_BITMAP_CREATE, 0x8001, 1);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = SP(f, 0x8001, FFA_NOTIFICATION_INFO_GET_64);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = SP(f, 0x8001, FFA_RUN, 0x80020000);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = SP(f, 0x8001, UINT64_C(0x84000000));
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);

	/* No such handle: the model says so (tests/unit/test_spmc_mem.c has the rest). */
	spmc_sp_retrieve(&f->m, 0x8001, 0, &r);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	spmc_sp_relinquish(&f->m, 0x8001, 0, &r);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	spmc_sp_retrieve(&f->m, 0x8009, 0, &r);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
}

/** A partition releases its own RX buffer only when it holds it. */
static void test_sp_rx_release(void **state)
{
	struct fixture *f = *state;
	struct spmc_partition *sp = spmc_find_partition(&f->m, 0x8001);
	struct ffa_regs r;

	r = SP(f, 0x8001, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED);
	/* Hand the buffer over directly (FFA_MSG_SEND2 is tested in test_spmc_msg.c). */
	sp->rx_owner = SPMC_RX_CONSUMER;
	r = SP(f, 0x8001, FFA_RX_RELEASE, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_RX_RELEASE);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(sp->rx_owner, SPMC_RX_PRODUCER);
	r = SP(f, 0x8001, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED);
}

static void test_sp_write_tx(void **state)
{
	static const uint8_t data[7] = { 1, 2, 3, 4, 5, 6, 7 };
	struct fixture *f = *state;
	struct spmc_partition *sp = spmc_find_partition(&f->m, 0x8002);

	assert_int_equal(spmc_sp_write_tx(&f->m, 0x8002, SPMC_SP_MBOX_SIZE - 6, data, 6), 0);
	assert_memory_equal(&sp->tx[SPMC_SP_MBOX_SIZE - 6], data, 6);
	assert_int_equal(spmc_sp_write_tx(&f->m, 0x8002, SPMC_SP_MBOX_SIZE - 6, data, 7),
			 FFA_INVALID_PARAMETERS);
	assert_int_equal(spmc_sp_write_tx(&f->m, 0x8002, UINT32_MAX, data, 2),
			 FFA_INVALID_PARAMETERS);
	assert_int_equal(spmc_sp_write_tx(&f->m, 0x8009, 0, data, 1), FFA_INVALID_PARAMETERS);
	assert_int_equal(spmc_sp_write_tx(&f->m, 0x8002, SPMC_SP_MBOX_SIZE, data, 0), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_version_compatible),
		T(test_version_incompatible),
		T(test_version_newer_minor),
		T(test_version_none),
		T(test_version_renegotiation),
		T(test_version_locked_without_request),
		T(test_version_gate),
		T(test_id_get),
		T(test_not_supported),
		T(test_features_functions),
		T(test_features_feature_ids),
		T(test_features_mbz),
		T(test_rxtx_map_invalid),
		T(test_rxtx_map_denied),
		T(test_rxtx_map_32),
		T(test_rxtx_map_max_pages),
		T(test_rxtx_unmap),
		T(test_rx_release),
		T(test_partinfo_count_only),
		T(test_partinfo_v1_2),
		T(test_partinfo_one_uuid),
		T(test_partinfo_v1_1),
		T(test_partinfo_v1_0),
		T(test_partinfo_mbz),
		T(test_partinfo_unknown_uuid),
		T(test_partinfo_busy),
		T(test_partinfo_no_partitions),
		T(test_partinfo_memory_withdrawn),
		T(test_partinfo_regs_nil),
		T(test_partinfo_regs_one_uuid),
		T(test_partinfo_regs_paging),
		T(test_partinfo_regs_errors),
		T(test_init_rejects_bad_config),
		T(test_sp_calls),
		T(test_sp_rx_release),
		T(test_sp_write_tx),
	};

	return cmocka_run_group_tests_name("spmc", tests, NULL, NULL);
}
