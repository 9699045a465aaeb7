/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * ffa-sim: the command-line face of the simulation platform.
 *
 *   ffa-sim vectors [--trace] [--log] FILE...   run .fv vector files
 *   ffa-sim run [--log] [WORLD.fv]              run the demo, print a decoded trace
 *   ffa-sim decode [--reply-to FID] [FID] xN=V...  decode one register set
 *
 * Exit status: 0 success, 1 a failure (a failed case or step, a broken
 * invariant, an unreadable file), 2 a usage error.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ffaproxy/ffa_desc.h>

#include "ffa_host.h"
#include "fv.h"
#include "sim.h"

#define EXIT_FAILED 1
#define EXIT_USAGE 2

static const char usage_text[] =
	"usage: ffa-sim vectors [--trace] [--log] FILE...\n"
	"       ffa-sim run [--log] [WORLD.fv]\n"
	"       ffa-sim decode [--reply-to FID] [FID] xN=V|wN=V...\n"
	"       ffa-sim --help\n"
	"\n"
	"commands:\n"
	"  vectors  run every case of each .fv file (docs/vectors.md) on a fresh\n"
	"           simulated machine: one PASS/FAIL line per case, then\n"
	"           'N passed, N failed'; exit status 0 only if nothing failed\n"
	"  run      build the default world (or the last world of WORLD.fv), drive\n"
	"           it with the host client as Linux's FF-A driver would, print a\n"
	"           decoded trace of every call at every hop, what was found, and\n"
	"           whether the ownership invariants hold\n"
	"  decode   decode one register set as a call, or as the reply to the call\n"
	"           FID with --reply-to; a bare first value is x0\n"
	"\n"
	"options:\n"
	"  --trace  (vectors) print the decoded trace of every call as well\n"
	"  --log    print the proxy's log messages\n"
	"\n"
	"values: 0x hex, decimal, negative decimal, or a name (FFA_VERSION,\n"
	"FFA_MEM_SHARE_64, FFA_SUCCESS_32, INVALID_PARAMETERS, ...); wN=V sets the\n"
	"low 32 bits of xN.\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("ffa-sim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'ffa-sim --help'.\n", stderr);
	return EXIT_USAGE;
}

/* ---------------------------------------------------------------------- */
/* Shared helpers                                                         */
/* ---------------------------------------------------------------------- */

/* Read a whole file; *text is malloc()ed (NUL-terminated for convenience). */
static int read_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, used = 0;
	int saved;

	if (!f)
		return -1;
	for (;;) {
		size_t n;

		if (cap - used < 4096) {
			char *bigger = realloc(buf, cap ? 2 * cap : 65536);

			if (!bigger) {
				saved = ENOMEM;
				goto fail;
			}
			buf = bigger;
			cap = cap ? 2 * cap : 65536;
		}
		n = fread(buf + used, 1, cap - used - 1, f);
		used += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		saved = EIO;
		goto fail;
	}
	fclose(f);
	buf[used] = '\0';
	*text = buf;
	*len = used;
	return 0;

fail:
	free(buf);
	fclose(f);
	errno = saved;
	return -1;
}

static void print_trace(void *arg, const struct sim_trace_event *ev)
{
	char line[FV_MSG_MAX + 64];

	(void)arg;
	sim_trace_format(ev, line, sizeof(line));
	puts(line);
}

static void print_log(void *arg, enum ffap_log_level level, const char *what, uint64_t value)
{
	static const char *const names[] = { "error", "info", "verbose" };

	(void)arg;
	printf("  [proxy %s] %s: 0x%" PRIx64 "\n", (unsigned int)level < 3 ? names[level] : "?",
	       what, value);
}

/*
 * A value as the vector format spells it: 0x hex, decimal, negative decimal
 * (two's complement to 64 bits) or a symbolic name.
 */
static int parse_value(const char *s, uint64_t *v)
{
	const char *digits = s;
	bool negative = false;
	int base = 10;
	char *end;

	if (!*s)
		return -1;
	if (s[0] == '-') {
		negative = true;
		digits = s + 1;
	} else if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		digits = s + 2;
	}
	if (*digits >= '0' && *digits <= '9') {
		unsigned long long n;

		if (negative && base != 10)
			return -1;
		errno = 0;
		n = strtoull(digits, &end, base);
		if (errno || *end || (negative && n > (unsigned long long)INT64_MAX + 1))
			return -1;
		*v = negative ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
		return 0;
	}
	if (base == 16 || negative)
		return -1;
	return fv_lookup_name(s, strlen(s), v) ? 0 : -1;
}

/* ---------------------------------------------------------------------- */
/* ffa-sim vectors                                                        */
/* ---------------------------------------------------------------------- */

static int cmd_vectors(int argc, char **argv)
{
	struct fv_result res = { 0, 0, 0 };
	bool trace = false, log = false;
	int first = 0, i;
	struct sim *sim;

	for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
		if (!strcmp(argv[first], "--trace"))
			trace = true;
		else if (!strcmp(argv[first], "--log"))
			log = true;
		else if (!strcmp(argv[first], "--"))
			break;
		else
			return usage_error("vectors: unknown option '%s'", argv[first]);
	}
	if (first < argc && !strcmp(argv[first], "--"))
		first++;
	if (first == argc)
		return usage_error("vectors: no vector file given");

	sim = sim_create();
	if (!sim) {
		fprintf(stderr, "ffa-sim: out of memory\n");
		return EXIT_FAILED;
	}
	if (trace)
		sim_set_trace(sim, print_trace, NULL);
	if (log)
		sim_set_log(sim, print_log, NULL);

	for (i = first; i < argc; i++) {
		char *text;
		size_t len;

		if (read_file(argv[i], &text, &len)) {
			printf("FAIL %s: cannot read: %s\n", argv[i], strerror(errno));
			res.failed++;
			continue;
		}
		fv_run(sim_fv_plat(sim), argv[i], text, len, &res);
		free(text);
	}
	sim_destroy(sim);

	if (res.skipped)
		printf("%u passed, %u failed, %u skipped\n", res.passed, res.failed, res.skipped);
	else
		printf("%u passed, %u failed\n", res.passed, res.failed);
	return res.failed ? EXIT_FAILED : EXIT_SUCCESS;
}

/* ---------------------------------------------------------------------- */
/* ffa-sim run                                                            */
/* ---------------------------------------------------------------------- */

/* Pages in each of the host client's buffers: enough for a 64 KiB minimum. */
#define DEMO_BUF_PAGES 16
/* Where the buffers go if free (as in the examples: 0x80020000 in the default world). */
#define DEMO_BUF_OFFSET UINT64_C(0x20000)
#define DEMO_MAX_PARTS (SPMC_MAX_PARTITIONS * 4)

struct demo {
	struct sim *sim;
	struct ffah host;
	struct ffa_partition_info parts[DEMO_MAX_PARTS];
	uint32_t part_count;
	struct ffa_partition_info mbox_parts[DEMO_MAX_PARTS];
	uint32_t mbox_part_count;
};

/*
 * One step of the demo: returns 0 or an FF-A error code (negative), 1 with
 * @why filled in for a failure that is not an FF-A error, or STEP_SKIPPED
 * with @why saying what the world lacks.
 */
struct demo_step {
	const char *name;
	int (*run)(struct demo *d, char *why, size_t why_len);
};

static int step_probe(struct demo *d, char *why, size_t why_len)
{
	(void)why;
	(void)why_len;
	return ffah_probe(&d->host, d->parts, DEMO_MAX_PARTS, &d->part_count);
}

static bool same_partition(const struct ffa_partition_info *a, const struct ffa_partition_info *b)
{
	return a->id == b->id && a->exec_ctx_count == b->exec_ctx_count &&
	       a->properties == b->properties && ffa_uuid_equal(&a->uuid, &b->uuid);
}

/*
 * The mailbox path whatever the probe chose: count (1.1+), full query, copy
 * out of the RX buffer, FFA_RX_RELEASE. Its answer must match the probe's.
 */
static int step_partition_info_rx(struct demo *d, char *why, size_t why_len)
{
	static const struct ffa_uuid nil;
	uint32_t i;
	int ret;

	ret = ffah_partition_info(&d->host, &nil, d->mbox_parts, DEMO_MAX_PARTS,
				  &d->mbox_part_count);
	if (ret)
		return ret;
	if (d->mbox_part_count != d->part_count) {
		snprintf(why, why_len,
			 "%" PRIu32 " partitions through the RX buffer, %" PRIu32
			 " found by the probe",
			 d->mbox_part_count, d->part_count);
		return 1;
	}
	for (i = 0; i < d->part_count; i++) {
		if (!same_partition(&d->parts[i], &d->mbox_parts[i])) {
			snprintf(why, why_len,
				 "partition %" PRIu32 " (0x%04x) differs from the probe's", i,
				 (unsigned int)d->mbox_parts[i].id);
			return 1;
		}
	}
	return 0;
}

static const char *error_text(int ret)
{
	const char *name = ffa_error_name(ret);

	return name ? name : "unknown error";
}

/* What a step returns when the world cannot support it (@why says why). */
#define STEP_SKIPPED 2

/* The partition the messaging and notification steps talk to. */
#define DEMO_SP_ID 0x8001
/* vCPUs the host creates its notification bitmap for. */
#define DEMO_VCPUS 2
/* Notification IDs of the round trips: partition -> host, host -> partition. */
#define DEMO_NOTIF_TO_HOST 2
#define DEMO_NOTIF_TO_SP 5

static int step_skip(char *why, size_t why_len, const char *reason)
{
	snprintf(why, why_len, "%s", reason);
	return STEP_SKIPPED;
}

static const struct ffa_partition_info *demo_find_part(const struct demo *d, uint16_t id)
{
	uint32_t i;

	for (i = 0; i < d->part_count && i < DEMO_MAX_PARTS; i++)
		if (d->parts[i].id == id)
			return &d->parts[i];
	return NULL;
}

/*
 * The echo handler answers with the request's payload: @count registers
 * from x@first_reg must come back as they went.
 */
static int check_echo(const uint64_t *sent, const uint64_t *got, unsigned int count,
		      unsigned int first_reg, char *why, size_t why_len)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (got[i] != sent[i]) {
			snprintf(why, why_len,
				 "response x%u = 0x%" PRIx64 ", the request sent 0x%" PRIx64,
				 first_reg + i, got[i], sent[i]);
			return 1;
		}
	}
	printf("   echo: x%u-x%u came back unchanged\n", first_reg, first_reg + count - 1);
	return 0;
}

/* FFA_MSG_SEND_DIRECT_REQ_64 to the echo partition: the payload must come back. */
static int step_direct_req(struct demo *d, char *why, size_t why_len)
{
	static const uint64_t payload[FFAH_DIRECT_PAYLOAD_WORDS] = {
		UINT64_C(0x1111000000000001), 2, 3, 4, UINT64_C(0xfeedfacecafe0005),
	};
	uint64_t out[FFAH_DIRECT_PAYLOAD_WORDS];
	int ret;

	if (!demo_find_part(d, DEMO_SP_ID))
		return step_skip(why, why_len, "no partition 0x8001 in this world");
	ret = ffah_direct_req(&d->host, DEMO_SP_ID, true, payload, out);
	if (ret)
		return ret;
	return check_echo(payload, out, FFAH_DIRECT_PAYLOAD_WORDS, 3, why, why_len);
}

/* FFA_MSG_SEND_DIRECT_REQ2 (FF-A 1.2) to the partition's own service UUID. */
static int step_direct_req2(struct demo *d, char *why, size_t why_len)
{
	const struct ffa_partition_info *p = demo_find_part(d, DEMO_SP_ID);
	uint64_t payload[FFAH_DIRECT2_PAYLOAD_WORDS], out[FFAH_DIRECT2_PAYLOAD_WORDS];
	unsigned int i;
	int ret;

	if (d->host.version < FFA_VERSION_1_2)
		return step_skip(why, why_len, "FFA_MSG_SEND_DIRECT_REQ2 needs FF-A 1.2");
	if (!(d->host.features & FFAH_FEAT_DIRECT_REQ2))
		return step_skip(why, why_len, "the probe did not find FFA_MSG_SEND_DIRECT_REQ2");
	if (!p)
		return step_skip(why, why_len, "no partition 0x8001 in this world");
	if (!(p->properties & FFA_PART_PROP_DIRECT_REQ2_RECV))
		return step_skip(why, why_len, "partition 0x8001 does not receive REQ2");

	for (i = 0; i < FFAH_DIRECT2_PAYLOAD_WORDS; i++)
		payload[i] = UINT64_C(0xa5a5000000000000) | (4 + i);
	ret = ffah_direct_req2(&d->host, DEMO_SP_ID, &p->uuid, payload, out);
	if (ret)
		return ret;
	return check_echo(payload, out, FFAH_DIRECT2_PAYLOAD_WORDS, 4, why, why_len);
}

/* Notifications need FF-A 1.1 on both sides and a partition that takes them. */
static const char *demo_notif_unsupported(const struct demo *d)
{
	const struct ffa_partition_info *p = demo_find_part(d, DEMO_SP_ID);

	if (d->host.version < FFA_VERSION_1_1)
		return "notifications need FF-A 1.1";
	if (!p || !(p->properties & FFA_PART_PROP_NOTIFICATION))
		return "no partition 0x8001 with notification support in this world";
	return NULL;
}

/* The driver's set-up, then the host binds ID 2 to the partition. */
static int step_notif_setup(struct demo *d, char *why, size_t why_len)
{
	const char *unsupported = demo_notif_unsupported(d);
	int ret;

	if (unsupported)
		return step_skip(why, why_len, unsupported);
	ret = ffah_notifications_setup(&d->host, DEMO_VCPUS);
	if (ret)
		return ret;
	if (!d->host.notif_enabled)
		return step_skip(why, why_len, "the secure world offers no notifications");
	printf("   notifications enabled: bitmap for %u vCPU(s), SRI interrupt ID %" PRIu32 "\n",
	       DEMO_VCPUS, d->host.sri_intid);
	return ffah_notification_bind(&d->host, DEMO_SP_ID, false,
				      UINT64_C(1) << DEMO_NOTIF_TO_HOST);
}

/* A partition call, checked for FFA_SUCCESS. */
static int demo_sp_call(struct demo *d, struct ffa_regs *r, const char *what, char *why,
			size_t why_len)
{
	sim_sp_call(d->sim, DEMO_SP_ID, r);
	if (ffa_is_success(r))
		return 0;
	snprintf(why, why_len, "the partition's %s failed: %s", what,
		 ffa_w(r, 0) == FFA_ERROR ? error_text((int32_t)ffa_w(r, 2)) : "bad reply");
	return 1;
}

/*
 * Partition -> host: the partition sets ID 2, the SPMC raises the schedule
 * receiver interrupt, the host's handler asks which endpoints have
 * notifications pending (INFO_GET) and fetches its own (GET).
 */
static int step_notif_to_host(struct demo *d, char *why, size_t why_len)
{
	struct ffah_sri sri;
	struct ffa_regs r;
	int ret;

	if (!d->host.notif_enabled)
		return step_skip(why, why_len, "notifications are not set up");

	ffa_regs_clear(&r, FFA_NOTIFICATION_SET);
	r.x[1] = ffa_sender_receiver(DEMO_SP_ID, FFA_HOST_ID);
	r.x[3] = UINT32_C(1) << DEMO_NOTIF_TO_HOST;
	ret = demo_sp_call(d, &r, "FFA_NOTIFICATION_SET", why, why_len);
	if (ret)
		return ret;
	if (!sim_take_sri(d->sim)) {
		snprintf(why, why_len, "no schedule receiver interrupt after the partition's SET");
		return 1;
	}
	printf("   SRI (interrupt ID %" PRIu32 ") taken: the host's handler runs\n",
	       d->host.sri_intid);

	memset(&sri, 0, sizeof(sri));
	ret = ffah_handle_sri(&d->host, &sri);
	if (ret)
		return ret;
	printf("   host got: sp=0x%" PRIx64 " spm=0x%" PRIx32 " in %" PRIu32 " GET(s)\n",
	       sri.got.sp, sri.got.spm, sri.gets);
	if (sri.got.sp != UINT64_C(1) << DEMO_NOTIF_TO_HOST) {
		snprintf(why, why_len, "the host got SP notifications 0x%" PRIx64 ", not bit %d",
			 sri.got.sp, DEMO_NOTIF_TO_HOST);
		return 1;
	}
	return 0;
}

/*
 * Host -> partition: the partition binds ID 5 to the host (sender 0), the
 * host sets it, the partition's GET sees it in its VM bitmap.
 */
static int step_notif_to_sp(struct demo *d, char *why, size_t why_len)
{
	struct ffa_regs r;
	uint64_t vm;
	int ret;

	if (!d->host.notif_enabled)
		return step_skip(why, why_len, "notifications are not set up");

	ffa_regs_clear(&r, FFA_NOTIFICATION_BIND);
	r.x[1] = ffa_sender_receiver(FFA_HOST_ID, DEMO_SP_ID);
	r.x[3] = UINT32_C(1) << DEMO_NOTIF_TO_SP;
	ret = demo_sp_call(d, &r, "FFA_NOTIFICATION_BIND", why, why_len);
	if (ret)
		return ret;

	ret = ffah_notification_set(&d->host, DEMO_SP_ID, false, 0,
				    UINT64_C(1) << DEMO_NOTIF_TO_SP);
	if (ret)
		return ret;

	ffa_regs_clear(&r, FFA_NOTIFICATION_GET);
	r.x[1] = DEMO_SP_ID; /* vCPU 0 */
	r.x[2] = FFA_NOTIFICATION_GET_VM;
	ret = demo_sp_call(d, &r, "FFA_NOTIFICATION_GET", why, why_len);
	if (ret)
		return ret;
	vm = ffa_w(&r, 4) | ((uint64_t)ffa_w(&r, 5) << 32);
	if (vm != UINT64_C(1) << DEMO_NOTIF_TO_SP) {
		snprintf(why, why_len,
			 "the partition got VM notifications 0x%" PRIx64 ", not bit %d", vm,
			 DEMO_NOTIF_TO_SP);
		return 1;
	}
	printf("   partition got: vm=0x%" PRIx64 "\n", vm);
	return 0;
}

/* Where the memory steps look for free host pages: 1 MiB into host RAM. */
#define DEMO_MEM_OFFSET UINT64_C(0x100000)
/* Pages the memory steps use: ranges of 2 and 1 pages around a gap page. */
#define DEMO_MEM_PAGES 4

static const char *const demo_page_state_names[] = {
	[FV_PAGE_HOST] = "host",
	[FV_PAGE_SHARED] = "shared",
	[FV_PAGE_LENT] = "lent",
	[FV_PAGE_DONATED] = "donated",
	[FV_PAGE_HYP] = "hyp",
	[FV_PAGE_PINNED] = "pinned",
	[FV_PAGE_NONE] = "none",
};

/* The memory steps need partition 0x8001 and a mapped TX buffer. */
static const char *demo_mem_unsupported(const struct demo *d)
{
	if (!demo_find_part(d, DEMO_SP_ID))
		return "no partition 0x8001 in this world";
	if (!d->host.rxtx_pages || !d->host.id_valid)
		return "the host has no TX buffer for the descriptor";
	return NULL;
}

/* A run of DEMO_MEM_PAGES free host pages, preferably 1 MiB into host RAM. */
static int demo_mem_base(struct demo *d, uint64_t *base)
{
	struct sim *s = d->sim;

	if (!sim_find_host_pages(s, s->ram_base + DEMO_MEM_OFFSET, DEMO_MEM_PAGES, base))
		return 0;
	return sim_find_host_pages(s, s->ram_base, DEMO_MEM_PAGES, base);
}

/* One line with the state of each page of [@base, + DEMO_MEM_PAGES pages). */
static void demo_print_pages(struct demo *d, uint64_t base, const char *when)
{
	unsigned int i;

	printf("   pages %s:", when);
	for (i = 0; i < DEMO_MEM_PAGES; i++) {
		uint64_t pa = base + (uint64_t)i * FFA_PAGE_SIZE;

		printf(" 0x%" PRIx64 "=%s", pa, demo_page_state_names[sim_page_state(d->sim, pa)]);
	}
	printf("\n");
}

/* Every page of [@base, + DEMO_MEM_PAGES) is in its state of @want, or @why says which is not. */
static int demo_check_pages(struct demo *d, uint64_t base, const enum fv_page_state *want,
			    const char *when, char *why, size_t why_len)
{
	unsigned int i;

	for (i = 0; i < DEMO_MEM_PAGES; i++) {
		uint64_t pa = base + (uint64_t)i * FFA_PAGE_SIZE;
		enum fv_page_state st = sim_page_state(d->sim, pa);

		if (st != want[i]) {
			snprintf(why, why_len, "%s page 0x%" PRIx64 " is %s, not %s", when, pa,
				 demo_page_state_names[st], demo_page_state_names[want[i]]);
			return 1;
		}
	}
	return 0;
}

/*
 * What the partition found in its RX buffer after FFA_MEM_RETRIEVE_RESP:
 * the descriptor at the model's version, read back with the codec (the
 * model's partition has released the buffer again, which leaves the bytes).
 */
static void demo_print_retrieved(struct demo *d, const struct ffa_regs *r)
{
	const struct spmc_partition *sp = spmc_find_partition(&d->sim->spmc, DEMO_SP_ID);
	struct ffa_composite_mem_region c;
	struct ffa_mem_desc desc;
	struct ffa_mem_emad e;
	uint32_t len = ffa_w(r, 2);

	if (!sp || len > sizeof(sp->rx) ||
	    ffa_mem_desc_read(sp->rx, len, d->sim->spmc.version, &desc) ||
	    ffa_mem_desc_emad(sp->rx, &desc, 0, &e) ||
	    ffa_mem_desc_composite(sp->rx, len, e.composite_offset, ffa_mem_desc_emads_end(&desc),
				   &c))
		return;
	printf("   partition 0x%04x sees: sender 0x%04x, attributes 0x%x, its access 0x%x, "
	       "%" PRIu32 " constituent(s), %" PRIu32 " page(s)\n",
	       (unsigned int)DEMO_SP_ID, (unsigned int)desc.sender_id,
	       (unsigned int)desc.attributes, (unsigned int)e.permissions, c.constituent_count,
	       c.total_page_count);
}

/*
 * FFA_MEM_SHARE of two discontiguous ranges (2 pages, a gap, 1 page) with
 * 0x8001, read-write; the partition retrieves the memory; the host's
 * RECLAIM is refused while the partition holds it; the partition
 * relinquishes; the host reclaims and owns every page again.
 */
static int step_mem_share(struct demo *d, char *why, size_t why_len)
{
	static const struct ffah_mem_receiver rx = { DEMO_SP_ID, FFA_DATA_ACCESS_RW };
	static const enum fv_page_state host[DEMO_MEM_PAGES] = {
		FV_PAGE_HOST, FV_PAGE_HOST, FV_PAGE_HOST, FV_PAGE_HOST,
	};
	static const enum fv_page_state shared[DEMO_MEM_PAGES] = {
		FV_PAGE_SHARED, FV_PAGE_SHARED, FV_PAGE_HOST, FV_PAGE_SHARED,
	};
	const char *unsupported = demo_mem_unsupported(d);
	struct ffa_mem_range ranges[2];
	uint64_t base, handle = 0;
	struct ffa_regs r;
	int ret;

	if (unsupported)
		return step_skip(why, why_len, unsupported);
	if (demo_mem_base(d, &base))
		return step_skip(why, why_len, "no 4 free pages in host RAM");
	memset(ranges, 0, sizeof(ranges));
	ranges[0].address = base;
	ranges[0].page_count = 2;
	ranges[1].address = base + 3 * FFA_PAGE_SIZE;
	ranges[1].page_count = 1;

	demo_print_pages(d, base, "before");
	printf("   host shares 0x%" PRIx64 "+2 pages and 0x%" PRIx64
	       "+1 page with 0x%04x, read-write\n",
	       ranges[0].address, ranges[1].address, (unsigned int)DEMO_SP_ID);
	ret = ffah_mem_share(&d->host, &rx, 1, ranges, 2, &handle);
	if (ret)
		return ret;
	printf("   shared: handle 0x%" PRIx64 "\n", handle);
	demo_print_pages(d, base, "after FFA_MEM_SHARE");
	if (demo_check_pages(d, base, shared, "after the share", why, why_len))
		return 1;

	fv_plat_sp_retrieve(sim_fv_plat(d->sim), DEMO_SP_ID, handle, &r);
	if (ffa_w(&r, 0) != FFA_MEM_RETRIEVE_RESP) {
		snprintf(why, why_len, "the partition's retrieve failed: %s",
			 ffa_w(&r, 0) == FFA_ERROR ? error_text((int32_t)ffa_w(&r, 2))
						   : "bad reply");
		return 1;
	}
	demo_print_retrieved(d, &r);

	ret = ffah_mem_reclaim(&d->host, handle, 0);
	if (ret != FFA_DENIED) {
		snprintf(why, why_len, "RECLAIM while the partition holds the memory: %s, not DENIED",
			 ret ? error_text(ret) : "success");
		return 1;
	}
	printf("   RECLAIM while the partition holds the memory: DENIED\n");
	demo_print_pages(d, base, "after the refused RECLAIM");
	if (demo_check_pages(d, base, shared, "after the refused reclaim", why, why_len))
		return 1;

	fv_plat_sp_relinquish(sim_fv_plat(d->sim), DEMO_SP_ID, handle, &r);
	if (!ffa_is_success(&r)) {
		snprintf(why, why_len, "the partition's relinquish failed: %s",
			 ffa_w(&r, 0) == FFA_ERROR ? error_text((int32_t)ffa_w(&r, 2))
						   : "bad reply");
		return 1;
	}
	ret = ffah_mem_reclaim(&d->host, handle, 0);
	if (ret)
		return ret;
	demo_print_pages(d, base, "after FFA_MEM_RECLAIM");
	return demo_check_pages(d, base, host, "after the reclaim", why, why_len);
}

/* FFA_MEM_LEND of the gap page to 0x8001: the host loses it until it reclaims it. */
static int step_mem_lend(struct demo *d, char *why, size_t why_len)
{
	static const struct ffah_mem_receiver rx = { DEMO_SP_ID, FFA_DATA_ACCESS_RW };
	static const enum fv_page_state host[DEMO_MEM_PAGES] = {
		FV_PAGE_HOST, FV_PAGE_HOST, FV_PAGE_HOST, FV_PAGE_HOST,
	};
	static const enum fv_page_state lent[DEMO_MEM_PAGES] = {
		FV_PAGE_HOST, FV_PAGE_HOST, FV_PAGE_LENT, FV_PAGE_HOST,
	};
	const char *unsupported = demo_mem_unsupported(d);
	struct ffa_mem_range range;
	uint64_t base, handle = 0;
	int ret;

	if (unsupported)
		return step_skip(why, why_len, unsupported);
	if (demo_mem_base(d, &base))
		return step_skip(why, why_len, "no 4 free pages in host RAM");
	memset(&range, 0, sizeof(range));
	range.address = base + 2 * FFA_PAGE_SIZE;
	range.page_count = 1;

	printf("   host lends 0x%" PRIx64 "+1 page to 0x%04x, read-write\n", range.address,
	       (unsigned int)DEMO_SP_ID);
	ret = ffah_mem_lend(&d->host, &rx, 1, &range, 1, &handle);
	if (ret)
		return ret;
	printf("   lent: handle 0x%" PRIx64 "\n", handle);
	demo_print_pages(d, base, "after FFA_MEM_LEND");
	if (demo_check_pages(d, base, lent, "after the lend", why, why_len))
		return 1;
	ret = ffah_mem_reclaim(&d->host, handle, 0);
	if (ret)
		return ret;
	demo_print_pages(d, base, "after FFA_MEM_RECLAIM");
	return demo_check_pages(d, base, host, "after the reclaim", why, why_len);
}

/*
 * The demo sequence. Each step runs even if an earlier one failed, unless
 * it needs what that step set up (the version): a failed probe stops it.
 * A step the world cannot support (REQ2 below FF-A 1.2, notifications with
 * an FF-A 1.0 secure world) is reported as skipped, not failed.
 */
static const struct demo_step demo_steps[] = {
	{ "probe, as the Linux arm_ffa driver does", step_probe },
	{ "partition information through the RX buffer", step_partition_info_rx },
	{ "direct message: FFA_MSG_SEND_DIRECT_REQ_64 to 0x8001, echoed", step_direct_req },
	{ "direct message: FFA_MSG_SEND_DIRECT_REQ2 to 0x8001's UUID, echoed",
	  step_direct_req2 },
	{ "notifications: set-up as the driver does, bind 0x8001 -> host ID 2",
	  step_notif_setup },
	{ "notifications: 0x8001 sets ID 2, SRI, host INFO_GET + GET", step_notif_to_host },
	{ "notifications: 0x8001 binds ID 5 to the host, host sets it", step_notif_to_sp },
	{ "memory: share 2 discontiguous ranges with 0x8001 (RW), retrieve, relinquish, reclaim",
	  step_mem_share },
	{ "memory: lend 1 page to 0x8001, reclaim", step_mem_lend },
};

static void format_uuid(const struct ffa_uuid *u, char *buf, size_t len)
{
	const uint8_t *b = u->b;

	snprintf(buf, len, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
		 b[13], b[14], b[15]);
}

static void format_properties(uint32_t props, char *buf, size_t len)
{
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {
		{ FFA_PART_PROP_DIRECT_REQ_RECV, "direct-req" },
		{ FFA_PART_PROP_DIRECT_REQ_SEND, "direct-req-send" },
		{ FFA_PART_PROP_INDIRECT_MSG, "indirect" },
		{ FFA_PART_PROP_NOTIFICATION, "notify" },
		{ FFA_PART_PROP_AARCH64, "aarch64" },
		{ FFA_PART_PROP_DIRECT_REQ2_RECV, "direct-req2" },
		{ FFA_PART_PROP_DIRECT_REQ2_SEND, "direct-req2-send" },
	};
	size_t used = 0, i;

	buf[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int n;

		if (!(props & names[i].bit))
			continue;
		n = snprintf(buf + used, len - used, "%s%s", used ? "," : "", names[i].name);
		if (n < 0 || (size_t)n >= len - used)
			return;
		used += (size_t)n;
	}
	if (!used)
		snprintf(buf, len, "none");
}

static void print_world(const struct sim *sim)
{
	const struct fv_world *w = &sim->world;

	if (w->spmc.version)
		printf("world: SPMC version %" PRIu32 ".%" PRIu32 ", %u partition(s)",
		       ffa_version_major(w->spmc.version), ffa_version_minor(w->spmc.version),
		       w->spmc.partition_count);
	else
		printf("world: SPMC without FF-A, %u partition(s)", w->spmc.partition_count);
	printf("; host RAM 0x%" PRIx64 "-0x%" PRIx64 " (%" PRIu64 " KiB, %u protected range(s));"
	       " proxy mailbox %" PRIu32 "+%" PRIu32 " page(s) at 0x%" PRIx64 "\n",
	       sim->ram_base, sim->ram_base + sim->ram_size - 1, sim->ram_size >> 10,
	       w->protected_count, w->mbox_pages, w->mbox_pages, sim->hyp_base);
}

static void print_summary(const struct demo *d)
{
	const struct ffah *h = &d->host;
	char uuid[40], props[128];
	uint32_t i;

	printf("-- summary\n");
	if (!h->version) {
		printf("no FF-A version negotiated\n");
		return;
	}
	printf("FF-A version %" PRIu32 ".%" PRIu32 ", own ID 0x%04x\n",
	       ffa_version_major(h->version), ffa_version_minor(h->version), (unsigned int)h->id);
	if (h->rxtx_pages)
		printf("RX/TX buffers: %" PRIu32 " page(s) each, TX 0x%" PRIx64 ", RX 0x%" PRIx64
		       " (FFA_FEATURES: minimum %" PRIu32 " page(s), maximum %" PRIu32 "%s)\n",
		       h->rxtx_pages, h->buf.tx_pa, h->buf.rx_pa, h->rxtx_min_pages,
		       h->rxtx_max_pages, h->rxtx_max_pages ? "" : " = unspecified");
	else
		printf("RX/TX buffers: not mapped\n");
	printf("features: 64-bit memory calls %s, FFA_MSG_SEND_DIRECT_REQ2 %s, "
	       "FFA_PARTITION_INFO_GET_REGS %s\n",
	       (h->features & FFAH_FEAT_MEM_OPS_64) ? "yes" : "no",
	       (h->features & FFAH_FEAT_DIRECT_REQ2) ? "yes" : "no",
	       (h->features & FFAH_FEAT_PARTITION_INFO_REGS) ? "yes" : "no");
	printf("partitions: %" PRIu32 "\n", d->part_count);
	for (i = 0; i < d->part_count && i < DEMO_MAX_PARTS; i++) {
		const struct ffa_partition_info *p = &d->parts[i];

		format_uuid(&p->uuid, uuid, sizeof(uuid));
		format_properties(p->properties, props, sizeof(props));
		printf("  0x%04x  uuid=%s  ctx=%u  props=0x%" PRIx32 " (%s)\n", (unsigned int)p->id,
		       uuid, (unsigned int)p->exec_ctx_count, p->properties, props);
	}
}

/* Host RX/TX buffers: a free run of host pages, preferably at RAM + 0x20000. */
static int demo_buffers(struct sim *sim, struct ffah_buffers *bufs)
{
	uint64_t bytes = (uint64_t)DEMO_BUF_PAGES * FFA_PAGE_SIZE;
	uint64_t pa;

	if (sim_find_host_pages(sim, sim->ram_base + DEMO_BUF_OFFSET, 2 * DEMO_BUF_PAGES, &pa) &&
	    sim_find_host_pages(sim, sim->ram_base, 2 * DEMO_BUF_PAGES, &pa))
		return -1;
	bufs->tx_pa = pa;
	bufs->rx_pa = pa + bytes;
	bufs->tx = sim_host_ptr(sim, bufs->tx_pa, bytes);
	bufs->rx = sim_host_ptr(sim, bufs->rx_pa, bytes);
	bufs->pages = DEMO_BUF_PAGES;
	return bufs->tx && bufs->rx ? 0 : -1;
}

static int cmd_run(int argc, char **argv)
{
	const size_t step_count = sizeof(demo_steps) / sizeof(demo_steps[0]);
	const char *world_file = NULL;
	struct ffah_buffers bufs;
	char err[FV_MSG_MAX];
	struct fv_world w;
	struct demo *d;
	size_t passed = 0, skipped = 0, i;
	bool log = false, invariants_ok;
	int i_arg, status;

	for (i_arg = 0; i_arg < argc; i_arg++) {
		if (!strcmp(argv[i_arg], "--log"))
			log = true;
		else if (argv[i_arg][0] == '-' && argv[i_arg][1])
			return usage_error("run: unknown option '%s'", argv[i_arg]);
		else if (world_file)
			return usage_error("run: more than one world file");
		else
			world_file = argv[i_arg];
	}

	if (world_file) {
		char *text;
		size_t len;
		int ret;

		if (read_file(world_file, &text, &len)) {
			fprintf(stderr, "ffa-sim: cannot read %s: %s\n", world_file,
				strerror(errno));
			return EXIT_FAILED;
		}
		ret = fv_parse_world(world_file, text, len, &w, err, sizeof(err));
		free(text);
		if (ret) {
			fprintf(stderr, "ffa-sim: %s\n", err);
			return EXIT_FAILED;
		}
	} else {
		fv_world_default(&w);
	}

	d = calloc(1, sizeof(*d));
	if (!d || !(d->sim = sim_create())) {
		free(d);
		fprintf(stderr, "ffa-sim: out of memory\n");
		return EXIT_FAILED;
	}
	sim_set_trace(d->sim, print_trace, NULL);
	if (log)
		sim_set_log(d->sim, print_log, NULL);

	printf("-- proxy start (ffap_init)\n");
	if (sim_world_start(d->sim, &w, err, sizeof(err))) {
		fprintf(stderr, "ffa-sim: %s: %s\n", world_file ? world_file : "default world",
			err);
		sim_destroy(d->sim);
		free(d);
		return EXIT_FAILED;
	}
	print_world(d->sim);
	if (demo_buffers(d->sim, &bufs)) {
		fprintf(stderr, "ffa-sim: no room in host RAM for the host's RX/TX buffers\n");
		sim_destroy(d->sim);
		free(d);
		return EXIT_FAILED;
	}
	ffah_init(&d->host, sim_ffah_plat(d->sim), &bufs);
	printf("host buffers: TX 0x%" PRIx64 ", RX 0x%" PRIx64 ", %" PRIu32 " page(s) each\n",
	       bufs.tx_pa, bufs.rx_pa, bufs.pages);

	for (i = 0; i < step_count; i++) {
		char why[FV_MSG_MAX] = "";
		int ret;

		printf("-- step %zu/%zu: %s\n", i + 1, step_count, demo_steps[i].name);
		ret = demo_steps[i].run(d, why, sizeof(why));
		if (!ret) {
			printf("-- step %zu/%zu: ok\n", i + 1, step_count);
			passed++;
			continue;
		}
		if (ret == STEP_SKIPPED) {
			printf("-- step %zu/%zu: skipped: %s\n", i + 1, step_count, why);
			skipped++;
			continue;
		}
		if (ret > 0)
			printf("-- step %zu/%zu: FAILED: %s\n", i + 1, step_count, why);
		else
			printf("-- step %zu/%zu: FAILED: %s (%d)\n", i + 1, step_count,
			       error_text(ret), ret);
		/* Without a negotiated version nothing later can work. */
		if (!d->host.version)
			break;
	}

	print_summary(d);
	invariants_ok = !sim_check_invariants(d->sim, err, sizeof(err));
	if (invariants_ok)
		printf("invariants: hold\n");
	else
		printf("invariants: VIOLATED: %s\n", err);
	if (skipped)
		printf("result: %zu of %zu steps passed, %zu skipped\n", passed, step_count,
		       skipped);
	else
		printf("result: %zu of %zu steps passed\n", passed, step_count);

	status = passed + skipped == step_count && invariants_ok ? EXIT_SUCCESS : EXIT_FAILED;
	sim_destroy(d->sim);
	free(d);
	return status;
}

/* ---------------------------------------------------------------------- */
/* ffa-sim decode                                                         */
/* ---------------------------------------------------------------------- */

/* "xN=V" or "wN=V" into @r; -1 when malformed. */
static int parse_register(const char *arg, struct ffa_regs *r)
{
	const char *eq = strchr(arg, '=');
	bool wide = arg[0] == 'x' || arg[0] == 'X';
	unsigned long n;
	uint64_t v;
	char *end;

	if (!eq || (!wide && arg[0] != 'w' && arg[0] != 'W') || arg[1] < '0' || arg[1] > '9')
		return -1;
	errno = 0;
	n = strtoul(arg + 1, &end, 10);
	if (errno || end != eq || n >= FFA_REG_COUNT)
		return -1;
	if (parse_value(eq + 1, &v))
		return -1;
	if (!wide) {
		/* A 32-bit value, or a negative one that sign-extends from 32 bits. */
		if (v > UINT32_MAX && !((int64_t)v < 0 && (int64_t)v >= INT32_MIN))
			return -1;
		v = (uint32_t)v;
	}
	r->x[n] = v;
	return 0;
}

static int cmd_decode(int argc, char **argv)
{
	char line[FV_MSG_MAX];
	struct ffa_regs r;
	uint64_t reply_to = 0;
	bool is_reply = false, have_x0 = false;
	int i;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--reply-to")) {
			if (++i == argc)
				return usage_error("decode: --reply-to needs a function ID");
			if (parse_value(argv[i], &reply_to) || reply_to > UINT32_MAX)
				return usage_error("decode: bad function ID '%s'", argv[i]);
			is_reply = true;
		} else if (!strncmp(a, "--reply-to=", 11)) {
			if (parse_value(a + 11, &reply_to) || reply_to > UINT32_MAX)
				return usage_error("decode: bad function ID '%s'", a + 11);
			is_reply = true;
		} else if (strchr(a, '=')) {
			if (parse_register(a, &r))
				return usage_error(
					"decode: bad register operand '%s' (xN=V or wN=V, N 0-17)",
					a);
			if (a[1] == '0' && a[2] == '=')
				have_x0 = true;
		} else if (!have_x0) {
			/* A bare value: the function ID, as in `call FID ...`. */
			if (parse_value(a, &r.x[0]))
				return usage_error("decode: bad value '%s'", a);
			have_x0 = true;
		} else {
			return usage_error("decode: unexpected '%s'", a);
		}
	}
	if (!argc)
		return usage_error("decode: no registers given");

	if (is_reply)
		fv_decode_reply((uint32_t)reply_to, &r, line, sizeof(line));
	else
		fv_decode_call(&r, line, sizeof(line));
	puts(line);
	return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2)
		return usage_error("no command given");
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage_text, stdout);
		return EXIT_SUCCESS;
	}
	if (!strcmp(cmd, "vectors"))
		return cmd_vectors(argc - 2, argv + 2);
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(cmd, "decode"))
		return cmd_decode(argc - 2, argv + 2);
	return usage_error("unknown command '%s'", cmd);
}
