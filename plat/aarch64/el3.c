/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64: the EL3 monitor. Its SMC handler is the secure world: the
 * SPMC model, the same sources as the build machine's, answering every call
 * from non-secure EL2. A few SiP-range calls (qemu_virt.h, TA_EL3_*) let the
 * EL2 vector platform rebuild the model for a world and act as a partition.
 *
 * All state lives in secure RAM (section .el3.bss, link.ld).
 */
#include <ffaproxy/spmc_model.h>

#include "console.h"
#include "qemu_virt.h"
#ifdef QV_LINUX_HOST
#include "linux/linux_host.h"
#endif

/* Host RAM ranges the model was handed since the last world: zeroed at the next. */
#define EL3_DIRTY_MAX 64

struct spmc_plat {
	/* Non-secure memory the model may reach (spmc_plat_ns_memory()). */
	uint64_t ram_base;
	uint64_t ram_size;
	uint64_t mbox_base;
	uint64_t mbox_size;
	/* Host RAM the model may have written, so that the next world starts zeroed. */
	struct {
		uint64_t base;
		uint64_t size;
	} dirty[EL3_DIRTY_MAX];
	unsigned int dirty_count;
	bool dirty_overflow;
	uint64_t sri_count;
};

struct el3 {
	struct spmc model;
	struct spmc_plat plat;
	bool started;
	struct ta_el3_msg msg; /* EL2's message, copied before it is read */
};

static struct el3 el3 __attribute__((section(".el3.bss")));

/* In the image's non-secure memory: written by EL2, read (once, copied) by EL3. */
extern struct ta_el3_msg el2_el3_msg;

void el3_init(void);
void el3_handle_sync(uint64_t *frame);
void el3_report_unexpected(uint64_t slot, uint64_t esr, uint64_t elr);

void el3_init(void)
{
	console_puts("EL3: monitor up, SPMC model at EL3\n");
#ifdef QV_LINUX_HOST
	el3_linux_gic_init();
#endif
}

static bool el3_in(uint64_t pa, uint64_t size, uint64_t base, uint64_t len)
{
	uint64_t end;

	if (ffa_add_overflow(pa, size, &end))
		return false;
	return pa >= base && end <= base + len;
}

/*
 * The model reaches non-secure memory through an identity map, limited to
 * the world's host RAM (inside the host window) and the proxy's mailbox.
 */
void *spmc_plat_ns_memory(struct spmc_plat *plat, uint64_t pa, uint64_t size)
{
	if (el3_in(pa, size, plat->mbox_base, plat->mbox_size))
		return (void *)(uintptr_t)pa;
	if (!el3_in(pa, size, plat->ram_base, plat->ram_size))
		return NULL;
	if (plat->dirty_count < EL3_DIRTY_MAX) {
		plat->dirty[plat->dirty_count].base = pa;
		plat->dirty[plat->dirty_count].size = size;
		plat->dirty_count++;
	} else {
		plat->dirty_overflow = true;
	}
	return (void *)(uintptr_t)pa;
}

/* No interrupt controller is programmed: the SRI is counted for the tests. */
void spmc_plat_raise_sri(struct spmc_plat *plat)
{
	plat->sri_count++;
}

/* Zero the host RAM the model was handed during the last world. */
static void el3_clean(struct spmc_plat *plat)
{
	unsigned int i;

	if (plat->dirty_overflow) {
		ffa_memset((void *)(uintptr_t)plat->ram_base, 0, plat->ram_size);
	} else {
		for (i = 0; i < plat->dirty_count; i++)
			ffa_memset((void *)(uintptr_t)plat->dirty[i].base, 0, plat->dirty[i].size);
	}
	plat->dirty_count = 0;
	plat->dirty_overflow = false;
}

static void el3_model_init(struct ffa_regs *r)
{
	struct ta_el3_msg *m = &el3.msg;
	uint64_t ram_end;
	int ret;

	el3_clean(&el3.plat);
	el3.started = false;
	ffa_memcpy(m, &el2_el3_msg, sizeof(*m));
	if (ffa_add_overflow(m->ram_base, m->ram_size, &ram_end) ||
	    m->ram_base < HOST_WINDOW_BASE ||
	    ram_end > (uint64_t)HOST_WINDOW_BASE + HOST_WINDOW_SIZE ||
	    m->mbox_base < QV_IMAGE_BASE || m->mbox_base + m->mbox_size > EL1_BASE) {
		ffa_regs_clear(r, (uint64_t)(int64_t)TA_ERR_ARGS);
		return;
	}
	el3.plat.ram_base = m->ram_base;
	el3.plat.ram_size = m->ram_size;
	el3.plat.mbox_base = m->mbox_base;
	el3.plat.mbox_size = m->mbox_size;
	el3.plat.sri_count = 0;
	ret = spmc_init(&el3.model, &m->spmc, &el3.plat);
	ffa_regs_clear(r, ret ? (uint64_t)(int64_t)TA_ERR_MODEL : TA_OK);
	el3.started = !ret;
}

struct el3_range_walk {
	uint64_t first; /* ranges to pass over before the first one reported */
	uint64_t total;
	uint64_t written;
};

static void el3_one_range(void *ctx, uint64_t handle, enum spmc_mem_kind kind, uint64_t base,
			  uint64_t pages)
{
	struct el3_range_walk *w = ctx;
	struct ta_mem_range *out;

	if (w->total++ < w->first || w->written == TA_RANGES_MAX)
		return;
	out = &el2_el3_msg.ranges[w->written++];
	out->handle = handle;
	out->base = base;
	out->pages = pages;
	out->kind = kind;
}

/* The TA_EL3_* calls; false if @fid is not one of them. */
static bool el3_test_call(uint32_t fid, struct ffa_regs *r)
{
	struct ta_el3_msg *m = &el3.msg;
	uint16_t id = (uint16_t)r->x[1];
	uint64_t len;

	if ((fid & ~SMCCC_FNUM_MASK) != TA_SIP_BASE)
		return false;
	if (fid == TA_EL3_MODEL_INIT) {
		el3_model_init(r);
		return true;
	}
	if (!el3.started) {
		ffa_regs_clear(r, (uint64_t)(int64_t)TA_ERR_ARGS);
		return true;
	}
	switch (fid) {
	case TA_EL3_SP_CALL:
		ffa_memcpy(&m->regs, &el2_el3_msg.regs, sizeof(m->regs));
		spmc_handle_sp_call(&el3.model, id, &m->regs);
		ffa_memcpy(&el2_el3_msg.regs, &m->regs, sizeof(m->regs));
		ffa_regs_clear(r, TA_OK);
		break;
	case TA_EL3_SP_WRITE:
		len = r->x[3];
		if (len > sizeof(m->data) || r->x[2] > UINT32_MAX) {
			ffa_regs_clear(r, (uint64_t)(int64_t)TA_ERR_ARGS);
			break;
		}
		ffa_memcpy(m->data, el2_el3_msg.data, len);
		ffa_regs_clear(r, spmc_sp_write_tx(&el3.model, id, (uint32_t)r->x[2], m->data,
						   (uint32_t)len) ?
					  (uint64_t)(int64_t)TA_ERR_FAILED :
					  TA_OK);
		break;
	case TA_EL3_SP_RETRIEVE:
	case TA_EL3_SP_RELINQUISH:
		if (fid == TA_EL3_SP_RETRIEVE)
			spmc_sp_retrieve(&el3.model, id, r->x[2], &m->regs);
		else
			spmc_sp_relinquish(&el3.model, id, r->x[2], &m->regs);
		ffa_memcpy(&el2_el3_msg.regs, &m->regs, sizeof(m->regs));
		ffa_regs_clear(r, TA_OK);
		break;
	case TA_EL3_NS_MBOX:
		ffa_regs_clear(r, TA_OK);
		r->x[1] = el3.model.ns.mapped;
		r->x[2] = el3.model.ns.tx_pa;
		r->x[3] = el3.model.ns.rx_pa;
		r->x[4] = el3.model.ns.pages;
		r->x[5] = el3.model.ns.rx_owner;
		break;
	case TA_EL3_MEM_RANGES: {
		struct el3_range_walk w = { r->x[1], 0, 0 };

		spmc_mem_for_each_range(&el3.model, el3_one_range, &w);
		ffa_regs_clear(r, TA_OK);
		r->x[1] = w.total;
		r->x[2] = w.written;
		break;
	}
	case TA_EL3_SRI_COUNT:
		ffa_regs_clear(r, TA_OK);
		r->x[1] = el3.plat.sri_count;
		break;
	default:
		ffa_regs_clear(r, SMCCC_RET_NOT_SUPPORTED);
		break;
	}
	return true;
}

/* An SMC from non-secure EL2 (the only lower level that can reach EL3 here). */
void el3_handle_sync(uint64_t *frame)
{
	uint64_t esr;
	struct ffa_regs r;
	uint32_t fid;

	__asm__ volatile("mrs %0, esr_el3" : "=r"(esr));
	if (((esr >> ESR_EC_SHIFT) & 0x3f) != ESR_EC_SMC64)
		qv_panic("EL3: unexpected synchronous exception, ESR", esr);

	ffa_memcpy(r.x, frame, sizeof(r.x));
	fid = ffa_w(&r, 0);
	if (!el3_test_call(fid, &r)) {
		if (el3.started)
			spmc_handle_ns_call(&el3.model, &r);
		else
			ffa_regs_clear(&r, SMCCC_RET_NOT_SUPPORTED);
	}
	ffa_memcpy(frame, r.x, sizeof(r.x));
}

void el3_report_unexpected(uint64_t slot, uint64_t esr, uint64_t elr)
{
	qv_panic3("EL3: unexpected exception: vector slot, ESR, ELR", slot, esr, elr);
}
