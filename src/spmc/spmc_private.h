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
 *   spmc_msg.c      direct messaging (FFA_MSG_SEND_DIRECT_REQ, _REQ2,
 *                   FFA_RUN) and indirect messaging (FFA_MSG_SEND2)
 *   spmc_notif.c    notifications (FFA_NOTIFICATION_*), the schedule
 *                   receiver interrupt
 *   spmc_mem.c      memory management: FFA_MEM_SHARE/LEND/DONATE,
 *                   FFA_MEM_FRAG_TX and FFA_MEM_RECLAIM from the normal
 *                   world; FFA_MEM_RETRIEVE_REQ, FFA_MEM_FRAG_RX and
 *                   FFA_MEM_RELINQUISH from partitions
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

/* spmc_msg.c */
spmc_ns_handler_fn spmc_ns_direct_req;
spmc_ns_handler_fn spmc_ns_direct_req2;
spmc_ns_handler_fn spmc_ns_run;
spmc_ns_handler_fn spmc_ns_msg_send2;
spmc_sp_handler_fn spmc_sp_msg_send2;

/* spmc_notif.c */
spmc_ns_handler_fn spmc_ns_notification_bitmap_create;
spmc_ns_handler_fn spmc_ns_notification_bitmap_destroy;
spmc_ns_handler_fn spmc_ns_notification_bind;
spmc_ns_handler_fn spmc_ns_notification_unbind;
spmc_ns_handler_fn spmc_ns_notification_set;
spmc_ns_handler_fn spmc_ns_notification_get;
spmc_ns_handler_fn spmc_ns_notification_info_get;
spmc_sp_handler_fn spmc_sp_notification_bind;
spmc_sp_handler_fn spmc_sp_notification_unbind;
spmc_sp_handler_fn spmc_sp_notification_set;
spmc_sp_handler_fn spmc_sp_notification_get;

/* spmc_mem.c */
spmc_ns_handler_fn spmc_ns_mem_send;
spmc_ns_handler_fn spmc_ns_mem_frag_tx;
spmc_ns_handler_fn spmc_ns_mem_reclaim;
spmc_sp_handler_fn spmc_sp_mem_retrieve_req;
spmc_sp_handler_fn spmc_sp_mem_frag_rx;
spmc_sp_handler_fn spmc_sp_mem_relinquish;

/**
 * spmc_notif_receiver_find() - the notification state of endpoint @id: the
 * normal world's for ID 0, a partition's own; NULL for an ID the model does
 * not know.
 */
struct spmc_notif_receiver *spmc_notif_receiver_find(struct spmc *m, uint16_t id);

/**
 * spmc_notif_pend_rx_full() - pend the "RX buffer full" framework
 * notification at receiver @r after an indirect message from a partition
 * (@from_partition: SPM framework bitmap, and the schedule receiver
 * interrupt, unless @delay_sri) or from the normal world (hypervisor
 * framework bitmap).
 */
void spmc_notif_pend_rx_full(struct spmc *m, struct spmc_notif_receiver *r, bool from_partition,
			     bool delay_sri);

/** spmc_notif_rx_full_pending() - whether @r has an "RX buffer full" notification pending. */
static inline bool spmc_notif_rx_full_pending(const struct spmc_notif_receiver *r)
{
	return ((r->spm_framework | r->hyp_framework) & FFA_FRAMEWORK_NOTIF_RX_FULL) != 0;
}

/**
 * spmc_notif_init_partition() - a partition's notification state at
 * spmc_init(): enabled by the notify property, one vCPU per execution
 * context, nothing bound.
 */
void spmc_notif_init_partition(struct spmc_partition *p);

/**
 * spmc_raise_delayed_sri() - raise the schedule receiver interrupt a
 * partition delayed, if any: called as the model returns to the normal world.
 */
void spmc_raise_delayed_sri(struct spmc *m);

/*
 * FFA_NOTIFICATION_INFO_GET's ID lists (FF-A 1.1): one list names an
 * endpoint and then 0 to 3 of its vCPUs. A list with no vCPU ID says the
 * endpoint has global notifications pending; a list with vCPU IDs, that those
 * vCPUs have per-vCPU notifications pending.
 */
#define SPMC_NOTIF_INFO_LIST_MAX_VCPUS FFA_NOTIF_INFO_LIST_SIZE_MASK

/** struct spmc_notif_info_list - one ID list of FFA_NOTIFICATION_INFO_GET. */
struct spmc_notif_info_list {
	uint16_t id;
	uint16_t vcpu_count;
	uint16_t vcpus[SPMC_NOTIF_INFO_LIST_MAX_VCPUS];
};

/**
 * spmc_notif_info_encode() - encode FFA_NOTIFICATION_INFO_GET's successful
 * reply for @lists, in order, as far as they fit.
 * @lists:  the lists; each with at most SPMC_NOTIF_INFO_LIST_MAX_VCPUS vCPU
 *          IDs (encoding stops at a list with more)
 * @count:  how many
 * @more:   the caller has further lists that are not in @lists
 * @smc64:  the SMC64 form: FFA_SUCCESS_64, up to 20 IDs in x3-x7; else
 *          FFA_SUCCESS_32, up to 10 IDs in w3-w7
 * @reply:  written whole: x0, x2 = more-pending flag (bit 0), list count
 *          (bits 11:7) and each list's vCPU ID count (2 bits each from bit
 *          12), the IDs from x3, every other register zero
 *
 * Lists are encoded whole and in order: the first list that does not fit
 * (IDs or list count) ends the encoding, and the more-pending flag is set
 * when @more or when not every list was encoded. Pure: no model state.
 *
 * Return: how many of @lists were encoded.
 */
unsigned int spmc_notif_info_encode(const struct spmc_notif_info_list *lists, unsigned int count,
				    bool more, bool smc64, struct ffa_regs *reply);

#endif /* FFAPROXY_SPMC_PRIVATE_H */
