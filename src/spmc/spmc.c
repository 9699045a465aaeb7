/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * The SPMC model: configuration, dispatch of the calls the normal world and
 * the partitions make, and the discovery ABIs that need no buffer
 * (FFA_VERSION, FFA_FEATURES, FFA_ID_GET, FFA_SPM_ID_GET).
 *
 * The model answers as FF-A says the SPMC answers the non-secure physical
 * FF-A instance, endpoint 0. It models no hypervisor forwarding for VMs:
 * where a field names a normal-world endpoint, only 0 is known.
 *
 * Rules that hold for every call from the normal world:
 * - The function ID is w0 with the SMCCC 1.3 SVE hint (bit 16) cleared;
 *   anything in x0[63:32] makes it no function ID at all.
 * - A call the model does not implement, or not at the negotiated version
 *   (an ABI introduced in FF-A 1.1 or 1.2 does not exist for a 1.0 or 1.1
 *   caller), and an x0 that is no FF-A function ID: FFA_ERROR(NOT_SUPPORTED).
 *   An SPMC answers the normal world in FF-A's format only.
 * - An SMC32 call is decoded from w1-w7: bits 63:32 of x1-x7 are ignored.
 * - Reserved (MBZ) fields and the argument registers a call does not use
 *   (w1-w7, or x1-x7 for SMC64) must be zero, else INVALID_PARAMETERS: the
 *   callee may reject them, and every implementation that checks uses this
 *   error. Exceptions: FFA_VERSION ignores w2-w7 (FF-A 1.3 defines flags
 *   there); FFA_FEATURES answers NOT_SUPPORTED, the only error it has.
 * - Replies start from all-zero registers: whatever the ABI does not define
 *   is zero, and 32-bit values are zero-extended.
 * - A model configured without FF-A (version 0) answers every call with
 *   SMCCC's "unknown function", -1 in all of x0, as a secure world without
 *   an SPMC does.
 * - x8-x17 are looked at only by the calls that define them
 *   (FFA_MSG_SEND_DIRECT_REQ2's payload); elsewhere they are SBZ, ignored.
 */
#include "spmc_private.h"

static spmc_ns_handler_fn spmc_ns_version;
static spmc_ns_handler_fn spmc_ns_features;
static spmc_ns_handler_fn spmc_ns_id_get;
static spmc_ns_handler_fn spmc_ns_spm_id_get;
static spmc_sp_handler_fn spmc_sp_id_get;
static spmc_sp_handler_fn spmc_sp_features;

/**
 * struct spmc_ns_abi - one ABI the model implements towards the normal world.
 * @fid:               function ID
 * @handler:           NULL for the ABIs the model only answers with
 *                     (FFA_ERROR, FFA_SUCCESS): FFA_FEATURES reports them,
 *                     calling them is NOT_SUPPORTED
 * @keeps_negotiation: the call does not end version negotiation
 *
 * The table is the single list of what the model implements: the dispatcher
 * routes by it and FFA_FEATURES answers from it. The version introducing each
 * function comes from FFA_FUNCTIONS() (ffa_abi.h).
 */
struct spmc_ns_abi {
	uint32_t fid;
	spmc_ns_handler_fn *handler;
	bool keeps_negotiation;
};

/*
 * The answers without a handler are the ones the model only gives: FFA_ERROR,
 * FFA_SUCCESS, FFA_INTERRUPT (mandatory to report, Arm's ACS) and the direct
 * responses (a driver may learn from FFA_FEATURES(FFA_MSG_SEND_DIRECT_RESP2)
 * that REQ2 works, as Linux does). FFA_YIELD and FFA_MSG_WAIT, which the
 * normal world also receives (after a direct request, after FFA_RUN), are
 * partition ABIs: not reported to it, as Hafnium does not.
 */
static const struct spmc_ns_abi spmc_ns_abis[] = {
	{ FFA_ERROR, NULL, false },
	{ FFA_SUCCESS_32, NULL, false },
	{ FFA_SUCCESS_64, NULL, false },
	{ FFA_INTERRUPT, NULL, false },
	{ FFA_VERSION, spmc_ns_version, true },
	{ FFA_FEATURES, spmc_ns_features, true },
	{ FFA_ID_GET, spmc_ns_id_get, true },
	{ FFA_SPM_ID_GET, spmc_ns_spm_id_get, false },
	{ FFA_RXTX_MAP_32, spmc_ns_rxtx_map, false },
	{ FFA_RXTX_MAP_64, spmc_ns_rxtx_map, false },
	{ FFA_RXTX_UNMAP, spmc_ns_rxtx_unmap, false },
	{ FFA_RX_RELEASE, spmc_ns_rx_release, false },
	{ FFA_PARTITION_INFO_GET, spmc_ns_partition_info_get, false },
	{ FFA_PARTITION_INFO_GET_REGS, spmc_ns_partition_info_get_regs, false },
	{ FFA_RUN, spmc_ns_run, false },
	{ FFA_MSG_SEND_DIRECT_REQ_32, spmc_ns_direct_req, false },
	{ FFA_MSG_SEND_DIRECT_REQ_64, spmc_ns_direct_req, false },
	{ FFA_MSG_SEND_DIRECT_RESP_32, NULL, false },
	{ FFA_MSG_SEND_DIRECT_RESP_64, NULL, false },
	{ FFA_MSG_SEND_DIRECT_REQ2, spmc_ns_direct_req2, false },
	{ FFA_MSG_SEND_DIRECT_RESP2, NULL, false },
	{ FFA_MSG_SEND2, spmc_ns_msg_send2, false },
	{ FFA_NOTIFICATION_BITMAP_CREATE, spmc_ns_notification_bitmap_create, false },
	{ FFA_NOTIFICATION_BITMAP_DESTROY, spmc_ns_notification_bitmap_destroy, false },
	{ FFA_NOTIFICATION_BIND, spmc_ns_notification_bind, false },
	{ FFA_NOTIFICATION_UNBIND, spmc_ns_notification_unbind, false },
	{ FFA_NOTIFICATION_SET, spmc_ns_notification_set, false },
	{ FFA_NOTIFICATION_GET, spmc_ns_notification_get, false },
	{ FFA_NOTIFICATION_INFO_GET_32, spmc_ns_notification_info_get, false },
	{ FFA_NOTIFICATION_INFO_GET_64, spmc_ns_notification_info_get, false },
	{ FFA_MEM_DONATE_32, spmc_ns_mem_send, false },
	{ FFA_MEM_DONATE_64, spmc_ns_mem_send, false },
	{ FFA_MEM_LEND_32, spmc_ns_mem_send, false },
	{ FFA_MEM_LEND_64, spmc_ns_mem_send, false },
	{ FFA_MEM_SHARE_32, spmc_ns_mem_send, false },
	{ FFA_MEM_SHARE_64, spmc_ns_mem_send, false },
	{ FFA_MEM_FRAG_TX, spmc_ns_mem_frag_tx, false },
	{ FFA_MEM_RECLAIM, spmc_ns_mem_reclaim, false },
};

/**
 * struct spmc_sp_abi - one ABI a partition may call.
 * @handler: NULL for an answer the model only gives (FFA_FEATURES reports
 *           it; calling it is NOT_SUPPORTED)
 */
struct spmc_sp_abi {
	uint32_t fid;
	spmc_sp_handler_fn *handler;
};

/*
 * Partitions call what they need to talk to the normal world and to each
 * other, and to borrow memory. The normal world's ABIs (BITMAP_CREATE,
 * INFO_GET, RUN, MEM_SHARE, ...) are not here: NOT_SUPPORTED to a partition
 * (Arm's ACS). FFA_MEM_RETRIEVE_RESP is reported with FFA_MEM_RETRIEVE_REQ,
 * the pair the ACS expects together.
 */
static const struct spmc_sp_abi spmc_sp_abis[] = {
	{ FFA_ERROR, NULL },
	{ FFA_SUCCESS_32, NULL },
	{ FFA_SUCCESS_64, NULL },
	{ FFA_FEATURES, spmc_sp_features },
	{ FFA_ID_GET, spmc_sp_id_get },
	{ FFA_RX_RELEASE, spmc_sp_rx_release },
	{ FFA_MEM_RETRIEVE_REQ_32, spmc_sp_mem_retrieve_req },
	{ FFA_MEM_RETRIEVE_REQ_64, spmc_sp_mem_retrieve_req },
	{ FFA_MEM_RETRIEVE_RESP, NULL },
	{ FFA_MEM_FRAG_RX, spmc_sp_mem_frag_rx },
	{ FFA_MEM_RELINQUISH, spmc_sp_mem_relinquish },
	{ FFA_MSG_SEND2, spmc_sp_msg_send2 },
	{ FFA_NOTIFICATION_BIND, spmc_sp_notification_bind },
	{ FFA_NOTIFICATION_UNBIND, spmc_sp_notification_unbind },
	{ FFA_NOTIFICATION_SET, spmc_sp_notification_set },
	{ FFA_NOTIFICATION_GET, spmc_sp_notification_get },
};

static const struct spmc_ns_abi *spmc_ns_abi_find(uint32_t fid)
{
	size_t i;

	for (i = 0; i < FFA_ARRAY_SIZE(spmc_ns_abis); i++)
		if (spmc_ns_abis[i].fid == fid)
			return &spmc_ns_abis[i];
	return NULL;
}

static const struct spmc_sp_abi *spmc_sp_abi_find(uint32_t fid)
{
	size_t i;

	for (i = 0; i < FFA_ARRAY_SIZE(spmc_sp_abis); i++)
		if (spmc_sp_abis[i].fid == fid)
			return &spmc_sp_abis[i];
	return NULL;
}

/* Whether function @fid exists for a caller of @version: not if a later version introduced it. */
static bool spmc_fid_in_version(uint32_t fid, uint32_t version)
{
	const struct ffa_function_info *info = ffa_function_lookup(fid & SMCCC_FNUM_MASK);

	return info && info->since <= version;
}

/*
 * Take the function ID out of @args->x[0], clearing the SVE hint there too so
 * that handlers see the bare ID. False when x0 holds no FF-A function ID:
 * SMCCC function IDs are 32 bits, and FF-A owns fast calls 0x60-0xEF of the
 * standard secure service (ffa_fid_is_ffa()).
 */
static bool spmc_decode_fid(struct ffa_regs *args, uint32_t *fid)
{
	if (args->x[0] >> 32)
		return false;
	*fid = (uint32_t)args->x[0] & ~SMCCC_SVE_HINT;
	args->x[0] = *fid;
	return ffa_fid_is_ffa(*fid);
}

/*
 * Version negotiation ends with the normal world's first call other than
 * FFA_VERSION, FFA_ID_GET and FFA_FEATURES (the calls that only discover
 * what is on the other side; FFA_RXTX_MAP is the first to create state).
 * Until then another FFA_VERSION replaces the negotiated version: a
 * hypervisor asks for its own version at boot and may ask again, with a lower
 * minor, for the kernel it hosts. Afterwards the negotiated version is the
 * only one supported (FF-A 1.2 FFA_VERSION; Arm's ACS expects NOT_SUPPORTED
 * for a different one). A caller that never called FFA_VERSION is held to
 * the model's own version.
 */
static void spmc_end_negotiation(struct spmc *m)
{
	if (!m->ns_version)
		m->ns_version = m->version;
	m->ns_version_locked = true;
}

void spmc_handle_ns_call(struct spmc *m, struct ffa_regs *regs)
{
	const struct spmc_ns_abi *abi;
	struct ffa_regs args = *regs;
	int32_t status;
	uint32_t fid;

	ffa_regs_clear(regs, 0);

	/* No SPMC: EL3 answers an FF-A call like any function nobody implements. */
	if (!m->version) {
		regs->x[0] = SMCCC_RET_NOT_SUPPORTED;
		return;
	}
	if (!spmc_decode_fid(&args, &fid)) {
		ffa_set_error(regs, FFA_NOT_SUPPORTED);
		goto out;
	}

	abi = spmc_ns_abi_find(fid);
	if (!abi || !abi->keeps_negotiation)
		spmc_end_negotiation(m);
	if (!abi || !abi->handler || !spmc_fid_in_version(fid, spmc_ns_effective_version(m))) {
		ffa_set_error(regs, FFA_NOT_SUPPORTED);
		goto out;
	}

	status = abi->handler(m, &args, regs);
	if (status)
		ffa_set_error(regs, status);
out:
	/* The secure world returns to the normal world: a delayed SRI is due now. */
	spmc_raise_delayed_sri(m);
}

void spmc_handle_sp_call(struct spmc *m, uint16_t sp_id, struct ffa_regs *regs)
{
	struct spmc_partition *sp = spmc_find_partition(m, sp_id);
	const struct spmc_sp_abi *abi;
	struct ffa_regs args = *regs;
	int32_t status;
	uint32_t fid;

	ffa_regs_clear(regs, 0);

	if (!sp) {
		ffa_set_error(regs, FFA_INVALID_PARAMETERS);
		return;
	}
	if (!spmc_decode_fid(&args, &fid)) {
		ffa_set_error(regs, FFA_NOT_SUPPORTED);
		return;
	}
	/* Partitions speak the model's own version. */
	abi = spmc_sp_abi_find(fid);
	if (!abi || !abi->handler || !spmc_fid_in_version(fid, m->version)) {
		ffa_set_error(regs, FFA_NOT_SUPPORTED);
		return;
	}

	status = abi->handler(m, sp, &args, regs);
	if (status)
		ffa_set_error(regs, status);
}

/*
 * FFA_VERSION (FF-A 1.0 §8.1.2; FF-A 1.2 FFA_VERSION): w1 = the version the
 * caller implements. The answer is x0 alone, no FFA_SUCCESS: the model's own
 * version, or NOT_SUPPORTED as SMCCC's -1 in all of x0 (Linux compares the
 * whole register with -1).
 */
static int32_t spmc_ns_version(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint32_t requested = ffa_w(args, 1);
	uint32_t negotiated;

	/* Bit 31 of a version number is MBZ: such a value names no version. */
	if (requested & FFA_VERSION_MBZ_BIT)
		goto not_supported;
	/*
	 * Versions are compatible within one major version only. For another
	 * major, FF-A 1.0 §8.1.2 allows NOT_SUPPORTED or the callee's own
	 * version when the callee's is the greater, and asks for the callee's
	 * own version when it is the lesser. The model answers NOT_SUPPORTED in
	 * both cases, as Hafnium does: a caller of another major cannot use it.
	 */
	if (ffa_version_major(requested) != ffa_version_major(m->version))
		goto not_supported;
	/*
	 * Same major: a caller of a minor the model implements is served at its
	 * own minor (descriptor sizes, available ABIs); a caller of a newer minor
	 * learns the model's version from the answer and is served at that.
	 */
	if (ffa_version_minor(requested) <= ffa_version_minor(m->version))
		negotiated = requested;
	else
		negotiated = m->version;
	/* After negotiation only the negotiated version is supported. */
	if (m->ns_version_locked && negotiated != m->ns_version)
		goto not_supported;

	m->ns_version = negotiated;
	reply->x[0] = m->version;
	return 0;

not_supported:
	reply->x[0] = SMCCC_RET_NOT_SUPPORTED;
	return 0;
}

/* Interface properties of implemented function @fid: w2 of FFA_FEATURES's reply. */
static uint32_t spmc_function_properties(uint32_t fid, uint32_t version)
{
	switch (fid) {
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64:
		/*
		 * Bits 1:0: buffers are 4 KiB multiples, 4 KiB aligned. Bits
		 * 31:16, from 1.2, the most pages per buffer the model accepts;
		 * below 1.2, bits 31:2 are MBZ.
		 */
		if (version < FFA_VERSION_1_2)
			return FFA_RXTX_MAP_MIN_SIZE_4K;
		return FFA_RXTX_MAP_MIN_SIZE_4K |
		       ((uint32_t)SPMC_NS_MBOX_MAX_PAGES << FFA_RXTX_MAP_MAX_PAGES_SHIFT);
	default:
		/*
		 * FF-A 1.2 FFA_FEATURES: no properties for the other functions.
		 * FFA_MEM_SHARE/LEND/DONATE: bit 0 clear, descriptors only in
		 * the TX buffer (no dynamically allocated buffers).
		 */
		return 0;
	}
}

/*
 * FFA_FEATURES (FF-A 1.0 §8.2; FF-A 1.2 FFA_FEATURES): w1 = a function ID
 * (bit 31 set) or a feature ID. A function or feature that is "not
 * implemented or invalid" gets FFA_ERROR(NOT_SUPPORTED), the only error the
 * ABI defines.
 */
static int32_t spmc_ns_features(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint32_t version = spmc_ns_effective_version(m);
	uint32_t id = ffa_w(args, 1);

	/*
	 * w2 holds input properties for FFA_MEM_RETRIEVE_REQ only, a call the
	 * normal world does not make to an SPMC; w3-w7 are MBZ. A query with
	 * anything there is invalid: NOT_SUPPORTED, as TF-A's SPMC, Hafnium
	 * and Xen answer.
	 */
	if (!spmc_args_zero(args, 2, 7))
		return FFA_NOT_SUPPORTED;

	if (id & FFA_FEATURES_FUNC_ID_BIT) {
		/* A function introduced after the caller's version is not there for it. */
		if (!spmc_ns_abi_find(id) || !spmc_fid_in_version(id, version))
			return FFA_NOT_SUPPORTED;
		ffa_set_success32(reply, spmc_function_properties(id, version), 0);
		return 0;
	}

	/* A feature ID is 8 bits; bits 30:8 MBZ. */
	if (id & FFA_FEATURE_ID_MBZ_MASK)
		return FFA_NOT_SUPPORTED;
	/*
	 * Of the feature IDs, the schedule receiver interrupt (FF-A 1.1) is the
	 * normal world's: w2 = its interrupt ID. The notification pending and
	 * managed exit interrupts go to partitions only: NOT_SUPPORTED for the
	 * normal world, as Hafnium answers.
	 */
	if (id == FFA_FEATURE_SRI && version >= FFA_VERSION_1_1) {
		ffa_set_success32(reply, SPMC_SCHEDULE_RECEIVER_INTID, 0);
		return 0;
	}
	return FFA_NOT_SUPPORTED;
}

/*
 * FFA_ID_GET (FF-A 1.0 §8.7): "ID value 0 must be returned at the
 * Non-secure physical FF-A instance." w1-w7 MBZ.
 */
static int32_t spmc_ns_id_get(struct spmc *m, const struct ffa_regs *args, struct ffa_regs *reply)
{
	(void)m;

	if (!spmc_args_zero(args, 1, 7))
		return FFA_INVALID_PARAMETERS;
	ffa_set_success32(reply, FFA_HOST_ID, 0);
	return 0;
}

/* FFA_SPM_ID_GET (FF-A 1.1; FF-A 1.2 FFA_SPM_ID_GET): w2 = the SPMC's ID. w1-w7 MBZ. */
static int32_t spmc_ns_spm_id_get(struct spmc *m, const struct ffa_regs *args,
				  struct ffa_regs *reply)
{
	if (!spmc_args_zero(args, 1, 7))
		return FFA_INVALID_PARAMETERS;
	ffa_set_success32(reply, m->spmc_id, 0);
	return 0;
}

/*
 * FFA_FEATURES from a partition (FF-A 1.0 §8.2; FF-A 1.2 FFA_FEATURES), at
 * the model's version: the functions a partition may call (spmc_sp_abis),
 * the answers it gets. NOT_SUPPORTED is the only error.
 */
static int32_t spmc_sp_features(struct spmc *m, struct spmc_partition *sp,
				const struct ffa_regs *args, struct ffa_regs *reply)
{
	uint32_t id = ffa_w(args, 1);
	uint32_t input = ffa_w(args, 2);

	(void)sp;
	if (!spmc_args_zero(args, 3, 7))
		return FFA_NOT_SUPPORTED;
	/*
	 * Feature IDs: the interrupts a partition asks about (NPI, MEI) are
	 * not modelled, and the schedule receiver interrupt is the normal
	 * world's (Arm's ACS: NOT_SUPPORTED to a partition).
	 */
	if (!(id & FFA_FEATURES_FUNC_ID_BIT))
		return FFA_NOT_SUPPORTED;
	if (!spmc_sp_abi_find(id) || !spmc_fid_in_version(id, m->version))
		return FFA_NOT_SUPPORTED;
	if (id == FFA_MEM_RETRIEVE_REQ_32 || id == FFA_MEM_RETRIEVE_REQ_64) {
		/*
		 * w2 in: bit 1, the caller understands the NS bit of memory
		 * attributes; bit 0 and bits 31:2 SBZ, ignored. From 1.1 a
		 * partition that does not set bit 1 gets NOT_SUPPORTED (TF-A's
		 * SPMC, Hafnium, Arm's ACS). w2 out: bit 0 clear, no dynamically
		 * allocated buffers; bit 1 (1.1+) the model sets the NS bit in
		 * retrieve responses. w3 bits 7:0: outstanding retrievals.
		 */
		if (m->version < FFA_VERSION_1_1) {
			ffa_set_success32(reply, 0, SPMC_MAX_RETRIEVALS);
			return 0;
		}
		if (!(input & FFA_FEATURES_MEM_RETRIEVE_NS_BIT))
			return FFA_NOT_SUPPORTED;
		ffa_set_success32(reply, FFA_FEATURES_MEM_RETRIEVE_NS_BIT, SPMC_MAX_RETRIEVALS);
		return 0;
	}
	/* w2 means something for FFA_MEM_RETRIEVE_REQ only: MBZ for the rest. */
	if (input)
		return FFA_NOT_SUPPORTED;
	ffa_set_success32(reply, 0, 0);
	return 0;
}

/* FFA_ID_GET from a partition (FF-A 1.0 §8.7): its own ID. w1-w7 MBZ. */
static int32_t spmc_sp_id_get(struct spmc *m, struct spmc_partition *sp,
			      const struct ffa_regs *args, struct ffa_regs *reply)
{
	(void)m;

	if (!spmc_args_zero(args, 1, 7))
		return FFA_INVALID_PARAMETERS;
	ffa_set_success32(reply, sp->cfg.id, 0);
	return 0;
}

int spmc_init(struct spmc *m, const struct spmc_config *cfg, struct spmc_plat *plat)
{
	unsigned int i, j;

	ffa_memset(m, 0, sizeof(*m));

	/* Bit 31 of a version number is MBZ (0 alone means "no FF-A"). */
	if (cfg->version & FFA_VERSION_MBZ_BIT)
		return FFA_INVALID_PARAMETERS;
	/* The SPMC is a secure-world endpoint: bit 15 of its ID is set. */
	if (!ffa_id_is_secure(cfg->spmc_id))
		return FFA_INVALID_PARAMETERS;
	if (cfg->partition_count > SPMC_MAX_PARTITIONS)
		return FFA_INVALID_PARAMETERS;
	for (i = 0; i < cfg->partition_count; i++) {
		const struct spmc_partition_config *p = &cfg->partitions[i];

		/* A partition is a secure endpoint, and IDs name one endpoint each. */
		if (!ffa_id_is_secure(p->id) || p->id == cfg->spmc_id)
			return FFA_INVALID_PARAMETERS;
		for (j = 0; j < i; j++)
			if (cfg->partitions[j].id == p->id)
				return FFA_INVALID_PARAMETERS;
		/*
		 * At least one execution context (direct requests run on the
		 * first); at most as many vCPUs as the model keeps
		 * notification state for.
		 */
		if (!p->exec_ctx_count || p->exec_ctx_count > SPMC_MAX_VCPUS)
			return FFA_INVALID_PARAMETERS;
		if ((unsigned int)p->handler > SPMC_HANDLER_YIELD)
			return FFA_INVALID_PARAMETERS;
	}

	m->plat = plat;
	m->version = cfg->version;
	m->spmc_id = cfg->spmc_id;
	m->partition_count = cfg->partition_count;
	for (i = 0; i < cfg->partition_count; i++) {
		m->partitions[i].cfg = cfg->partitions[i];
		m->partitions[i].rx_owner = SPMC_RX_PRODUCER;
		spmc_notif_init_partition(&m->partitions[i]);
	}
	m->ns.rx_owner = SPMC_RX_PRODUCER;
	return 0;
}

struct spmc_partition *spmc_find_partition(struct spmc *m, uint16_t id)
{
	unsigned int i;

	for (i = 0; i < m->partition_count; i++)
		if (m->partitions[i].cfg.id == id)
			return &m->partitions[i];
	return NULL;
}

int spmc_sp_write_tx(struct spmc *m, uint16_t sp_id, uint32_t offset, const void *data,
		     uint32_t len)
{
	struct spmc_partition *sp = spmc_find_partition(m, sp_id);
	uint32_t end;

	if (!sp)
		return FFA_INVALID_PARAMETERS;
	if (ffa_add_overflow(offset, len, &end) || end > sizeof(sp->tx))
		return FFA_INVALID_PARAMETERS;
	if (len)
		ffa_memcpy(&sp->tx[offset], data, len);
	return 0;
}
