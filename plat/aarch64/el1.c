/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64: the EL1 test host. It runs every embedded .fv file through
 * the same freestanding interpreter as ffa-sim, implementing its fv_plat_*
 * hooks with the real machine: FF-A calls are `smc #0` (trapped by EL2 into
 * the proxy), host RAM is accessed directly through stage 2, and what only
 * EL2 or EL3 can do (build a world, inject a fault, tell a page's state,
 * act as a partition) goes through the HVC test ABI (qemu_virt.h).
 *
 * Then a stage-2 test: the hypervisor's pages and lent pages fault when the
 * host touches them, reclaimed ones do not. Exit status through semihosting:
 * 0 only when nothing failed.
 */
#include "console.h"
#include "ffa_host.h"
#include "fv.h"
#include "qemu_virt.h"

#define EL1_MAX_SECURE_CALLS 256
#define EL1_WHY_MAX 256

/* The embedded vector files (vectors.S, generated at build time). */
struct qv_vector_file {
	const char *name;
	const char *text;
	uint64_t len;
};

extern const struct qv_vector_file qv_vector_files[];
extern const uint64_t qv_vector_file_count;

/* Every buffer EL2 reads or writes lies in this image's memory, as it requires. */
struct fv_plat {
	bool started;
	uint64_t ram_base;
	uint64_t ram_size;
	struct ta_world_msg msg; /* msg.dirty*: host RAM written since the last world */
	struct ffa_regs calls[EL1_MAX_SECURE_CALLS];
	struct ffa_regs regs;
	uint8_t data[SPMC_SP_MBOX_SIZE];
	char why[EL1_WHY_MAX];
};

struct ffah_plat {
	char unused;
};

static struct fv_plat el1_plat;
static struct ffah_plat el1_ffah_plat;

void el1_smc(struct ffa_regs *regs);
void el1_hvc(struct ffa_regs *regs);
void el1_main(void) __attribute__((noreturn));
void el1_report_unexpected(uint64_t slot, uint64_t esr, uint64_t elr);

/* One test ABI call; x0 of the answer, the rest in *@out when given. */
static int64_t el1_ta(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		      struct ffa_regs *out)
{
	struct ffa_regs r;

	ffa_regs_clear(&r, fid);
	r.x[1] = a1;
	r.x[2] = a2;
	r.x[3] = a3;
	r.x[4] = a4;
	el1_hvc(&r);
	if (out)
		*out = r;
	return (int64_t)r.x[0];
}

static uint64_t el1_addr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static uint64_t el1_fault_count(void)
{
	struct ffa_regs r;

	el1_ta(TA_FAULTS, 0, 0, 0, 0, &r);
	return r.x[1];
}

static void el1_set_text(char *buf, size_t len, const char *a, uint64_t v, const char *b)
{
	struct text t;

	text_init(&t, buf, len);
	text_puts(&t, a);
	text_hex(&t, v);
	text_puts(&t, b);
}

/* Remember that host RAM [@pa, +@len) was written: EL2 zeroes it at the next world. */
static void el1_dirty(struct fv_plat *p, uint64_t pa, uint64_t len)
{
	uint64_t page, end = pa + len;
	uint32_t i;

	for (page = pa & ~(uint64_t)(FFA_PAGE_SIZE - 1); page < end; page += FFA_PAGE_SIZE) {
		if (p->msg.dirty_count > TA_DIRTY_MAX)
			return;
		for (i = 0; i < p->msg.dirty_count && p->msg.dirty[i] != page; i++)
			;
		if (i < p->msg.dirty_count)
			continue;
		if (p->msg.dirty_count == TA_DIRTY_MAX) {
			p->msg.dirty_count = TA_DIRTY_MAX + 1; /* lost count: EL2 zeroes all */
			return;
		}
		p->msg.dirty[p->msg.dirty_count++] = page;
	}
}

/* ---------------------------------------------------------------------- */
/* The interpreter's hooks (src/vectors/fv.h)                             */
/* ---------------------------------------------------------------------- */

int fv_plat_world_start(struct fv_plat *p, const struct fv_world *w, char *err, size_t err_len)
{
	uint64_t end;
	int64_t ret;

	p->started = false;
	if (!w->mem_size || ((w->mem_base | w->mem_size) & (FFA_PAGE_SIZE - 1))) {
		el1_set_text(err, err_len, "host RAM ", w->mem_base,
			     ": base and size must be 4 KiB multiples, size non-zero");
		return -1;
	}
	if (w->mbox_pages == 0 || w->mbox_pages > FFA_RXTX_MAP_PAGE_COUNT_MASK) {
		el1_set_text(err, err_len, "proxy-mailbox-pages ", w->mbox_pages,
			     ": must be 1 to 63");
		return -1;
	}
	/* Only RAM QEMU has and the hypervisor does not use can be the host's. */
	if (ffa_add_overflow(w->mem_base, w->mem_size, &end) || w->mem_base < HOST_WINDOW_BASE ||
	    end > (uint64_t)HOST_WINDOW_BASE + HOST_WINDOW_SIZE) {
		el1_set_text(err, err_len, "host RAM at ", w->mem_base,
			     " is outside the QEMU host RAM window 0x80000000-0xbfffffff");
		return 1;
	}

	p->msg.world = *w;
	ret = el1_ta(TA_WORLD_START, el1_addr(&p->msg), sizeof(p->msg), 0, 0, NULL);
	p->msg.dirty_count = 0; /* EL2 zeroed them, whatever the outcome */
	switch (ret) {
	case TA_OK:
		p->started = true;
		p->ram_base = w->mem_base;
		p->ram_size = w->mem_size;
		return 0;
	case TA_ERR_MODEL:
		el1_set_text(err, err_len, "the SPMC model at EL3 refused the world's configuration",
			     0, "");
		return -1;
	case TA_ERR_PROXY:
		el1_set_text(err, err_len, "ffap_init() at EL2 refused the configuration", 0, "");
		return -1;
	default:
		el1_set_text(err, err_len, "EL2 refused the world: test ABI error ", (uint64_t)ret,
			     "");
		return -1;
	}
}

void fv_plat_host_call(struct fv_plat *p, struct ffa_regs *r)
{
	(void)p;
	el1_smc(r);
}

void fv_plat_sp_call(struct fv_plat *p, uint16_t id, struct ffa_regs *r)
{
	p->regs = *r;
	if (el1_ta(TA_SP_CALL, id, el1_addr(&p->regs), 0, 0, NULL) != TA_OK) {
		ffa_set_error(r, FFA_NOT_SUPPORTED);
		return;
	}
	*r = p->regs;
}

int fv_plat_sp_write(struct fv_plat *p, uint16_t id, uint32_t offset, const uint8_t *data,
		     size_t len)
{
	if (len > sizeof(p->data))
		return -1;
	ffa_memcpy(p->data, data, len);
	return el1_ta(TA_SP_WRITE, id, offset, el1_addr(p->data), len, NULL) == TA_OK ? 0 : -1;
}

static void el1_sp_mem(struct fv_plat *p, uint32_t fid, uint16_t id, uint64_t handle,
		       struct ffa_regs *r)
{
	if (el1_ta(fid, id, handle, el1_addr(&p->regs), 0, NULL) != TA_OK) {
		ffa_set_error(r, FFA_NOT_SUPPORTED);
		return;
	}
	*r = p->regs;
}

void fv_plat_sp_retrieve(struct fv_plat *p, uint16_t id, uint64_t handle, struct ffa_regs *r)
{
	el1_sp_mem(p, TA_SP_RETRIEVE, id, handle, r);
}

void fv_plat_sp_relinquish(struct fv_plat *p, uint16_t id, uint64_t handle, struct ffa_regs *r)
{
	el1_sp_mem(p, TA_SP_RELINQUISH, id, handle, r);
}

static bool el1_in_ram(const struct fv_plat *p, uint64_t pa, size_t len)
{
	uint64_t end;

	return p->started && !ffa_add_overflow(pa, (uint64_t)len, &end) && pa >= p->ram_base &&
	       end <= p->ram_base + p->ram_size;
}

/*
 * Host RAM is identity-mapped in stage 2. A page the host may not access
 * (lent, donated, the hypervisor's) faults into EL2, which skips the access
 * and counts it: such an access fails here.
 */
int fv_plat_mem_write(struct fv_plat *p, uint64_t pa, const uint8_t *data, size_t len)
{
	uint64_t faults;

	if (!el1_in_ram(p, pa, len))
		return -1;
	el1_dirty(p, pa, len);
	faults = el1_fault_count();
	ffa_memcpy((void *)(uintptr_t)pa, data, len);
	return el1_fault_count() == faults ? 0 : -1;
}

/*
 * expect-memory is an observer's check: it also looks at pages the host
 * cannot read (a lent page keeps its contents). The host's own read comes
 * first; if stage 2 stopped it, EL2 reads for the observer.
 */
int fv_plat_mem_read(struct fv_plat *p, uint64_t pa, uint8_t *data, size_t len)
{
	uint64_t faults, done, n;

	if (!el1_in_ram(p, pa, len))
		return -1;
	faults = el1_fault_count();
	ffa_memcpy(data, (const void *)(uintptr_t)pa, len);
	if (el1_fault_count() == faults)
		return 0;
	for (done = 0; done < len; done += n) {
		n = len - done < sizeof(p->data) ? len - done : sizeof(p->data);
		if (el1_ta(TA_MEM_READ, pa + done, el1_addr(p->data), n, 0, NULL) != TA_OK)
			return -1;
		ffa_memcpy(data + done, p->data, n);
	}
	return 0;
}

enum fv_page_state fv_plat_page_state(struct fv_plat *p, uint64_t pa)
{
	struct ffa_regs r;

	(void)p;
	if (el1_ta(TA_PAGE_STATE, pa, 0, 0, 0, &r) != TA_OK)
		return FV_PAGE_NONE;
	return (enum fv_page_state)r.x[1];
}

int fv_plat_fail_secure(struct fv_plat *p, unsigned int nth, int32_t error)
{
	(void)p;
	return el1_ta(TA_FAIL_SECURE, nth, (uint64_t)(uint32_t)error, 0, 0, NULL) == TA_OK ? 0 :
											    -1;
}

size_t fv_plat_secure_calls(struct fv_plat *p, const struct ffa_regs **calls)
{
	struct ffa_regs r;

	*calls = p->calls;
	if (el1_ta(TA_SECURE_CALLS, el1_addr(p->calls), EL1_MAX_SECURE_CALLS, 0, 0, &r) != TA_OK)
		return 0;
	return r.x[1] < EL1_MAX_SECURE_CALLS ? (size_t)r.x[1] : EL1_MAX_SECURE_CALLS;
}

int fv_plat_check_invariants(struct fv_plat *p, char *why, size_t why_len)
{
	struct text t;

	p->why[0] = '\0';
	if (el1_ta(TA_CHECK_INVARIANTS, el1_addr(p->why), sizeof(p->why), 0, 0, NULL) == TA_OK)
		return 0;
	p->why[sizeof(p->why) - 1] = '\0';
	text_init(&t, why, why_len);
	text_puts(&t, p->why[0] ? p->why : "EL2 did not say why");
	return -1;
}

void fv_plat_print(struct fv_plat *p, const char *line)
{
	(void)p;
	console_puts(line);
	console_puts("\n");
}

/* The host client's conduit (src/host/ffa_host.h). */
void ffah_plat_call(struct ffah_plat *plat, struct ffa_regs *regs)
{
	(void)plat;
	el1_smc(regs);
}

/* ---------------------------------------------------------------------- */
/* Stage-2 enforcement, seen from the host                                */
/* ---------------------------------------------------------------------- */

#define S2T_PROTECTED 0x80100000u /* a hypervisor page inside host RAM */
#define S2T_HOST_PAGE 0x80000000u
#define S2T_TX 0x80010000u
#define S2T_RX 0x80011000u
#define S2T_LEND 0x80200000u

struct s2_test {
	unsigned int checks;
	unsigned int failed;
	bool lend_skipped;
	uint64_t faults; /* stage-2 faults EL1 took during the test */
};

static void s2t_report(struct s2_test *t, bool ok, const char *what, uint64_t value)
{
	char line[160];
	struct text s;

	t->checks++;
	if (!ok)
		t->failed++;
	text_init(&s, line, sizeof(line));
	text_puts(&s, ok ? "stage-2: ok: " : "stage-2: FAIL: ");
	text_puts(&s, what);
	text_puts(&s, " ");
	text_hex(&s, value);
	fv_plat_print(&el1_plat, line);
}

/* Read one word of host RAM; return the stage-2 faults the read caused. */
static uint64_t s2t_read(struct s2_test *t, uint64_t pa)
{
	uint64_t before = el1_fault_count(), after;

	(void)*(volatile uint64_t *)(uintptr_t)pa;
	after = el1_fault_count();
	t->faults += after - before;
	return after - before;
}

/* Words of host RAM that are not zero. */
static uint64_t s2t_nonzero_words(uint64_t base, uint64_t size)
{
	const volatile uint64_t *word = (const volatile uint64_t *)(uintptr_t)base;
	uint64_t i, count = 0;

	for (i = 0; i < size / sizeof(*word); i++)
		count += word[i] != 0;
	return count;
}

static void s2t_run(struct s2_test *t)
{
	struct fv_plat *p = &el1_plat;
	struct ffah_mem_receiver recv = { 0x8001, FFA_DATA_ACCESS_RW };
	struct ffa_mem_range range = { S2T_LEND, 1, 0 };
	struct ffah_buffers bufs = {
		.tx = (void *)(uintptr_t)S2T_TX,
		.rx = (void *)(uintptr_t)S2T_RX,
		.tx_pa = S2T_TX,
		.rx_pa = S2T_RX,
		.pages = 1,
	};
	struct fv_world w;
	struct ffah h;
	uint64_t handle = 0;
	char err[128];
	int rc;

	/*
	 * World starts zero only what the last world wrote (EL2 and EL3 keep
	 * track): after the whole suite, a fresh world's RAM must read as zero.
	 */
	fv_world_default(&w);
	rc = fv_plat_world_start(p, &w, err, sizeof(err));
	s2t_report(t, rc == 0, "default world started, rc", (uint64_t)rc);
	if (rc)
		return;
	s2t_report(t, s2t_nonzero_words(w.mem_base, w.mem_size) == 0,
		   "host RAM of a fresh world is all zero; bytes scanned:", w.mem_size);

	w.protected[0].base = S2T_PROTECTED;
	w.protected[0].pages = 1;
	w.protected_count = 1;
	rc = fv_plat_world_start(p, &w, err, sizeof(err));
	s2t_report(t, rc == 0, "world with a protected page started, rc", (uint64_t)rc);
	if (rc)
		return;

	s2t_report(t, s2t_read(t, S2T_PROTECTED) == 1, "reading a hypervisor page faults once at",
		   S2T_PROTECTED);
	s2t_report(t, s2t_read(t, S2T_HOST_PAGE) == 0, "reading a host page does not fault at",
		   S2T_HOST_PAGE);

	el1_dirty(p, S2T_TX, FFA_PAGE_SIZE);
	el1_dirty(p, S2T_RX, FFA_PAGE_SIZE);
	ffah_init(&h, &el1_ffah_plat, &bufs);
	rc = ffah_version(&h, FFA_VERSION_1_2, NULL);
	if (!rc)
		rc = ffah_id_get(&h, NULL);
	if (!rc)
		rc = ffah_rxtx_map(&h);
	s2t_report(t, rc == 0, "host client set up (version, id, RX/TX map), rc", (uint64_t)rc);
	if (rc)
		return;
	s2t_report(t, fv_plat_page_state(p, S2T_TX) == FV_PAGE_PINNED &&
			      s2t_read(t, S2T_TX) == 0,
		   "the pinned TX buffer stays mapped for the host at", S2T_TX);

	rc = ffah_mem_lend(&h, &recv, 1, &range, 1, &handle);
	if (rc) {
		/* The secure world refused: the proxy must have rolled the page back. */
		t->lend_skipped = true;
		s2t_report(t, fv_plat_page_state(p, S2T_LEND) == FV_PAGE_HOST &&
				      s2t_read(t, S2T_LEND) == 0,
			   "lend refused by the secure world (lend/reclaim part skipped); the page "
			   "is the host's and mapped, error",
			   (uint64_t)(int64_t)rc);
		return;
	}
	s2t_report(t, fv_plat_page_state(p, S2T_LEND) == FV_PAGE_LENT, "page lent, handle",
		   handle);
	s2t_report(t, s2t_read(t, S2T_LEND) == 1, "reading the lent page faults once at",
		   S2T_LEND);
	rc = ffah_mem_reclaim(&h, handle, 0);
	s2t_report(t, rc == 0 && fv_plat_page_state(p, S2T_LEND) == FV_PAGE_HOST,
		   "reclaimed, rc", (uint64_t)(int64_t)rc);
	s2t_report(t, s2t_read(t, S2T_LEND) == 0, "reading the reclaimed page does not fault at",
		   S2T_LEND);
}

/* ---------------------------------------------------------------------- */
/* Main                                                                   */
/* ---------------------------------------------------------------------- */

static void el1_summary(const struct fv_result *res, const struct s2_test *t)
{
	char line[160];
	struct text s;

	text_init(&s, line, sizeof(line));
	text_puts(&s, "stage-2: ");
	text_udec(&s, t->faults);
	text_puts(&s, " faults seen by EL1, ");
	text_udec(&s, t->failed);
	text_puts(&s, " of ");
	text_udec(&s, t->checks);
	text_puts(&s, " checks failed; ");
	text_udec(&s, el1_fault_count());
	text_puts(&s, " stage-2 faults in the whole run");
	if (t->lend_skipped)
		text_puts(&s, " (lend/reclaim skipped: the secure world refused the lend)");
	fv_plat_print(&el1_plat, line);

	text_init(&s, line, sizeof(line));
	text_udec(&s, res->passed);
	text_puts(&s, " passed, ");
	text_udec(&s, res->failed);
	text_puts(&s, " failed, ");
	text_udec(&s, res->skipped);
	text_puts(&s, " skipped");
	fv_plat_print(&el1_plat, line);
}

void el1_main(void)
{
	struct fv_result res = { 0, 0, 0 };
	struct s2_test t = { 0, 0, false, 0 };
	uint64_t i;

	console_puts("EL1: host running the vectors through the proxy at EL2\n");
	for (i = 0; i < qv_vector_file_count; i++) {
		const struct qv_vector_file *f = &qv_vector_files[i];

		fv_run(&el1_plat, f->name, f->text, (size_t)f->len, &res);
	}
	s2t_run(&t);
	el1_summary(&res, &t);
	qv_exit(res.failed || t.failed ? QV_EXIT_FAIL : QV_EXIT_PASS);
}

void el1_report_unexpected(uint64_t slot, uint64_t esr, uint64_t elr)
{
	qv_panic3("EL1: unexpected exception: vector slot, ESR, ELR", slot, esr, elr);
}
