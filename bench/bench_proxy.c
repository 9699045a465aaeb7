/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * bench_proxy: drive the proxy through plat/sim with one kind of call, N
 * times, so that callgrind can count the instructions the proxy itself
 * spends on it (bench/run.sh does the counting; bench/README.md says how).
 *
 *   bench_proxy direct_req_64|notification_bind|partition_info_get N
 *
 * The default world; the host negotiates FF-A 1.2, maps a one-page RX/TX
 * pair and creates its notification bitmap, then makes the measured call N
 * times. Each measured call goes through bench_measured_call() and nothing
 * else does, so `callgrind --toggle-collect=bench_measured_call` sees only
 * those calls: the unbind after each bind and the FFA_RX_RELEASE after each
 * partition information query run outside it.
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

	if (argc != 3) {
		fprintf(stderr, "usage: bench_proxy direct_req_64|notification_bind|"
				"partition_info_get N\n");
		return 2;
	}
	n = strtoul(argv[2], &end, 10);
	if (*end || !n) {
		fprintf(stderr, "bench_proxy: bad count '%s'\n", argv[2]);
		return 2;
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
