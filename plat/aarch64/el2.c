/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64: the hypervisor at EL2. The trap glue hands the host's SMCs
 * (HCR_EL2.TSC, exception class 0x17) to the proxy core, the same sources
 * as the build machine's; the proxy's platform hooks move host pages in and
 * out of a real stage-2 map (stage2.c) and reach the secure world with
 * `smc #0` to the EL3 monitor.
 *
 * For the vector platform EL2 also answers a private HVC test ABI from EL1
 * (qemu_virt.h, TA_*): world start, the record of secure calls, fault
 * injection, page states and the ownership invariants of plat/sim (P1-P3,
 * M1-M4, H1-H3), to which it adds S1: stage 2 maps a host page exactly
 * when its state lets the host access it.
 */
#include <ffaproxy/proxy.h>

#include "console.h"
#include "qemu_virt.h"
#include "stage2.h"
#ifdef QV_LINUX_HOST
#include "linux/linux_host.h"
#endif

/* clang-format off */
#define EL2_MAX_SECURE_CALLS	256
#define EL2_MAX_FAULTS		8
#define EL2_PROXY_RANGES	16384
#define EL2_MBOX_MAX_PAGES	FFA_RXTX_MAP_PAGE_COUNT_MASK
#define EL2_PIN_RECORD_MAX	16
#define EL2_WHY_MAX		256
#define WINDOW_PAGES		(HOST_WINDOW_SIZE / FFA_PAGE_SIZE)
/* clang-format on */

/* The state of each page of the host RAM window, as EL2 tracks it. */
enum el2_page {
	EL2_PAGE_NONE, /* not host RAM of the running world */
	EL2_PAGE_HOST,
	EL2_PAGE_SHARED,
	EL2_PAGE_LENT,
	EL2_PAGE_DONATED,
	EL2_PAGE_HYP,
	EL2_PAGE_PINNED,
};

struct ffap_plat {
	char unused;
};

struct el2_fault {
	unsigned int countdown;
	int32_t error;
};

struct el2_range {
	uint64_t base;
	uint64_t pages;
};

struct el2 {
	struct ffap proxy;
	struct ffap_plat plat;
	bool started;
	struct fv_world world;
	uint64_t ram_base;
	uint64_t ram_pages;
	uint8_t page[WINDOW_PAGES];
	uint8_t claims[WINDOW_PAGES];

	struct ffa_regs secure_calls[EL2_MAX_SECURE_CALLS];
	size_t secure_call_count;
	struct el2_fault faults[EL2_MAX_FAULTS];
	unsigned int lock_depth;
	bool rx_release_refused;
	char violation[EL2_WHY_MAX];

	/* Host pages the proxy could write (its RX buffer): zeroed at the next world. */
	struct el2_range pinned[EL2_PIN_RECORD_MAX];
	unsigned int pinned_count;
	bool pinned_overflow;

	/* Stage-2 faults taken from EL1 on host RAM (counted, the access skipped). */
	uint64_t s2_faults;
	uint64_t s2_last_ipa;

	struct ta_world_msg msg; /* EL1's TA_WORLD_START argument, copied */
};

static struct el2 el2;
static uint8_t el2_mbox[2 * EL2_MBOX_MAX_PAGES * FFA_PAGE_SIZE] __attribute__((aligned(4096)));
static struct ffap_mem_range el2_ranges[EL2_PROXY_RANGES];

/* Arguments to EL3 that do not fit registers (el3.c copies them). */
struct ta_el3_msg el2_el3_msg;

/* The EL1 image, embedded by el1_blob.S. */
extern const uint8_t el1_image[];
extern const uint8_t el1_image_end[];

void el2_smc(struct ffa_regs *regs);
uint64_t el2_init(void);
void el2_handle_sync(uint64_t *frame);
void el2_report_unexpected(uint64_t slot, uint64_t esr, uint64_t elr);

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */
/* ---------------------------------------------------------------------- */

static void el2_violation(const char *what, uint64_t value)
{
	struct text t;

	if (el2.violation[0])
		return;
	text_init(&t, el2.violation, sizeof(el2.violation));
	text_puts(&t, what);
	text_puts(&t, " ");
	text_hex(&t, value);
}

static const char *el2_page_name(enum el2_page st)
{
	switch (st) {
	case EL2_PAGE_NONE:
		return "none";
	case EL2_PAGE_HOST:
		return "host";
	case EL2_PAGE_SHARED:
		return "shared";
	case EL2_PAGE_LENT:
		return "lent";
	case EL2_PAGE_DONATED:
		return "donated";
	case EL2_PAGE_HYP:
		return "hyp";
	case EL2_PAGE_PINNED:
		return "pinned";
	}
	return "?";
}

static uint64_t el2_index(uint64_t pa)
{
	return (pa - HOST_WINDOW_BASE) / FFA_PAGE_SIZE;
}

/* Whether [@pa, +@pages pages) is host RAM of the running world. Overflow-checked. */
static bool el2_ram_range(uint64_t pa, uint64_t pages)
{
	uint64_t bytes, end;

	if (!el2.started || pa < el2.ram_base || (pa & (FFA_PAGE_SIZE - 1)))
		return false;
	if (ffa_mul_overflow(pages, (uint64_t)FFA_PAGE_SIZE, &bytes) ||
	    ffa_add_overflow(pa, bytes, &end))
		return false;
	return end <= el2.ram_base + el2.ram_pages * FFA_PAGE_SIZE;
}

/* EL1 memory named by the test ABI: inside the EL1 region, or NULL. */
static void *el2_el1_ptr(uint64_t ipa, uint64_t len)
{
	uint64_t end;

	if (ffa_add_overflow(ipa, len, &end) || ipa < EL1_BASE ||
	    end > (uint64_t)EL1_BASE + EL1_SIZE)
		return NULL;
	return (void *)(uintptr_t)ipa;
}

static bool el2_is_protected(uint64_t pa)
{
	unsigned int r;

	for (r = 0; r < el2.world.protected_count; r++) {
		const struct fv_range *p = &el2.world.protected[r];

		if (pa >= p->base && (pa - p->base) / FFA_PAGE_SIZE < p->pages)
			return true;
	}
	return false;
}

/* ---------------------------------------------------------------------- */
/* Proxy hooks (include/ffaproxy/platform.h)                              */
/* ---------------------------------------------------------------------- */

static bool el2_call_may_block(uint32_t fid)
{
	fid &= ~SMCCC_SVE_HINT;
	return fid == FFA_MSG_SEND_DIRECT_REQ_32 || fid == FFA_MSG_SEND_DIRECT_REQ_64 ||
	       fid == FFA_MSG_SEND_DIRECT_REQ2 || fid == FFA_RUN;
}

static bool el2_take_fault(int32_t *error)
{
	bool fired = false;
	unsigned int i;

	for (i = 0; i < EL2_MAX_FAULTS; i++) {
		struct el2_fault *f = &el2.faults[i];

		if (!f->countdown)
			continue;
		if (--f->countdown == 0 && !fired) {
			*error = f->error;
			fired = true;
		}
	}
	return fired;
}

void ffap_plat_secure_call(struct ffap_plat *plat, struct ffa_regs *regs)
{
	uint32_t fid = ffa_w(regs, 0);
	int32_t error = 0;

	(void)plat;
	/* The record keeps the call as issued, whatever answers it. */
	if (el2.secure_call_count < EL2_MAX_SECURE_CALLS)
		el2.secure_calls[el2.secure_call_count++] = *regs;
	else
		el2_violation("more secure-world calls during one host call than recorded:",
			      EL2_MAX_SECURE_CALLS);
	/* H2 */
	if (el2.lock_depth && el2_call_may_block(fid))
		el2_violation("reached the secure world with the proxy lock held: call", fid);

	if (el2_take_fault(&error))
		ffa_set_error(regs, error);
	else
		el2_smc(regs);
#ifdef QV_LINUX_HOST
	/* The Linux host's trace: the call as issued (kept above) and its answer. */
	if (el2.secure_call_count <= EL2_MAX_SECURE_CALLS)
		el2_linux_record_secure(&el2.secure_calls[el2.secure_call_count - 1], regs);
#endif

	if ((fid & ~SMCCC_SVE_HINT) == FFA_RX_RELEASE && !ffa_is_success(regs))
		el2.rx_release_refused = true;
}

static bool el2_ffap_state_valid(enum ffap_page_state st)
{
	return st == FFAP_PAGE_HOST || st == FFAP_PAGE_SHARED || st == FFAP_PAGE_LENT ||
	       st == FFAP_PAGE_DONATED;
}

static enum el2_page el2_from_ffap_state(enum ffap_page_state st)
{
	switch (st) {
	case FFAP_PAGE_HOST:
		return EL2_PAGE_HOST;
	case FFAP_PAGE_SHARED:
		return EL2_PAGE_SHARED;
	case FFAP_PAGE_LENT:
		return EL2_PAGE_LENT;
	case FFAP_PAGE_DONATED:
		return EL2_PAGE_DONATED;
	}
	return EL2_PAGE_HYP;
}

/* The host loses access to lent and donated pages; it keeps shared ones. */
static bool el2_host_may_access(enum el2_page st)
{
	return st == EL2_PAGE_HOST || st == EL2_PAGE_SHARED || st == EL2_PAGE_PINNED;
}

int ffap_plat_host_transition(struct ffap_plat *plat, uint64_t pa, uint64_t pages,
			      enum ffap_page_state from, enum ffap_page_state to)
{
	uint64_t first, bytes, end, i;
	enum el2_page want_from, want_to;

	(void)plat;
	/* H3: an aligned, non-empty range that does not wrap. */
	if (!pages || (pa & (FFA_PAGE_SIZE - 1)) ||
	    ffa_mul_overflow(pages, (uint64_t)FFA_PAGE_SIZE, &bytes) ||
	    ffa_add_overflow(pa, bytes, &end)) {
		el2_violation("host_transition: malformed range at", pa);
		return FFA_DENIED;
	}
	/* H3: only HOST -> SHARED/LENT/DONATED and back. */
	if (!el2_ffap_state_valid(from) || !el2_ffap_state_valid(to) || from == to ||
	    (from != FFAP_PAGE_HOST && to != FFAP_PAGE_HOST)) {
		el2_violation("host_transition: not a HOST <-> X transition at", pa);
		return FFA_DENIED;
	}
	if (!el2_ram_range(pa, pages))
		return FFA_DENIED;

	/* All or nothing: check every page before changing one. */
	want_from = el2_from_ffap_state(from);
	want_to = el2_from_ffap_state(to);
	first = el2_index(pa);
	for (i = 0; i < pages; i++)
		if (el2.page[first + i] != want_from)
			return FFA_DENIED;
	for (i = 0; i < pages; i++)
		el2.page[first + i] = (uint8_t)want_to;

	if (el2_host_may_access(want_from) && !el2_host_may_access(want_to))
		s2_host_unmap(pa, pages);
	else if (!el2_host_may_access(want_from) && el2_host_may_access(want_to))
		s2_host_map(pa, pages);
	return 0;
}

int ffap_plat_host_pin(struct ffap_plat *plat, uint64_t pa, uint64_t pages, void **va)
{
	uint64_t first, i;

	(void)plat;
	*va = NULL;
	if (!pages || !el2_ram_range(pa, pages))
		return FFA_INVALID_PARAMETERS;
	first = el2_index(pa);
	for (i = 0; i < pages; i++)
		if (el2.page[first + i] != EL2_PAGE_HOST)
			return FFA_INVALID_PARAMETERS;
	for (i = 0; i < pages; i++)
		el2.page[first + i] = EL2_PAGE_PINNED;

	/* The proxy writes the host's RX buffer: clean it before the next world. */
	if (el2.pinned_count < EL2_PIN_RECORD_MAX) {
		el2.pinned[el2.pinned_count].base = pa;
		el2.pinned[el2.pinned_count].pages = pages;
		el2.pinned_count++;
	} else {
		el2.pinned_overflow = true;
	}
	/* EL2 runs with its MMU off: the page's physical address is its address. */
	*va = (void *)(uintptr_t)pa;
	return 0;
}

void ffap_plat_host_unpin(struct ffap_plat *plat, uint64_t pa, uint64_t pages)
{
	uint64_t first, i;

	(void)plat;
	if (!pages || !el2_ram_range(pa, pages)) {
		el2_violation("host_unpin: not host RAM:", pa);
		return;
	}
	first = el2_index(pa);
	for (i = 0; i < pages; i++) {
		if (el2.page[first + i] != EL2_PAGE_PINNED) {
			el2_violation("host_unpin: page not pinned:", pa + i * FFA_PAGE_SIZE);
			return;
		}
	}
	for (i = 0; i < pages; i++)
		el2.page[first + i] = EL2_PAGE_HOST;
}

/* One CPU runs the host: the lock is a depth counter that catches misuse (H1). */
void ffap_plat_lock(struct ffap_plat *plat)
{
	(void)plat;
	if (el2.lock_depth)
		el2_violation("the proxy took its lock while holding it, depth", el2.lock_depth);
	el2.lock_depth++;
}

void ffap_plat_unlock(struct ffap_plat *plat)
{
	(void)plat;
	if (!el2.lock_depth) {
		el2_violation("the proxy released its lock without holding it", 0);
		return;
	}
	el2.lock_depth--;
}

void ffap_plat_log(struct ffap_plat *plat, enum ffap_log_level level, const char *what,
		   uint64_t value)
{
	(void)plat;
	(void)level;
	(void)what;
	(void)value;
}

/* ---------------------------------------------------------------------- */
/* Worlds                                                                 */
/* ---------------------------------------------------------------------- */

static void el2_zero_pages(uint64_t pa, uint64_t pages)
{
	ffa_memset((void *)(uintptr_t)pa, 0, pages * FFA_PAGE_SIZE);
}

/*
 * Zero what the last world can have written in host RAM: pages EL1 wrote
 * (it reports them), the host RX buffers the proxy had pinned, and the
 * proxy's own mailbox; the model's writes are zeroed by EL3. Zeroing all
 * of a 64 MiB RAM per case would dominate the run under TCG.
 */
static void el2_clean(const struct ta_world_msg *m)
{
	uint64_t mbox_bytes = (uint64_t)el2.world.mbox_pages * FFA_PAGE_SIZE;
	unsigned int i;

	if (el2.ram_pages && (el2.pinned_overflow || m->dirty_count > TA_DIRTY_MAX)) {
		el2_zero_pages(el2.ram_base, el2.ram_pages);
	} else {
		for (i = 0; i < el2.pinned_count; i++)
			el2_zero_pages(el2.pinned[i].base, el2.pinned[i].pages);
		for (i = 0; i < m->dirty_count && i < TA_DIRTY_MAX; i++) {
			uint64_t pa = m->dirty[i] & ~(uint64_t)(FFA_PAGE_SIZE - 1);

			if (pa >= HOST_WINDOW_BASE && pa - HOST_WINDOW_BASE < HOST_WINDOW_SIZE)
				el2_zero_pages(pa, 1);
		}
	}
	if (mbox_bytes <= sizeof(el2_mbox) / 2)
		ffa_memset(el2_mbox, 0, 2 * mbox_bytes);
	el2.pinned_count = 0;
	el2.pinned_overflow = false;
}

static int el2_world_start(const struct ta_world_msg *m)
{
	const struct fv_world *w = &m->world;
	uint64_t mbox_bytes, end, i, first;
	struct ffap_config cfg = { 0 };
	struct ffa_regs r;

	el2_clean(m);
	if (el2.ram_pages)
		ffa_memset(&el2.page[el2_index(el2.ram_base)], EL2_PAGE_NONE, el2.ram_pages);
	el2.started = false;
	el2.ram_base = 0;
	el2.ram_pages = 0;
	el2.secure_call_count = 0;
	ffa_memset(el2.faults, 0, sizeof(el2.faults));
	el2.lock_depth = 0;
	el2.rx_release_refused = false;
	el2.violation[0] = '\0';

	if (!w->mem_size || ((w->mem_base | w->mem_size) & (FFA_PAGE_SIZE - 1)) ||
	    ffa_add_overflow(w->mem_base, w->mem_size, &end) || w->mem_base < HOST_WINDOW_BASE ||
	    end > (uint64_t)HOST_WINDOW_BASE + HOST_WINDOW_SIZE)
		return TA_ERR_WINDOW;
	if (!w->mbox_pages || w->mbox_pages > EL2_MBOX_MAX_PAGES ||
	    w->protected_count > FV_MAX_PROTECTED)
		return TA_ERR_ARGS;
	el2.world = *w;
	el2.ram_base = w->mem_base;
	el2.ram_pages = w->mem_size / FFA_PAGE_SIZE;

	first = el2_index(el2.ram_base);
	for (i = 0; i < el2.ram_pages; i++)
		el2.page[first + i] = el2_is_protected(el2.ram_base + i * FFA_PAGE_SIZE) ?
					      EL2_PAGE_HYP :
					      EL2_PAGE_HOST;
	s2_host_reset(el2.ram_base, el2.ram_pages, el2_is_protected);

	/* A fresh SPMC model at EL3 for this world. */
	mbox_bytes = (uint64_t)w->mbox_pages * FFA_PAGE_SIZE;
	ffa_memset(&el2_el3_msg, 0, sizeof(el2_el3_msg));
	el2_el3_msg.spmc = w->spmc;
	el2_el3_msg.ram_base = el2.ram_base;
	el2_el3_msg.ram_size = w->mem_size;
	el2_el3_msg.mbox_base = (uint64_t)(uintptr_t)el2_mbox;
	el2_el3_msg.mbox_size = 2 * mbox_bytes;
	ffa_regs_clear(&r, TA_EL3_MODEL_INIT);
	el2_smc(&r);
	if (r.x[0] != TA_OK)
		return TA_ERR_MODEL;

	/* Hooks run from here on: ffap_init() asks the secure world for its version. */
	el2.started = true;
	cfg.plat = &el2.plat;
	cfg.tx = el2_mbox;
	cfg.rx = el2_mbox + mbox_bytes;
	cfg.tx_pa = (uint64_t)(uintptr_t)el2_mbox;
	cfg.rx_pa = (uint64_t)(uintptr_t)el2_mbox + mbox_bytes;
	cfg.mbox_pages = w->mbox_pages;
	cfg.ranges = el2_ranges;
	cfg.range_count = EL2_PROXY_RANGES;
	if (ffap_init(&el2.proxy, &cfg)) {
		el2.started = false;
		return TA_ERR_PROXY;
	}
	if (el2.lock_depth)
		el2_violation("ffap_init() returned with the proxy lock held, depth",
			      el2.lock_depth);
	return TA_OK;
}

/* ---------------------------------------------------------------------- */
/* The host's SMCs                                                        */
/* ---------------------------------------------------------------------- */

struct el2_ns_mbox {
	bool mapped;
	uint64_t tx_pa;
	uint64_t rx_pa;
	uint32_t pages;
	uint64_t rx_owner;
};

/* The model's view of the non-secure mailbox (the proxy's own), from EL3. */
static void el2_ns_mbox(struct el2_ns_mbox *ns)
{
	struct ffa_regs r;

	ffa_regs_clear(&r, TA_EL3_NS_MBOX);
	el2_smc(&r);
	ns->mapped = r.x[1] != 0;
	ns->tx_pa = r.x[2];
	ns->rx_pa = r.x[3];
	ns->pages = (uint32_t)r.x[4];
	ns->rx_owner = r.x[5];
}

static void el2_host_call(struct ffa_regs *r)
{
	uint32_t fid = ffa_w(r, 0);
	struct el2_ns_mbox before, after;
#ifdef QV_LINUX_HOST
	struct ffa_regs call = *r;
#endif

	el2.secure_call_count = 0;
	el2.rx_release_refused = false;
	if (!el2.started) {
		ffa_regs_clear(r, SMCCC_RET_NOT_SUPPORTED);
		return;
	}
	el2_ns_mbox(&before);
	if (!ffap_handle_call(&el2.proxy, r)) {
#ifdef QV_LINUX_HOST
		/* Not FF-A: PSCI and the SMCCC calls a kernel makes. */
		el2_linux_smc(r);
#else
		/* SMCCC: a call the hypervisor does not implement is unknown: -1. */
		ffa_regs_clear(r, SMCCC_RET_NOT_SUPPORTED);
#endif
	}
#ifdef QV_LINUX_HOST
	else {
		el2_linux_record(fid, &call, r);
	}
#endif
	/* H1 */
	if (el2.lock_depth)
		el2_violation("returned to the host with the proxy lock held: call", fid);
	/* M4 (plat/sim/sim.c) */
	el2_ns_mbox(&after);
	if (before.mapped && before.rx_owner == SPMC_RX_PRODUCER && after.mapped &&
	    after.rx_owner == SPMC_RX_CONSUMER && !el2.rx_release_refused)
		el2_violation("left the proxy's RX buffer full (not released to the SPMC): call",
			      fid);
}

/* ---------------------------------------------------------------------- */
/* Invariants                                                             */
/* ---------------------------------------------------------------------- */

static bool el2_in_host_mailbox(uint64_t pa)
{
	const struct ffap_host_mbox *hm = &el2.proxy.host;
	uint64_t bytes = (uint64_t)hm->pages * FFA_PAGE_SIZE;

	if (!hm->mapped)
		return false;
	return (pa >= hm->tx_pa && pa - hm->tx_pa < bytes) ||
	       (pa >= hm->rx_pa && pa - hm->rx_pa < bytes);
}

static int el2_fail(struct text *t, const char *what, uint64_t pa, enum el2_page st)
{
	text_puts(t, "page ");
	text_hex(t, pa);
	text_puts(t, " is ");
	text_puts(t, el2_page_name(st));
	text_puts(t, ": ");
	text_puts(t, what);
	return -1;
}

/* Claims per page (struct el2.claims), as plat/sim collects them. */
#define EL2_CLAIM_STATE_MASK 0x7u /* the enum el2_page the handle gives */
#define EL2_CLAIM_MULTIPLE 0x80u  /* more than one live handle covers the page */

/*
 * Fill el2.claims from the SPMC model's live memory handles, which EL3
 * reports in batches: each range claims its pages with the state its
 * transaction type gives.
 */
static int el2_collect_claims(struct text *t)
{
	uint64_t first = el2_index(el2.ram_base), next = 0, total, written, i, p;
	struct ffa_regs r;

	ffa_memset(&el2.claims[first], 0, el2.ram_pages);
	do {
		ffa_regs_clear(&r, TA_EL3_MEM_RANGES);
		r.x[1] = next;
		el2_smc(&r);
		total = r.x[1];
		written = r.x[2];
		if (r.x[0] != TA_OK || written > TA_RANGES_MAX) {
			text_puts(t, "EL3 did not report the model's memory handles");
			return -1;
		}
		for (i = 0; i < written; i++) {
			const struct ta_mem_range *m = &el2_el3_msg.ranges[i];
			uint8_t state;

			switch (m->kind) {
			case SPMC_MEM_SHARE:
				state = EL2_PAGE_SHARED;
				break;
			case SPMC_MEM_LEND:
				state = EL2_PAGE_LENT;
				break;
			case SPMC_MEM_DONATE:
				state = EL2_PAGE_DONATED;
				break;
			default:
				text_puts(t, "a live handle has no transaction type: ");
				text_hex(t, m->handle);
				return -1;
			}
			if (!m->pages || !el2_ram_range(m->base, m->pages)) {
				text_puts(t, "a live handle covers memory that is not host RAM: ");
				text_hex(t, m->base);
				return -1;
			}
			for (p = 0; p < m->pages; p++) {
				uint8_t *c = &el2.claims[el2_index(m->base) + p];

				*c = *c ? (uint8_t)(*c | EL2_CLAIM_MULTIPLE) : state;
			}
		}
		next += written;
	} while (written && next < total);
	return 0;
}

/* P1-P3 as plat/sim checks them, and S1. */
static int el2_check_pages(struct text *t)
{
	uint64_t i, first = el2_index(el2.ram_base);

	if (el2_collect_claims(t))
		return -1;
	for (i = 0; i < el2.ram_pages; i++) {
		enum el2_page st = (enum el2_page)el2.page[first + i];
		uint8_t claim = el2.claims[first + i];
		uint64_t pa = el2.ram_base + i * FFA_PAGE_SIZE;

		/* S1: stage 2 agrees with the state. */
		if (s2_host_is_mapped(pa) != el2_host_may_access(st))
			return el2_fail(t,
					el2_host_may_access(st) ?
						"but stage 2 does not map it for the host" :
						"but stage 2 maps it for the host",
					pa, st);
		/* P3: no handle covers a page that cannot be in a transaction. */
		if (claim && (st == EL2_PAGE_HYP || st == EL2_PAGE_PINNED))
			return el2_fail(t, "but a live handle covers it", pa, st);
		/* P1 */
		if (el2_is_protected(pa)) {
			if (st != EL2_PAGE_HYP)
				return el2_fail(t, "protected, not hyp", pa, st);
			continue;
		}
		if (st == EL2_PAGE_HYP)
			return el2_fail(t, "hyp but not protected", pa, st);
		/* P2 */
		if (el2_in_host_mailbox(pa)) {
			if (st != EL2_PAGE_PINNED)
				return el2_fail(t, "in the host RX/TX pair the proxy mapped, not pinned",
						pa, st);
			continue;
		}
		if (st == EL2_PAGE_PINNED)
			return el2_fail(t, "pinned but not in the host RX/TX pair the proxy mapped",
					pa, st);
		/* P3 */
		if (claim & EL2_CLAIM_MULTIPLE)
			return el2_fail(t, "belongs to more than one live handle", pa, st);
		if (st == EL2_PAGE_HOST) {
			if (claim)
				return el2_fail(t, "the host's again but a live handle still covers it",
						pa, st);
			continue;
		}
		if (!claim)
			return el2_fail(t, "belongs to no live handle", pa, st);
		if ((claim & EL2_CLAIM_STATE_MASK) != st) {
			el2_fail(t, "but its handle makes it ", pa, st);
			text_puts(t, el2_page_name((enum el2_page)(claim & EL2_CLAIM_STATE_MASK)));
			return -1;
		}
	}
	return 0;
}

static int el2_check_mailboxes(struct text *t)
{
	const struct ffap_host_mbox *hm = &el2.proxy.host;
	uint64_t mbox_bytes = (uint64_t)el2.world.mbox_pages * FFA_PAGE_SIZE;
	struct el2_ns_mbox ns;

	/* M1 */
	if (hm->rx_full && !hm->mapped) {
		text_puts(t, "the proxy marks the host RX buffer full, but none is mapped");
		return -1;
	}
	/* M2 */
	if (hm->mapped && (hm->pages == 0 || hm->pages > el2.world.mbox_pages)) {
		text_puts(t, "the host RX/TX pair has a page count outside 1 to mbox_pages: ");
		text_udec(t, hm->pages);
		return -1;
	}
	/* M3 */
	el2_ns_mbox(&ns);
	if (el2.proxy.own_mbox_mapped != ns.mapped) {
		text_puts(t, el2.proxy.own_mbox_mapped ?
				     "the proxy believes its mailbox is registered, the SPMC has none" :
				     "the SPMC has a mailbox registered the proxy does not know of");
		return -1;
	}
	if (ns.mapped && (ns.tx_pa != (uint64_t)(uintptr_t)el2_mbox ||
			  ns.rx_pa != (uint64_t)(uintptr_t)el2_mbox + mbox_bytes ||
			  ns.pages != el2.world.mbox_pages)) {
		text_puts(t, "the SPMC's non-secure mailbox is not the proxy's own: TX ");
		text_hex(t, ns.tx_pa);
		return -1;
	}
	return 0;
}

static int el2_check_invariants(struct text *t)
{
	if (!el2.started) {
		text_puts(t, "no world is running");
		return -1;
	}
	if (el2.violation[0]) {
		text_puts(t, el2.violation);
		return -1;
	}
	if (el2.lock_depth) {
		text_puts(t, "the proxy lock is held");
		return -1;
	}
	if (el2_check_mailboxes(t))
		return -1;
	return el2_check_pages(t);
}

#ifdef QV_LINUX_HOST
int el2_start_world(const struct fv_world *w)
{
	ffa_memset(&el2.msg, 0, sizeof(el2.msg));
	el2.msg.world = *w;
	return el2_world_start(&el2.msg);
}

int el2_invariants(char *why, size_t cap)
{
	struct text t;

	text_init(&t, why, cap);
	return el2_check_invariants(&t);
}
#endif

/* ---------------------------------------------------------------------- */
/* The EL1 test ABI (HVC)                                                 */
/* ---------------------------------------------------------------------- */

static enum fv_page_state el2_fv_state(uint64_t pa)
{
	if (!el2.started || pa < el2.ram_base ||
	    (pa - el2.ram_base) / FFA_PAGE_SIZE >= el2.ram_pages)
		return FV_PAGE_NONE;
	switch ((enum el2_page)el2.page[el2_index(pa)]) {
	case EL2_PAGE_HOST:
		return FV_PAGE_HOST;
	case EL2_PAGE_SHARED:
		return FV_PAGE_SHARED;
	case EL2_PAGE_LENT:
		return FV_PAGE_LENT;
	case EL2_PAGE_DONATED:
		return FV_PAGE_DONATED;
	case EL2_PAGE_HYP:
		return FV_PAGE_HYP;
	case EL2_PAGE_PINNED:
		return FV_PAGE_PINNED;
	case EL2_PAGE_NONE:
		break;
	}
	return FV_PAGE_NONE;
}

/* A partition's call relayed to EL3; @out (EL1 memory) gets the answer. */
static int64_t el2_sp_relay(uint32_t el3_fid, uint64_t a1, uint64_t a2, struct ffa_regs *out)
{
	struct ffa_regs r;

	if (!el2.started) {
		ffa_set_error(out, FFA_NOT_SUPPORTED);
		return TA_OK;
	}
	ffa_regs_clear(&r, el3_fid);
	r.x[1] = a1;
	r.x[2] = a2;
	el2_smc(&r);
	if (r.x[0] != TA_OK)
		return (int64_t)r.x[0];
	ffa_memcpy(out, &el2_el3_msg.regs, sizeof(*out));
	return TA_OK;
}

static void el2_test_call(struct ffa_regs *r)
{
	uint32_t fid = ffa_w(r, 0);
	int64_t ret = TA_OK;
	struct ffa_regs *regs;
	uint64_t n, i;
	void *p;

	switch (fid) {
	case TA_WORLD_START:
		p = el2_el1_ptr(r->x[1], sizeof(el2.msg));
		if (!p || r->x[2] != sizeof(el2.msg)) {
			ret = TA_ERR_ARGS;
			break;
		}
		ffa_memcpy(&el2.msg, p, sizeof(el2.msg));
		ret = el2_world_start(&el2.msg);
		break;
	case TA_FAIL_SECURE:
		ret = TA_ERR_ARGS;
		if (!r->x[1] || r->x[1] > UINT32_MAX)
			break;
		for (i = 0; i < EL2_MAX_FAULTS; i++) {
			if (!el2.faults[i].countdown) {
				el2.faults[i].countdown = (unsigned int)r->x[1];
				el2.faults[i].error = (int32_t)r->x[2];
				ret = TA_OK;
				break;
			}
		}
		break;
	case TA_SECURE_CALLS:
		n = el2.secure_call_count < r->x[2] ? el2.secure_call_count : r->x[2];
		p = el2_el1_ptr(r->x[1], n * sizeof(struct ffa_regs));
		if (!p || n > EL2_MAX_SECURE_CALLS) {
			ret = TA_ERR_ARGS;
			break;
		}
		ffa_memcpy(p, el2.secure_calls, n * sizeof(struct ffa_regs));
		ffa_regs_clear(r, TA_OK);
		r->x[1] = el2.secure_call_count;
		return;
	case TA_PAGE_STATE:
		n = el2_fv_state(r->x[1]);
		ffa_regs_clear(r, TA_OK);
		r->x[1] = n;
		return;
	case TA_CHECK_INVARIANTS: {
		char why[EL2_WHY_MAX];
		struct text t;

		p = el2_el1_ptr(r->x[1], r->x[2]);
		if (!p || !r->x[2]) {
			ret = TA_ERR_ARGS;
			break;
		}
		text_init(&t, why, sizeof(why));
		if (el2_check_invariants(&t)) {
			n = t.len + 1 < r->x[2] ? t.len + 1 : r->x[2];
			ffa_memcpy(p, why, n);
			((char *)p)[n - 1] = '\0';
			ret = TA_ERR_FAILED;
		}
		break;
	}
	case TA_SP_CALL:
		regs = el2_el1_ptr(r->x[2], sizeof(*regs));
		if (!regs) {
			ret = TA_ERR_ARGS;
			break;
		}
		ffa_memcpy(&el2_el3_msg.regs, regs, sizeof(*regs));
		ret = el2_sp_relay(TA_EL3_SP_CALL, r->x[1], 0, regs);
		break;
	case TA_SP_WRITE:
		p = el2_el1_ptr(r->x[3], r->x[4]);
		if (!p || r->x[4] > sizeof(el2_el3_msg.data)) {
			ret = TA_ERR_ARGS;
			break;
		}
		if (!el2.started) {
			ret = TA_ERR_FAILED;
			break;
		}
		ffa_memcpy(el2_el3_msg.data, p, r->x[4]);
		{
			struct ffa_regs c;

			ffa_regs_clear(&c, TA_EL3_SP_WRITE);
			c.x[1] = r->x[1];
			c.x[2] = r->x[2];
			c.x[3] = r->x[4];
			el2_smc(&c);
			ret = (int64_t)c.x[0];
		}
		break;
	case TA_SP_RETRIEVE:
	case TA_SP_RELINQUISH:
		regs = el2_el1_ptr(r->x[3], sizeof(*regs));
		if (!regs) {
			ret = TA_ERR_ARGS;
			break;
		}
		ret = el2_sp_relay(fid == TA_SP_RETRIEVE ? TA_EL3_SP_RETRIEVE :
							   TA_EL3_SP_RELINQUISH,
				   r->x[1], r->x[2], regs);
		break;
	case TA_FAULTS:
		ffa_regs_clear(r, TA_OK);
		r->x[1] = el2.s2_faults;
		r->x[2] = el2.s2_last_ipa;
		return;
	case TA_MEM_READ:
		/* An observer's read (expect-memory) of a page the host cannot access. */
		p = el2_el1_ptr(r->x[2], r->x[3]);
		if (!p || !el2.started || r->x[1] < el2.ram_base ||
		    ffa_add_overflow(r->x[1], r->x[3], &n) ||
		    n > el2.ram_base + el2.ram_pages * FFA_PAGE_SIZE) {
			ret = TA_ERR_ARGS;
			break;
		}
		ffa_memcpy(p, (const void *)(uintptr_t)r->x[1], r->x[3]);
		break;
	case TA_SRI_COUNT: {
		struct ffa_regs c;

		ffa_regs_clear(&c, TA_EL3_SRI_COUNT);
		el2_smc(&c);
		ffa_regs_clear(r, TA_OK);
		r->x[1] = c.x[1];
		return;
	}
	default:
		ffa_regs_clear(r, SMCCC_RET_NOT_SUPPORTED);
		return;
	}
	ffa_regs_clear(r, (uint64_t)ret);
}

/* ---------------------------------------------------------------------- */
/* Entry and traps                                                        */
/* ---------------------------------------------------------------------- */

uint64_t el2_init(void)
{
#ifdef QV_LINUX_HOST
	return el2_linux_init();
#else
	uint64_t size = (uint64_t)(el1_image_end - el1_image);

	console_puts("EL2: proxy core at EL2, stage 2 on\n");
	if (size > EL1_SIZE)
		qv_panic("EL2: the EL1 image is too large:", size);
	ffa_memcpy((void *)(uintptr_t)EL1_BASE, el1_image, size);
	s2_init();
	return EL1_BASE;
#endif
}

static uint64_t el2_read_elr(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, elr_el2" : "=r"(v));
	return v;
}

static void el2_skip_instruction(void)
{
	__asm__ volatile("msr elr_el2, %0" : : "r"(el2_read_elr() + 4));
}

void el2_handle_sync(uint64_t *frame)
{
	uint64_t esr, far, hpfar, ipa;
	struct ffa_regs r;

	__asm__ volatile("mrs %0, esr_el2" : "=r"(esr));
	switch ((esr >> ESR_EC_SHIFT) & 0x3f) {
	case ESR_EC_SMC64:
		/* A trapped SMC: ELR_EL2 points at the smc itself. */
		ffa_memcpy(r.x, frame, sizeof(r.x));
		el2_host_call(&r);
		ffa_memcpy(frame, r.x, sizeof(r.x));
		el2_skip_instruction();
		break;
	case ESR_EC_HVC64:
		/* ELR_EL2 already points past the hvc. */
		ffa_memcpy(r.x, frame, sizeof(r.x));
#ifdef QV_LINUX_HOST
		/* A kernel gets no test ABI: every HVC is unknown (the DT's conduit is smc). */
		(void)el2_test_call;
		ffa_regs_clear(&r, SMCCC_RET_NOT_SUPPORTED);
#else
		el2_test_call(&r);
#endif
		ffa_memcpy(frame, r.x, sizeof(r.x));
		break;
	case ESR_EC_DABT_LOWER:
		/* HPFAR_EL2.FIPA holds IPA[47:12] in bits 43:4. */
		__asm__ volatile("mrs %0, far_el2" : "=r"(far));
		__asm__ volatile("mrs %0, hpfar_el2" : "=r"(hpfar));
		ipa = ((hpfar >> 4) << 12) | (far & (FFA_PAGE_SIZE - 1));
		if (ipa < HOST_WINDOW_BASE || ipa - HOST_WINDOW_BASE >= HOST_WINDOW_SIZE)
			qv_panic3("EL2: stage-2 fault outside host RAM: IPA, ESR, ELR", ipa, esr,
				  el2_read_elr());
		/* Host RAM it may not access (lent, donated, hyp): counted and skipped. */
		el2.s2_faults++;
		el2.s2_last_ipa = ipa;
		el2_skip_instruction();
		break;
	default:
		__asm__ volatile("mrs %0, far_el2" : "=r"(far));
		qv_panic3("EL2: unexpected trap from EL1: ESR, FAR, ELR", esr, far,
			  el2_read_elr());
	}
}

void el2_report_unexpected(uint64_t slot, uint64_t esr, uint64_t elr)
{
	qv_panic3("EL2: unexpected exception: vector slot, ESR, ELR", slot, esr, elr);
}
