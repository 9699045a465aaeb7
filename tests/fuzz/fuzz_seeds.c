/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * fuzz_seeds: write fuzz_proxy's seed corpus.
 *
 *   fuzz_seeds OUTDIR [FILE.fv...]
 *
 * Each case of each vector file becomes one seed: the case is run on
 * plat/sim as `ffa-sim vectors` runs it, and a trace sink records what the
 * host did, in fuzz_input.h's format. Each host call becomes a raw call
 * step with its registers; a call that reads the TX buffer (memory sends,
 * FFA_MEM_FRAG_TX, FFA_MSG_SEND2) carries the buffer's contents as the case
 * had written them (its `write` and `desc` steps); a fault the case injected
 * into one of the call's secure-world calls (`fail-secure`) is armed before
 * it; a partition's retrieve or relinquish becomes that step. The case's own
 * FFA_VERSION(1.2) and FFA_RXTX_MAP of the buffers the fuzzer maps anyway
 * are left out, and a seed keeps at most FUZZ_MAX_STEPS steps. Whether the
 * case passes does not matter: a seed is only a starting point.
 *
 * A few seeds that no vector file spells come first: memory transactions
 * through the host client (fragmented ones, one with a fault in a middle
 * fragment) with retrieve, relinquish and reclaim.
 *
 * Hosted C11; a tool of the fuzz build, not a test.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "sim.h"

/* One seed: at most FUZZ_MAX_STEPS steps with a full TX buffer each, and then some. */
#define SEED_MAX ((size_t)FUZZ_MAX_STEPS * (FFA_PAGE_SIZE + 256))

struct seed {
	uint8_t bytes[SEED_MAX];
	size_t len;
	unsigned int steps;
};

struct recorder {
	struct sim *s;
	const char *outdir;
	const char *stem;
	unsigned int case_index;
	unsigned int written;
	bool failed;
	struct seed seed;
	/* The host call in progress. */
	bool in_call;
	struct ffa_regs call;
	unsigned int secure_calls;
	unsigned int fault_nth; /* 1-based secure call of this host call that was injected */
	int32_t fault_error;
	uint8_t tx[FFA_PAGE_SIZE];
	size_t tx_len;
};

static void put8(struct seed *sd, uint8_t v)
{
	if (sd->len < SEED_MAX)
		sd->bytes[sd->len++] = v;
}

static void put16(struct seed *sd, uint16_t v)
{
	put8(sd, (uint8_t)v);
	put8(sd, (uint8_t)(v >> 8));
}

static void put32(struct seed *sd, uint32_t v)
{
	put16(sd, (uint16_t)v);
	put16(sd, (uint16_t)(v >> 16));
}

static void put64(struct seed *sd, uint64_t v)
{
	put32(sd, (uint32_t)v);
	put32(sd, (uint32_t)(v >> 32));
}

static void seed_write(struct recorder *rec, const char *name)
{
	char path[4096];
	FILE *f;

	if (!rec->seed.steps)
		return;
	snprintf(path, sizeof(path), "%s/%s", rec->outdir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(rec->seed.bytes, 1, rec->seed.len, f) != rec->seed.len) {
		fprintf(stderr, "fuzz_seeds: %s: %s\n", path, strerror(errno));
		rec->failed = true;
	}
	if (f && fclose(f))
		rec->failed = true;
	rec->written++;
}

static void seed_flush(struct recorder *rec)
{
	char name[256];

	snprintf(name, sizeof(name), "%s-%03u", rec->stem, rec->case_index);
	seed_write(rec, name);
	rec->seed.len = 0;
	rec->seed.steps = 0;
}

/* The index of @error in fuzz_error()'s table (0 if it is not there: the fault still fires). */
static uint8_t error_sel(int32_t error)
{
	unsigned int i;

	for (i = 0; i < fuzz_error_count(); i++)
		if (fuzz_error((uint8_t)i) == error)
			return (uint8_t)i;
	return 0;
}

/* The calls the fuzzer's prelude has made already: recording them again only wastes steps. */
static bool is_prelude(const struct ffa_regs *r)
{
	if (r->x[0] == FFA_VERSION && r->x[1] == FFA_VERSION_1_2)
		return true;
	return r->x[0] == FFA_RXTX_MAP_64 && r->x[1] == FUZZ_TX_PA && r->x[2] == FUZZ_RX_PA &&
	       r->x[3] == FUZZ_MBOX_PAGES;
}

static bool reads_tx(uint32_t fid)
{
	uint32_t fnum = fid & SMCCC_FNUM_MASK;

	return fnum == FFA_FNUM_MEM_DONATE || fnum == FFA_FNUM_MEM_LEND ||
	       fnum == FFA_FNUM_MEM_SHARE || fid == FFA_MEM_FRAG_TX || fid == FFA_MSG_SEND2;
}

/* The recorded host call as a raw call step. */
static void put_call_step(struct recorder *rec)
{
	struct seed *sd = &rec->seed;
	const struct ffa_regs *r = &rec->call;
	uint8_t kind = FUZZ_CALL_RAW_FID, present = 0, wide = 0;
	uint16_t ext = 0;
	unsigned int n;

	if (sd->steps == FUZZ_MAX_STEPS || is_prelude(r))
		return;
	for (n = 0; n < 7; n++) {
		if (r->x[n + 1])
			present |= (uint8_t)(1u << n);
		if (r->x[n + 1] > UINT32_MAX)
			wide |= (uint8_t)(1u << n);
	}
	for (n = 0; n < FUZZ_EXT_REGS; n++)
		if (r->x[n + 8])
			ext |= (uint16_t)(1u << n);
	if (ext)
		present |= FUZZ_PRESENT_EXT;
	if (rec->tx_len)
		kind |= FUZZ_CALL_TX;
	if (rec->fault_nth)
		kind |= FUZZ_CALL_FAULT;

	put8(sd, kind);
	put64(sd, r->x[0]);
	put8(sd, present);
	put8(sd, wide);
	if (ext)
		put16(sd, ext);
	for (n = 0; n < 7; n++) {
		if (!(present & (1u << n)))
			continue;
		if (wide & (1u << n))
			put64(sd, r->x[n + 1]);
		else
			put32(sd, (uint32_t)r->x[n + 1]);
	}
	for (n = 0; n < FUZZ_EXT_REGS; n++)
		if (ext & (1u << n))
			put64(sd, r->x[n + 8]);
	if (rec->tx_len) {
		put16(sd, 0);
		put16(sd, (uint16_t)rec->tx_len);
		for (n = 0; n < rec->tx_len; n++)
			put8(sd, rec->tx[n]);
	}
	if (rec->fault_nth) {
		put8(sd, (uint8_t)(rec->fault_nth - 1));
		put8(sd, error_sel(rec->fault_error));
	}
	sd->steps++;
}

/* What the host's TX buffer held when the call was made, up to its last non-zero byte. */
static void snapshot_tx(struct recorder *rec)
{
	const struct ffap_host_mbox *hm = &rec->s->proxy.host;
	const uint8_t *tx = hm->tx;
	size_t len = FFA_PAGE_SIZE;

	rec->tx_len = 0;
	if (!hm->mapped || !tx || !reads_tx((uint32_t)rec->call.x[0]))
		return;
	while (len && !tx[len - 1])
		len--;
	memcpy(rec->tx, tx, len);
	rec->tx_len = len;
}

static void record(void *arg, const struct sim_trace_event *ev)
{
	struct recorder *rec = arg;

	switch (ev->hop) {
	case SIM_HOP_HOST_PROXY:
		if (!ev->is_reply) {
			rec->in_call = true;
			rec->call = *ev->regs;
			rec->secure_calls = 0;
			rec->fault_nth = 0;
			snapshot_tx(rec);
		} else {
			rec->in_call = false;
			put_call_step(rec);
		}
		return;
	case SIM_HOP_PROXY_SPMC:
		/* A secure call outside a host call: ffap_init() of the next case's world. */
		if (!ev->is_reply && !rec->in_call) {
			seed_flush(rec);
			rec->case_index++;
			return;
		}
		if (!ev->is_reply) {
			rec->secure_calls++;
		} else if (ev->injected && !rec->fault_nth &&
			   rec->secure_calls <= FUZZ_FAULT_MAX_NTH) {
			rec->fault_nth = rec->secure_calls;
			rec->fault_error = (int32_t)ffa_w(ev->regs, 2);
		}
		return;
	case SIM_HOP_SP_SPMC:
		if (ev->is_reply || rec->seed.steps == FUZZ_MAX_STEPS)
			return;
		if (ev->call_fid == FFA_MEM_RETRIEVE_REQ_32 || ev->call_fid == FFA_MEM_RELINQUISH) {
			put8(&rec->seed, ev->call_fid == FFA_MEM_RELINQUISH ? FUZZ_STEP_RELINQUISH :
									      FUZZ_STEP_RETRIEVE);
			put8(&rec->seed, ev->sp_id == 0x8002);
			rec->seed.steps++;
		}
		return;
	}
}

static void discard_line(void *arg, const char *line)
{
	(void)arg;
	(void)line;
}

static int read_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long size;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -1;
	}
	*text = malloc((size_t)size + 1);
	if (!*text || fread(*text, 1, (size_t)size, f) != (size_t)size) {
		free(*text);
		fclose(f);
		return -1;
	}
	fclose(f);
	(*text)[size] = '\0';
	*len = (size_t)size;
	return 0;
}

/* ---- seeds no vector file spells: memory transactions through the host client ---------- */

static void put_mem_pattern(struct seed *sd, uint8_t op, uint16_t first, uint16_t count,
			    uint8_t stride, uint8_t pages)
{
	put8(sd, FUZZ_STEP_MEM_SEND);
	put8(sd, op | FUZZ_MEM_OP_64 | FUZZ_MEM_PATTERN);
	put8(sd, 0);				    /* receiver 0x8001 */
	put8(sd, op == 2 ? 0 : FFA_DATA_ACCESS_RW); /* a donation names no access */
	put16(sd, first);
	put16(sd, (uint16_t)(count - 1));
	put8(sd, (uint8_t)(stride - 1));
	put8(sd, (uint8_t)(pages - 1));
	sd->steps++;
}

static void put_simple(struct seed *sd, uint8_t kind, uint8_t arg)
{
	put8(sd, kind);
	put8(sd, arg);
	sd->steps++;
}

static void client_seeds(struct recorder *rec)
{
	struct seed *sd = &rec->seed;

	/* Share two ranges, retrieve, reclaim (DENIED), relinquish, reclaim. */
	put_mem_pattern(sd, 0, 0x100, 2, 3, 1);
	put_simple(sd, FUZZ_STEP_RETRIEVE, 0);
	put_simple(sd, FUZZ_STEP_RECLAIM, 0);
	put_simple(sd, FUZZ_STEP_RELINQUISH, 0);
	put_simple(sd, FUZZ_STEP_RECLAIM, 0);
	seed_write(rec, "client-share-retrieve-reclaim");
	sd->len = sd->steps = 0;

	/* 1,100 sparse pages: five fragments; reclaim. */
	put_mem_pattern(sd, 0, 0x100, FUZZ_MAX_RANGES, 2, 1);
	put_simple(sd, FUZZ_STEP_RECLAIM, 0);
	seed_write(rec, "client-share-fragmented");
	sd->len = sd->steps = 0;

	/* A lend whose third fragment the secure world refuses. */
	put8(sd, FUZZ_STEP_MEM_SEND);
	put8(sd, 1 | FUZZ_MEM_OP_64 | FUZZ_MEM_PATTERN | FUZZ_MEM_FAULT);
	put8(sd, 0);
	put8(sd, FFA_DATA_ACCESS_RW);
	put8(sd, 2); /* the third secure call */
	put8(sd, error_sel(FFA_NO_MEMORY));
	put16(sd, 0x100);
	put16(sd, FUZZ_MAX_RANGES - 1);
	put8(sd, 1);
	put8(sd, 0);
	sd->steps++;
	seed_write(rec, "client-lend-fault-middle-fragment");
	sd->len = sd->steps = 0;

	/* Contiguous multi-page ranges (they merge), then donate one page. */
	put_mem_pattern(sd, 1, 0x200, 64, 4, 4);
	put_simple(sd, FUZZ_STEP_RECLAIM, 0);
	put_mem_pattern(sd, 2, 0x400, 1, 1, 1);
	seed_write(rec, "client-lend-contiguous-donate");
	sd->len = sd->steps = 0;
}

int main(int argc, char **argv)
{
	struct recorder *rec;
	struct fv_result res = { 0, 0, 0 };
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: fuzz_seeds OUTDIR [FILE.fv...]\n");
		return 2;
	}
	rec = calloc(1, sizeof(*rec));
	if (!rec || !(rec->s = sim_create())) {
		fprintf(stderr, "fuzz_seeds: out of memory\n");
		return 1;
	}
	rec->outdir = argv[1];
	sim_set_trace(rec->s, record, rec);
	sim_set_print(rec->s, discard_line, NULL);

	client_seeds(rec);
	for (i = 2; i < argc; i++) {
		const char *slash = strrchr(argv[i], '/');
		char stem[200], *dot;
		char *text;
		size_t len;

		if (read_file(argv[i], &text, &len)) {
			fprintf(stderr, "fuzz_seeds: cannot read %s: %s\n", argv[i],
				strerror(errno));
			rec->failed = true;
			continue;
		}
		snprintf(stem, sizeof(stem), "%s", slash ? slash + 1 : argv[i]);
		dot = strrchr(stem, '.');
		if (dot)
			*dot = '\0';
		rec->stem = stem;
		rec->case_index = 0;
		rec->seed.len = rec->seed.steps = 0;
		fv_run(sim_fv_plat(rec->s), argv[i], text, len, &res);
		seed_flush(rec);
		free(text);
	}
	printf("fuzz_seeds: %u seeds in %s\n", rec->written, rec->outdir);
	sim_destroy(rec->s);
	i = rec->failed ? 1 : 0;
	free(rec);
	return i;
}
