/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * The proxy's entry point: identification of FF-A calls, the checks every
 * call goes through in the order policy §1 ("Order of checks") fixes, and the
 * one place where the reply registers are written.
 */
#include "proxy_private.h"

void ffap_refuse(struct ffap *p, struct ffa_regs *out, int32_t code, const char *why,
		 uint64_t value)
{
	ffap_plat_log(p->cfg.plat, FFAP_LOG_VERBOSE, why, value);
	ffa_set_error(out, code);
}

void ffap_secure_call(struct ffap *p, struct ffa_regs *call)
{
	ffap_plat_secure_call(p->cfg.plat, call);
}

void ffap_pass_reply(struct ffa_regs *out, const struct ffa_regs *reply, bool extended)
{
	uint64_t mask = smccc_is_64((uint32_t)reply->x[0]) ? UINT64_MAX : UINT32_MAX;

	if (out != reply)
		*out = *reply;
	out->x[0] = (uint32_t)out->x[0];
	out->x[1] &= mask;
	out->x[2] &= mask;
	out->x[3] &= mask;
	out->x[4] &= mask;
	out->x[5] &= mask;
	out->x[6] &= mask;
	out->x[7] &= mask;
	if (!extended)
		ffa_memset(&out->x[8], 0, (FFA_REG_COUNT - 8) * sizeof(out->x[0]));
}

int32_t ffap_reply_status(const struct ffa_regs *reply)
{
	uint32_t w0 = (uint32_t)reply->x[0];
	int32_t code;

	if (w0 == FFA_SUCCESS_32 || w0 == FFA_SUCCESS_64)
		return 0;
	if (w0 != FFA_ERROR)
		return FFA_ABORTED;
	/* An FFA_ERROR must carry a negative code; 0 or a positive one breaks the ABI. */
	code = (int32_t)(uint32_t)reply->x[2];
	return code < 0 ? code : FFA_ABORTED;
}

int ffap_init(struct ffap *p, const struct ffap_config *cfg)
{
	struct ffa_regs r;
	uint32_t version;

	if (!cfg || !cfg->tx || !cfg->rx || cfg->mbox_pages == 0 ||
	    cfg->mbox_pages > FFA_RXTX_MAP_PAGE_COUNT_MASK ||
	    (cfg->tx_pa | cfg->rx_pa) & (FFA_PAGE_SIZE - 1) ||
	    ((uintptr_t)cfg->tx | (uintptr_t)cfg->rx) & (FFA_PAGE_SIZE - 1) ||
	    (cfg->range_count && !cfg->ranges) || cfg->range_count == FFAP_RANGE_NONE)
		return FFA_INVALID_PARAMETERS;

	ffa_memset(p, 0, sizeof(*p));
	p->cfg = *cfg;
	ffap_mem_init(p);
	p->state = FFAP_STATE_DISABLED;

	/*
	 * Ask for the newest version the proxy speaks. FF-A 1.0 §8.1.2: the
	 * callee answers with its own version, or NOT_SUPPORTED (plain -1,
	 * never FFA_ERROR) when it has no compatible implementation.
	 */
	ffa_regs_clear(&r, FFA_VERSION);
	r.x[1] = FFAP_VERSION_MAX;
	ffap_secure_call(p, &r);

	if (r.x[0] > UINT32_MAX || (uint32_t)r.x[0] == FFA_ERROR) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_INFO, "secure world has no FF-A", r.x[0]);
		return 0;
	}
	version = (uint32_t)r.x[0];
	if ((version & FFA_VERSION_MBZ_BIT) || ffa_version_major(version) != 1) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_INFO, "secure world FF-A version unusable",
			      version);
		return 0;
	}

	/* Proxy version = min(secure world's version, the newest the proxy speaks). */
	if (ffa_version_minor(version) > ffa_version_minor(FFAP_VERSION_MAX))
		version = FFAP_VERSION_MAX;
	p->spmc_version = version;
	p->sw_version = version;
	p->version = version;
	p->state = FFAP_STATE_READY;
	ffap_plat_log(p->cfg.plat, FFAP_LOG_INFO, "proxy FF-A version", version);
	return 0;
}

bool ffap_is_enabled(const struct ffap *p)
{
	return p->state != FFAP_STATE_DISABLED;
}

/*
 * Every FF-A call an undefined, refused or gated function makes is answered
 * with NOT_SUPPORTED; FFA_VERSION is the exception, as its failure is the
 * plain SMCCC -1 in x0 rather than an FFA_ERROR (FF-A 1.0 §8.1.2).
 */
static void refuse_not_supported(struct ffap *p, struct ffa_regs *out, uint32_t fid,
				 const char *why)
{
	if ((fid & ~SMCCC_SVE_HINT) == FFA_VERSION) {
		ffap_plat_log(p->cfg.plat, FFAP_LOG_VERBOSE, why, fid);
		ffa_regs_clear(out, SMCCC_RET_NOT_SUPPORTED);
		return;
	}
	ffap_refuse(p, out, FFA_NOT_SUPPORTED, why, fid);
}

/*
 * Bring the trapped registers to what the ABI defines, in place, checking on
 * the way that every argument register the row does not use is zero (policy
 * §1, "MBZ input"). @regs is the hypervisor's own copy of the host's
 * registers: the host cannot change it under the proxy. x0 keeps the function
 * ID exactly as the host wrote it, SVE hint included: forwarded calls pass it
 * on as received (policy §1). SMCCC says the upper halves of x1-x7 are ignored
 * in SMC32 calls, so they are dropped here and never reach a handler or the
 * secure world; x8-x17 are dropped unless the function defines them (policy
 * §1, "Registers beyond the ABI").
 *
 * Return: 0, or the number of the first unused register that is not zero.
 */
static unsigned int normalise_args(struct ffa_regs *regs, bool is_64,
				   const struct ffap_policy_row *row)
{
	uint64_t mask = is_64 ? UINT64_MAX : UINT32_MAX;
	uint32_t unused = ~(uint32_t)row->used_args;
	uint64_t stray = 0;
	unsigned int i;

	if (!(row->flags & FFAP_ROW_EXTENDED_ARGS))
		ffa_memset(&regs->x[8], 0, (FFA_REG_COUNT - 8) * sizeof(regs->x[0]));
		/*
	 * One straight pass without branches, as every trapped call takes it:
	 * bit n of unused is set when register n is not an argument.
	 */
#define NORMALISE_ARG(n)                                                     \
	do {                                                                 \
		regs->x[n] &= mask;                                          \
		stray |= regs->x[n] & (0 - (uint64_t)((unused >> (n)) & 1)); \
	} while (0)
	NORMALISE_ARG(1);
	NORMALISE_ARG(2);
	NORMALISE_ARG(3);
	NORMALISE_ARG(4);
	NORMALISE_ARG(5);
	NORMALISE_ARG(6);
	NORMALISE_ARG(7);
#undef NORMALISE_ARG
	if (!stray)
		return 0;
	for (i = 1; i <= 7; i++)
		if (regs->x[i] && !(row->used_args & (1u << i)))
			break;
	return i;
}

bool ffap_handle_call(struct ffap *p, struct ffa_regs *regs)
{
	uint32_t fid = (uint32_t)regs->x[0];
	uint32_t fnum = fid & SMCCC_FNUM_MASK;
	bool is_64 = smccc_is_64(fid);
	const struct ffap_abi_row *abi;
	const struct ffap_policy_row *row;
	enum ffap_state state;
	unsigned int bad_reg;
	bool locked = false;

	if (!ffa_fid_is_ffa(fid))
		return false;

	/* 1. SMCCC: x0 is a 32-bit function ID; anything above is not a call we know. */
	if (regs->x[0] >> 32) {
		ffap_refuse(p, regs, FFA_NOT_SUPPORTED, "x0 bits 63:32 set", regs->x[0]);
		goto reply;
	}

	/* 2. Allow-list: only what FF-A 1.0-1.2 defines, in the widths it defines. */
	abi = ffap_abi_row(fnum);
	row = ffap_policy_row(fnum);
	if (!(abi->widths & (is_64 ? FFA_W64 : FFA_W32))) {
		refuse_not_supported(p, regs, fid, "function not defined in this width");
		goto reply;
	}

	/*
	 * 3. The secure world has no usable FF-A (decided at init, never
	 * changes). The acquire load pairs with the release store that
	 * publishes a negotiated version (ffap_handle_version()).
	 */
	state = __atomic_load_n(&p->state, __ATOMIC_ACQUIRE);
	if (state == FFAP_STATE_DISABLED) {
		refuse_not_supported(p, regs, fid, "proxy disabled");
		goto reply;
	}

	/*
	 * Rows that may block run without the lock. They read only the state
	 * and version, which stop changing once negotiated. A call that races
	 * with the first FFA_VERSION may see either: both answers are right.
	 */
	if (!(row->flags & FFAP_ROW_UNLOCKED)) {
		ffap_plat_lock(p->cfg.plat);
		locked = true;
	}

	/* 4. FF-A 1.2 §13.2.2: the host must negotiate a version before anything else. */
	if (state != FFAP_STATE_NEGOTIATED && fnum != FFA_FNUM_VERSION) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "call before FFA_VERSION", fid);
		goto reply;
	}

	/* 5. Version gate: a call introduced after the negotiated version does not exist. */
	if (abi->since > p->version) {
		refuse_not_supported(p, regs, fid, "function newer than negotiated version");
		goto reply;
	}

	/* 6. Rows that refuse the call outright. */
	if (!row->handler) {
		refuse_not_supported(p, regs, fid, "function refused by policy");
		goto reply;
	}

	/* 7. Unused argument registers are MBZ; fields are the handler's to check. */
	bad_reg = normalise_args(regs, is_64, row);
	if (bad_reg) {
		ffap_refuse(p, regs, FFA_INVALID_PARAMETERS, "unused argument register non-zero",
			    bad_reg);
		goto reply;
	}

	/*
	 * 8. The row's own rules. The handler reads the call's fields from
	 * @regs, then replaces every register with the reply.
	 */
	row->handler(p, regs, is_64);

reply:
	if (locked)
		ffap_plat_unlock(p->cfg.plat);
	return true;
}
