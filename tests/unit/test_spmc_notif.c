/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Unit tests of the SPMC model's notifications: the normal world's bitmap,
 * bindings, set/get with global and per-vCPU state, FFA_NOTIFICATION_INFO_GET
 * and its ID list encoding, and the schedule receiver interrupt.
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
#include "spmc_private.h"

#define CALL(...) ((struct ffa_regs){ .x = { __VA_ARGS__ } })

/* FFA_NOTIFICATION_GET's reply: SP bitmap, VM bitmap, SPM and hypervisor framework bitmaps. */
#define GOT(sp, vm, spm, hyp)                                                                     \
	CALL(FFA_SUCCESS_32, 0, (uint32_t)(sp), (uint32_t)((uint64_t)(sp) >> 32), (uint32_t)(vm), \
	     (uint32_t)((uint64_t)(vm) >> 32), (spm), (hyp))

#define GET_SP FFA_NOTIFICATION_GET_SP
#define GET_VM FFA_NOTIFICATION_GET_VM
#define GET_SPM FFA_NOTIFICATION_GET_SPM
#define GET_HYP FFA_NOTIFICATION_GET_HYP
#define PER_VCPU FFA_NOTIFICATION_FLAG_PER_VCPU
#define DELAY_SRI FFA_NOTIFICATION_FLAG_DELAY_SRI

/* w2 of SET: per-vCPU notification for @vcpu. */
#define SET_VCPU(vcpu) (PER_VCPU | ((uint32_t)(vcpu) << FFA_NOTIFICATION_VCPU_SHIFT))
/* w1 of GET: @vcpu of receiver 0. */
#define GET_NS(vcpu) ((uint32_t)(vcpu) << FFA_NOTIFICATION_VCPU_SHIFT)

/* Negotiate 1.2 and create the normal world's bitmap for @vcpus vCPUs. */
static void create(struct fixture *f, uint32_t vcpus)
{
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, vcpus);
	CHECK_SUCCESS(r, 0, 0);
}

/* The normal world binds @ids to partition @sender. */
static void ns_bind(struct fixture *f, uint16_t sender, uint32_t flags, uint64_t ids)
{
	struct ffa_regs r = NS(f, FFA_NOTIFICATION_BIND, ffa_sender_receiver(sender, 0), flags,
			       (uint32_t)ids, ids >> 32);

	CHECK_SUCCESS(r, 0, 0);
}

/* Partition @sender sets @ids at the normal world. */
static void sp_set_ns(struct fixture *f, uint16_t sender, uint32_t flags, uint64_t ids)
{
	struct ffa_regs r = SP(f, sender, FFA_NOTIFICATION_SET, ffa_sender_receiver(sender, 0),
			       flags, (uint32_t)ids, ids >> 32);

	CHECK_SUCCESS(r, 0, 0);
}

/* ---- The ID list encoding ---------------------------------------------- */

/*
 * FF-A 1.1 "Example usage" of FFA_NOTIFICATION_INFO_GET: lists {0:[0,2,3]},
 * {0:[4,6]}, {2:[]}, {3:[1]}.
 */
static const struct spmc_notif_info_list example_lists[] = {
	{ .id = 0, .vcpu_count = 3, .vcpus = { 0, 2, 3 } },
	{ .id = 0, .vcpu_count = 2, .vcpus = { 4, 6 } },
	{ .id = 2, .vcpu_count = 0 },
	{ .id = 3, .vcpu_count = 1, .vcpus = { 1 } },
};

static void test_info_encode_example(void **state)
{
	struct ffa_regs r;

	(void)state;
	assert_int_equal(spmc_notif_info_encode(example_lists, 4, false, false, &r), 4);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, 0x0004B200, 0x00000000, 0x00030002, 0x00040000,
			   0x00020006, 0x00010003));
	assert_int_equal(spmc_notif_info_encode(example_lists, 4, false, true, &r), 4);
	CHECK_REGS(r, CALL(FFA_SUCCESS_64, 0, 0x4B200, UINT64_C(0x0003000200000000),
			   UINT64_C(0x0002000600040000), UINT64_C(0x0000000000010003), 0, 0));
	/* The caller's own "more" shows even when everything fits. */
	assert_int_equal(spmc_notif_info_encode(example_lists, 4, true, true, &r), 4);
	assert_int_equal(r.x[2], 0x4B201);
}

/** Exactly 10 IDs fit SMC32; the 11th list is left for the next call. */
static void test_info_encode_32_limits(void **state)
{
	struct spmc_notif_info_list lists[11];
	struct ffa_regs r;
	unsigned int i;

	(void)state;
	for (i = 0; i < 11; i++)
		lists[i] = (struct spmc_notif_info_list){ .id = (uint16_t)(0x8000 + i) };
	assert_int_equal(spmc_notif_info_encode(lists, 10, false, false, &r), 10);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, 10u << 7, 0x80018000, 0x80038002, 0x80058004,
			   0x80078006, 0x80098008));
	assert_int_equal(spmc_notif_info_encode(lists, 11, false, false, &r), 10);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, (10u << 7) | 1, 0x80018000, 0x80038002, 0x80058004,
			   0x80078006, 0x80098008));

	/* Three lists of 4 + 4 + 2 IDs: 10 exactly. */
	lists[0] = (struct spmc_notif_info_list){ 1, 3, { 1, 2, 3 } };
	lists[1] = (struct spmc_notif_info_list){ 2, 3, { 1, 2, 3 } };
	lists[2] = (struct spmc_notif_info_list){ 3, 1, { 1 } };
	lists[3] = (struct spmc_notif_info_list){ 4, 0, { 0 } };
	assert_int_equal(spmc_notif_info_encode(lists, 3, false, false, &r), 3);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, 0x1F180, 0x00010001, 0x00030002, 0x00010002,
			   0x00030002, 0x00010003));
	/* A fourth list would be the 11th ID: more pending. */
	assert_int_equal(spmc_notif_info_encode(lists, 4, false, false, &r), 3);
	assert_int_equal(r.x[2], 0x1F181);

	/* Lists go in order: one that does not fit stops, though a later one would fit. */
	lists[2] = (struct spmc_notif_info_list){ 3, 2, { 1, 2 } };
	assert_int_equal(spmc_notif_info_encode(lists, 4, false, false, &r), 2);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, 0xF101, 0x00010001, 0x00030002, 0x00010002,
			   0x00030002, 0));
}

/** Exactly 20 IDs fit SMC64; 20 lists at most. */
static void test_info_encode_64_limits(void **state)
{
	struct spmc_notif_info_list lists[21];
	struct ffa_regs r;
	unsigned int i;

	(void)state;
	for (i = 0; i < 5; i++)
		lists[i] = (struct spmc_notif_info_list){ (uint16_t)(0x8001 + i), 3, { 0, 1, 2 } };
	assert_int_equal(spmc_notif_info_encode(lists, 5, false, true, &r), 5);
	/* Five lists of three vCPU IDs: bits 21:12 all ones. */
	assert_int_equal(r.x[2], (5u << 7) | (0x3FFu << 12));
	for (i = 0; i < 5; i++)
		assert_int_equal(r.x[3 + i],
				 (UINT64_C(2) << 48) | (UINT64_C(1) << 32) | (0x8001 + i));
	lists[5] = (struct spmc_notif_info_list){ .id = 0x8006 };
	assert_int_equal(spmc_notif_info_encode(lists, 6, false, true, &r), 5);
	assert_int_equal(r.x[2], (5u << 7) | (0x3FFu << 12) | 1);

	for (i = 0; i < 21; i++)
		lists[i] = (struct spmc_notif_info_list){ .id = (uint16_t)i };
	assert_int_equal(spmc_notif_info_encode(lists, 21, false, true, &r), 20);
	CHECK_REGS(r, CALL(FFA_SUCCESS_64, 0, (20u << 7) | 1, UINT64_C(0x0003000200010000),
			   UINT64_C(0x0007000600050004), UINT64_C(0x000b000a00090008),
			   UINT64_C(0x000f000e000d000c), UINT64_C(0x0013001200110010)));
}

/** A list the 2-bit size cannot describe is not encoded. */
static void test_info_encode_bad_list(void **state)
{
	const struct spmc_notif_info_list lists[] = {
		{ .id = 1 },
		{ .id = 2, .vcpu_count = 4 },
	};
	struct ffa_regs r;

	(void)state;
	assert_int_equal(spmc_notif_info_encode(lists, 2, false, true, &r), 1);
	CHECK_REGS(r, CALL(FFA_SUCCESS_64, 0, (1u << 7) | 1, 1));
}

/* ---- FFA_NOTIFICATION_BITMAP_CREATE / _DESTROY ------------------------- */

static void test_bitmap_create(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_1);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 1, 1); /* a VM the model does not know */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0xffff, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0x10000, 1); /* w1 bits 31:16 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, 1, 1); /* w3 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, 0); /* no vCPU */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, SPMC_MAX_VCPUS + 1);
	CHECK_ERROR(r, FFA_NO_MEMORY);
	assert_false(f->m.ns_notif.enabled);
	/* SMC32: x1/x2 bits 63:32 are not part of the call. */
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, UINT64_C(1) << 32, (UINT64_C(1) << 32) | 3);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->m.ns_notif.vcpu_count, 3);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, 3);
	CHECK_ERROR(r, FFA_DENIED);

	r = NS(f, FFA_NOTIFICATION_BITMAP_DESTROY);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, SPMC_MAX_VCPUS);
	CHECK_SUCCESS(r, 0, 0);
}

/** DESTROY: DENIED without a bitmap, and while notifications are bound or pending. */
static void test_bitmap_destroy(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_NOTIFICATION_BITMAP_DESTROY);
	CHECK_ERROR(r, FFA_DENIED);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, 2);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_NOTIFICATION_BITMAP_DESTROY, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BITMAP_DESTROY, 0, 1); /* w2 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);

	ns_bind(f, 0x8001, 0, 0x1);
	r = NS(f, FFA_NOTIFICATION_BITMAP_DESTROY);
	CHECK_ERROR(r, FFA_DENIED);
	sp_set_ns(f, 0x8001, 0, 0x1);
	r = NS(f, FFA_NOTIFICATION_UNBIND, 0x80010000, 0, 0x1);
	CHECK_ERROR(r, FFA_DENIED); /* pending */
	r = NS(f, FFA_NOTIFICATION_GET, 0, GET_SP);
	CHECK_REGS(r, GOT(0x1, 0, 0, 0));
	r = NS(f, FFA_NOTIFICATION_UNBIND, 0x80010000, 0, 0x1);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_NOTIFICATION_BITMAP_DESTROY);
	CHECK_SUCCESS(r, 0, 0);
	/* Gone: binding needs a bitmap again. */
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80010000, 0, 0x1);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_NOTIFICATION_GET, 0, GET_SP);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
}

/* ---- FFA_NOTIFICATION_BIND / _UNBIND ----------------------------------- */

static void test_bind_ns(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80010000, 0, 0x1);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED); /* no bitmap */
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, 2);
	CHECK_SUCCESS(r, 0, 0);

	r = NS(f, FFA_NOTIFICATION_BIND, 0x80010001, 0, 0x1); /* receiver not the caller */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BIND, 0, 0, 0x1); /* sender the receiver */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BIND, 0x00010000, 0, 0x1); /* sender a VM */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80090000, 0, 0x1); /* sender unknown */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80000000, 0, 0x1); /* the SPMC */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80010000, 0, 0, 0); /* empty bitmap */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80010000, 0x2, 0x1); /* flags bit 1 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80010000, 0, 0x1, 0, 1); /* w5 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);

	/* A partition without the notify property may still send. */
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80020000, 0, 0x1, 0x80000000);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->m.ns_notif.bound, UINT64_C(0x8000000000000001));
	assert_int_equal(f->m.ns_notif.sender[63], 0x8002);
	/* Again, the same: nothing changes. */
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80020000, 0, 0x1);
	CHECK_SUCCESS(r, 0, 0);
	/* Bound to another sender, or as the other kind: DENIED, nothing bound. */
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80030000, 0, 0x3);
	CHECK_ERROR(r, FFA_DENIED);
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80020000, PER_VCPU, 0x1);
	CHECK_ERROR(r, FFA_DENIED);
	assert_int_equal(f->m.ns_notif.bound, UINT64_C(0x8000000000000001));
	assert_int_equal(f->m.ns_notif.bound_per_vcpu, 0);
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80030000, PER_VCPU, 0x6);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->m.ns_notif.bound_per_vcpu, 0x6);

	/* UNBIND: w2 MBZ; only IDs bound to that sender. */
	r = NS(f, FFA_NOTIFICATION_UNBIND, 0x80030000, PER_VCPU, 0x6);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_UNBIND, 0x80030000, 0, 0x7);
	CHECK_ERROR(r, FFA_DENIED);
	r = NS(f, FFA_NOTIFICATION_UNBIND, 0x80030000, 0, 0x8);
	CHECK_ERROR(r, FFA_DENIED);
	r = NS(f, FFA_NOTIFICATION_UNBIND, 0x80030000, 0, 0, 0);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_UNBIND, 0x80030000, 0, 0x6);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->m.ns_notif.bound, UINT64_C(0x8000000000000001));
	assert_int_equal(f->m.ns_notif.bound_per_vcpu, 0);
	/* Now free for another sender. */
	r = NS(f, FFA_NOTIFICATION_BIND, 0x80010000, 0, 0x6);
	CHECK_SUCCESS(r, 0, 0);
}

/** A partition binds its own notifications, to the normal world or another partition. */
static void test_bind_sp(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	r = SP(f, 0x8001, FFA_NOTIFICATION_BIND, 0x00008003, 0, 0x1); /* not its own */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_NOTIFICATION_BIND, 0x80018001, 0, 0x1); /* itself */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8002, FFA_NOTIFICATION_BIND, 0x00008002, 0, 0x1); /* no notify property */
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = SP(f, 0x8001, FFA_NOTIFICATION_BIND, 0x00008001, PER_VCPU, 0x10);
	CHECK_SUCCESS(r, 0, 0);
	r = SP(f, 0x8001, FFA_NOTIFICATION_BIND, 0x80038001, 0, 0x20);
	CHECK_SUCCESS(r, 0, 0);
	r = SP(f, 0x8001, FFA_NOTIFICATION_BIND, 0x80038001, 0, 0x10);
	CHECK_ERROR(r, FFA_DENIED);
	r = SP(f, 0x8001, FFA_NOTIFICATION_UNBIND, 0x00008001, 0, 0x20);
	CHECK_ERROR(r, FFA_DENIED);
	r = SP(f, 0x8001, FFA_NOTIFICATION_UNBIND, 0x00008001, 0, 0x10);
	CHECK_SUCCESS(r, 0, 0);
}

/* ---- FFA_NOTIFICATION_SET / _GET --------------------------------------- */

/** The example of vectors.md: a partition notifies the host, which gets the bit; the SRI is raised. */
static void test_partition_notifies_host(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	create(f, 1);
	ns_bind(f, 0x8001, 0, 0x4);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, 0, 0x4, 0);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->plat.sri_count, 1);
	r = NS(f, FFA_NOTIFICATION_GET, 0, GET_SP);
	CHECK_REGS(r, GOT(0x4, 0, 0, 0));
	r = NS(f, FFA_NOTIFICATION_GET, 0, GET_SP);
	CHECK_REGS(r, GOT(0, 0, 0, 0));
	assert_int_equal(f->plat.sri_count, 1);
}

/** A partition's FFA_NOTIFICATION_SET towards the normal world: each rule. */
static void test_set_from_partition_errors(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, 0, 0x1);
	CHECK_ERROR(r, FFA_DENIED); /* the normal world has no bitmap */
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, 2);
	CHECK_SUCCESS(r, 0, 0);
	ns_bind(f, 0x8001, 0, 0x1);
	ns_bind(f, 0x8001, PER_VCPU, 0x2);
	ns_bind(f, 0x8003, 0, 0x4);

	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80030000, 0, 0x1); /* sender not the caller */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010009, 0, 0x1); /* receiver unknown */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, 0x4, 0x1); /* w2 bit 2 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, 1u << 16, 0x1); /* vCPU, global */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, 0, 0, 0); /* empty */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, 0, 0x1, 0, 0, 0, 1); /* w7 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, SET_VCPU(2), 0x2); /* vCPU 2 of 2 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, 0, 0x5); /* 0x4 is 0x8003's */
	CHECK_ERROR(r, FFA_DENIED);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, 0, 0x8); /* not bound */
	CHECK_ERROR(r, FFA_DENIED);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, 0, 0x2); /* per-vCPU set globally */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80010000, SET_VCPU(1), 0x1); /* and back */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	assert_int_equal(f->plat.sri_count, 0);
	r = NS(f, FFA_NOTIFICATION_INFO_GET_32);
	CHECK_ERROR(r, FFA_NO_DATA);
}

/**
 * Global and per-vCPU notifications: GET returns the global ones and those of
 * the vCPU it names, in 64 bits (w2 low, w3 high), and clears them.
 */
static void test_set_get_per_vcpu(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	create(f, 4);
	ns_bind(f, 0x8001, PER_VCPU, UINT64_C(0x0000010000000010));
	ns_bind(f, 0x8003, 0, UINT64_C(0x8000000000000001));
	sp_set_ns(f, 0x8001, SET_VCPU(2), UINT64_C(0x0000010000000000));
	sp_set_ns(f, 0x8001, SET_VCPU(3), 0x10);
	sp_set_ns(f, 0x8003, 0, UINT64_C(0x8000000000000001));
	assert_int_equal(f->plat.sri_count, 3);

	r = NS(f, FFA_NOTIFICATION_GET, GET_NS(1), GET_SP);
	CHECK_REGS(r, GOT(UINT64_C(0x8000000000000001), 0, 0, 0));
	r = NS(f, FFA_NOTIFICATION_GET, GET_NS(2), GET_SP | GET_SPM);
	CHECK_REGS(r, GOT(UINT64_C(0x0000010000000000), 0, 0, 0));
	r = NS(f, FFA_NOTIFICATION_GET, GET_NS(2), GET_SP);
	CHECK_REGS(r, GOT(0, 0, 0, 0));
	/* Without the SP flag nothing is taken. */
	r = NS(f, FFA_NOTIFICATION_GET, GET_NS(3), GET_SPM);
	CHECK_REGS(r, GOT(0, 0, 0, 0));
	r = NS(f, FFA_NOTIFICATION_GET, GET_NS(3), GET_SP);
	CHECK_REGS(r, GOT(0x10, 0, 0, 0));
}

/** The normal world's FFA_NOTIFICATION_GET: each rule. */
static void test_get_ns_errors(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = NS(f, FFA_NOTIFICATION_GET, 0, GET_SP);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	r = NS(f, FFA_NOTIFICATION_BITMAP_CREATE, 0, 2);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_NOTIFICATION_GET, 0x8001, GET_SP); /* not its own */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_GET, GET_NS(2), GET_SP); /* vCPU 2 of 2 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_GET, 0, GET_SP | GET_VM); /* the hypervisor's */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_GET, 0, GET_HYP);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_GET, 0, 0x10); /* bits 31:4 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_GET, 0, GET_SP, 1); /* w3 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_GET, GET_NS(1), GET_SP | GET_SPM);
	CHECK_REGS(r, GOT(0, 0, 0, 0));
}

/**
 * The normal world notifies a partition, which binds it as sender: no SRI
 * (the normal world schedules); the partition gets it in its VM bitmap.
 */
static void test_set_from_ns(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	negotiate(f, FFA_VERSION_1_2);
	r = SP(f, 0x8003, FFA_NOTIFICATION_BIND, 0x00008003, 0, 0x20, 1);
	CHECK_SUCCESS(r, 0, 0);
	r = SP(f, 0x8003, FFA_NOTIFICATION_BIND, 0x00008003, PER_VCPU, 0x40);
	CHECK_SUCCESS(r, 0, 0);
	r = SP(f, 0x8003, FFA_NOTIFICATION_BIND, 0x80018003, 0, 0x80);
	CHECK_SUCCESS(r, 0, 0);

	r = NS(f, FFA_NOTIFICATION_SET, 0x00018003, 0, 0x20); /* sender not 0 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_SET, 0, 0, 0x20); /* to itself */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_SET, 0x8009, 0, 0x20); /* unknown */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_SET, 0x8003, DELAY_SRI, 0x20); /* a partition's flag */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_SET, 0x8002, 0, 0x20); /* no notify property */
	CHECK_ERROR(r, FFA_DENIED);
	r = NS(f, FFA_NOTIFICATION_SET, 0x8003, 0, 0x80); /* 0x8001's */
	CHECK_ERROR(r, FFA_DENIED);
	r = NS(f, FFA_NOTIFICATION_SET, 0x8003, SET_VCPU(4), 0x40); /* vCPU 4 of 4 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);

	r = NS(f, FFA_NOTIFICATION_SET, 0x8003, 0, 0x20, 1);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_NOTIFICATION_SET, 0x8003, SET_VCPU(3), 0x40);
	CHECK_SUCCESS(r, 0, 0);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80018003, 0, 0x80);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->plat.sri_count, 1); /* the partition's only */

	/* The SP bitmap holds what partitions set, the VM bitmap what the normal world set. */
	r = SP(f, 0x8003, FFA_NOTIFICATION_GET, 0x00008003, GET_VM);
	CHECK_REGS(r, GOT(0, UINT64_C(0x100000020), 0, 0));
	r = SP(f, 0x8003, FFA_NOTIFICATION_GET, 0x00038003, GET_SP | GET_VM);
	CHECK_REGS(r, GOT(0x80, 0x40, 0, 0));
	r = SP(f, 0x8003, FFA_NOTIFICATION_GET, 0x00048003, GET_SP); /* vCPU 4 of 4 */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8003, FFA_NOTIFICATION_GET, 0x8001, GET_SP); /* not its own */
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
}

/* ---- FFA_NOTIFICATION_INFO_GET ----------------------------------------- */

/*
 * Pending: at the normal world (8 vCPUs) a global notification and per-vCPU
 * ones on vCPUs 0, 2, 3, 4, 6; at 0x8001 a global one; at 0x8003 a per-vCPU
 * one on vCPU 1. Lists: {0:[]}, {0:[0,2,3]}, {0:[4,6]}, {0x8001:[]},
 * {0x8003:[1]}: 11 IDs.
 */
static void make_pending(struct fixture *f)
{
	static const uint16_t vcpus[] = { 6, 0, 3, 4, 2 };
	struct ffa_regs r;
	size_t i;

	create(f, 8);
	ns_bind(f, 0x8001, PER_VCPU, 0x2);
	ns_bind(f, 0x8003, 0, 0x1);
	for (i = 0; i < FFA_ARRAY_SIZE(vcpus); i++)
		sp_set_ns(f, 0x8001, SET_VCPU(vcpus[i]), 0x2);
	sp_set_ns(f, 0x8003, 0, 0x1);
	r = SP(f, 0x8001, FFA_NOTIFICATION_BIND, 0x00008001, 0, 0x1);
	CHECK_SUCCESS(r, 0, 0);
	r = NS(f, FFA_NOTIFICATION_SET, 0x8001, 0, 0x1);
	CHECK_SUCCESS(r, 0, 0);
	r = SP(f, 0x8003, FFA_NOTIFICATION_BIND, 0x80018003, PER_VCPU, 0x1);
	CHECK_SUCCESS(r, 0, 0);
	r = SP(f, 0x8001, FFA_NOTIFICATION_SET, 0x80018003, SET_VCPU(1), 0x1);
	CHECK_SUCCESS(r, 0, 0);
}

/** SMC32: the first four lists (9 IDs), more pending; then the last; then NO_DATA. */
static void test_info_get_32(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	make_pending(f);
	r = NS(f, FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0, 0, 0, 1);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_INFO_GET_32);
	/*
	 * Sizes 0, 3, 2, 0 from bit 12; 4 lists; more pending. IDs 0 | 0 0 2 3 |
	 * 0 4 6 | 0x8001: {0x8003:[1]} would be the 10th and 11th.
	 */
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, (2u << 16) | (3u << 14) | (4u << 7) | 1, 0x00000000,
			   0x00020000, 0x00000003, 0x00060004, 0x00008001));
	r = NS(f, FFA_NOTIFICATION_INFO_GET_32);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, (1u << 12) | (1u << 7), 0x00018003));
	r = NS(f, FFA_NOTIFICATION_INFO_GET_32);
	CHECK_ERROR(r, FFA_NO_DATA);

	/* INFO_GET left everything pending. */
	r = NS(f, FFA_NOTIFICATION_GET, GET_NS(4), GET_SP);
	CHECK_REGS(r, GOT(0x3, 0, 0, 0));
	r = SP(f, 0x8003, FFA_NOTIFICATION_GET, 0x00018003, GET_SP);
	CHECK_REGS(r, GOT(0x1, 0, 0, 0));
	/* Set again after being reported: reported again. */
	sp_set_ns(f, 0x8001, SET_VCPU(4), 0x2);
	r = NS(f, FFA_NOTIFICATION_INFO_GET_32);
	CHECK_REGS(r, CALL(FFA_SUCCESS_32, 0, (1u << 12) | (1u << 7), 0x00040000));
}

/** SMC64: everything in one answer, FFA_SUCCESS_64. */
static void test_info_get_64(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	make_pending(f);
	r = NS(f, FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0, 0, 0, UINT64_C(1) << 32);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = NS(f, FFA_NOTIFICATION_INFO_GET_64);
	CHECK_REGS(r, CALL(FFA_SUCCESS_64, 0, (1u << 20) | (2u << 16) | (3u << 14) | (5u << 7),
			   UINT64_C(0x0002000000000000), UINT64_C(0x0006000400000003),
			   UINT64_C(0x0000000180038001)));
	r = NS(f, FFA_NOTIFICATION_INFO_GET_64);
	CHECK_ERROR(r, FFA_NO_DATA);
	/* What GET takes is no longer reported, even when set anew afterwards and taken. */
	r = NS(f, FFA_NOTIFICATION_GET, 0, GET_SP);
	CHECK_REGS(r, GOT(0x3, 0, 0, 0));
	r = NS(f, FFA_NOTIFICATION_INFO_GET_64);
	CHECK_ERROR(r, FFA_NO_DATA);
}

/**
 * Per-vCPU notifications on all 64 vCPUs: 22 lists, more than one SMC64
 * answer holds. A caller looping while "more pending" ends, having seen
 * every vCPU once.
 */
static void test_info_get_loop_ends(void **state)
{
	struct fixture *f = *state;
	unsigned int seen[SPMC_MAX_VCPUS] = { 0 };
	unsigned int calls = 0, v, l, i;
	struct ffa_regs r;

	create(f, SPMC_MAX_VCPUS);
	ns_bind(f, 0x8001, PER_VCPU, 0x1);
	for (v = 0; v < SPMC_MAX_VCPUS; v++)
		sp_set_ns(f, 0x8001, SET_VCPU(v), 0x1);
	do {
		uint16_t ids[FFA_NOTIF_INFO_MAX_IDS_64];
		unsigned int lists, n = 0;

		r = NS(f, FFA_NOTIFICATION_INFO_GET_64);
		assert_int_equal(r.x[0], FFA_SUCCESS_64);
		assert_true(++calls <= 8);
		for (i = 0; i < FFA_NOTIF_INFO_MAX_IDS_64; i++)
			ids[i] = (uint16_t)(r.x[3 + i / 4] >> (16 * (i % 4)));
		lists = (r.x[2] >> 7) & 0x1f;
		for (l = 0; l < lists; l++) {
			unsigned int size = (r.x[2] >> (12 + 2 * l)) & 3;

			assert_int_equal(ids[n++], 0);
			assert_int_equal(size, 3 - (l == lists - 1 && calls == 5 ? 2 : 0));
			for (i = 0; i < size; i++)
				seen[ids[n++]]++;
		}
	} while (r.x[2] & FFA_NOTIF_INFO_MORE_PENDING);
	/* Five lists (20 IDs) per answer: 64 vCPUs in 21 full lists and one of one. */
	assert_int_equal(calls, 5);
	for (v = 0; v < SPMC_MAX_VCPUS; v++)
		assert_int_equal(seen[v], 1);
	r = NS(f, FFA_NOTIFICATION_INFO_GET_64);
	CHECK_ERROR(r, FFA_NO_DATA);
}

/* ---- Schedule receiver interrupt --------------------------------------- */

/** Delay-SRI: raised once, when the model returns to the normal world the next time. */
static void test_sri_delayed(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	create(f, 1);
	ns_bind(f, 0x8001, 0, 0x1);
	sp_set_ns(f, 0x8001, DELAY_SRI, 0x1);
	sp_set_ns(f, 0x8001, DELAY_SRI, 0x1);
	assert_int_equal(f->plat.sri_count, 0);
	/* Whatever the normal world calls next, even something the model refuses. */
	r = NS(f, FFA_MEM_OP_PAUSE);
	CHECK_ERROR(r, FFA_NOT_SUPPORTED);
	assert_int_equal(f->plat.sri_count, 1);
	r = NS(f, FFA_NOTIFICATION_GET, 0, GET_SP);
	CHECK_REGS(r, GOT(0x1, 0, 0, 0));
	assert_int_equal(f->plat.sri_count, 1);
	/* Not delayed: at once. */
	sp_set_ns(f, 0x8001, 0, 0x1);
	assert_int_equal(f->plat.sri_count, 2);
}

/** Partition to partition: the receiver's SP bitmap, and the SRI (the scheduler must run it). */
static void test_set_partition_to_partition(void **state)
{
	struct fixture *f = *state;
	struct ffa_regs r;

	/* The bitmap is w3 (bits 31:0) and w4 (63:32): x3 bits 63:32 are no part of it. */
	r = SP(f, 0x8001, FFA_NOTIFICATION_BIND, 0x80038001, 0, UINT64_C(1) << 33);
	CHECK_ERROR(r, FFA_INVALID_PARAMETERS);
	r = SP(f, 0x8001, FFA_NOTIFICATION_BIND, 0x80038001, 0, 0, 2);
	CHECK_SUCCESS(r, 0, 0);
	r = SP(f, 0x8003, FFA_NOTIFICATION_SET, 0x80038001, 0, 0, 2);
	CHECK_SUCCESS(r, 0, 0);
	assert_int_equal(f->plat.sri_count, 1);
	r = SP(f, 0x8001, FFA_NOTIFICATION_GET, 0x00018001, GET_SP | GET_VM | GET_SPM | GET_HYP);
	CHECK_REGS(r, GOT(UINT64_C(1) << 33, 0, 0, 0));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_info_encode_example),
		T(test_info_encode_32_limits),
		T(test_info_encode_64_limits),
		T(test_info_encode_bad_list),
		T(test_bitmap_create),
		T(test_bitmap_destroy),
		T(test_bind_ns),
		T(test_bind_sp),
		T(test_partition_notifies_host),
		T(test_set_from_partition_errors),
		T(test_set_get_per_vcpu),
		T(test_get_ns_errors),
		T(test_set_from_ns),
		T(test_info_get_32),
		T(test_info_get_64),
		T(test_info_get_loop_ends),
		T(test_sri_delayed),
		T(test_set_partition_to_partition),
	};

	return cmocka_run_group_tests_name("spmc_notif", tests, NULL, NULL);
}
