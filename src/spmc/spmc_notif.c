/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Notifications (FF-A 1.1): the normal world's bitmap, bindings, set and get
 * with global and per-vCPU state, FFA_NOTIFICATION_INFO_GET's ID lists, the
 * framework "RX buffer full" notification and the schedule receiver
 * interrupt (SRI).
 *
 * Receivers: the normal world, ID 0, between FFA_NOTIFICATION_BITMAP_CREATE
 * and _DESTROY (the model knows no other normal-world endpoint: it models no
 * hypervisor creating bitmaps for VMs); every partition, as its
 * configuration says (the notify property, "supports receipt of
 * notifications", enables it; its execution contexts are its vCPUs).
 * Senders: a partition, to the normal world or to another partition; the
 * normal world, to a partition. A receiver binds a notification ID to one
 * sender, as a global or a per-vCPU notification; only that sender may then
 * set it.
 *
 * FFA_NOTIFICATION_GET reports and clears what the receiver asks for: the SP
 * bitmap (IDs bound to partitions), the VM bitmap (IDs bound to the normal
 * world), the SPM and hypervisor framework bitmaps. FFA_NOTIFICATION_INFO_GET
 * tells the normal world's scheduler which endpoints and vCPUs have something
 * pending; it leaves the notifications pending, but reports each once (until
 * it is set again), so that a caller looping while "more pending" is set
 * ends, as Hafnium's SPMC does.
 *
 * Schedule receiver interrupt: pended at the normal world (the platform's
 * spmc_plat_raise_sri()) each time a partition makes a notification pending,
 * to any receiver, so that the scheduler asks FFA_NOTIFICATION_INFO_GET and
 * gives the receiver cycles. A partition may delay it (delay-SRI flag): it is
 * then raised when the model next returns to the normal world. What the
 * normal world sets raises nothing: it is the scheduler itself.
 */
#include "spmc_private.h"

/* FFA_NOTIFICATION_BIND/UNBIND/SET w3/w4: the notification bitmap, bits 31:0 then 63:32. */
static uint64_t spmc_notif_bitmap(const struct ffa_regs *args)
{
	return ((uint64_t)ffa_w(args, 4) << 32) | ffa_w(args, 3);
}

struct spmc_notif_receiver *spmc_notif_receiver_find(struct spmc *m, uint16_t id)
{
	struct spmc_partition *p;

	if (id == FFA_HOST_ID)
		return &m->ns_notif;
	p = spmc_find_partition(m, id);
	return p ? &p->notif : NULL;
}

void spmc_notif_init_partition(struct spmc_partition *p)
{
	ffa_memset(&p->notif, 0, sizeof(p->notif));
	p->notif.enabled = (p->cfg.properties & FFA_PART_PROP_NOTIFICATION) != 0;
	p->notif.vcpu_count = p->cfg.exec_ctx_count;
}

/* Pend the SRI now, or when the model next returns to the normal world. */
static void spmc_signal_scheduler(struct spmc *m, bool delay_sri)
{
	if (delay_sri)
		m->sri_delayed = true;
	else
		spmc_plat_raise_sri(m->plat);
}

void spmc_raise_delayed_sri(struct spmc *m)
{
	if (!m->sri_delayed)
		return;
	m->sri_delayed = false;
	spmc_plat_raise_sri(m->plat);
}

/*
 * FF-A 1.1 FFA_MSG_SEND2: the relayer pends the receiver's "RX buffer full"
 * framework notification. Which framework bitmap carries it follows the
 * sender's world: the SPM's (FFA_NOTIFICATION_GET w6) for a partition
 * sender, the hypervisor's (w7) for the normal world, as Hafnium keeps them
 * and Arm's ACS checks them.
 */
void spmc_notif_pend_rx_full(struct spmc *m, struct spmc_notif_receiver *r, bool from_partition,
			     bool delay_sri)
{
	if (from_partition)
		r->spm_framework |= FFA_FRAMEWORK_NOTIF_RX_FULL;
	else
		r->hyp_framework |= FFA_FRAMEWORK_NOTIF_RX_FULL;
	r->info_global = true;
	if (from_partition)
		spmc_signal_scheduler(m, delay_sri);
}

/* The notification IDs of @r bound to @sender. */
static uint64_t spmc_notif_bound_to(const struct spmc_notif_receiver *r, uint16_t sender)
{
	uint64_t ids = 0;
	unsigned int i;

	for (i = 0; i < FFA_NOTIFICATION_COUNT; i++)
		if ((r->bound >> i) & 1 && r->sender[i] == sender)
			ids |= UINT64_C(1) << i;
	return ids;
}

/* The notification IDs of @r bound to partitions: GET's SP bitmap; the others are its VM bitmap. */
static uint64_t spmc_notif_bound_to_partitions(const struct spmc_notif_receiver *r)
{
	uint64_t ids = 0;
	unsigned int i;

	for (i = 0; i < FFA_NOTIFICATION_COUNT; i++)
		if ((r->bound >> i) & 1 && ffa_id_is_secure(r->sender[i]))
			ids |= UINT64_C(1) << i;
	return ids;
}

/* The notification IDs pending at @r, globally or for any vCPU. */
static uint64_t spmc_notif_pending_ids(const struct spmc_notif_receiver *r)
{
	uint64_t ids = r->global_pending;
	unsigned int v;

	for (v = 0; v < r->vcpu_count; v++)
		ids |= r->vcpu_pending[v];
	return ids;
}

/*
 * Whether @sender may notify receiver @receiver: another endpoint the model
 * knows. The normal world's senders are partitions (FF-A 1.1: at the SPMC,
 * a normal-world receiver binds secure senders); a partition's, the normal
 * world and the other partitions. Sending needs no property: the notify
 * property is about receipt.
 */
static bool spmc_notif_sender_valid(struct spmc *m, uint16_t receiver, uint16_t sender)
{
	if (sender == receiver)
		return false;
	return sender == FFA_HOST_ID || spmc_find_partition(m, sender) != NULL;
}

/*
 * FFA_NOTIFICATION_BIND (@bind) / _UNBIND of @ids by receiver @receiver_id,
 * for @sender_id; @per_vcpu: BIND's w2 bit 0. The caller has checked the
 * registers and that the receiver is the caller.
 */
static int32_t spmc_notif_update_bindings(struct spmc *m, uint16_t receiver_id, uint16_t sender_id,
					  bool per_vcpu, uint64_t ids, bool bind)
{
	struct spmc_notif_receiver *r = spmc_notif_receiver_find(m, receiver_id);
	unsigned int i;

	/* FF-A 1.1: an invalid sender (unknown, or the receiver itself): INVALID_PARAMETERS. */
	if (!spmc_notif_sender_valid(m, receiver_id, sender_id))
		return FFA_INVALID_PARAMETERS;
	/* An empty bitmap names no notification: INVALID_PARAMETERS (Arm's ACS). */
	if (!ids)
		return FFA_INVALID_PARAMETERS;
	/*
	 * A receiver whose notifications are not enabled (the normal world
	 * before BITMAP_CREATE, a partition without the notify property):
	 * NOT_SUPPORTED, as Hafnium answers.
	 */
	if (!r || !r->enabled)
		return FFA_NOT_SUPPORTED;

	for (i = 0; i < FFA_NOTIFICATION_COUNT; i++) {
		bool bound = (r->bound >> i) & 1;
		bool bound_per_vcpu = (r->bound_per_vcpu >> i) & 1;

		if (!((ids >> i) & 1))
			continue;
		if (bind) {
			/*
			 * FF-A 1.1 BIND: DENIED for an ID bound to another
			 * sender. Binding an ID again to the same sender, as
			 * the same kind, changes nothing and succeeds; as the
			 * other kind (global / per-vCPU) it is DENIED: the
			 * receiver unbinds first, so that no pending
			 * notification changes kind under its sender.
			 */
			if (bound && (r->sender[i] != sender_id || bound_per_vcpu != per_vcpu))
				return FFA_DENIED;
		} else {
			/* FF-A 1.1 UNBIND: DENIED for an ID not bound to this sender. */
			if (!bound || r->sender[i] != sender_id)
				return FFA_DENIED;
		}
	}
	/*
	 * UNBIND of a pending notification: DENIED, as Hafnium answers; the
	 * receiver gets it first. Pending IDs therefore stay bound.
	 */
	if (!bind && (spmc_notif_pending_ids(r) & ids))
		return FFA_DENIED;

	for (i = 0; i < FFA_NOTIFICATION_COUNT; i++) {
		if (!((ids >> i) & 1))
			continue;
		r->sender[i] = bind ? sender_id : 0;
	}
	if (bind) {
		r->bound |= ids;
		if (per_vcpu)
			r->bound_per_vcpu |= ids;
	} else {
		r->bound &= ~ids;
		r->bound_per_vcpu &= ~ids;
	}
	return 0;
}

/*
 * FFA_NOTIFICATION_BIND / _UNBIND registers: w1 sender 31:16, receiver 15:0
 * (the caller, @caller_id); w2 flags (BIND: bit 0 per-vCPU, bits 31:1 MBZ;
 * UNBIND: MBZ); w3/w4 bitmap; w5-w7 MBZ.
 */
static int32_t spmc_notif_bind_call(struct spmc *m, uint16_t caller_id, const struct ffa_regs *args,
				    struct ffa_regs *reply, bool bind)
{
	uint32_t w1 = ffa_w(args, 1);
	uint32_t flags = ffa_w(args, 2);
	uint32_t flags_allowed = bind ? FFA_NOTIFICATION_FLAG_PER_VCPU : 0;
	int32_t status;

	/* Reserved flag bits (UNBIND: all of w2) MBZ (Arm's ACS). */
	if (flags & ~flags_allowed)
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 5, 7))
		return FFA_INVALID_PARAMETERS;
	/*
	 * The receiver binds its own notifications. At the SPMC the normal
	 * world names itself: the model knows no VM a hypervisor could bind
	 * for. FF-A 1.1: a receiver ID that is not the caller's:
	 * INVALID_PARAMETERS.
	 */
	if (ffa_receiver(w1) != caller_id)
		return FFA_INVALID_PARAMETERS;

	status = spmc_notif_update_bindings(m, caller_id, ffa_sender(w1),
					    flags & FFA_NOTIFICATION_FLAG_PER_VCPU,
					    spmc_notif_bitmap(args), bind);
	if (status)
		return status;
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/*
 * FFA_NOTIFICATION_SET by @sender_id (@from_partition: a partition's call):
 * w1 sender 31:16 (the caller), receiver 15:0; w2 bit 0 per-vCPU, bit 1
 * delay SRI, bits 15:2 MBZ, bits 31:16 vCPU ID; w3/w4 bitmap; w5-w7 MBZ.
 */
static int32_t spmc_notif_set_call(struct spmc *m, uint16_t sender_id, bool from_partition,
				   const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint32_t w1 = ffa_w(args, 1);
	uint32_t flags = ffa_w(args, 2);
	uint64_t ids = spmc_notif_bitmap(args);
	uint16_t receiver_id = ffa_receiver(w1);
	bool per_vcpu = flags & FFA_NOTIFICATION_FLAG_PER_VCPU;
	bool delay_sri = flags & FFA_NOTIFICATION_FLAG_DELAY_SRI;
	uint16_t vcpu = (uint16_t)(flags >> FFA_NOTIFICATION_VCPU_SHIFT);
	struct spmc_notif_receiver *r;

	/* FF-A 1.1: the sender is the caller. */
	if (ffa_sender(w1) != sender_id)
		return FFA_INVALID_PARAMETERS;
	/* w2 bits 15:2 MBZ. */
	if (flags & FFA_NOTIFICATION_SET_MBZ_MASK)
		return FFA_INVALID_PARAMETERS;
	/*
	 * Delaying the SRI is for senders at the secure virtual instance
	 * (partitions); from the normal world, INVALID_PARAMETERS (Hafnium).
	 */
	if (delay_sri && !from_partition)
		return FFA_INVALID_PARAMETERS;
	/* A vCPU ID only names the target of a per-vCPU notification (Arm's ACS). */
	if (!per_vcpu && vcpu)
		return FFA_INVALID_PARAMETERS;
	/* An empty bitmap sets nothing (Arm's ACS). */
	if (!ids)
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 5, 7))
		return FFA_INVALID_PARAMETERS;
	/* The receiver: another endpoint the model knows. */
	r = spmc_notif_receiver_find(m, receiver_id);
	if (!r || receiver_id == sender_id)
		return FFA_INVALID_PARAMETERS;
	/* A receiver that does not support receipt of notifications: DENIED (Arm's ACS). */
	if (!r->enabled)
		return FFA_DENIED;
	/* The vCPU must be one of the receiver's (Arm's ACS). */
	if (per_vcpu && vcpu >= r->vcpu_count)
		return FFA_INVALID_PARAMETERS;
	/* FF-A 1.1: every notification set must be bound to this sender, else DENIED. */
	if (ids & ~spmc_notif_bound_to(r, sender_id))
		return FFA_DENIED;
	/*
	 * The per-vCPU flag must match how each notification is bound: a
	 * global one set per vCPU, or a per-vCPU one set globally, is
	 * INVALID_PARAMETERS (Arm's ACS; Hafnium answers DENIED).
	 */
	if (per_vcpu ? (ids & ~r->bound_per_vcpu) : (ids & r->bound_per_vcpu))
		return FFA_INVALID_PARAMETERS;

	if (per_vcpu) {
		r->vcpu_pending[vcpu] |= ids;
		r->info_vcpus |= UINT64_C(1) << vcpu;
	} else {
		r->global_pending |= ids;
		r->info_global = true;
	}
	if (from_partition)
		spmc_signal_scheduler(m, delay_sri);
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/*
 * FFA_NOTIFICATION_GET by receiver @caller_id: w1 receiver 15:0 (the
 * caller), vCPU ID 31:16; w2 bitmaps asked for: bit 0 SP, 1 VM, 2 SPM
 * framework, 3 hypervisor framework, bits 31:4 MBZ; w3-w7 MBZ. Success: w2/w3
 * SP bitmap, w4/w5 VM bitmap, w6 SPM framework, w7 hypervisor framework bitmap;
 * what is reported is no longer pending.
 */
static int32_t spmc_notif_get_call(struct spmc *m, uint16_t caller_id, const struct ffa_regs *args,
				   struct ffa_regs *reply)
{
	uint32_t w1 = ffa_w(args, 1);
	uint32_t flags = ffa_w(args, 2);
	uint16_t vcpu = (uint16_t)(w1 >> FFA_NOTIFICATION_VCPU_SHIFT);
	bool from_ns = caller_id == FFA_HOST_ID;
	struct spmc_notif_receiver *r;
	uint64_t pending, from_sp, sp_ids = 0, vm_ids = 0, taken;
	uint32_t spm = 0, hyp = 0;

	/* FF-A 1.1: the receiver is the caller. */
	if (ffa_receiver(w1) != caller_id)
		return FFA_INVALID_PARAMETERS;
	/* w2 bits 31:4 MBZ. */
	if (flags & FFA_NOTIFICATION_GET_MBZ_MASK)
		return FFA_INVALID_PARAMETERS;
	/*
	 * At the SPMC, the normal world's VM and hypervisor framework bitmaps
	 * are not the SPMC's: a hypervisor keeps them. Asking for them is
	 * INVALID_PARAMETERS (Hafnium's SPMC). Linux at ID 0 asks for SP and
	 * SPM only; a proxy that is no hypervisor towards its host has these
	 * two bitmaps to offer, and nothing more.
	 */
	if (from_ns && (flags & (FFA_NOTIFICATION_GET_VM | FFA_NOTIFICATION_GET_HYP)))
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 3, 7))
		return FFA_INVALID_PARAMETERS;
	r = spmc_notif_receiver_find(m, caller_id);
	/*
	 * The normal world without a bitmap has no notifications:
	 * NOT_SUPPORTED, as for BIND. A partition may always ask: the notify
	 * property is about others binding its notifications; its framework
	 * notifications (RX buffer full) reach it regardless.
	 */
	if (!r || (from_ns && !r->enabled))
		return FFA_NOT_SUPPORTED;
	/* The vCPU must be one of the receiver's (Arm's ACS). */
	if (vcpu >= r->vcpu_count)
		return FFA_INVALID_PARAMETERS;

	/* Global notifications and those of this vCPU. */
	pending = r->global_pending | r->vcpu_pending[vcpu];
	from_sp = spmc_notif_bound_to_partitions(r);
	if (flags & FFA_NOTIFICATION_GET_SP)
		sp_ids = pending & from_sp;
	if (flags & FFA_NOTIFICATION_GET_VM)
		vm_ids = pending & ~from_sp;
	taken = sp_ids | vm_ids;
	r->global_pending &= ~taken;
	r->vcpu_pending[vcpu] &= ~taken;

	if (flags & FFA_NOTIFICATION_GET_SPM) {
		spm = r->spm_framework;
		r->spm_framework = 0;
		/*
		 * A partition asking for the SPM framework bitmap gets the
		 * hypervisor framework bitmap too: an indirect message from the
		 * normal world pends "RX buffer full" there, and Arm's ACS
		 * expects a partition asking with the SPM flag alone to see it
		 * in w7 (Hafnium keeps both in one bitmap).
		 */
		if (!from_ns) {
			hyp = r->hyp_framework;
			r->hyp_framework = 0;
		}
	}
	if (flags & FFA_NOTIFICATION_GET_HYP) {
		hyp |= r->hyp_framework;
		r->hyp_framework = 0;
	}

	/* What INFO_GET has yet to report goes with what is still pending. */
	if (!r->global_pending && !r->spm_framework && !r->hyp_framework)
		r->info_global = false;
	if (!r->vcpu_pending[vcpu])
		r->info_vcpus &= ~(UINT64_C(1) << vcpu);

	ffa_regs_clear(reply, FFA_SUCCESS_32);
	reply->x[2] = (uint32_t)sp_ids;
	reply->x[3] = (uint32_t)(sp_ids >> 32);
	reply->x[4] = (uint32_t)vm_ids;
	reply->x[5] = (uint32_t)(vm_ids >> 32);
	reply->x[6] = spm;
	reply->x[7] = hyp;
	return 0;
}

/*
 * FFA_NOTIFICATION_BITMAP_CREATE (FF-A 1.1): w1 bits 15:0 = the VM whose
 * bitmap is created, bits 31:16 MBZ; w2 = its vCPU count; w3-w7 MBZ.
 */
int32_t spmc_ns_notification_bitmap_create(struct spmc *m, const struct ffa_regs *args,
					   struct ffa_regs *reply)
{
	uint32_t w1 = ffa_w(args, 1);
	uint32_t vcpu_count = ffa_w(args, 2);
	struct spmc_notif_receiver *r = &m->ns_notif;

	/* w1 bits 31:16 MBZ. */
	if (w1 & ~FFA_NOTIFICATION_BITMAP_VM_ID_MASK)
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 3, 7))
		return FFA_INVALID_PARAMETERS;
	/*
	 * The normal world creates for itself, ID 0, the only normal-world
	 * endpoint the model knows (it models no hypervisor creating bitmaps
	 * for VMs). Any other ID is no VM: INVALID_PARAMETERS (Arm's ACS).
	 */
	if ((w1 & FFA_NOTIFICATION_BITMAP_VM_ID_MASK) != FFA_HOST_ID)
		return FFA_INVALID_PARAMETERS;
	/*
	 * An endpoint has at least one vCPU; with none, FFA_NOTIFICATION_GET
	 * could name no vCPU and the bitmap would be useless.
	 */
	if (!vcpu_count)
		return FFA_INVALID_PARAMETERS;
	/* FF-A 1.1: a bitmap created already: DENIED (Arm's ACS). */
	if (r->enabled)
		return FFA_DENIED;
	/*
	 * The model keeps per-vCPU state for SPMC_MAX_VCPUS vCPUs: more is "no
	 * space for the VM's state", NO_MEMORY (Linux passes nr_cpu_ids and
	 * runs without notifications when this fails).
	 */
	if (vcpu_count > SPMC_MAX_VCPUS)
		return FFA_NO_MEMORY;

	ffa_memset(r, 0, sizeof(*r));
	r->enabled = true;
	r->vcpu_count = (uint16_t)vcpu_count;
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/*
 * FFA_NOTIFICATION_BITMAP_DESTROY (FF-A 1.1): w1 bits 15:0 = the VM, bits
 * 31:16 MBZ; w2-w7 MBZ.
 */
int32_t spmc_ns_notification_bitmap_destroy(struct spmc *m, const struct ffa_regs *args,
					    struct ffa_regs *reply)
{
	uint32_t w1 = ffa_w(args, 1);
	struct spmc_notif_receiver *r = &m->ns_notif;

	/* w1 bits 31:16 MBZ. */
	if (w1 & ~FFA_NOTIFICATION_BITMAP_VM_ID_MASK)
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 2, 7))
		return FFA_INVALID_PARAMETERS;
	/* Only ID 0 is a VM the model knows, as in BITMAP_CREATE. */
	if ((w1 & FFA_NOTIFICATION_BITMAP_VM_ID_MASK) != FFA_HOST_ID)
		return FFA_INVALID_PARAMETERS;
	/* FF-A 1.1: no bitmap created: DENIED (Arm's ACS). */
	if (!r->enabled)
		return FFA_DENIED;
	/*
	 * FF-A 1.1: DENIED while notifications are bound or pending
	 * (framework notifications included): senders still rely on them.
	 */
	if (r->bound || spmc_notif_pending_ids(r) || r->spm_framework || r->hyp_framework)
		return FFA_DENIED;

	ffa_memset(r, 0, sizeof(*r));
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/* FFA_NOTIFICATION_BIND from the normal world: it is the receiver, a partition the sender. */
int32_t spmc_ns_notification_bind(struct spmc *m, const struct ffa_regs *args,
				  struct ffa_regs *reply)
{
	return spmc_notif_bind_call(m, FFA_HOST_ID, args, reply, true);
}

int32_t spmc_ns_notification_unbind(struct spmc *m, const struct ffa_regs *args,
				    struct ffa_regs *reply)
{
	return spmc_notif_bind_call(m, FFA_HOST_ID, args, reply, false);
}

/* FFA_NOTIFICATION_SET from the normal world: sender 0, a partition the receiver. */
int32_t spmc_ns_notification_set(struct spmc *m, const struct ffa_regs *args,
				 struct ffa_regs *reply)
{
	return spmc_notif_set_call(m, FFA_HOST_ID, false, args, reply);
}

int32_t spmc_ns_notification_get(struct spmc *m, const struct ffa_regs *args,
				 struct ffa_regs *reply)
{
	return spmc_notif_get_call(m, FFA_HOST_ID, args, reply);
}

int32_t spmc_sp_notification_bind(struct spmc *m, struct spmc_partition *sp,
				  const struct ffa_regs *args, struct ffa_regs *reply)
{
	return spmc_notif_bind_call(m, sp->cfg.id, args, reply, true);
}

int32_t spmc_sp_notification_unbind(struct spmc *m, struct spmc_partition *sp,
				    const struct ffa_regs *args, struct ffa_regs *reply)
{
	return spmc_notif_bind_call(m, sp->cfg.id, args, reply, false);
}

int32_t spmc_sp_notification_set(struct spmc *m, struct spmc_partition *sp,
				 const struct ffa_regs *args, struct ffa_regs *reply)
{
	return spmc_notif_set_call(m, sp->cfg.id, true, args, reply);
}

int32_t spmc_sp_notification_get(struct spmc *m, struct spmc_partition *sp,
				 const struct ffa_regs *args, struct ffa_regs *reply)
{
	return spmc_notif_get_call(m, sp->cfg.id, args, reply);
}

unsigned int spmc_notif_info_encode(const struct spmc_notif_info_list *lists, unsigned int count,
				    bool more, bool smc64, struct ffa_regs *reply)
{
	unsigned int max_ids = smc64 ? FFA_NOTIF_INFO_MAX_IDS_64 : FFA_NOTIF_INFO_MAX_IDS_32;
	unsigned int max_lists = smc64 ? FFA_NOTIF_INFO_MAX_LISTS_64 : FFA_NOTIF_INFO_MAX_LISTS_32;
	/* IDs per register: 16 bits each, in w3-w7 or x3-x7. */
	unsigned int ids_per_reg = (smc64 ? 64 : 32) / FFA_NOTIF_INFO_ID_BITS;
	uint16_t ids[FFA_NOTIF_INFO_MAX_IDS_64];
	unsigned int n, i, id_count = 0;
	uint64_t x2 = 0;

	for (n = 0; n < count && n < max_lists; n++) {
		const struct spmc_notif_info_list *l = &lists[n];

		/* The 2-bit size field counts up to three vCPU IDs. */
		if (l->vcpu_count > SPMC_NOTIF_INFO_LIST_MAX_VCPUS)
			break;
		/* A list is sent whole or not at all: its ID and its vCPU IDs. */
		if (id_count + 1 + l->vcpu_count > max_ids)
			break;
		ids[id_count++] = l->id;
		for (i = 0; i < l->vcpu_count; i++)
			ids[id_count++] = l->vcpus[i];
		x2 |= (uint64_t)l->vcpu_count
		      << (FFA_NOTIF_INFO_LIST_SIZE_SHIFT + n * FFA_NOTIF_INFO_LIST_SIZE_BITS);
	}
	x2 |= (uint64_t)n << FFA_NOTIF_INFO_LIST_COUNT_SHIFT;
	/* Bit 0: more pending, the caller should ask again. */
	if (more || n < count)
		x2 |= FFA_NOTIF_INFO_MORE_PENDING;

	ffa_regs_clear(reply, smc64 ? FFA_SUCCESS_64 : FFA_SUCCESS_32);
	reply->x[2] = x2;
	for (i = 0; i < id_count; i++)
		reply->x[FFA_NOTIF_INFO_ID_FIRST_REG + i / ids_per_reg] |=
			(uint64_t)ids[i] << (FFA_NOTIF_INFO_ID_BITS * (i % ids_per_reg));
	return n;
}

/*
 * Collect the ID lists INFO_GET has yet to report for receiver @id into
 * @lists (at most @max, @count so far): a list with no vCPU ID for its
 * global and framework notifications, then its vCPUs with per-vCPU
 * notifications, three to a list, in ascending order. Returns false when
 * @lists is full and there was more to add.
 */
static bool spmc_notif_info_collect(const struct spmc_notif_receiver *r, uint16_t id,
				    struct spmc_notif_info_list *lists, unsigned int max,
				    unsigned int *count)
{
	struct spmc_notif_info_list *l = NULL;
	unsigned int v;

	if (r->info_global) {
		if (*count == max)
			return false;
		lists[(*count)++] = (struct spmc_notif_info_list){ .id = id };
	}
	for (v = 0; v < r->vcpu_count; v++) {
		if (!((r->info_vcpus >> v) & 1))
			continue;
		if (!l || l->vcpu_count == SPMC_NOTIF_INFO_LIST_MAX_VCPUS) {
			if (*count == max)
				return false;
			l = &lists[(*count)++];
			*l = (struct spmc_notif_info_list){ .id = id };
		}
		l->vcpus[l->vcpu_count++] = v;
	}
	return true;
}

/*
 * FFA_NOTIFICATION_INFO_GET_32/_64 (FF-A 1.1): no arguments (w1-w7 / x1-x7
 * MBZ). Success: FFA_SUCCESS_32 or _64 (the form of the call) with the ID
 * lists of the endpoints that have notifications pending (the normal world
 * first, then the partitions in configuration order); NO_DATA when there is
 * nothing to report.
 */
int32_t spmc_ns_notification_info_get(struct spmc *m, const struct ffa_regs *args,
				      struct ffa_regs *reply)
{
	bool smc64 = smccc_is_64((uint32_t)args->x[0]);
	unsigned int max = smc64 ? FFA_NOTIF_INFO_MAX_LISTS_64 : FFA_NOTIF_INFO_MAX_LISTS_32;
	struct spmc_notif_info_list lists[FFA_NOTIF_INFO_MAX_LISTS_64];
	unsigned int count = 0, encoded, i, j;
	bool more = false;

	if (!spmc_args_zero(args, 1, 7))
		return FFA_INVALID_PARAMETERS;

	if (m->ns_notif.enabled)
		more = !spmc_notif_info_collect(&m->ns_notif, FFA_HOST_ID, lists, max, &count);
	for (i = 0; i < m->partition_count && !more; i++)
		more = !spmc_notif_info_collect(&m->partitions[i].notif, m->partitions[i].cfg.id,
						lists, max, &count);
	/* FF-A 1.1: nothing pending (that was not reported already): NO_DATA (Arm's ACS). */
	if (!count)
		return FFA_NO_DATA;

	encoded = spmc_notif_info_encode(lists, count, more, smc64, reply);

	/* What the reply carries is reported: a later INFO_GET goes on from there. */
	for (i = 0; i < encoded; i++) {
		struct spmc_notif_receiver *r = spmc_notif_receiver_find(m, lists[i].id);

		if (!lists[i].vcpu_count)
			r->info_global = false;
		for (j = 0; j < lists[i].vcpu_count; j++)
			r->info_vcpus &= ~(UINT64_C(1) << lists[i].vcpus[j]);
	}
	return 0;
}
