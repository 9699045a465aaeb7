/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Set-up and discovery answered or filtered by the proxy: FFA_VERSION,
 * FFA_ID_GET, FFA_SPM_ID_GET, FFA_FEATURES (policy §2).
 */
#include "proxy_private.h"

/* The plain SMCCC "not supported" FFA_VERSION answers with: -1 in all of x0. */
static void version_not_supported(struct ffa_regs *regs)
{
	ffa_regs_clear(regs, SMCCC_RET_NOT_SUPPORTED);
}

/*
 * The checks pKVM makes before it trusts the secure world with a host: the
 * secure world must see the host as endpoint 0 (FF-A 1.0 §8.7: "ID value 0
 * must be returned at the Non-secure physical FF-A instance"), and must
 * accept a mailbox the proxy can provide.
 */
static bool secure_world_usable(struct ffap *p, uint32_t version)
{
	struct ffa_regs r;
	uint32_t min_size, max_pages;
	uint64_t min_bytes;

	ffa_regs_clear(&r, FFA_ID_GET);
	ffap_secure_call(p, &r);
	if (ffap_reply_status(&r) != 0 || (uint32_t)r.x[2] != FFA_HOST_ID) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "secure world: FFA_ID_GET not 0",
			      r.x[2]);
		return false;
	}

	ffa_regs_clear(&r, FFA_FEATURES);
	r.x[1] = FFA_RXTX_MAP_64;
	ffap_secure_call(p, &r);
	if (ffap_reply_status(&r) != 0) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "secure world: no FFA_RXTX_MAP_64",
			      r.x[2]);
		return false;
	}

	/*
	 * FF-A 1.0 §8.2 (1.2 adds the maximum): w2 bits 1:0 = minimum buffer
	 * size, bits 31:16 (1.2) = maximum pages.
	 */
	min_size = (uint32_t)r.x[2] & FFA_RXTX_MAP_MIN_SIZE_MASK;
	switch (min_size) {
	case FFA_RXTX_MAP_MIN_SIZE_4K:
		min_bytes = 4096;
		break;
	case FFA_RXTX_MAP_MIN_SIZE_16K:
		min_bytes = 16384;
		break;
	case FFA_RXTX_MAP_MIN_SIZE_64K:
		min_bytes = 65536;
		break;
	default:
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "secure world: reserved RXTX size",
			      r.x[2]);
		return false;
	}
	if (ffap_mbox_bytes(p->cfg.mbox_pages) < min_bytes ||
	    ffap_mbox_bytes(p->cfg.mbox_pages) % min_bytes) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "secure world: mailbox too small",
			      min_bytes);
		return false;
	}
	max_pages = ((uint32_t)r.x[2] >> FFA_RXTX_MAP_MAX_PAGES_SHIFT) &
		    FFA_RXTX_MAP_MAX_PAGES_MASK;
	if (version >= FFA_VERSION_1_2 && max_pages && max_pages < p->cfg.mbox_pages) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_ERROR, "secure world: mailbox too large",
			      max_pages);
		return false;
	}
	return true;
}

/*
 * FFA_VERSION (policy §2; FF-A 1.0 §8.1.2, FF-A 1.2 §13.2.2). The first successful call locks
 * the version in: later calls cannot move it, and a lower minor version
 * after negotiation is NOT_SUPPORTED because the proxy cannot translate
 * between versions once the host uses one.
 */
void ffap_handle_version(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint32_t requested = (uint32_t)regs->x[1];
	uint32_t candidate;
	struct ffa_regs r;

	(void)is_64;

	/* FF-A 1.0 §8.1.2: bit 31 MBZ; only major version 1 exists. w2-w7 are ignored. */
	if ((requested & FFA_VERSION_MBZ_BIT) || ffa_version_major(requested) != 1) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_VERBOSE, "FFA_VERSION: bad request", requested);
		version_not_supported(regs);
		return;
	}

	if (p->state == FFAP_STATE_NEGOTIATED) {
		if (ffa_version_minor(requested) < ffa_version_minor(p->version)) {
			ffap_plat_log(p->cfg.plat, FFAP_LOG_VERBOSE,
				      "FFA_VERSION: downgrade after negotiation", requested);
			version_not_supported(regs);
			return;
		}
		ffa_regs_clear(regs, p->version);
		return;
	}

	candidate = p->spmc_version;
	if (ffa_version_minor(requested) < ffa_version_minor(p->spmc_version))
		candidate = requested;

	if (candidate != p->spmc_version || candidate != p->sw_version) {
		/*
		 * The secure world speaks another version than the one to
		 * negotiate: a host on an older minor version (the structures
		 * differ between minors, so the secure world must agree to use
		 * the host's), or a retry after an earlier attempt moved it.
		 * Any answer but NOT_SUPPORTED (plain or as FFA_ERROR) is
		 * agreement.
		 */
		ffa_regs_clear(&r, regs->x[0]);
		r.x[1] = candidate;
		ffap_secure_call(p, &r);
		if ((int32_t)(uint32_t)r.x[0] == FFA_NOT_SUPPORTED ||
		    ffa_is_error(&r, FFA_NOT_SUPPORTED)) {
			ffap_plat_log(p->cfg.plat, FFAP_LOG_VERBOSE,
				      "FFA_VERSION: secure world refuses version", candidate);
			version_not_supported(regs);
			return;
		}
		p->sw_version = candidate;
	}

	if (!secure_world_usable(p, candidate)) {
		version_not_supported(regs);
		return;
	}

	p->version = candidate;
	/* Publish the version before the state: rows without the lock read them in that order. */
	__atomic_store_n(&p->state, FFAP_STATE_NEGOTIATED, __ATOMIC_RELEASE);
	ffap_plat_log(p->cfg.plat, FFAP_LOG_INFO, "host negotiated FF-A version", candidate);
	ffa_regs_clear(regs, candidate);
}

/* FFA_ID_GET (FF-A 1.0 §8.7): the host is the NS physical instance, ID 0. */
void ffap_handle_id_get(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	(void)p;
	(void)is_64;
	ffa_set_success32(regs, FFA_HOST_ID, 0);
}

/* FFA_SPM_ID_GET (FF-A 1.1): the SPMC's ID is the secure world's to say. */
void ffap_handle_spm_id_get(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	struct ffa_regs r;

	(void)is_64;
	ffa_regs_clear(&r, regs->x[0]);
	ffap_secure_call(p, &r);
	if (ffap_reply_status(&r) == FFA_ABORTED) {
		ffap_refuse(p, regs, FFA_ABORTED, "FFA_SPM_ID_GET: bad secure reply", r.x[0]);
		return;
	}
	ffap_pass_reply(regs, &r, false);
}

static bool is_mem_send(uint32_t fnum)
{
	return fnum == FFA_FNUM_MEM_DONATE || fnum == FFA_FNUM_MEM_LEND ||
	       fnum == FFA_FNUM_MEM_SHARE;
}

/*
 * FFA_FEATURES (policy §2; FF-A 1.0 §8.2). The host learns only what it may
 * use through the proxy: refused and gated functions are NOT_SUPPORTED
 * whatever the secure world implements, and the RX/TX buffer limits are the
 * proxy's own, since the host's buffers are mapped by the proxy, not by the
 * secure world.
 */
void ffap_handle_features(struct ffap *p, struct ffa_regs *regs, bool is_64)
{
	uint32_t id = (uint32_t)regs->x[1];
	uint32_t fnum = id & SMCCC_FNUM_MASK;
	struct ffa_regs r;
	uint32_t props;

	(void)is_64;
	if (id & FFA_FEATURES_FUNC_ID_BIT) {
		if (!ffap_function_allowed(p, id)) {
			ffap_refuse(p, regs, FFA_NOT_SUPPORTED, "FFA_FEATURES: function refused",
				    id);
			return;
		}
		if (fnum == FFA_FNUM_RXTX_MAP) {
			/* 4 KiB minimum; from 1.2, bits 31:16 give the most pages accepted. */
			props = FFA_RXTX_MAP_MIN_SIZE_4K;
			if (p->version >= FFA_VERSION_1_2)
				props |= p->cfg.mbox_pages << FFA_RXTX_MAP_MAX_PAGES_SHIFT;
			ffa_set_success32(regs, props, 0);
			return;
		}
		if (is_mem_send(fnum)) {
			/* Bit 0 clear: descriptors only in the TX buffer, no dynamic buffers. */
			ffa_set_success32(regs, 0, 0);
			return;
		}
	} else {
		/* FF-A 1.0 §8.2: feature IDs live in bits 7:0; bits 30:8 are MBZ. */
		if (id & FFA_FEATURE_ID_MBZ_MASK) {
			ffap_refuse(p, regs, FFA_NOT_SUPPORTED, "FFA_FEATURES: bad feature ID", id);
			return;
		}
		/* NPI and SRI belong to notifications, which FF-A 1.1 introduced. */
		if ((id == FFA_FEATURE_NPI || id == FFA_FEATURE_SRI) &&
		    p->version < FFA_VERSION_1_1) {
			ffap_refuse(p, regs, FFA_NOT_SUPPORTED, "FFA_FEATURES: feature gated", id);
			return;
		}
	}

	ffa_regs_clear(&r, regs->x[0]);
	r.x[1] = id;
	ffap_secure_call(p, &r);
	if (ffap_reply_status(&r) == FFA_ABORTED) {
		ffap_refuse(p, regs, FFA_ABORTED, "FFA_FEATURES: bad secure reply", r.x[0]);
		return;
	}
	ffap_pass_reply(regs, &r, false);
}
