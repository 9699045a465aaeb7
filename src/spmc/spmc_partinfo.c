/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Partition discovery: FFA_PARTITION_INFO_GET (descriptors in the caller's
 * RX buffer) and FFA_PARTITION_INFO_GET_REGS (descriptors in registers).
 *
 * Partitions are listed in configuration order. Each has one UUID, so the
 * Nil UUID lists every partition once (FF-A 1.2 lists a partition with
 * several UUIDs once per UUID; the model has none); any other UUID lists the
 * partitions that have it.
 */
#include "spmc_private.h"

_Static_assert(FFA_PART_REGS_DESC_FIRST_REG +
			       FFA_PART_REGS_PER_CALL * FFA_PART_REGS_DESC_REG_COUNT <=
		       FFA_REG_COUNT,
	       "FFA_PARTITION_INFO_GET_REGS descriptors fit in x3-x17");
_Static_assert(SPMC_MAX_PARTITIONS <= 256, "partition indices are kept in uint8_t");

/*
 * The partitions a query for @uuid lists: their indices in m->partitions go
 * to @match, in order. Returns how many.
 */
static unsigned int spmc_partitions_matching(const struct spmc *m, const struct ffa_uuid *uuid,
					     uint8_t match[SPMC_MAX_PARTITIONS])
{
	bool all = ffa_uuid_is_nil(uuid);
	unsigned int i, count = 0;

	for (i = 0; i < m->partition_count; i++)
		if (all || ffa_uuid_equal(uuid, &m->partitions[i].cfg.uuid))
			match[count++] = (uint8_t)i;
	return count;
}

/*
 * The properties of @p as a caller of @version reads them: the bits its
 * version reserves are MBZ (FF-A 1.2 Table 6.2: 1.0 defines bits 2:0, 1.1
 * bits 8:0, 1.2 bits 10:0).
 */
static uint32_t spmc_partition_properties(const struct spmc_partition *p, uint32_t version)
{
	if (version < FFA_VERSION_1_1)
		return p->cfg.properties & FFA_PART_PROP_V1_0_MASK;
	if (version < FFA_VERSION_1_2)
		return p->cfg.properties & FFA_PART_PROP_V1_1_MASK;
	return p->cfg.properties;
}

/*
 * Write the descriptor of @p at @dst in the layout of @version: 8 bytes for
 * FF-A 1.0 (FF-A 1.0 Table 8.25), 24 from 1.1 (FF-A 1.2 Table 6.1) with the
 * UUID when the caller asked with the Nil UUID (@with_uuid), else zero.
 */
static void spmc_write_partition_info(uint8_t *dst, const struct spmc_partition *p,
				      uint32_t version, bool with_uuid)
{
	if (version < FFA_VERSION_1_1) {
		struct ffa_partition_info_v1_0 desc = {
			.id = p->cfg.id,
			.exec_ctx_count = p->cfg.exec_ctx_count,
			.properties = spmc_partition_properties(p, version),
		};

		ffa_memcpy(dst, &desc, sizeof(desc));
	} else {
		struct ffa_partition_info desc = {
			.id = p->cfg.id,
			.exec_ctx_count = p->cfg.exec_ctx_count,
			.properties = spmc_partition_properties(p, version),
		};

		if (with_uuid)
			desc.uuid = p->cfg.uuid;
		ffa_memcpy(dst, &desc, sizeof(desc));
	}
}

/*
 * FFA_PARTITION_INFO_GET (FF-A 1.0 §8.6; FF-A 1.2 FFA_PARTITION_INFO_GET):
 * w1-w4 = UUID, w5 = flags; SUCCESS w2 = count, w3 = descriptor size.
 */
int32_t spmc_ns_partition_info_get(struct spmc *m, const struct ffa_regs *args,
				   struct ffa_regs *reply)
{
	const uint32_t uuid_words[4] = { ffa_w(args, 1), ffa_w(args, 2), ffa_w(args, 3),
					 ffa_w(args, 4) };
	uint32_t version = spmc_ns_effective_version(m);
	uint32_t flags = ffa_w(args, 5);
	uint8_t match[SPMC_MAX_PARTITIONS];
	uint32_t count, desc_size, i;
	struct ffa_uuid uuid;
	uint64_t bytes;
	uint8_t *rx;

	/*
	 * w5: bit 0 "return the count only" exists from 1.1, bits 31:1 are MBZ;
	 * for a 1.0 caller the whole register is reserved, MBZ.
	 */
	if (flags & ~(version >= FFA_VERSION_1_1 ? FFA_PARTITION_INFO_GET_COUNT_ONLY : 0))
		return FFA_INVALID_PARAMETERS;
	if (!spmc_args_zero(args, 6, 7))
		return FFA_INVALID_PARAMETERS;

	ffa_uuid_from_w4(&uuid, uuid_words);
	count = spmc_partitions_matching(m, &uuid, match);
	/* §8.6: INVALID_PARAMETERS for an unrecognised UUID (the Nil UUID is always known). */
	if (!count && !ffa_uuid_is_nil(&uuid))
		return FFA_INVALID_PARAMETERS;

	/* Count only: the RX buffer is not used, and w3 (size) is MBZ (Arm's ACS). */
	if (flags & FFA_PARTITION_INFO_GET_COUNT_ONLY) {
		ffa_set_success32(reply, count, 0);
		return 0;
	}

	/*
	 * FF-A 1.0 §8.6: BUSY when the caller's RX buffer is not available: none registered,
	 * or still the caller's since an earlier reply (no FFA_RX_RELEASE yet).
	 */
	if (!m->ns.mapped || m->ns.rx_owner != SPMC_RX_PRODUCER)
		return FFA_BUSY;

	desc_size = version >= FFA_VERSION_1_1 ? sizeof(struct ffa_partition_info) :
						 sizeof(struct ffa_partition_info_v1_0);
	bytes = (uint64_t)count * desc_size;
	/* §8.6: NO_MEMORY when the descriptors do not fit in the RX buffer. */
	if (bytes > (uint64_t)m->ns.pages * FFA_PAGE_SIZE)
		return FFA_NO_MEMORY;

	/* No partition at all: nothing written, the buffer stays the model's. */
	if (count) {
		rx = spmc_plat_ns_memory(m->plat, m->ns.rx_pa, bytes);
		/*
		 * The buffer was non-secure memory when it was mapped; if the
		 * platform has taken it back since, the copy cannot happen:
		 * ABORTED, as Hafnium answers a failed copy.
		 */
		if (!rx)
			return FFA_ABORTED;
		for (i = 0; i < count; i++)
			spmc_write_partition_info(rx + i * desc_size, &m->partitions[match[i]],
						  version, ffa_uuid_is_nil(&uuid));
		/* The descriptors are the caller's until it calls FFA_RX_RELEASE. */
		m->ns.rx_owner = SPMC_RX_CONSUMER;
	}

	/*
	 * w3: the descriptor size, from 1.1. FF-A 1.0 has no size field (Linux
	 * assumes 8): the register is reserved and stays 0, as TF-A's SPMC
	 * answers (Hafnium answers 8).
	 */
	ffa_set_success32(reply, count, version >= FFA_VERSION_1_1 ? desc_size : 0);
	return 0;
}

/*
 * FFA_PARTITION_INFO_GET_REGS (FF-A 1.2, SMC64 only): x1/x2 = UUID, x3 bits
 * 15:0 = start index, bits 31:16 = UUID information tag. SUCCESS_64 with x2
 * = last index, current index, tag, descriptor size; then up to
 * FFA_PART_REGS_PER_CALL descriptors from x3, three registers each.
 */
int32_t spmc_ns_partition_info_get_regs(struct spmc *m, const struct ffa_regs *args,
					struct ffa_regs *reply)
{
	uint32_t version = spmc_ns_effective_version(m);
	uint32_t start = (uint32_t)(args->x[3] & FFA_PART_REGS_START_INDEX_MASK);
	uint32_t tag = (uint32_t)((args->x[3] >> FFA_PART_REGS_TAG_SHIFT) & FFA_PART_REGS_TAG_MASK);
	uint8_t match[SPMC_MAX_PARTITIONS];
	uint32_t count, n, i;
	struct ffa_uuid uuid;
	bool nil;

	/*
	 * x3 bits 63:32 are not looked at: no field lives there, and Linux
	 * builds x3 in a signed int, so a tag >= 0x8000 sign-extends into
	 * them. x4-x7 are MBZ.
	 */
	if (!spmc_args_zero(args, 4, 7))
		return FFA_INVALID_PARAMETERS;

	ffa_uuid_from_x2(&uuid, args->x[1], args->x[2]);
	nil = ffa_uuid_is_nil(&uuid);
	count = spmc_partitions_matching(m, &uuid, match);
	/* An unrecognised UUID: INVALID_PARAMETERS, as FFA_PARTITION_INFO_GET. */
	if (!count && !nil)
		return FFA_INVALID_PARAMETERS;
	/*
	 * A caller walking the list over several calls passes back the tag the
	 * first reply gave it, so that a list that changed in between is
	 * noticed. The model's list never changes and it gives out tag 0 only:
	 * any other tag is not one of its own, so the caller must start again
	 * (RETRY, as Hafnium answers).
	 */
	if (tag)
		return FFA_RETRY;
	/* A start index past the list: INVALID_PARAMETERS (Arm's ACS). */
	if (start >= count)
		return FFA_INVALID_PARAMETERS;

	n = count - start;
	if (n > FFA_PART_REGS_PER_CALL)
		n = FFA_PART_REGS_PER_CALL;

	ffa_regs_clear(reply, FFA_SUCCESS_64);
	reply->x[2] =
		((uint64_t)(count - 1) << FFA_PART_REGS_LAST_INDEX_SHIFT) |
		((uint64_t)(start + n - 1) << FFA_PART_REGS_CUR_INDEX_SHIFT) |
		((uint64_t)tag << FFA_PART_REGS_REPLY_TAG_SHIFT) |
		((uint64_t)sizeof(struct ffa_partition_info) << FFA_PART_REGS_DESC_SIZE_SHIFT);
	for (i = 0; i < n; i++) {
		const struct spmc_partition *p = &m->partitions[match[start + i]];
		uint64_t *desc =
			&reply->x[FFA_PART_REGS_DESC_FIRST_REG + i * FFA_PART_REGS_DESC_REG_COUNT];

		desc[0] = p->cfg.id |
			  ((uint64_t)p->cfg.exec_ctx_count << FFA_PART_REGS_EXEC_CTX_SHIFT) |
			  ((uint64_t)spmc_partition_properties(p, version)
			   << FFA_PART_REGS_PROPERTIES_SHIFT);
		/* The UUID only for a Nil UUID query, as in the RX buffer's descriptors. */
		if (nil)
			ffa_uuid_to_x2(&p->cfg.uuid, &desc[1], &desc[2]);
	}
	return 0;
}
