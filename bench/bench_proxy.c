/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * bench_proxy: drive the proxy through plat/sim with one kind of call, N
 * times, so that callgrind can count the instructions the proxy itself
 * spends on it (bench/run.sh does the counting; bench/README.md says how).
 *
 *   bench_proxy direct_req_64|notification_bind|partition_info_get N
 *   bench_proxy mem_share_reclaim N RANGES
 *   bench_proxy mem_share_reclaim_contiguous N RANGES
 *
 * The default world; the host negotiates FF-A 1.2, maps a one-page RX/TX
 * pair and creates its notification bitmap, then makes the measured call N
 * times. Each measured call goes through bench_measured_call() and nothing
 * else does, so `callgrind --toggle-collect=bench_measured_*` sees only
 * those calls: the unbind after each bind and the FFA_RX_RELEASE after each
 * partition information query run outside it.
 *
 * The memory benchmarks make N pairs of FFA_MEM_SHARE (with its
 * FFA_MEM_FRAG_TX calls) and FFA_MEM_RECLAIM through the host client, each
 * pair inside bench_measured_mem_pair(): RANGES one-page constituents for
 * partition 0x8001, on every other page from 1 MiB into host RAM, or on
 * consecutive pages (_contiguous; host RAM grows to hold them: 262,144 is
 * 1 GiB). The host maps one page of RX/TX, as Linux does, so a descriptor
 * of more than 250 constituents travels in fragments. The client builds
 * the descriptor outside ffap_handle_call(), whose cost is what
 * bench/run.sh counts.
 *
 * Hosted C11; not part of what a hypervisor links, not a test.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define BENCH_SP_ID 0x8001
#define BENCH_NOTIF_ID 1

/* The one function callgrind collects in: keep it a real call. */
__attribute__((noinline)) void bench_measured_call(struct sim *s, struct ffa_regs *r);

__attribute__((noinline)) void bench_measured_call(struct sim *s, struct ffa_regs *r)
{
	sim_host_call(s, r);
	/* Keep the call from being merged into its caller's tail. */
	__asm__ volatile("" : : "r"(r) : "memory");
}

/* The memory benchmarks' host, its ranges and the partition they go to. */
struct bench_mem {
	struct sim *s;
	struct ffah h;
	struct ffa_mem_range *ranges;
	uint32_t count;
};

static const struct ffah_mem_receiver bench_receiver = { BENCH_SP_ID, FFA_DATA_ACCESS_RW };

__attribute__((noinline)) void bench_measured_mem_pair(struct bench_mem *b);

__attribute__((noinline)) void bench_measured_mem_pair(struct bench_mem *b)
{
	uint64_t handle;
	int ret;

	ret = ffah_mem_share(&b->h, &bench_receiver, 1, b->ranges, b->count, &handle);
	if (!ret)
		ret = ffah_mem_reclaim(&b->h, handle, 0);
	if (ret) {
		fprintf(stderr, "bench_proxy: share/reclaim of %" PRIu32 " ranges: %d\n", b->count,
			ret);
		exit(1);
	}
	__asm__ volatile("" : : "r"(b) : "memory");
}

static void die(const char *what, const struct ffa_regs *r)
{
	fprintf(stderr, "bench_proxy: %s: reply x0=0x%" PRIx64 " x2=0x%" PRIx64 "\n", what,
		r->x[0], r->x[2]);
	exit(1);
}

/* An unmeasured call that must succeed. */
static void setup_call(struct sim *s, struct ffa_regs *r, const char *what)
{
	sim_host_call(s, r);
	if (!ffa_is_success(r))
		die(what, r);
}

static void bench_setup(struct sim *s)
{
	struct fv_world w;
	struct ffa_regs r;
	char err[256];
	uint64_t pa;

	fv_world_default(&w);
	if (sim_world_start(s, &w, err, sizeof(err))) {
		fprintf(stderr, "bench_proxy: %s\n", err);
		exit(1);
	}

	ffa_regs_clear(&r, FFA_VERSION);
	r.x[1] = FFA_VERSION_1_2;
	sim_host_call(s, &r);
	if (ffa_w(&r, 0) != FFA_VERSION_1_2)
		die("FFA_VERSION", &r);

	if (sim_find_host_pages(s, s->ram_base, 2, &pa)) {
		fprintf(stderr, "bench_proxy: no free host pages\n");
		exit(1);
	}
	ffa_regs_clear(&r, FFA_RXTX_MAP_64);
	r.x[1] = pa;
	r.x[2] = pa + FFA_PAGE_SIZE;
	r.x[3] = 1;
	setup_call(s, &r, "FFA_RXTX_MAP_64");

	ffa_regs_clear(&r, FFA_NOTIFICATION_BITMAP_CREATE);
	r.x[1] = FFA_HOST_ID;
	r.x[2] = 1;
	setup_call(s, &r, "FFA_NOTIFICATION_BITMAP_CREATE");
}

static void bench_direct_req_64(struct sim *s, unsigned long n)
{
	struct ffa_regs r;
	unsigned long i;

	for (i = 0; i < n; i++) {
		ffa_regs_clear(&r, FFA_MSG_SEND_DIRECT_REQ_64);
		r.x[1] = ffa_sender_receiver(FFA_HOST_ID, BENCH_SP_ID);
		r.x[3] = i;
		r.x[7] = ~(uint64_t)i;
		bench_measured_call(s, &r);
		if (ffa_w(&r, 0) != FFA_MSG_SEND_DIRECT_RESP_64 || r.x[3] != i)
			die("FFA_MSG_SEND_DIRECT_REQ_64", &r);
	}
}

static void bench_notification_bind(struct sim *s, unsigned long n)
{
	struct ffa_regs r;
	unsigned long i;

	for (i = 0; i < n; i++) {
		ffa_regs_clear(&r, FFA_NOTIFICATION_BIND);
		r.x[1] = ffa_sender_receiver(BENCH_SP_ID, FFA_HOST_ID);
		r.x[3] = UINT32_C(1) << BENCH_NOTIF_ID;
		bench_measured_call(s, &r);
		if (!ffa_is_success(&r))
			die("FFA_NOTIFICATION_BIND", &r);

		/* Not measured: undo it so that the next bind does the same work. */
		ffa_regs_clear(&r, FFA_NOTIFICATION_UNBIND);
		r.x[1] = ffa_sender_receiver(BENCH_SP_ID, FFA_HOST_ID);
		r.x[3] = UINT32_C(1) << BENCH_NOTIF_ID;
		setup_call(s, &r, "FFA_NOTIFICATION_UNBIND");
	}
}

static void bench_partition_info_get(struct sim *s, unsigned long n)
{
	struct ffa_regs r;
	unsigned long i;

	for (i = 0; i < n; i++) {
		/* The full query (Nil UUID): descriptors through both RX buffers. */
		ffa_regs_clear(&r, FFA_PARTITION_INFO_GET);
		bench_measured_call(s, &r);
		if (!ffa_is_success(&r) || ffa_w(&r, 2) == 0)
			die("FFA_PARTITION_INFO_GET", &r);

		/* Not measured (the proxy answers it without the secure world). */
		ffa_regs_clear(&r, FFA_RX_RELEASE);
		setup_call(s, &r, "FFA_RX_RELEASE");
	}
}

/* Where the memory benchmarks' ranges start, past the host's RX/TX pair. */
#define BENCH_MEM_OFFSET UINT64_C(0x100000)

/*
 * A world with room for @count one-page ranges @stride pages apart; the
 * host client negotiates 1.2, maps one page of RX/TX at the start of host
 * RAM and uses the 64-bit memory calls.
 */
static void bench_mem_setup(struct bench_mem *b, uint32_t count, uint32_t stride)
{
	uint64_t need = BENCH_MEM_OFFSET + (uint64_t)count * stride * FFA_PAGE_SIZE;
	struct ffah_buffers bufs;
	struct fv_world w;
	char err[256];
	uint32_t i;

	fv_world_default(&w);
	if (w.mem_size < need)
		w.mem_size = need + BENCH_MEM_OFFSET;
	if (sim_world_start(b->s, &w, err, sizeof(err))) {
		fprintf(stderr, "bench_proxy: %s\n", err);
		exit(1);
	}
	bufs.tx_pa = b->s->ram_base;
	bufs.rx_pa = b->s->ram_base + FFA_PAGE_SIZE;
	bufs.tx = sim_host_ptr(b->s, bufs.tx_pa, FFA_PAGE_SIZE);
	bufs.rx = sim_host_ptr(b->s, bufs.rx_pa, FFA_PAGE_SIZE);
	bufs.pages = 1;
	ffah_init(&b->h, sim_ffah_plat(b->s), &bufs);
	if (ffah_version(&b->h, FFA_VERSION_1_2, NULL) || ffah_id_get(&b->h, NULL) ||
	    ffah_rxtx_map_pages(&b->h, 1) || ffah_features(&b->h, FFA_MEM_SHARE_64, NULL, NULL)) {
		fprintf(stderr, "bench_proxy: the host client's set-up failed\n");
		exit(1);
	}
	b->h.features |= FFAH_FEAT_MEM_OPS_64;

	b->ranges = calloc(count, sizeof(*b->ranges));
	if (!b->ranges) {
		fprintf(stderr, "bench_proxy: out of memory\n");
		exit(1);
	}
	for (i = 0; i < count; i++) {
		b->ranges[i].address =
			b->s->ram_base + BENCH_MEM_OFFSET + (uint64_t)i * stride * FFA_PAGE_SIZE;
		b->ranges[i].page_count = 1;
	}
	b->count = count;
}

static int bench_mem(struct sim *s, unsigned long n, uint32_t count, uint32_t stride)
{
	struct bench_mem b;
	unsigned long i;

	memset(&b, 0, sizeof(b));
	b.s = s;
	bench_mem_setup(&b, count, stride);
	for (i = 0; i < n; i++)
		bench_measured_mem_pair(&b);
	free(b.ranges);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*run)(struct sim *s, unsigned long n);
	} benches[] = {
		{ "direct_req_64", bench_direct_req_64 },
		{ "notification_bind", bench_notification_bind },
		{ "partition_info_get", bench_partition_info_get },
	};
	unsigned long n;
	struct sim *s;
	char *end;
	size_t i;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: bench_proxy direct_req_64|notification_bind|"
				"partition_info_get N\n"
				"       bench_proxy mem_share_reclaim[_contiguous] N RANGES\n");
		return 2;
	}
	n = strtoul(argv[2], &end, 10);
	if (*end || !n) {
		fprintf(stderr, "bench_proxy: bad count '%s'\n", argv[2]);
		return 2;
	}
	if (argc == 4) {
		unsigned long ranges = strtoul(argv[3], &end, 10);
		int contiguous = !strcmp(argv[1], "mem_share_reclaim_contiguous");

		if (*end || !ranges || ranges > UINT32_MAX) {
			fprintf(stderr, "bench_proxy: bad range count '%s'\n", argv[3]);
			return 2;
		}
		if (!contiguous && strcmp(argv[1], "mem_share_reclaim")) {
			fprintf(stderr, "bench_proxy: unknown benchmark '%s'\n", argv[1]);
			return 2;
		}
		s = sim_create();
		if (!s) {
			fprintf(stderr, "bench_proxy: out of memory\n");
			return 1;
		}
		bench_mem(s, n, (uint32_t)ranges, contiguous ? 1 : 2);
		sim_destroy(s);
		return 0;
	}
	for (i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		if (strcmp(argv[1], benches[i].name))
			continue;
		s = sim_create();
		if (!s) {
			fprintf(stderr, "bench_proxy: out of memory\n");
			return 1;
		}
		bench_setup(s);
		benches[i].run(s, n);
		sim_destroy(s);
		return 0;
	}
	fprintf(stderr, "bench_proxy: unknown benchmark '%s'\n", argv[1]);
	return 2;
}
