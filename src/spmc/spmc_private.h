/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * What the SPMC model's files share. Not part of the API.
 *
 * Files, one per ABI family:
 *   spmc.c          configuration, dispatch (the table of what the model
 *                   implements), FFA_VERSION, FFA_FEATURES, FFA_ID_GET,
 *                   FFA_SPM_ID_GET, the partitions' own calls
 *   spmc_mailbox.c  FFA_RXTX_MAP, FFA_RXTX_UNMAP, FFA_RX_RELEASE
 *   spmc_partinfo.c FFA_PARTITION_INFO_GET, FFA_PARTITION_INFO_GET_REGS
 *
 * Citations: "FF-A 1.0 §n" is a rule of DEN0077A v1.0 in the words Arm's
 * FF-A compliance suite (ACS) quotes it; "FF-A 1.2 <ABI>" is that ABI's
 * description in DEN0077A v1.2. Where implementations disagree and the model
 * had to choose, the comment at the check says what it chose and why.
 */
#ifndef FFAPROXY_SPMC_PRIVATE_H
#define FFAPROXY_SPMC_PRIVATE_H

#include <ffaproxy/spmc_model.h>

/**
 * spmc_ns_handler_fn - handler of one ABI called by the normal world.
 * @m:     the model
 * @args:  a private copy of the caller's x0-x17 (x0 without the SVE hint);
 *         a handler decodes an SMC32 call's arguments from w1-w7 only
 * @reply: all zero on entry
 *
 * Return: 0 when @reply holds the answer; otherwise the FF-A error code the
 * dispatcher answers with FFA_ERROR (whatever the handler wrote is dropped).
 */
typedef int32_t spmc_ns_handler_fn(struct spmc *m, const struct ffa_regs *args,
				   struct ffa_regs *reply);

/** spmc_sp_handler_fn - as spmc_ns_handler_fn, for a call of partition @sp. */
typedef int32_t spmc_sp_handler_fn(struct spmc *m, struct spmc_partition *sp,
				   const struct ffa_regs *args, struct ffa_regs *reply);

/*
 * The version the normal world's calls are served at: the negotiated one, or
 * the model's own before any FFA_VERSION (spmc_model.h, struct spmc).
 */
static inline uint32_t spmc_ns_effective_version(const struct spmc *m)
{
	return m->ns_version ? m->ns_version : m->version;
}

/*
 * Whether argument registers @first..@last of a call are all zero: their low
 * 32 bits for an SMC32 call (SMCCC: the upper halves are not part of the
 * call), all 64 bits for an SMC64 call.
 */
static inline bool spmc_args_zero(const struct ffa_regs *args, unsigned int first,
				  unsigned int last)
{
	bool smc64 = smccc_is_64((uint32_t)args->x[0]);
	unsigned int i;

	for (i = first; i <= last; i++)
		if (smc64 ? args->x[i] != 0 : ffa_w(args, i) != 0)
			return false;
	return true;
}

/* spmc_mailbox.c */
int32_t spmc_ns_rxtx_map(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply);
int32_t spmc_ns_rxtx_unmap(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply);
int32_t spmc_ns_rx_release(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply);
int32_t spmc_sp_rx_release(struct spmc *m, struct spmc_partition *sp, const struct ffa_regs *args,
			   struct ffa_regs *reply);

/* spmc_partinfo.c */
int32_t spmc_ns_partition_info_get(struct spmc *m, const struct ffa_regs *args,
				   struct ffa_regs *reply);
int32_t spmc_ns_partition_info_get_regs(struct spmc *m, const struct ffa_regs *args,
					struct ffa_regs *reply);

#endif /* FFAPROXY_SPMC_PRIVATE_H */
