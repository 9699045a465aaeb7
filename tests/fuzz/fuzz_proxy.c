/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * fuzz_proxy: a libFuzzer harness for the whole chain host -> proxy -> SPMC
 * model on plat/sim.
 *
 * Each input is a small program (fuzz_input.h): raw host calls with any
 * registers, bytes written into the host's TX buffer first, faults injected
 * into the secure world, memory transactions through the host client, and
 * a partition retrieving, relinquishing or the host reclaiming the last
 * handle. Every input starts from a fresh default world in which the host
 * has negotiated FF-A 1.2 and mapped its RX/TX pair.
 *
 * The oracle, besides AddressSanitizer and UndefinedBehaviorSanitizer:
 *  - after every step, plat/sim's invariants hold (sim_check_invariants():
 *    page ownership, mailboxes, hook discipline);
 *  - every reply the host gets, whoever made the call, has x8-x17 zero
 *    unless it is FFA_MSG_SEND_DIRECT_RESP2, FFA_SUCCESS_64 or the reply to
 *    FFA_PARTITION_INFO_GET_REGS (policy §1, "Replies").
 * A violation prints what broke and aborts, which libFuzzer reports as a
 * crash with the input that caused it.
 *
 * Built only with clang and -DFFAPROXY_FUZZ=ON; `make fuzz` runs it
 * (scripts/fuzz.sh).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ffa_host.h"
#include "fuzz_input.h"
#include "sim.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every function ID in both widths (undefined widths are refused), and a few neighbours. */
/* clang-format off */
static const uint64_t fuzz_fids[] = {
#define FUZZ_X_FID(name, fnum, widths, since) FFA_FID_32(fnum), FFA_FID_64(fnum),
	FFA_FUNCTIONS(FUZZ_X_FID)
#undef FUZZ_X_FID
	FFA_FID_32(FFA_FNUM_MIN - 1),
	FFA_FID_64(FFA_FNUM_MAX),
	FFA_FID_32(FFA_FNUM_MAX + 1),
	FFA_MEM_SHARE_64 | SMCCC_SVE_HINT,
	FFA_MSG_SEND_DIRECT_REQ2 | SMCCC_SVE_HINT,
	FFA_VERSION | SMCCC_SVE_HINT,
};
/* clang-format on */

/* Receivers of memory transactions: two partitions, an unknown secure ID, the host. */
static const uint16_t fuzz_receivers[] = { 0x8001, 0x8002, 0x8003, FFA_HOST_ID };

struct fuzz {
	struct sim *s;
	struct ffah h;
	uint64_t last_handle;
	struct ffa_mem_range ranges[FUZZ_MAX_RANGES];
};

static struct fuzz fuzz;

static void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz_proxy: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* ---- reading the input: past its end, everything reads as zero ---------------------------- */

struct reader {
	const uint8_t *p;
	size_t left;
};

static uint8_t rd8(struct reader *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static uint16_t rd16(struct reader *in)
{
	uint16_t lo = rd8(in);

	return (uint16_t)(lo | (uint16_t)rd8(in) << 8);
}

static uint32_t rd32(struct reader *in)
{
	uint32_t lo = rd16(in);

	return lo | (uint32_t)rd16(in) << 16;
}

static uint64_t rd64(struct reader *in)
{
	uint64_t lo = rd32(in);

	return lo | (uint64_t)rd32(in) << 32;
}

/* ---- the oracle ----------------------------------------------------------------------------- */

static bool is_mem_send(uint32_t fid)
{
	uint32_t fnum = fid & SMCCC_FNUM_MASK;

	return fnum == FFA_FNUM_MEM_DONATE || fnum == FFA_FNUM_MEM_LEND ||
	       fnum == FFA_FNUM_MEM_SHARE || fid == FFA_MEM_FRAG_TX;
}

/*
 * Every reply the host gets, from a raw call or one the client makes:
 * nothing beyond x7 unless the reply defines it. Also notes the handles
 * replies name, for the steps that use "the last handle".
 */
static void fuzz_trace(void *arg, const struct sim_trace_event *ev)
{
	struct fuzz *f = arg;
	uint32_t fid = ev->call_fid & ~SMCCC_SVE_HINT;
	const struct ffa_regs *r = ev->regs;
	uint32_t w0;
	unsigned int i;

	if (ev->hop != SIM_HOP_HOST_PROXY || !ev->is_reply || !r)
		return;
	w0 = ffa_w(r, 0);
	if (w0 != FFA_MSG_SEND_DIRECT_RESP2 && w0 != FFA_SUCCESS_64 &&
	    fid != FFA_PARTITION_INFO_GET_REGS) {
		for (i = 8; i < FFA_REG_COUNT; i++)
			if (r->x[i])
				fuzz_fail("reply x0=0x%llx to call 0x%08x has x%u=0x%llx",
					  (unsigned long long)r->x[0], (unsigned int)ev->call_fid,
					  i, (unsigned long long)r->x[i]);
	}
	if (w0 == FFA_MEM_FRAG_RX)
		f->last_handle = ffa_handle_make(ffa_w(r, 1), ffa_w(r, 2));
	else if ((w0 == FFA_SUCCESS_32 || w0 == FFA_SUCCESS_64) && is_mem_send(fid))
		f->last_handle = ffa_handle_make(ffa_w(r, 2), ffa_w(r, 3));
}

static void fuzz_check(struct fuzz *f, unsigned int step)
{
	char why[256];

	if (sim_check_invariants(f->s, why, sizeof(why)))
		fuzz_fail("after step %u: invariant broken: %s", step, why);
}

/* ---- the steps ------------------------------------------------------------------------------ */

/* nth:u8 error:u8: the (nth % 4 + 1)-th secure-world call from now on fails. */
static void arm_fault(struct fuzz *f, struct reader *in)
{
	unsigned int nth = rd8(in) % FUZZ_FAULT_MAX_NTH + 1;
	int32_t error = fuzz_error(rd8(in));

	/* With every fault slot armed already, this one is dropped. */
	(void)fv_plat_fail_secure(sim_fv_plat(f->s), nth, error);
}

static void step_host_call(struct fuzz *f, struct reader *in, uint8_t kind)
{
	uint8_t present, wide, *tx;
	uint16_t ext = 0;
	struct ffa_regs r;
	unsigned int n;

	memset(&r, 0, sizeof(r));
	if (kind & FUZZ_CALL_RAW_FID)
		r.x[0] = rd64(in);
	else
		r.x[0] = fuzz_fids[rd8(in) % FFA_ARRAY_SIZE(fuzz_fids)];
	present = rd8(in);
	wide = rd8(in);
	if (present & FUZZ_PRESENT_EXT)
		ext = rd16(in);
	for (n = 0; n < 7; n++)
		if (present & (1u << n))
			r.x[n + 1] = (wide & (1u << n)) ? rd64(in) : rd32(in);
	for (n = 0; n < FUZZ_EXT_REGS; n++)
		if (ext & (1u << n))
			r.x[n + 8] = rd64(in);

	if (kind & FUZZ_CALL_TX) {
		uint32_t bytes = FUZZ_MBOX_PAGES * FFA_PAGE_SIZE;
		uint32_t offset = rd16(in) % bytes;
		size_t len = rd16(in);

		if (len > bytes - offset)
			len = bytes - offset;
		if (len > in->left)
			len = in->left;
		tx = sim_host_ptr(f->s, FUZZ_TX_PA, bytes);
		memcpy(tx + offset, in->p, len);
		in->p += len;
		in->left -= len;
	}
	if (kind & FUZZ_CALL_FAULT)
		arm_fault(f, in);
	sim_host_call(f->s, &r);
}

static void step_mem_send(struct fuzz *f, struct reader *in)
{
	struct ffah_mem_receiver rx[FUZZ_MEM_RECV_MASK + 1];
	uint8_t op = rd8(in);
	enum ffah_mem_op mop = (op & FUZZ_MEM_OP_MASK) == 3 ?
				       FFAH_MEM_SHARE :
				       (enum ffah_mem_op)(op & FUZZ_MEM_OP_MASK);
	uint32_t receivers = ((op >> FUZZ_MEM_RECV_SHIFT) & FUZZ_MEM_RECV_MASK) + 1;
	uint32_t flags = 0, count, i;
	uint64_t handle;

	for (i = 0; i < receivers; i++) {
		rx[i].id = fuzz_receivers[rd8(in) % FFA_ARRAY_SIZE(fuzz_receivers)];
		rx[i].perms = rd8(in);
	}
	if (op & FUZZ_MEM_FLAGS)
		flags = rd8(in) & FFA_MEM_SEND_FLAGS_MASK;
	if (op & FUZZ_MEM_FAULT)
		arm_fault(f, in);
	if (op & FUZZ_MEM_PATTERN) {
		uint64_t first = rd16(in);
		uint32_t stride, pages;

		count = rd16(in) % FUZZ_MAX_RANGES + 1;
		stride = rd8(in) % 8 + 1;
		pages = rd8(in) % 4 + 1;
		for (i = 0; i < count; i++) {
			f->ranges[i].address =
				f->s->ram_base + (first + (uint64_t)i * stride) * FFA_PAGE_SIZE;
			f->ranges[i].page_count = pages;
		}
	} else {
		count = rd8(in) % FUZZ_MAX_LIST_RANGES + 1;
		for (i = 0; i < count; i++) {
			f->ranges[i].address = f->s->ram_base + (uint64_t)rd16(in) * FFA_PAGE_SIZE;
			f->ranges[i].page_count = rd8(in) % 8 + 1;
		}
	}
	f->h.features = (op & FUZZ_MEM_OP_64) ? FFAH_FEAT_MEM_OPS_64 : 0;
	if (!ffah_mem_send(&f->h, mop, rx, receivers, f->ranges, count, flags, 0, &handle))
		f->last_handle = handle;
}

static void step_sp_mem(struct fuzz *f, struct reader *in, bool retrieve)
{
	uint16_t id = fuzz_receivers[rd8(in) % 2];
	struct ffa_regs r;

	if (!retrieve) {
		fv_plat_sp_relinquish(sim_fv_plat(f->s), id, f->last_handle, &r);
		return;
	}
	/* The model's partition releases its RX buffer itself afterwards. */
	fv_plat_sp_retrieve(sim_fv_plat(f->s), id, f->last_handle, &r);
}

/* ---- libFuzzer's entry points ----------------------------------------------------------- */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz.s = sim_create();
	if (!fuzz.s)
		fuzz_fail("out of memory");
	sim_set_trace(fuzz.s, fuzz_trace, &fuzz);
	return 0;
}

/* A fresh default world; the host negotiates 1.2 and maps its RX/TX pair. */
static void fuzz_world(struct fuzz *f)
{
	const uint64_t bytes = FUZZ_MBOX_PAGES * FFA_PAGE_SIZE;
	struct ffah_buffers bufs;
	struct fv_world w;
	char err[256];

	fv_world_default(&w);
	if (sim_world_start(f->s, &w, err, sizeof(err)))
		fuzz_fail("world: %s", err);
	bufs.tx_pa = FUZZ_TX_PA;
	bufs.rx_pa = FUZZ_RX_PA;
	bufs.tx = sim_host_ptr(f->s, FUZZ_TX_PA, bytes);
	bufs.rx = sim_host_ptr(f->s, FUZZ_RX_PA, bytes);
	bufs.pages = FUZZ_MBOX_PAGES;
	ffah_init(&f->h, sim_ffah_plat(f->s), &bufs);
	if (ffah_version(&f->h, FFA_VERSION_1_2, NULL) || ffah_id_get(&f->h, NULL) ||
	    ffah_rxtx_map_pages(&f->h, FUZZ_MBOX_PAGES))
		fuzz_fail("the host could not negotiate and map its buffers");
	f->last_handle = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader in = { data, size };
	unsigned int step;

	fuzz_world(&fuzz);
	for (step = 0; step < FUZZ_MAX_STEPS && in.left; step++) {
		uint8_t kind = rd8(&in);

		switch (kind & FUZZ_STEP_KIND_MASK) {
		case FUZZ_STEP_MEM_SEND:
			step_mem_send(&fuzz, &in);
			break;
		case FUZZ_STEP_RETRIEVE:
			step_sp_mem(&fuzz, &in, true);
			break;
		case FUZZ_STEP_RELINQUISH:
			step_sp_mem(&fuzz, &in, false);
			break;
		case FUZZ_STEP_RECLAIM:
			(void)ffah_mem_reclaim(&fuzz.h, fuzz.last_handle, rd8(&in) & 3);
			break;
		default:
			step_host_call(&fuzz, &in, kind);
			break;
		}
		fuzz_check(&fuzz, step);
	}
	return 0;
}
