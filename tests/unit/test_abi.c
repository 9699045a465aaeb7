/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Unit tests of include/ffaproxy/ffa_abi.h: register packing helpers,
 * function-ID classification, the function table and error names.
 *
 * A few function IDs are written here as literal numbers on purpose: they are
 * the values FF-A 1.2 Table 12.2 gives (docs/reference/ffa-abi.md §3), so
 * the header is checked against the specification rather than against
 * itself.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <ffaproxy/ffa_abi.h>

/* a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8, bytes in text order. */
static const struct ffa_uuid worked_uuid = { { 0xa1, 0xa2, 0xa3, 0xa4, 0xb1, 0xb2, 0xc1, 0xc2, 0xd1,
					       0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8 } };

static void test_uuid_to_registers(void **state)
{
	uint32_t w[4];
	uint64_t lo, hi;

	(void)state;
	/* reference/ffa-abi.md §1.4: byte 0 in bits 7:0 of w1. */
	ffa_uuid_to_w4(&worked_uuid, w);
	assert_int_equal(w[0], 0xa4a3a2a1);
	assert_int_equal(w[1], 0xc2c1b2b1);
	assert_int_equal(w[2], 0xd4d3d2d1);
	assert_int_equal(w[3], 0xd8d7d6d5);
	/* 64-bit registers: lo = w1 | w2 << 32, hi = w3 | w4 << 32. */
	ffa_uuid_to_x2(&worked_uuid, &lo, &hi);
	assert_int_equal(lo, UINT64_C(0xc2c1b2b1a4a3a2a1));
	assert_int_equal(hi, UINT64_C(0xd8d7d6d5d4d3d2d1));
}

static void test_uuid_from_registers(void **state)
{
	const uint32_t w[4] = { 0xa4a3a2a1, 0xc2c1b2b1, 0xd4d3d2d1, 0xd8d7d6d5 };
	struct ffa_uuid u;

	(void)state;
	memset(&u, 0x55, sizeof(u));
	ffa_uuid_from_w4(&u, w);
	assert_memory_equal(u.b, worked_uuid.b, FFA_UUID_SIZE);
	memset(&u, 0x55, sizeof(u));
	ffa_uuid_from_x2(&u, UINT64_C(0xc2c1b2b1a4a3a2a1), UINT64_C(0xd8d7d6d5d4d3d2d1));
	assert_memory_equal(u.b, worked_uuid.b, FFA_UUID_SIZE);
}

static void test_uuid_compare(void **state)
{
	struct ffa_uuid u = worked_uuid, nil;

	(void)state;
	memset(&nil, 0, sizeof(nil));
	assert_true(ffa_uuid_is_nil(&nil));
	assert_false(ffa_uuid_is_nil(&u));
	assert_true(ffa_uuid_equal(&u, &worked_uuid));
	/* The last byte counts as much as the first. */
	u.b[15] ^= 1;
	assert_false(ffa_uuid_equal(&u, &worked_uuid));
	nil.b[15] = 1;
	assert_false(ffa_uuid_is_nil(&nil));
}

static void test_le32(void **state)
{
	uint8_t b[4];

	(void)state;
	ffa_put_le32(b, 0x11223344);
	assert_int_equal(b[0], 0x44);
	assert_int_equal(b[3], 0x11);
	assert_int_equal(ffa_le32(b), 0x11223344);
}

static void test_sender_receiver(void **state)
{
	(void)state;
	assert_int_equal(ffa_sender(0x80010002), 0x8001);
	assert_int_equal(ffa_receiver(0x80010002), 0x0002);
	assert_int_equal(ffa_sender_receiver(0, 0x8001), 0x8001);
	assert_int_equal(ffa_sender_receiver(0x8001, 0), 0x80010000);
	assert_int_equal(ffa_sender_receiver(0xffff, 0xffff), 0xffffffff);
	assert_int_equal(ffa_target_id(0x80030001), 0x8003);
	assert_int_equal(ffa_target_vcpu(0x80030001), 1);
	assert_int_equal(ffa_target_info(0x8003, 2), 0x80030002);
	assert_true(ffa_id_is_secure(0x8000));
	assert_true(ffa_id_is_secure(0xffff));
	assert_false(ffa_id_is_secure(0x7fff));
	assert_false(ffa_id_is_secure(FFA_HOST_ID));
	assert_int_equal(ffa_handle_make(0x89abcdef, 0x80000001), UINT64_C(0x8000000189abcdef));
}

static void test_versions(void **state)
{
	(void)state;
	assert_int_equal(FFA_VERSION_1_0, 0x10000);
	assert_int_equal(FFA_VERSION_1_1, 0x10001);
	assert_int_equal(FFA_VERSION_1_2, 0x10002);
	assert_int_equal(ffa_version_major(FFA_VERSION_1_2), 1);
	assert_int_equal(ffa_version_minor(FFA_VERSION_1_2), 2);
	assert_int_equal(FFA_MAKE_VERSION(0x7fff, 0xffff), 0x7fffffff);
	/* Bit 31 is MBZ, not part of the major number. */
	assert_int_equal(ffa_version_major(0x80010000), 1);
	assert_int_equal(ffa_version_major(0x7fff0000), 0x7fff);
	assert_int_equal(ffa_version_minor(0xffffffff), 0xffff);
}

static void test_function_ids_match_the_spec(void **state)
{
	(void)state;
	assert_int_equal(FFA_ERROR, 0x84000060);
	assert_int_equal(FFA_SUCCESS_32, 0x84000061);
	assert_int_equal(FFA_SUCCESS_64, 0xC4000061);
	assert_int_equal(FFA_VERSION, 0x84000063);
	assert_int_equal(FFA_RXTX_MAP_64, 0xC4000066);
	assert_int_equal(FFA_MSG_SEND_DIRECT_REQ_64, 0xC400006F);
	assert_int_equal(FFA_MEM_SHARE_64, 0xC4000073);
	assert_int_equal(FFA_MEM_RETRIEVE_RESP, 0x84000075);
	assert_int_equal(FFA_NOTIFICATION_BITMAP_CREATE, 0x8400007D);
	assert_int_equal(FFA_NOTIFICATION_INFO_GET_64, 0xC4000083);
	assert_int_equal(FFA_MSG_SEND2, 0x84000086);
	assert_int_equal(FFA_CONSOLE_LOG_64, 0xC400008A);
	assert_int_equal(FFA_PARTITION_INFO_GET_REGS, 0xC400008B);
	assert_int_equal(FFA_MSG_SEND_DIRECT_REQ2, 0xC400008D);
	assert_int_equal(FFA_MSG_SEND_DIRECT_RESP2, 0xC400008E);
	assert_int_equal(smccc_owner(FFA_VERSION), SMCCC_OWNER_STANDARD);
	assert_false(smccc_is_64(FFA_VERSION));
	assert_true(smccc_is_64(FFA_MEM_SHARE_64));
}

static void test_fid_is_ffa(void **state)
{
	(void)state;
	/* The window's edges, both widths. */
	assert_true(ffa_fid_is_ffa(FFA_FID_32(0x60)));
	assert_true(ffa_fid_is_ffa(FFA_FID_64(0x60)));
	assert_true(ffa_fid_is_ffa(FFA_FID_32(0xEF)));
	assert_true(ffa_fid_is_ffa(FFA_FID_64(0xEF)));
	assert_false(ffa_fid_is_ffa(FFA_FID_32(0x5F)));
	assert_false(ffa_fid_is_ffa(FFA_FID_64(0x5F)));
	/* 0xF0 and up belong to other standard services (Errata Management). */
	assert_false(ffa_fid_is_ffa(FFA_FID_32(0xF0)));
	assert_false(ffa_fid_is_ffa(FFA_FID_32(0xFF)));
	assert_false(ffa_fid_is_ffa(FFA_FID_32(0x160)));
	/* Bit 16, the SMCCC 1.3 SVE hint, is ignored. */
	assert_true(ffa_fid_is_ffa(FFA_VERSION | SMCCC_SVE_HINT));
	assert_true(ffa_fid_is_ffa(FFA_MEM_SHARE_64 | SMCCC_SVE_HINT));
	/* Bits 23:17 are MBZ for fast calls: each one disqualifies. */
	for (unsigned int bit = 17; bit <= 23; bit++)
		assert_false(ffa_fid_is_ffa(FFA_VERSION | (UINT32_C(1) << bit)));
	/* A yielding call, another owner. */
	assert_false(ffa_fid_is_ffa(FFA_VERSION & ~SMCCC_FAST_CALL));
	assert_false(ffa_fid_is_ffa(FFA_VERSION + (UINT32_C(1) << SMCCC_OWNER_SHIFT)));
	assert_false(ffa_fid_is_ffa(FFA_VERSION - (UINT32_C(1) << SMCCC_OWNER_SHIFT)));
	assert_false(ffa_fid_is_ffa(0));
	assert_false(ffa_fid_is_ffa(0xffffffff));
}

static void test_function_lookup(void **state)
{
	const struct ffa_function_info *f;
	unsigned int fnum;

	(void)state;
	f = ffa_function_lookup(FFA_FNUM_VERSION);
	assert_non_null(f);
	assert_string_equal(f->name, "VERSION");
	assert_int_equal(f->fnum, 0x63);
	assert_int_equal(f->widths, FFA_W32);
	assert_int_equal(f->since, FFA_VERSION_1_0);

	f = ffa_function_lookup(0x73);
	assert_non_null(f);
	assert_string_equal(f->name, "MEM_SHARE");
	assert_int_equal(f->widths, FFA_W32_64);

	f = ffa_function_lookup(0x7D);
	assert_string_equal(f->name, "NOTIFICATION_BITMAP_CREATE");
	assert_int_equal(f->since, FFA_VERSION_1_1);

	f = ffa_function_lookup(0x8D);
	assert_string_equal(f->name, "MSG_SEND_DIRECT_REQ2");
	assert_int_equal(f->widths, FFA_W64);
	assert_int_equal(f->since, FFA_VERSION_1_2);

	/* Every number 0x60-0x8E is defined, and nothing outside. */
	for (fnum = 0x60; fnum <= 0x8E; fnum++) {
		f = ffa_function_lookup(fnum);
		assert_non_null(f);
		assert_int_equal(f->fnum, fnum);
	}
	assert_null(ffa_function_lookup(0x5F));
	assert_null(ffa_function_lookup(0x8F));
	assert_null(ffa_function_lookup(0x90));
	assert_null(ffa_function_lookup(0xF0));
	/* The lookup takes the function number, not the ID. */
	assert_null(ffa_function_lookup(FFA_VERSION));
}

static void test_error_names(void **state)
{
	(void)state;
	assert_int_equal(FFA_NOT_SUPPORTED, -1);
	assert_int_equal(FFA_INVALID_PARAMETERS, -2);
	assert_int_equal(FFA_NO_DATA, -9);
	assert_string_equal(ffa_error_name(-1), "NOT_SUPPORTED");
	assert_string_equal(ffa_error_name(-2), "INVALID_PARAMETERS");
	assert_string_equal(ffa_error_name(-3), "NO_MEMORY");
	assert_string_equal(ffa_error_name(-4), "BUSY");
	assert_string_equal(ffa_error_name(-5), "INTERRUPTED");
	assert_string_equal(ffa_error_name(-6), "DENIED");
	assert_string_equal(ffa_error_name(-7), "RETRY");
	assert_string_equal(ffa_error_name(-8), "ABORTED");
	assert_string_equal(ffa_error_name(-9), "NO_DATA");
	assert_null(ffa_error_name(-10));
	assert_null(ffa_error_name(0));
	assert_null(ffa_error_name(1));
}

static void test_reply_builders(void **state)
{
	struct ffa_regs r;
	unsigned int i;

	(void)state;
	memset(&r, 0xaa, sizeof(r));
	ffa_set_error(&r, FFA_DENIED);
	assert_int_equal(r.x[0], FFA_ERROR);
	/* w2 carries the code zero-extended: the upper half is 0. */
	assert_int_equal(r.x[2], 0xfffffffa);
	for (i = 0; i < FFA_REG_COUNT; i++)
		if (i != 0 && i != 2)
			assert_int_equal(r.x[i], 0);
	assert_true(ffa_is_error(&r, FFA_DENIED));
	assert_false(ffa_is_error(&r, FFA_BUSY));
	assert_false(ffa_is_success(&r));

	memset(&r, 0xaa, sizeof(r));
	ffa_set_success32(&r, 2, 24);
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[1], 0);
	assert_int_equal(r.x[2], 2);
	assert_int_equal(r.x[3], 24);
	assert_int_equal(r.x[17], 0);
	assert_true(ffa_is_success(&r));
	assert_int_equal(ffa_w(&r, 3), 24);

	ffa_regs_clear(&r, FFA_SUCCESS_64);
	assert_true(ffa_is_success(&r));
	r.x[0] = UINT64_C(0xffffffff00000000) | FFA_ERROR;
	r.x[2] = (uint32_t)FFA_NO_MEMORY;
	/* Classification looks at w0 and w2. */
	assert_true(ffa_is_error(&r, FFA_NO_MEMORY));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uuid_to_registers),
		cmocka_unit_test(test_uuid_from_registers),
		cmocka_unit_test(test_uuid_compare),
		cmocka_unit_test(test_le32),
		cmocka_unit_test(test_sender_receiver),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_function_ids_match_the_spec),
		cmocka_unit_test(test_fid_is_ffa),
		cmocka_unit_test(test_function_lookup),
		cmocka_unit_test(test_error_names),
		cmocka_unit_test(test_reply_builders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
