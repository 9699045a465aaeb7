/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * What the SPMC model's unit tests share: the test platform (non-secure
 * memory is an array; the schedule receiver interrupt is counted), a model
 * instance with three partitions, and reply checks. Every reply is checked
 * whole: x0-x17, with the registers the ABI does not define required to be
 * zero.
 *
 * Include once per test program, after <cmocka.h>: it defines the model's
 * platform hooks.
 */
#ifndef FFAPROXY_TESTS_SPMC_FIXTURE_H
#define FFAPROXY_TESTS_SPMC_FIXTURE_H

#include <stdlib.h>

#include <ffaproxy/spmc_model.h>

/* Non-secure memory: room for two buffers of the largest page count. */
#define NS_BASE UINT64_C(0x80000000)
#define NS_PAGES (2 * SPMC_NS_MBOX_MAX_PAGES + 2)
#define NS_SIZE ((uint64_t)NS_PAGES * FFA_PAGE_SIZE)

/* Where the tests map the normal world's buffers, one page each by default. */
#define TX_PA NS_BASE
#define RX_PA (NS_BASE + FFA_PAGE_SIZE)

/*
 * @extra: optional further non-secure memory at @extra_base, @extra_size
 * bytes (a test maps it, e.g. for transactions of 1 GiB; NULL: none).
 */
struct spmc_plat {
	uint8_t ram[NS_SIZE];
	bool withdrawn;		/* the platform took the memory back: nothing is NS memory */
	unsigned int sri_count; /* schedule receiver interrupts raised */
	uint8_t *extra;
	uint64_t extra_base;
	uint64_t extra_size;
};

void *spmc_plat_ns_memory(struct spmc_plat *plat, uint64_t pa, uint64_t size)
{
	if (plat->withdrawn)
		return NULL;
	if (plat->extra && pa >= plat->extra_base && size <= plat->extra_size &&
	    pa - plat->extra_base <= plat->extra_size - size)
		return &plat->extra[pa - plat->extra_base];
	if (pa < NS_BASE || size > NS_SIZE || pa - NS_BASE > NS_SIZE - size)
		return NULL;
	return &plat->ram[pa - NS_BASE];
}

void spmc_plat_raise_sri(struct spmc_plat *plat)
{
	plat->sri_count++;
}

struct fixture {
	struct spmc_plat plat;
	struct spmc m;
};

/* UUIDs of the test partitions, byte 0 first (text form order). */
/* clang-format off */
#define UUID_A { { 0xb4, 0xb5, 0x67, 0x1e, 0x4a, 0x90, 0x4f, 0xe1, \
		   0xb8, 0x1f, 0xfb, 0x13, 0xda, 0xe1, 0xda, 0xcb } }
#define UUID_B { { 0x5c, 0x9e, 0x4d, 0x1a, 0x7b, 0x2f, 0x4c, 0x3e, \
		   0x9a, 0x61, 0x0d, 0x8e, 0x2f, 0x4b, 0x7c, 0x15 } }
#define UUID_C { { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, \
		   0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10 } }
/* clang-format on */
static const struct ffa_uuid uuid_a = UUID_A;
static const struct ffa_uuid uuid_b = UUID_B;
static const struct ffa_uuid uuid_c = UUID_C;
static const struct ffa_uuid nil_uuid;

/* The same UUIDs as two 64-bit registers pack them (byte 0 in bits 7:0). */
#define UUID_A_LO UINT64_C(0xe14f904a1e67b5b4)
#define UUID_A_HI UINT64_C(0xcbdae1da13fb1fb8)

/*
 * 0x8001: every receiving property; 0x8002: direct requests only; 0x8003:
 * notifications, and the sending properties. Together every 1.2 bit is set
 * somewhere, so that masking per version shows.
 */
#define PROPS_A                                                                                    \
	(FFA_PART_PROP_DIRECT_REQ_RECV | FFA_PART_PROP_INDIRECT_MSG | FFA_PART_PROP_NOTIFICATION | \
	 FFA_PART_PROP_AARCH64 | FFA_PART_PROP_DIRECT_REQ2_RECV)
#define PROPS_B (FFA_PART_PROP_DIRECT_REQ_RECV | FFA_PART_PROP_AARCH64)
#define PROPS_C                                                          \
	(FFA_PART_PROP_DIRECT_REQ_RECV | FFA_PART_PROP_DIRECT_REQ_SEND | \
	 FFA_PART_PROP_NOTIFICATION | FFA_PART_PROP_AARCH64 | FFA_PART_PROP_DIRECT_REQ2_SEND)

static const struct spmc_config default_config = {
	.version = FFA_VERSION_1_2,
	.spmc_id = FFA_SPMC_ID_DEFAULT,
	.partitions = {
		{ .id = 0x8001, .exec_ctx_count = 2, .properties = PROPS_A, .uuid = UUID_A },
		{ .id = 0x8002, .exec_ctx_count = 1, .properties = PROPS_B, .uuid = UUID_B },
		{ .id = 0x8003, .exec_ctx_count = 4, .properties = PROPS_C, .uuid = UUID_C },
	},
	.partition_count = 3,
};

static inline int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || spmc_init(&f->m, &default_config, &f->plat))
		return -1;
	*state = f;
	return 0;
}

static inline int teardown(void **state)
{
	free(*state);
	return 0;
}

static inline void reinit(struct fixture *f, const struct spmc_config *cfg)
{
	assert_int_equal(spmc_init(&f->m, cfg, &f->plat), 0);
}

static inline struct ffa_regs ns_call(struct fixture *f, struct ffa_regs r)
{
	spmc_handle_ns_call(&f->m, &r);
	return r;
}

static inline struct ffa_regs sp_call(struct fixture *f, uint16_t sp_id, struct ffa_regs r)
{
	spmc_handle_sp_call(&f->m, sp_id, &r);
	return r;
}

/* A call with x0, x1, ... as listed; the other registers zero. */
#define NS(f, ...) ns_call((f), (struct ffa_regs){ .x = { __VA_ARGS__ } })
#define SP(f, id, ...) sp_call((f), (id), (struct ffa_regs){ .x = { __VA_ARGS__ } })

/* The first register in which @r and @want differ, or -1. */
static inline int regs_differ(const struct ffa_regs *r, const struct ffa_regs *want)
{
	int i;

	for (i = 0; i < FFA_REG_COUNT; i++)
		if (r->x[i] != want->x[i])
			return i;
	return -1;
}

/* The whole reply equals @want; @what names the check in a failure. */
#define CHECK_REGS_WHAT(r, want, what)                                                        \
	do {                                                                                  \
		const struct ffa_regs r_ = (r), w_ = (want);                                  \
		int i_ = regs_differ(&r_, &w_);                                               \
                                                                                              \
		if (i_ >= 0)                                                                  \
			fail_msg("%s: x%d = %#llx, want %#llx", (what), i_,                   \
				 (unsigned long long)r_.x[i_], (unsigned long long)w_.x[i_]); \
	} while (0)
#define CHECK_REGS(r, want) CHECK_REGS_WHAT(r, want, #r)

/* x0, x2 and x3 as given, every other register zero. */
#define REPLY(x0, x2, x3) ((struct ffa_regs){ .x = { (x0), 0, (x2), (x3) } })
/* Errors are zero-extended: x2 = 0x00000000FFFFFFFE for INVALID_PARAMETERS. */
#define CHECK_ERROR(r, code) CHECK_REGS(r, REPLY(FFA_ERROR, (uint32_t)(code), 0))
#define CHECK_SUCCESS(r, w2, w3) CHECK_REGS(r, REPLY(FFA_SUCCESS_32, (w2), (w3)))
#define CHECK_VERSION(r, v) CHECK_REGS(r, REPLY((v), 0, 0))

static inline void negotiate(struct fixture *f, uint32_t version)
{
	struct ffa_regs r = NS(f, FFA_VERSION, version);

	CHECK_VERSION(r, f->m.version);
}

static inline void map_buffers(struct fixture *f)
{
	struct ffa_regs r = NS(f, FFA_RXTX_MAP_64, TX_PA, RX_PA, 1);

	CHECK_SUCCESS(r, 0, 0);
}

static inline uint8_t *ns_bytes(struct fixture *f, uint64_t pa)
{
	return &f->plat.ram[pa - NS_BASE];
}

static inline uint32_t uuid_word(const struct ffa_uuid *u, unsigned int n)
{
	uint32_t w[4];

	ffa_uuid_to_w4(u, w);
	return w[n];
}

#endif /* FFAPROXY_TESTS_SPMC_FIXTURE_H */
