/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Unit tests of the SPMC model's messaging: direct requests (REQ_32/_64,
 * REQ2) with each partition handler, FFA_RUN, and indirect messages
 * (FFA_MSG_SEND2) from the normal world to partitions, from partitions to
 * the normal world and between partitions.
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

/* High halves that an SMC32 call must ignore and an SMC64 call carries. */
#define HI(v) ((UINT64_C(0xa5a5a5a5) << 32) | (v))

/*
 * A world whose partitions answer with each handler: 0x8001 interrupt (2
 * contexts), 0x8002 yield, 0x8003 busy, 0x8004 echo but no direct request
 * property, 0x8005 echo with every property.
 */
static const struct spmc_config handler_config = {
	.version = FFA_VERSION_1_2,
	.spmc_id = FFA_SPMC_ID_DEFAULT,
	.partitions = {
		{ .id = 0x8001, .exec_ctx_count = 2, .properties = PROPS_A, .uuid = UUID_A,
		  .handler = SPMC_HANDLER_INTERRUPT },
		{ .id = 0x8002, .exec_ctx_count = 1, .properties = PROPS_A, .uuid = UUID_B,
		  .handler = SPMC_HANDLER_YIELD },
		{ .id = 0x8003, .exec_ctx_count = 1, .properties = PROPS_A, .uuid = UUID_C,
		  .handler = SPMC_HANDLER_BUSY },
		{ .id = 0x8004, .exec_ctx_count = 1,
		  .properties = FFA_PART_PROP_INDIRECT_MSG | FFA_PART_PROP_AARCH64 },
		{ .id = 0x8005, .exec_ctx_count = 1,
		  .properties = PROPS_A | FFA_PART_PROP_DIRECT_REQ_SEND },
	},
	.partition_count = 5,
};

/* ---- FFA_MSG_SEND_DIRECT_REQ ------------------------------------------- */

/** SMC32: RESP_32 from receiver to sender, w3-w7 unchanged and zero-extended. */
static void test_direct_req_32_echo(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r, want = { 0 };
	unsigned int i;

	negotiate(f, FFA_VERSION_1_2);
	r = (struct ffa_regs){ .x = { FFA_MSG_SEND_DIRECT_REQ_32, HI(0x8001), HI(0), HI(0x11),
				      HI(0x22), HI(0x33), HI(0x44), HI(0x55) } };
	/* x8-x17 are no part of the call. */
	for (i = 8; i < FFA_REG_COUNT; i++)
		r.x[i] = i;
	r = ns_call(f, r);
	want.x[0] = FFA_MSG_SEND_DIRECT_RESP_32;
	want.x[1] = 0x80010000;
	for (i = 3; i <= 7; i++)
		want.x[i] = 0x11 * (i - 2);
	CHECK_REGS(r, want);
	assert_int_equal(f->plat.sri_count, 0);
}

/** SMC64: RESP_64 with x3-x7 unchanged, all 64 bits. */
static void test_direct_req_64_echo(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r, want = { 0 };
	unsigned int i;

	negotiate(f, FFA_VERSION_1_2);
	r = (struct ffa_regs){ .x = { FFA_MSG_SEND_DIRECT_REQ_64, 0x8003 } };
	for (i = 3; i < FFA_REG_COUNT; i++)
		r.x[i] = HI(i);
	r = ns_call(f, r);
	want.x[0] = FFA_MSG_SEND_DIRECT_RESP_64;
	want.x[1] = 0x80030000;
	for (i = 3; i <= 7; i++)
		want.x[i] = HI(i);
	CHECK_REGS(r, want);

	/* A 1.0 caller: direct requests are FF-A 1.0. */
	reinit(f, &default_config);
	negotiate(f, FFA_VERSION_1_0);
	r = NS(f, FFA_MSG_SEND_DIRECT_REQ_64, 0x8002, 0, 7);
	CHECK_REGS(r,
		   ((struct ffa_regs){ .x = { FFA_MSG_SEND_DIRECT_RESP_64, 0x80020000, 0, 7 } }));
}

struct bad_call {
	const char *name;
	struct ffa_regs in;
	int32_t error;
};

static void check_bad_calls(struct fixture *f, const struct bad_call *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct ffa_regs r = ns_call(f, c[i].in);

		CHECK_REGS_WHAT(r, REPLY(FFA_ERROR, (uint32_t)c[i].error, 0), c[i].name);
	}
}

#define CALL(...) ((struct ffa_regs){ .x = { __VA_ARGS__ } })

static void test_direct_req_errors(void **state)
{
	static const struct bad_call cases[] = {
		{ "sender not 0", CALL(FFA_MSG_SEND_DIRECT_REQ_32, 0x00018001),
		  FFA_INVALID_PARAMETERS },
		{ "sender secure", CALL(FFA_MSG_SEND_DIRECT_REQ_32, 0x80058001),
		  FFA_INVALID_PARAMETERS },
		{ "framework message", CALL(FFA_MSG_SEND_DIRECT_REQ_32, 0x8005, 0x80000008),
		  FFA_INVALID_PARAMETERS },
		{ "w2 reserved bit", CALL(FFA_MSG_SEND_DIRECT_REQ_64, 0x8005, 0x100),
		  FFA_INVALID_PARAMETERS },
		{ "receiver unknown", CALL(FFA_MSG_SEND_DIRECT_REQ_32, 0x8009),
		  FFA_INVALID_PARAMETERS },
		{ "receiver 0", CALL(FFA_MSG_SEND_DIRECT_REQ_32, 0), FFA_INVALID_PARAMETERS },
		{ "receiver the SPMC", CALL(FFA_MSG_SEND_DIRECT_REQ_32, FFA_SPMC_ID_DEFAULT),
		  FFA_INVALID_PARAMETERS },
		{ "x1 bits 63:32", CALL(FFA_MSG_SEND_DIRECT_REQ_64, HI(0x8005)),
		  FFA_INVALID_PARAMETERS },
		{ "x2 bits 63:32", CALL(FFA_MSG_SEND_DIRECT_REQ_64, 0x8005, HI(0)),
		  FFA_INVALID_PARAMETERS },
		{ "no direct-req property", CALL(FFA_MSG_SEND_DIRECT_REQ_32, 0x8004), FFA_DENIED },
		{ "busy handler", CALL(FFA_MSG_SEND_DIRECT_REQ_32, 0x8003, 0, 1), FFA_BUSY },
	};
	struct fixture *f = *state;
	struct ffa_regs r;

	reinit(f, &handler_config);
	negotiate(f, FFA_VERSION_1_2);
	check_bad_calls(f, cases, FFA_ARRAY_SIZE(cases));
	/* The same request, well formed, is echoed. */
	r = NS(f, FFA_MSG_SEND_DIRECT_REQ_32, 0x8005, 0, 1);
	CHECK_REGS(r, CALL(FFA_MSG_SEND_DIRECT_RESP_32, 0x80050000, 0, 1));
}

/**
 * The interrupt handler: FFA_INTERRUPT for the preempted context; the request
 * holds it (further requests BUSY) until FFA_RUN resumes it, which answers
 * the original request. Every request goes the same way.
 */
static void test_direct_req_interrupt_then_run(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	reinit(f, &handler_config);
	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 0, 7, 8, 9, 10, HI(11));
	CHECK_REGS(r, CALL(FFA_INTERRUPT, 0x80010000));

	r = NS(f, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 0, 99);
	CHECK_ERROR(r, FFA_BUSY);
	r = NS(f, FFA_MSG_SEND_DIRECT_REQ2, 0x8001);
	CHECK_ERROR(r, FFA_BUSY);
	/* Another context has nothing to resume: the partition waits again. */
	r = NS(f, FFA_RUN, 0x80010001);
	CHECK_REGS(r, CALL(FFA_MSG_WAIT));
	/* Other partitions are not held up. */
	r = NS(f, FFA_MSG_SEND_DIRECT_REQ_32, 0x8005, 0, 5);
	CHECK_REGS(r, CALL(FFA_MSG_SEND_DIRECT_RESP_32, 0x80050000, 0, 5));

	r = NS(f, FFA_RUN, 0x80010000);
	CHECK_REGS(r, CALL(FFA_MSG_SEND_DIRECT_RESP_32, 0x80010000, 0, 7, 8, 9, 10, 11));
	r = NS(f, FFA_RUN, 0x80010000);
	CHECK_REGS(r, CALL(FFA_MSG_WAIT));

	/* The next request is interrupted again, and resumed again. */
	r = NS(f, FFA_MSG_SEND_DIRECT_REQ_64, 0x8001, 0, HI(1));
	CHECK_REGS(r, CALL(FFA_INTERRUPT, 0x80010000));
	r = NS(f, FFA_RUN, 0x80010000);
	CHECK_REGS(r, CALL(FFA_MSG_SEND_DIRECT_RESP_64, 0x80010000, 0, HI(1)));
	assert_int_equal(f->plat.sri_count, 0);
}

/** The yield handler: FFA_YIELD (timeout 0), then the answer after FFA_RUN. */
static void test_direct_req_yield_then_run(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	reinit(f, &handler_config);
	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_MSG_SEND_DIRECT_REQ_64, 0x8002, 0, HI(3), 0, 0, 0, HI(7));
	CHECK_REGS(r, CALL(FFA_YIELD, 0x80020000));
	r = NS(f, FFA_MSG_SEND_DIRECT_REQ_64, 0x8002);
	CHECK_ERROR(r, FFA_BUSY);
	r = NS(f, FFA_RUN, 0x80020000);
	CHECK_REGS(r, CALL(FFA_MSG_SEND_DIRECT_RESP_64, 0x80020000, 0, HI(3), 0, 0, 0, HI(7)));
}

/* ---- FFA_MSG_SEND_DIRECT_REQ2 ------------------------------------------ */

static struct ffa_regs req2(uint64_t x1, uint64_t uuid_lo, uint64_t uuid_hi)
{
	struct ffa_regs r = { .x = { FFA_MSG_SEND_DIRECT_REQ2, x1, uuid_lo, uuid_hi } };
	unsigned int i;

	for (i = 4; i < FFA_REG_COUNT; i++)
		r.x[i] = HI(i);
	return r;
}

static struct ffa_regs req2_uuid(uint64_t x1, const struct ffa_uuid *u)
{
	uint64_t lo, hi;

	ffa_uuid_to_x2(u, &lo, &hi);
	return req2(x1, lo, hi);
}

static struct ffa_regs resp2(uint64_t x1)
{
	struct ffa_regs r = { .x = { FFA_MSG_SEND_DIRECT_RESP2, x1 } };
	unsigned int i;

	for (i = 4; i < FFA_REG_COUNT; i++)
		r.x[i] = HI(i);
	return r;
}

/** RESP2 from receiver to sender, x2/x3 zero, x4-x17 unchanged; the UUID is the receiver's or Nil. */
static void test_direct_req2_echo(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = ns_call(f, req2(0x8001, UUID_A_LO, UUID_A_HI));
	CHECK_REGS(r, resp2(0x80010000));
	r = ns_call(f, req2_uuid(0x8001, &uuid_a));
	CHECK_REGS(r, resp2(0x80010000));
	r = ns_call(f, req2(0x8001, 0, 0));
	CHECK_REGS(r, resp2(0x80010000));
}

static void test_direct_req2_errors(void **state)
{
	struct fixture *f = *state;
	struct bad_call cases[] = {
		{ "x1 bits 63:32", req2(HI(0x8001), 0, 0), FFA_INVALID_PARAMETERS },
		{ "sender not 0", req2(0x00018001, 0, 0), FFA_INVALID_PARAMETERS },
		{ "receiver unknown", req2(0x8009, 0, 0), FFA_INVALID_PARAMETERS },
		{ "receiver 0", req2(0, 0, 0), FFA_INVALID_PARAMETERS },
		{ "UUID of another partition", req2_uuid(0x8001, &uuid_b), FFA_INVALID_PARAMETERS },
		{ "UUID half right", req2(0x8001, UUID_A_LO, 0), FFA_INVALID_PARAMETERS },
		/* 0x8002 of the default world: direct requests, but not REQ2. */
		{ "no direct-req2 property", req2(0x8002, 0, 0), FFA_DENIED },
	};

	negotiate(f, FFA_VERSION_1_2);
	check_bad_calls(f, cases, FFA_ARRAY_SIZE(cases));
}

/** REQ2 through the interrupt and yield handlers: the resumed answer is RESP2. */
static void test_direct_req2_interrupt_yield(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	reinit(f, &handler_config);
	negotiate(f, FFA_VERSION_1_2);
	r = ns_call(f, req2(0x8001, 0, 0));
	CHECK_REGS(r, CALL(FFA_INTERRUPT, 0x80010000));
	r = NS(f, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001);
	CHECK_ERROR(r, FFA_BUSY);
	r = NS(f, FFA_RUN, 0x80010000);
	CHECK_REGS(r, resp2(0x80010000));

	r = ns_call(f, req2(0x8002, 0, 0));
	CHECK_REGS(r, CALL(FFA_YIELD, 0x80020000));
	r = NS(f, FFA_RUN, 0x80020000);
	CHECK_REGS(r, resp2(0x80020000));
	r = ns_call(f, req2(0x8003, 0, 0));
	CHECK_ERROR(r, FFA_BUSY);
}

/* ---- FFA_RUN ----------------------------------------------------------- */

static void test_run(void **state)
{
	static const struct bad_call cases[] = {
		{ "unknown partition", CALL(FFA_RUN, 0x80090000), FFA_INVALID_PARAMETERS },
		{ "the normal world", CALL(FFA_RUN, 0), FFA_INVALID_PARAMETERS },
		{ "the SPMC", CALL(FFA_RUN, 0x80000000), FFA_INVALID_PARAMETERS },
		{ "vCPU past the last", CALL(FFA_RUN, 0x80010002), FFA_INVALID_PARAMETERS },
		{ "w2", CALL(FFA_RUN, 0x80010000, 1), FFA_INVALID_PARAMETERS },
		{ "w7", CALL(FFA_RUN, 0x80010000, 0, 0, 0, 0, 0, 1), FFA_INVALID_PARAMETERS },
	};
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	check_bad_calls(f, cases, FFA_ARRAY_SIZE(cases));
	/* A waiting partition given cycles waits again; SMC32: x1 bits 63:32 ignored. */
	r = NS(f, FFA_RUN, HI(0x80010001), HI(0));
	CHECK_REGS(r, CALL(FFA_MSG_WAIT));
	r = NS(f, FFA_RUN, 0x80030003);
	CHECK_REGS(r, CALL(FFA_MSG_WAIT));
}

/* ---- FFA_MSG_SEND2 ----------------------------------------------------- */

/*
 * Write a partition message header of @size bytes (20: FF-A 1.1, 40: 1.2)
 * at @buf; @uuid only in the 1.2 layout. The flags and reserved fields get
 * stale-looking bytes: the model must not pass them on.
 */
static void write_header(uint8_t *buf, size_t size, uint32_t offset, uint16_t sender,
			 uint16_t receiver, uint32_t payload_size, const struct ffa_uuid *uuid)
{
	struct ffa_msg_header h = {
		.flags = 0xdeadbeef,
		.reserved_4 = 0xfeedface,
		.payload_offset = offset,
		.sender_receiver = ffa_sender_receiver(sender, receiver),
		.payload_size = payload_size,
		.reserved_20 = 0xcafe,
	};

	if (uuid)
		h.uuid = *uuid;
	memcpy(buf, &h, size);
}

/* The header the receiver must find: as written, flags and reserved fields zero. */
static void expect_header(const uint8_t *buf, size_t size, uint32_t offset, uint16_t sender,
			  uint16_t receiver, uint32_t payload_size, const struct ffa_uuid *uuid)
{
	struct ffa_msg_header h = {
		.payload_offset = offset,
		.sender_receiver = ffa_sender_receiver(sender, receiver),
		.payload_size = payload_size,
	};

	if (uuid)
		h.uuid = *uuid;
	assert_memory_equal(buf, &h, size);
}

static const uint8_t payload[] = "indirect";

/**
 * Normal world to partition: the message lands in the partition's RX buffer,
 * which is then the partition's; its hypervisor framework notification says
 * "RX buffer full"; no SRI (the sender schedules). A second message is BUSY
 * until the partition has taken the notification and released the buffer.
 */
static void test_msg_send2_ns_to_sp(void **state)
{
	struct fixture *f = *state;
	struct spmc_partition *sp = spmc_find_partition(&f->m, 0x8001);
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
	write_header(ns_bytes(f, TX_PA), 40, 64, 0, 0x8001, sizeof(payload), &uuid_a);
	memcpy(ns_bytes(f, TX_PA + 64), payload, sizeof(payload));
	r = NS(f, FFA_MSG_SEND2);
	CHECK_SUCCESS(r, 0, 0);
	expect_header(sp->rx, 40, 64, 0, 0x8001, sizeof(payload), &uuid_a);
	assert_memory_equal(&sp->rx[64], payload, sizeof(payload));
	assert_int_equal(sp->rx_owner, SPMC_RX_CONSUMER);
	assert_int_equal(f->plat.sri_count, 0);

	r = NS(f, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_BUSY);
	/* Not released while "RX buffer full" is pending. */
	r = SP(f, 0x8001, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED);
	/* The SPM flag alone shows the hypervisor framework bitmap too (w7). */
	r = SP(f, 0x8001, FFA_NOTIFICATION_GET, 0x8001, FFA_NOTIFICATION_GET_SPM);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, 0, 0, 0, 0, 0, FFA_FRAMEWORK_NOTIF_RX_FULL));
	r = SP(f, 0x8001, FFA_NOTIFICATION_GET, 0x8001, FFA_NOTIFICATION_GET_HYP);
	CHECK_SUCCESS(r, 0, 0);
	r = SP(f, 0x8001, FFA_RX_RELEASE);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_MSG_SEND2);
	CHECK_SUCCESS(r, 0, 0);
}

/** Each malformed FFA_MSG_SEND2 from the normal world, and nothing delivered. */
static void test_msg_send2_ns_errors(void **state)
{
	static const struct bad_call regs_cases[] = {
		{ "w1 sender VM ID", CALL(FFA_MSG_SEND2, 0x00010000), FFA_INVALID_PARAMETERS },
		{ "w1 bits 15:0", CALL(FFA_MSG_SEND2, 1), FFA_INVALID_PARAMETERS },
		{ "delay-SRI flag", CALL(FFA_MSG_SEND2, 0, FFA_MSG_SEND2_FLAG_DELAY_SRI),
		  FFA_INVALID_PARAMETERS },
		{ "w2 bit 0", CALL(FFA_MSG_SEND2, 0, 1), FFA_INVALID_PARAMETERS },
		{ "w3", CALL(FFA_MSG_SEND2, 0, 0, 1), FFA_INVALID_PARAMETERS },
	};
	static const struct {
		const char *name;
		uint32_t offset;
		uint16_t sender, receiver;
		uint32_t size;
		const struct ffa_uuid *uuid;
		int32_t error;
	} hdr_cases[] = {
		{ "header sender not 0", 40, 0x8002, 0x8001, 1, NULL, FFA_INVALID_PARAMETERS },
		{ "receiver unknown", 40, 0, 0x8009, 1, NULL, FFA_INVALID_PARAMETERS },
		{ "receiver 0", 40, 0, 0, 1, NULL, FFA_INVALID_PARAMETERS },
		{ "receiver the SPMC", 40, 0, FFA_SPMC_ID_DEFAULT, 1, NULL,
		  FFA_INVALID_PARAMETERS },
		{ "payload inside the header", 39, 0, 0x8001, 1, NULL, FFA_INVALID_PARAMETERS },
		{ "payload past the buffer", 40, 0, 0x8001, FFA_PAGE_SIZE - 39, NULL,
		  FFA_INVALID_PARAMETERS },
		{ "offset + size overflows", 40, 0, 0x8001, UINT32_MAX, NULL,
		  FFA_INVALID_PARAMETERS },
		{ "UUID of another partition", 40, 0, 0x8001, 1, &uuid_b, FFA_INVALID_PARAMETERS },
		{ "receiver without indirect property", 40, 0, 0x8002, 1, NULL, FFA_DENIED },
	};
	struct fixture *f = *state;
	struct spmc_partition *sp = spmc_find_partition(&f->m, 0x8001);
	struct ffa_regs r;
	size_t i;

	negotiate(f, FFA_VERSION_1_2);
	/* No TX buffer to read the message from: DENIED. */
	r = NS(f, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_DENIED);
	map_buffers(f);
	check_bad_calls(f, regs_cases, FFA_ARRAY_SIZE(regs_cases));
	for (i = 0; i < FFA_ARRAY_SIZE(hdr_cases); i++) {
		write_header(ns_bytes(f, TX_PA), 40, hdr_cases[i].offset, hdr_cases[i].sender,
			     hdr_cases[i].receiver, hdr_cases[i].size, hdr_cases[i].uuid);
		r = NS(f, FFA_MSG_SEND2);
		CHECK_REGS_WHAT(r, REPLY(FFA_ERROR, (uint32_t)hdr_cases[i].error, 0),
				hdr_cases[i].name);
	}
	assert_int_equal(sp->rx_owner, SPMC_RX_PRODUCER);
	assert_int_equal(sp->notif.hyp_framework, 0);

	/* The payload may end exactly at the end of the buffer. */
	write_header(ns_bytes(f, TX_PA), 40, 40, 0, 0x8001, FFA_PAGE_SIZE - 40, NULL);
	r = NS(f, FFA_MSG_SEND2);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(sp->rx_owner, SPMC_RX_CONSUMER);
}

/**
 * At 1.1 the header is 20 bytes; the 40-byte 1.2 header is accepted too
 * (Linux writes it), its UUID not being a 1.1 field. The receiver gets the
 * sender's bytes as far as the payload's end.
 */
static void test_msg_send2_v1_1(void **state)
{
	struct fixture *f = *state;
	struct spmc_partition *sp = spmc_find_partition(&f->m, 0x8001);
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_1);
	map_buffers(f);
	write_header(ns_bytes(f, TX_PA), 20, 19, 0, 0x8001, 1, NULL);
	r = NS(f, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);

	write_header(ns_bytes(f, TX_PA), 20, 20, 0, 0x8001, sizeof(payload), NULL);
	memcpy(ns_bytes(f, TX_PA + 20), payload, sizeof(payload));
	r = NS(f, FFA_MSG_SEND2);
	CHECK_SUCCESS(r, 0, 0);
	expect_header(sp->rx, 20, 20, 0, 0x8001, sizeof(payload), NULL);
	assert_memory_equal(&sp->rx[20], payload, sizeof(payload));

	/* Release, then the 1.2 layout with a UUID that names nothing. */
	r = SP(f, 0x8001, FFA_NOTIFICATION_GET, 0x8001, FFA_NOTIFICATION_GET_HYP);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, 0, 0, 0, 0, 0, FFA_FRAMEWORK_NOTIF_RX_FULL));
	r = SP(f, 0x8001, FFA_RX_RELEASE);
	CHECK_SUCCESS(r, 0, 0);
	write_header(ns_bytes(f, TX_PA), 40, 40, 0, 0x8001, sizeof(payload), &uuid_b);
	memcpy(ns_bytes(f, TX_PA + 40), payload, sizeof(payload));
	r = NS(f, FFA_MSG_SEND2);
	CHECK_SUCCESS(r, 0, 0);
	/* The first 20 bytes are the 1.1 header; bytes 20-39 arrive as the sender wrote them. */
	expect_header(sp->rx, 20, 40, 0, 0x8001, sizeof(payload), NULL);
	assert_memory_equal(&sp->rx[20], ns_bytes(f, TX_PA + 20), 20);
	assert_memory_equal(&sp->rx[40], payload, sizeof(payload));
}

/** A message that fits a multi-page TX buffer but not the partition's one-page RX buffer. */
static void test_msg_send2_too_large_for_receiver(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_RXTX_MAP_64, TX_PA, TX_PA + 2 * FFA_PAGE_SIZE, 2);
	CHECK_SUCCESS(r, 0, 0);
	write_header(ns_bytes(f, TX_PA), 40, 40, 0, 0x8001, SPMC_SP_MBOX_SIZE - 39, NULL);
	r = NS(f, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	write_header(ns_bytes(f, TX_PA), 40, 40, 0, 0x8001, SPMC_SP_MBOX_SIZE - 40, NULL);
	r = NS(f, FFA_MSG_SEND2);
	CHECK_SUCCESS(r, 0, 0);
}

/** The TX buffer is no longer non-secure memory: ABORTED. */
static void test_msg_send2_memory_withdrawn(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
	write_header(ns_bytes(f, TX_PA), 40, 40, 0, 0x8001, 1, NULL);
	f->plat.withdrawn = true;
	r = NS(f, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_ABORTED);
}

/* Partition @id writes a message to @receiver in its TX buffer (1.2 layout). */
static void sp_write_message(struct fixture *f, uint16_t id, uint16_t sender, uint16_t receiver)
{
	uint8_t hdr[40];

	write_header(hdr, sizeof(hdr), 48, sender, receiver, sizeof(payload), NULL);
	assert_int_equal(spmc_sp_write_tx(&f->m, id, 0, hdr, sizeof(hdr)), 0);
	assert_int_equal(spmc_sp_write_tx(&f->m, id, 48, payload, sizeof(payload)), 0);
}

/**
 * Partition to the normal world: the message lands in the normal world's RX
 * buffer, which becomes the normal world's; "RX buffer full" in its SPM
 * framework bitmap; the SRI is raised. FFA_NOTIFICATION_GET(SPM) takes the
 * notification, after which FFA_RX_RELEASE frees the buffer.
 */
static void test_msg_send2_sp_to_ns(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	map_buffers(f);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, 2);
	CHECK_SUCCESS(r, 0, 0);
	sp_write_message(f, 0x8001, 0x8001, 0);
	r = SP(f, 0x8001, FFA_MSG_SEND2);
	CHECK_SUCCESS(r, 0, 0);
	expect_header(ns_bytes(f, RX_PA), 40, 48, 0x8001, 0, sizeof(payload), NULL);
	assert_memory_equal(ns_bytes(f, RX_PA + 48), payload, sizeof(payload));
	assert_int_equal(f->m.ns.rx_owner, SPMC_RX_CONSUMER);
	assert_int_equal(f->plat.sri_count, 1);

	/* The normal world's RX buffer is full: BUSY. */
	r = SP(f, 0x8001, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_BUSY);
	r = NS(f, FFA_RX_RELEASE);
	CHECK_ERROR(r, FFA_DENIED);
	/* The scheduler learns that endpoint 0 has something global pending. */
	r = NS(f, FFA_NOTIFICATION_INFO_GET_64);
	CHECK_REGS(r, CALL(FFA_SUCCESS_64, 0, 1u << FFA_NOTIF_INFO_LIST_COUNT_SHIFT, 0));
	/* Linux at ID 0 asks for the SP and SPM bitmaps. */
	r = NS(f, FFA_NOTIFICATION_GET, 0, FFA_NOTIFICATION_GET_SP | FFA_NOTIFICATION_GET_SPM);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, 0, 0, 0, 0, FFA_FRAMEWORK_NOTIF_RX_FULL));
	r = NS(f, FFA_NOTIFICATION_GET, 0, FFA_NOTIFICATION_GET_SPM);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_RX_RELEASE);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_NOTIFICATION_INFO_GET_64);
	CHECK_ERROR(r, FFA_NO_DATA);

	/* Delay-SRI: the SRI comes when the model next returns to the normal world. */
	r = SP(f, 0x8001, FFA_MSG_SEND2, 0, FFA_MSG_SEND2_FLAG_DELAY_SRI);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->plat.sri_count, 1);
	r = NS(f, FFA_ID_GET);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->plat.sri_count, 2);
	r = NS(f, FFA_ID_GET);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->plat.sri_count, 2);
}

static void test_msg_send2_sp_errors(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	sp_write_message(f, 0x8001, 0x8001, 0);
	/* The normal world has no notification bitmap: it cannot be told. */
	r = SP(f, 0x8001, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_DENIED);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, 1);
	CHECK_SUCCESS(r, 0, 0);
	/* No RX buffer mapped: BUSY. */
	r = SP(f, 0x8001, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_BUSY);
	map_buffers(f);

	r = SP(f, 0x8001, FFA_MSG_SEND2, 0x80010000); /* w1: a hypervisor's field */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_MSG_SEND2, 0, 1); /* w2 bit 0 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_MSG_SEND2, 0, 0x4); /* w2 bit 2 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_MSG_SEND2, 0, 0, 0, 1); /* w4 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* The header's sender is not the caller. */
	sp_write_message(f, 0x8001, 0x8003, 0);
	r = SP(f, 0x8001, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* To itself. */
	sp_write_message(f, 0x8001, 0x8001, 0x8001);
	r = SP(f, 0x8001, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	/* A sender without the indirect messaging property. */
	sp_write_message(f, 0x8003, 0x8003, 0);
	r = SP(f, 0x8003, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_DENIED);
	assert_int_equal(f->m.ns.rx_owner, SPMC_RX_PRODUCER);
	assert_int_equal(f->plat.sri_count, 0);
}

/** Partition to partition: the SPM framework bitmap (w6), and the SRI. */
static void test_msg_send2_sp_to_sp(void **state)
{
	struct fixture *f = *state;
	struct spmc_config cfg = default_config;
	struct spmc_partition *receiver;
	struct ffa_regs r;

	cfg.partitions[2].properties |= FFA_PART_PROP_INDIRECT_MSG;
	reinit(f, &cfg);
	receiver = spmc_find_partition(&f->m, 0x8001);
	sp_write_message(f, 0x8003, 0x8003, 0x8001);
	r = SP(f, 0x8003, FFA_MSG_SEND2);
	CHECK_SUCCESS(r, 0, 0);
	expect_header(receiver->rx, 40, 48, 0x8003, 0x8001, sizeof(payload), NULL);
	assert_memory_equal(&receiver->rx[48], payload, sizeof(payload));
	assert_int_equal(f->plat.sri_count, 1);
	r = SP(f, 0x8003, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_BUSY);
	r = SP(f, 0x8001, FFA_NOTIFICATION_GET, 0x8001, FFA_NOTIFICATION_GET_SPM);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, 0, 0, 0, 0, FFA_FRAMEWORK_NOTIF_RX_FULL));
	r = SP(f, 0x8001, FFA_RX_RELEASE);
	CHECK_SUCCESS(r, 0, 0);
	/* A receiver without the indirect messaging property: DENIED. */
	sp_write_message(f, 0x8003, 0x8003, 0x8002);
	r = SP(f, 0x8003, FFA_MSG_SEND2);
	CHECK_ERROR(r, FFA_DENIED);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_direct_req_32_echo),
		T(test_direct_req_64_echo),
		T(test_direct_req_errors),
		T(test_direct_req_interrupt_then_run),
		T(test_direct_req_yield_then_run),
		T(test_direct_req2_echo),
		T(test_direct_req2_errors),
		T(test_direct_req2_interrupt_yield),
		T(test_run),
		T(test_msg_send2_ns_to_sp),
		T(test_msg_send2_ns_errors),
		T(test_msg_send2_v1_1),
		T(test_msg_send2_too_large_for_receiver),
		T(test_msg_send2_memory_withdrawn),
		T(test_msg_send2_sp_to_ns),
		T(test_msg_send2_sp_errors),
		T(test_msg_send2_sp_to_sp),
	};

	return cmocka_run_group_tests_name("spmc_msg", tests, NULL, NULL);
}
