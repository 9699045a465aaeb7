/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64/linux: EL2 for a Linux host. The proxy core, stage 2 and the
 * invariants are el2.c's, unchanged; this file adds what a kernel needs from
 * its firmware and hypervisor besides FF-A:
 *
 *  - the world: the SPMC model's default partitions, host RAM = the kernel's
 *    RAM (QV_LINUX_RAM_*), the SPMC's version chosen at build time
 *    (QV_LINUX_SPMC_VERSION: 1.2, or 1.0 for the degraded world);
 *  - stage 2 for the devices the kernel drives (GICv3, PL011), the physical
 *    counter and timer for EL1, and the arm64 boot protocol's entry state;
 *  - PSCI 1.0 and SMCCC 1.2 (Linux's FF-A driver starts only when PSCI,
 *    over the smc conduit, reports SMCCC >= 1.2), SYSTEM_OFF ending the run
 *    with the verdict;
 *  - a trace of every FF-A call the host made and what it got back,
 *    printed at SYSTEM_OFF.
 */
#include <ffaproxy/proxy.h>

#include "console.h"
#include "linux_host.h"
#include "psci.h"
#include "stage2.h"

#ifndef QV_LINUX_SPMC_VERSION
#define QV_LINUX_SPMC_VERSION FFA_VERSION_1_2
#endif

/* clang-format off */
#define TRACE_CALLS_MAX		64
#define FNUM_SLOTS		(FFA_FNUM_MAX - FFA_FNUM_MIN + 1)
/* arm64 boot protocol (Documentation/arch/arm64/booting.rst): the Image header. */
#define IMAGE_TEXT_OFFSET	8
#define IMAGE_MAGIC_OFFSET	0x38
#define IMAGE_MAGIC		0x644d5241	/* "ARM\x64" */
#define FDT_MAGIC_BE		0xedfe0dd0	/* 0xd00dfeed, read little-endian */
/* CNTHCTL_EL2 (non-VHE): EL1PCTEN, EL1PCEN: EL1 reaches the physical counter and timer. */
#define CNTHCTL_EL2_EL1_ACCESS	3
/* ICC_SRE_EL2: SRE (system registers), DFB, DIB, Enable (EL1 may use ICC_SRE_EL1). */
#define ICC_SRE_EL2_VALUE	0xf
/* clang-format on */

/* One FF-A call of the host, as made and as answered. */
struct trace_call {
	uint64_t fid;
	uint64_t x1, x2;
	uint64_t r0, r2, r3;
};

/* Calls and refusals per function: [width][function number - FFA_FNUM_MIN]. */
struct trace_count {
	uint32_t calls;
	uint32_t refused;
};

struct el2_linux {
	struct trace_call calls[TRACE_CALLS_MAX];
	unsigned int call_count;
	struct trace_call secure[TRACE_CALLS_MAX];
	unsigned int secure_count;
	struct trace_count count[2][FNUM_SLOTS];
	unsigned int unexpected;
	unsigned int other_smcs;
};

static struct el2_linux lx;

static uint32_t rd32(uint64_t pa)
{
	return *(volatile uint32_t *)(uintptr_t)pa;
}

static void line(const char *a, const char *b)
{
	console_puts(a);
	console_puts(b);
	console_puts("\n");
}

/* ---------------------------------------------------------------------- */
/* Start                                                                  */
/* ---------------------------------------------------------------------- */

static void el2_linux_world(struct fv_world *w)
{
	fv_world_default(w);
	w->spmc.version = QV_LINUX_SPMC_VERSION;
	w->mem_base = QV_LINUX_RAM_BASE;
	w->mem_size = QV_LINUX_RAM_SIZE;
}

/* Returns the kernel's entry point; boot.S enters it with x0 = the DTB. */
uint64_t el2_linux_init(void)
{
	struct fv_world w;
	uint64_t text_offset;
	char buf[120];
	struct text t;
	int ret;

	console_puts("EL2: proxy core at EL2, stage 2 on, booting a Linux host at EL1\n");
	s2_init();
	s2_map_device(QV_GIC_BASE, QV_GIC_SIZE);

	el2_linux_world(&w);
	ret = el2_start_world(&w);
	if (ret != TA_OK)
		qv_panic("EL2: the Linux host's world did not start:", (uint64_t)(int64_t)ret);

	text_init(&t, buf, sizeof(buf));
	text_puts(&t, "EL2: SPMC model FF-A ");
	text_udec(&t, ffa_version_major(w.spmc.version));
	text_puts(&t, ".");
	text_udec(&t, ffa_version_minor(w.spmc.version));
	text_puts(&t, ", ");
	text_udec(&t, w.spmc.partition_count);
	text_puts(&t, " partitions; host RAM ");
	text_hex(&t, w.mem_base);
	text_puts(&t, " + ");
	text_hex(&t, w.mem_size);
	line(buf, "");

	/* What QEMU's -device loader put in RAM must be there before EL1 runs it. */
	if (rd32(QV_LINUX_IMAGE + IMAGE_MAGIC_OFFSET) != IMAGE_MAGIC)
		qv_panic("EL2: no arm64 Linux Image at", QV_LINUX_IMAGE);
	text_offset = *(volatile uint64_t *)(uintptr_t)(QV_LINUX_IMAGE + IMAGE_TEXT_OFFSET);
	if (text_offset)
		qv_panic("EL2: the Image wants a text_offset this loader does not give:",
			 text_offset);
	if (rd32(QV_LINUX_DTB) != FDT_MAGIC_BE)
		qv_panic("EL2: no device tree at", QV_LINUX_DTB);

	/* The kernel programs the virtual timer; the counter has no offset. */
	__asm__ volatile("msr cnthctl_el2, %0" : : "r"((uint64_t)CNTHCTL_EL2_EL1_ACCESS));
	__asm__ volatile("msr cntvoff_el2, xzr");
	/* GICv3 CPU interface through system registers at EL1 (EL3 enabled it first). */
	__asm__ volatile("msr s3_4_c12_c9_5, %0\n\tisb" : : "r"((uint64_t)ICC_SRE_EL2_VALUE));
	return QV_LINUX_IMAGE;
}

/* ---------------------------------------------------------------------- */
/* The FF-A trace                                                         */
/* ---------------------------------------------------------------------- */

static void fid_name(struct text *t, uint64_t fid)
{
	const struct ffa_function_info *f = ffa_function_lookup((uint32_t)fid & SMCCC_FNUM_MASK);

	if (!f || fid > UINT32_MAX || !ffa_fid_is_ffa((uint32_t)fid)) {
		text_hex(t, fid);
		return;
	}
	text_puts(t, "FFA_");
	text_puts(t, f->name);
	if (f->widths == FFA_W32_64)
		text_puts(t, smccc_is_64((uint32_t)fid) ? "_64" : "_32");
}

/*
 * A refusal Linux expects: FFA_FEATURES answering NOT_SUPPORTED is how the
 * driver learns what the system lacks (DIRECT_REQ2 below 1.2, notifications
 * below 1.1, the SRI/NPI feature IDs ...), and it carries on without.
 */
static bool refusal_expected(uint32_t fid, const struct ffa_regs *reply)
{
	return fid == FFA_FEATURES && ffa_is_error(reply, FFA_NOT_SUPPORTED);
}

static bool refused(uint32_t fid, const struct ffa_regs *reply)
{
	if (fid == FFA_VERSION)
		return reply->x[0] == SMCCC_RET_NOT_SUPPORTED;
	return (uint32_t)reply->x[0] == FFA_ERROR;
}

static void trace_keep(struct trace_call *tc, const struct ffa_regs *call,
		       const struct ffa_regs *reply)
{
	tc->fid = call->x[0];
	tc->x1 = call->x[1];
	tc->x2 = call->x[2];
	tc->r0 = reply->x[0];
	tc->r2 = reply->x[2];
	tc->r3 = reply->x[3];
}

void el2_linux_record_secure(const struct ffa_regs *call, const struct ffa_regs *reply)
{
	if (lx.secure_count < TRACE_CALLS_MAX)
		trace_keep(&lx.secure[lx.secure_count], call, reply);
	lx.secure_count++;
}

void el2_linux_record(uint32_t fid, const struct ffa_regs *call, const struct ffa_regs *reply)
{
	uint32_t fnum = fid & SMCCC_FNUM_MASK;
	struct trace_count *c;

	if (lx.call_count < TRACE_CALLS_MAX)
		trace_keep(&lx.calls[lx.call_count], call, reply);
	lx.call_count++;
	if (!ffa_fid_is_ffa(fid))
		return;
	c = &lx.count[smccc_is_64(fid)][fnum - FFA_FNUM_MIN];
	c->calls++;
	if (refused(fid, reply)) {
		c->refused++;
		if (!refusal_expected(fid, reply))
			lx.unexpected++;
	}
}

static void print_reply(struct text *t, const struct trace_call *c)
{
	if ((uint32_t)c->fid == FFA_VERSION) {
		text_puts(t, c->r0 == SMCCC_RET_NOT_SUPPORTED ? "NOT_SUPPORTED" : "version ");
		if (c->r0 != SMCCC_RET_NOT_SUPPORTED) {
			text_udec(t, ffa_version_major((uint32_t)c->r0));
			text_puts(t, ".");
			text_udec(t, ffa_version_minor((uint32_t)c->r0));
		}
		return;
	}
	fid_name(t, c->r0);
	if ((uint32_t)c->r0 == FFA_ERROR) {
		const char *name = ffa_error_name((int32_t)(uint32_t)c->r2);

		text_puts(t, "(");
		if (name)
			text_puts(t, name);
		else
			text_hex(t, c->r2);
		text_puts(t, ")");
		return;
	}
	text_puts(t, " w2=");
	text_hex(t, c->r2);
	text_puts(t, " w3=");
	text_hex(t, c->r3);
}

static void print_calls(const char *title, const struct trace_call *calls, unsigned int count)
{
	unsigned int i, n = count < TRACE_CALLS_MAX ? count : TRACE_CALLS_MAX;
	char buf[200];
	struct text t;

	console_puts(title);
	for (i = 0; i < n; i++) {
		const struct trace_call *c = &calls[i];

		text_init(&t, buf, sizeof(buf));
		text_puts(&t, "ffaproxy:   ");
		fid_name(&t, c->fid);
		if ((uint32_t)c->fid == FFA_FEATURES) {
			/* FF-A 1.1 §13.3: w1 bit 31 clear names a feature ID (1 NPI, 2 SRI ...). */
			text_puts(&t, (c->x1 & SMCCC_FAST_CALL) ? "(" : "(feature ");
			fid_name(&t, c->x1);
			text_puts(&t, ")");
		} else {
			text_puts(&t, " x1=");
			text_hex(&t, c->x1);
		}
		text_puts(&t, " -> ");
		print_reply(&t, c);
		line(buf, "");
	}
	if (count > n)
		console_puts("ffaproxy:   (more calls than the record keeps)\n");
}

static void el2_linux_print_trace(void)
{
	char buf[200];
	struct text t;
	unsigned int i, w;

	print_calls("ffaproxy: calls the proxy made to the SPMC model, in order:\n", lx.secure,
		    lx.secure_count);
	print_calls("ffaproxy: FF-A calls from the host, in order:\n", lx.calls, lx.call_count);

	console_puts("ffaproxy: FF-A calls by function (calls, refused):\n");
	for (w = 0; w < 2; w++) {
		for (i = 0; i < FNUM_SLOTS; i++) {
			const struct trace_count *c = &lx.count[w][i];
			uint32_t fid = (w ? FFA_FID_64(FFA_FNUM_MIN + i) : FFA_FID_32(FFA_FNUM_MIN + i));

			if (!c->calls)
				continue;
			text_init(&t, buf, sizeof(buf));
			text_puts(&t, "ffaproxy:   ");
			fid_name(&t, fid);
			text_puts(&t, " ");
			text_udec(&t, c->calls);
			text_puts(&t, " ");
			text_udec(&t, c->refused);
			line(buf, "");
		}
	}
	text_init(&t, buf, sizeof(buf));
	text_puts(&t, "ffaproxy: ");
	text_udec(&t, lx.call_count);
	text_puts(&t, " FF-A calls, ");
	text_udec(&t, lx.unexpected);
	text_puts(&t, " refused unexpectedly; ");
	text_udec(&t, lx.other_smcs);
	text_puts(&t, " other SMCs (PSCI, SMCCC)");
	line(buf, "");
}

/* The verdict: every FF-A call answered as Linux expects, the invariants hold. */
static void __attribute__((noreturn)) el2_linux_power_off(void)
{
	char why[256];
	unsigned int code = QV_EXIT_PASS;

	console_puts("\nEL2: PSCI SYSTEM_OFF from the host\n");
	el2_linux_print_trace();
	if (el2_invariants(why, sizeof(why))) {
		line("ffaproxy: invariants at exit: FAILED: ", why);
		code = QV_EXIT_FAIL;
	} else {
		console_puts("ffaproxy: invariants at exit: hold\n");
	}
	if (lx.unexpected)
		code = QV_EXIT_FAIL;
	console_puts(code == QV_EXIT_PASS ? "ffaproxy: verdict: PASS\n" :
					    "ffaproxy: verdict: FAIL\n");
	qv_exit(code);
}

/* ---------------------------------------------------------------------- */
/* PSCI and SMCCC                                                         */
/* ---------------------------------------------------------------------- */

static bool psci_implemented(uint64_t fid)
{
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
		return true;
	}
	return false;
}

static void el2_linux_psci(struct ffa_regs *r)
{
	uint64_t fid = r->x[0], arg = r->x[1];

	lx.other_smcs++;
	switch (fid) {
	case PSCI_VERSION:
		ffa_regs_clear(r, PSCI_VERSION_1_0);
		return;
	case PSCI_FEATURES:
		ffa_regs_clear(r, psci_implemented(arg) ? PSCI_SUCCESS : SMCCC_RET_NOT_SUPPORTED);
		return;
	case PSCI_MIGRATE_INFO_TYPE:
		ffa_regs_clear(r, PSCI_TOS_NOT_PRESENT_MP);
		return;
	case PSCI_SYSTEM_OFF:
		el2_linux_power_off();
	case PSCI_SYSTEM_RESET:
		console_puts("\nEL2: PSCI SYSTEM_RESET from the host (a kernel panic?)\n");
		el2_linux_print_trace();
		qv_exit(QV_EXIT_FAIL);
	case SMCCC_VERSION:
		ffa_regs_clear(r, SMCCC_VERSION_1_2);
		return;
	case SMCCC_ARCH_FEATURES:
		/* No workaround is implemented (ARCH_WORKAROUND_1/2/3): not supported. */
		ffa_regs_clear(r, arg == SMCCC_VERSION || arg == SMCCC_ARCH_FEATURES ?
					  PSCI_SUCCESS :
					  SMCCC_RET_NOT_SUPPORTED);
		return;
	default:
		/* TRNG, SoC-ID, CPU_ON ... : SMCCC "unknown function", -1 in all 64 bits. */
		ffa_regs_clear(r, SMCCC_RET_NOT_SUPPORTED);
		return;
	}
}

/*
 * Every SMC of the host that is not FF-A (the proxy said so). These are
 * SMCCC 1.1-style calls: results in x0-x3, and x4-x17 preserved (SMCCC 1.2
 * §2.7: "must be preserved unless they contain results"). Linux relies on
 * it: its inline SMCCC 1.1 calls keep live values in x4 and up across the
 * smc, and the kernel oopses in arm_smccc_version_init() when they come back
 * zeroed.
 */
void el2_linux_smc(struct ffa_regs *r)
{
	struct ffa_regs saved = *r;

	el2_linux_psci(r);
	ffa_memcpy(&r->x[4], &saved.x[4], sizeof(r->x) - 4 * sizeof(r->x[0]));
}
