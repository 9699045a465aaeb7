/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * ffaproxy host client: set-up and discovery (FF-A 1.2 §13).
 *
 * Each wrapper builds a fresh register set (every register it does not name
 * is zero, so nothing stale is ever sent), issues it through
 * ffah_plat_call() and checks the reply before using any of it.
 */
#include "ffa_host.h"

/* Descriptor sizes of FFA_PARTITION_INFO_GET (FF-A 1.0 Table 8.25, FF-A 1.2 Table 6.1). */
#define FFAH_PART_INFO_SIZE_V1_0 sizeof(struct ffa_partition_info_v1_0)
#define FFAH_PART_INFO_SIZE_V1_1 sizeof(struct ffa_partition_info)

void ffah_init(struct ffah *h, struct ffah_plat *plat, const struct ffah_buffers *bufs)
{
	ffa_memset(h, 0, sizeof(*h));
	h->plat = plat;
	if (bufs)
		h->buf = *bufs;
}

void ffah_call(struct ffah *h, struct ffa_regs *regs)
{
	ffah_plat_call(h->plat, regs);
}

/*
 * The status of a reply that must be FFA_SUCCESS_32/64 or FFA_ERROR: 0, the
 * error code, or FFA_ABORTED for anything else. FF-A 1.2 Table 12.3: every
 * error code is negative, so a zero or positive one breaks the ABI too.
 */
static int ffah_status(const struct ffa_regs *r)
{
	uint32_t w0 = ffa_w(r, 0);
	int32_t code;

	if (w0 == FFA_SUCCESS_32 || w0 == FFA_SUCCESS_64)
		return 0;
	if (w0 != FFA_ERROR)
		return FFA_ABORTED;
	code = (int32_t)ffa_w(r, 2);
	return code < 0 ? code : FFA_ABORTED;
}

/* Issue a call whose only arguments are x1 and x2; return the reply's status. */
static int ffah_simple_call(struct ffah *h, struct ffa_regs *r, uint32_t fid, uint64_t x1,
			    uint64_t x2)
{
	ffa_regs_clear(r, fid);
	r->x[1] = x1;
	r->x[2] = x2;
	ffah_plat_call(h->plat, r);
	return ffah_status(r);
}

int ffah_version(struct ffah *h, uint32_t requested, uint32_t *negotiated)
{
	struct ffa_regs r;
	uint32_t answer;
	uint32_t version;

	/* FF-A 1.2 §13.2.1: bit 31 MBZ; this library speaks 1.0 to 1.2 only. */
	if ((requested & FFA_VERSION_MBZ_BIT) || requested < FFAH_VERSION_MIN ||
	    requested > FFAH_VERSION_MAX)
		return FFA_INVALID_PARAMETERS;

	ffa_regs_clear(&r, FFA_VERSION);
	r.x[1] = requested;
	ffah_plat_call(h->plat, &r);
	answer = ffa_w(&r, 0);

	/*
	 * FF-A 1.2 §13.2: a callee without a compatible FF-A answers
	 * NOT_SUPPORTED in w0 itself. The low 32 bits are compared so that
	 * both the SMCCC -1 in all of x0 and a zero-extended one are seen.
	 */
	if (answer == (uint32_t)FFA_NOT_SUPPORTED)
		return FFA_NOT_SUPPORTED;
	/* Not the ABI, but unambiguous: an FFA_ERROR wrapper carries its code. */
	if (answer == FFA_ERROR)
		return ffah_status(&r);
	if (answer & FFA_VERSION_MBZ_BIT)
		return FFA_ABORTED;
	/* Only major version 1 is understood; any 1.x answer is usable. */
	if (ffa_version_major(answer) != ffa_version_major(FFAH_VERSION_MAX))
		return FFA_NOT_SUPPORTED;

	/* An older callee sets the version; a newer one speaks ours (§13.2.2). */
	version = answer < requested ? answer : requested;
	h->version = version;
	if (negotiated)
		*negotiated = version;
	return 0;
}

int ffah_id_get(struct ffah *h, uint16_t *id)
{
	struct ffa_regs r;
	int ret;

	ret = ffah_simple_call(h, &r, FFA_ID_GET, 0, 0);
	if (ret)
		return ret;
	/* FF-A 1.2 §13.9: the ID is w2 bits 15:0. */
	h->id = (uint16_t)ffa_w(&r, 2);
	h->id_valid = true;
	if (id)
		*id = h->id;
	return 0;
}

int ffah_features(struct ffah *h, uint32_t fid_or_feature, uint32_t *w2, uint32_t *w3)
{
	struct ffa_regs r;
	int ret;

	ret = ffah_simple_call(h, &r, FFA_FEATURES, fid_or_feature, 0);
	if (ret)
		return ret;
	if (w2)
		*w2 = ffa_w(&r, 2);
	if (w3)
		*w3 = ffa_w(&r, 3);
	return 0;
}

/* Pages in the minimum buffer size code of FFA_FEATURES(FFA_RXTX_MAP) w2 bits 1:0. */
static int ffah_rxtx_min_pages(uint32_t code, uint32_t *pages)
{
	switch (code) {
	case FFA_RXTX_MAP_MIN_SIZE_4K:
		*pages = 1;
		return 0;
	case FFA_RXTX_MAP_MIN_SIZE_16K:
		*pages = 4;
		return 0;
	case FFA_RXTX_MAP_MIN_SIZE_64K:
		*pages = 16;
		return 0;
	default:
		/* 0b11 is reserved (FF-A 1.2 §13.3.2). */
		return FFA_ABORTED;
	}
}

int ffah_rxtx_map(struct ffah *h)
{
	uint32_t min_pages = 1;
	uint32_t max_pages = 0;
	uint32_t w2;
	int ret;

	if (!h->buf.tx || !h->buf.rx || !h->buf.pages)
		return FFA_INVALID_PARAMETERS;
	if (h->rxtx_pages)
		return FFA_DENIED;

	/* Like the driver, assume the 4 KiB minimum if the query fails. */
	if (!ffah_features(h, FFA_RXTX_MAP_64, &w2, NULL)) {
		ret = ffah_rxtx_min_pages(w2 & FFA_RXTX_MAP_MIN_SIZE_MASK, &min_pages);
		if (ret)
			return ret;
		/* FF-A 1.2 §13.3.2: bits 31:16 = maximum page count, 0 = unspecified. */
		if (h->version >= FFA_VERSION_1_2)
			max_pages = (w2 >> FFA_RXTX_MAP_MAX_PAGES_SHIFT) &
				    FFA_RXTX_MAP_MAX_PAGES_MASK;
		/* A maximum below the minimum contradicts itself: the minimum wins. */
		if (max_pages && max_pages < min_pages)
			max_pages = min_pages;
	}
	h->rxtx_min_pages = min_pages;
	h->rxtx_max_pages = max_pages;

	/* The driver maps the smallest buffer the callee accepts. */
	if (min_pages > h->buf.pages)
		return FFA_NO_MEMORY;
	return ffah_rxtx_map_pages(h, min_pages);
}

int ffah_rxtx_map_pages(struct ffah *h, uint32_t pages)
{
	struct ffa_regs r;
	int ret;

	if (!h->buf.tx || !h->buf.rx)
		return FFA_INVALID_PARAMETERS;
	/* FF-A 1.2 §13.7: the page count is w3 bits 5:0, at least 1. */
	if (pages == 0 || pages > FFA_RXTX_MAP_PAGE_COUNT_MASK || pages > h->buf.pages)
		return FFA_INVALID_PARAMETERS;
	if (h->rxtx_pages)
		return FFA_DENIED;

	ffa_regs_clear(&r, FFA_RXTX_MAP_64);
	r.x[1] = h->buf.tx_pa;
	r.x[2] = h->buf.rx_pa;
	r.x[3] = pages;
	ffah_plat_call(h->plat, &r);
	ret = ffah_status(&r);
	if (ret)
		return ret;
	h->rxtx_pages = pages;
	/* A freshly mapped RX buffer belongs to the producer (FF-A 1.2 §3.3). */
	h->rx_held = false;
	return 0;
}

int ffah_rxtx_unmap(struct ffah *h)
{
	struct ffa_regs r;
	int ret;

	/*
	 * FF-A 1.2 §13.8: w1 bits 31:16 name the endpoint only when a
	 * hypervisor unmaps on a VM's behalf; an endpoint unmapping its own
	 * pair leaves w1 zero.
	 */
	ret = ffah_simple_call(h, &r, FFA_RXTX_UNMAP, 0, 0);
	if (ret)
		return ret;
	h->rxtx_pages = 0;
	h->rx_held = false;
	return 0;
}

int ffah_rx_release(struct ffah *h)
{
	struct ffa_regs r;
	int ret;

	ret = ffah_simple_call(h, &r, FFA_RX_RELEASE, 0, 0);
	if (ret)
		return ret;
	h->rx_held = false;
	return 0;
}

/* FFA_PARTITION_INFO_GET with @flags (w5); the caller checks the status. */
static void ffah_partition_info_call(struct ffah *h, struct ffa_regs *r,
				     const struct ffa_uuid *uuid, uint32_t flags)
{
	uint32_t w[4];
	unsigned int i;

	ffa_regs_clear(r, FFA_PARTITION_INFO_GET);
	ffa_uuid_to_w4(uuid, w);
	for (i = 0; i < 4; i++)
		r->x[1 + i] = w[i];
	r->x[5] = flags;
	ffah_plat_call(h->plat, r);
}

int ffah_partition_count(struct ffah *h, const struct ffa_uuid *uuid, uint32_t *count)
{
	struct ffa_regs r;
	int ret;

	if (!h->version)
		return FFA_INVALID_PARAMETERS;

	if (h->version >= FFA_VERSION_1_1) {
		/* FF-A 1.2 §13.8: count only; the RX buffer does not change hands. */
		ffah_partition_info_call(h, &r, uuid, FFA_PARTITION_INFO_GET_COUNT_ONLY);
		ret = ffah_status(&r);
		if (ret)
			return ret;
		*count = ffa_w(&r, 2);
		return 0;
	}

	/* FF-A 1.0: the full query is the only one; give the RX buffer back. */
	if (h->rx_held)
		return FFA_BUSY;
	ffah_partition_info_call(h, &r, uuid, 0);
	ret = ffah_status(&r);
	if (ret)
		return ret;
	*count = ffa_w(&r, 2);
	if (*count == 0)
		return 0;
	h->rx_held = true;
	return ffah_rx_release(h);
}

/*
 * Copy @count descriptors of @size bytes out of the RX buffer into @out (at
 * most @max of them). The caller checked that count * size fits the mapped
 * buffer. Each descriptor is copied before it is looked at.
 */
static void ffah_copy_partition_info(const struct ffah *h, const struct ffa_uuid *uuid,
				     uint32_t count, uint32_t size, struct ffa_partition_info *out,
				     uint32_t max)
{
	const uint8_t *rx = h->buf.rx;
	bool nil_query = ffa_uuid_is_nil(uuid);
	uint32_t copy = size < FFAH_PART_INFO_SIZE_V1_1 ? size : FFAH_PART_INFO_SIZE_V1_1;
	uint32_t i;

	for (i = 0; i < count && i < max; i++) {
		struct ffa_partition_info desc;

		ffa_memset(&desc, 0, sizeof(desc));
		ffa_memcpy(&desc, rx + (size_t)i * size, copy);
		/*
		 * FF-A 1.2 §13.8: the descriptor carries the UUID only when a
		 * Nil UUID was asked for (an 8-byte FF-A 1.0 descriptor never
		 * does: it stays Nil); otherwise the partition is known to
		 * implement @uuid.
		 */
		if (!nil_query)
			desc.uuid = *uuid;
		out[i] = desc;
	}
}

int ffah_partition_info(struct ffah *h, const struct ffa_uuid *uuid, struct ffa_partition_info *out,
			uint32_t max, uint32_t *count)
{
	struct ffa_regs r;
	uint32_t n, size, min_size;
	uint64_t bytes;
	int ret;

	if (!h->version)
		return FFA_INVALID_PARAMETERS;
	/* The RX buffer still holds earlier data: it must be released first. */
	if (h->rx_held)
		return FFA_BUSY;

	if (h->version >= FFA_VERSION_1_1) {
		ret = ffah_partition_count(h, uuid, &n);
		if (ret)
			return ret;
		*count = n;
		if (n == 0)
			return 0;
		if (n > max)
			return FFA_NO_MEMORY;
	}

	ffah_partition_info_call(h, &r, uuid, 0);
	ret = ffah_status(&r);
	if (ret)
		return ret;
	n = ffa_w(&r, 2);
	*count = n;
	if (n == 0)
		return 0;
	/* From here on the RX buffer is ours until released (FF-A 1.2 §13.8). */
	h->rx_held = true;

	/* FF-A 1.0 replies carry no size: its descriptors are 8 bytes. */
	if (h->version >= FFA_VERSION_1_1) {
		size = ffa_w(&r, 3);
		min_size = FFAH_PART_INFO_SIZE_V1_1;
	} else {
		size = FFAH_PART_INFO_SIZE_V1_0;
		min_size = FFAH_PART_INFO_SIZE_V1_0;
	}
	if (size < min_size || ffa_mul_overflow((uint64_t)n, (uint64_t)size, &bytes) ||
	    bytes > (uint64_t)h->rxtx_pages * FFA_PAGE_SIZE) {
		ret = ffah_rx_release(h);
		return ret ? ret : FFA_ABORTED;
	}

	ffah_copy_partition_info(h, uuid, n, size, out, max);
	ret = ffah_rx_release(h);
	if (ret)
		return ret;
	return n > max ? FFA_NO_MEMORY : 0;
}

int ffah_partition_info_regs(struct ffah *h, const struct ffa_uuid *uuid,
			     struct ffa_partition_info *out, uint32_t max, uint32_t *count)
{
	struct ffa_regs r;
	uint64_t uuid_lo, uuid_hi;
	uint32_t start = 0, tag = 0, last = 0, cur, i;
	bool first = true;
	int ret;

	if (h->version < FFA_VERSION_1_2)
		return FFA_NOT_SUPPORTED;
	ffa_uuid_to_x2(uuid, &uuid_lo, &uuid_hi);

	for (;;) {
		ffa_regs_clear(&r, FFA_PARTITION_INFO_GET_REGS);
		r.x[1] = uuid_lo;
		r.x[2] = uuid_hi;
		r.x[3] = (uint64_t)start | ((uint64_t)tag << FFA_PART_REGS_TAG_SHIFT);
		ffah_plat_call(h->plat, &r);
		ret = ffah_status(&r);
		if (ret)
			return ret;

		/* FF-A 1.2 §13.9: x2 = last index, current index, tag, descriptor size. */
		cur = (uint32_t)((r.x[2] >> FFA_PART_REGS_CUR_INDEX_SHIFT) &
				 FFA_PART_REGS_START_INDEX_MASK);
		tag = (uint32_t)((r.x[2] >> FFA_PART_REGS_REPLY_TAG_SHIFT) &
				 FFA_PART_REGS_TAG_MASK);
		if (first) {
			last = (uint32_t)(r.x[2] & FFA_PART_REGS_START_INDEX_MASK);
			*count = last + 1;
			if (!out || !max)
				return 0;
			first = false;
		} else if ((uint32_t)(r.x[2] & FFA_PART_REGS_START_INDEX_MASK) != last) {
			/* The set changed under the same tag: the callee broke the ABI. */
			return FFA_ABORTED;
		}
		/* At most five descriptors per reply, starting at the index asked for. */
		if (cur < start || cur > last || cur - start >= FFA_PART_REGS_PER_CALL)
			return FFA_ABORTED;

		for (i = 0; i <= cur - start; i++) {
			uint64_t desc = r.x[3 + 3 * i];
			struct ffa_partition_info *p;

			if (start + i >= max)
				break;
			p = &out[start + i];
			p->id = (uint16_t)desc;
			p->exec_ctx_count = (uint16_t)(desc >> FFA_PART_REGS_EXEC_CTX_SHIFT);
			p->properties = (uint32_t)(desc >> FFA_PART_REGS_PROPERTIES_SHIFT);
			ffa_uuid_from_x2(&p->uuid, r.x[4 + 3 * i], r.x[5 + 3 * i]);
			if (!ffa_uuid_is_nil(uuid))
				p->uuid = *uuid;
		}
		if (cur == last)
			break;
		start = cur + 1;
	}
	return *count > max ? FFA_NO_MEMORY : 0;
}

/* Step 4 of the probe: which optional interfaces the callee implements. */
static void ffah_probe_features(struct ffah *h)
{
	/* The driver uses the 64-bit memory calls if either is there. */
	if (!ffah_features(h, FFA_MEM_LEND_64, NULL, NULL) ||
	    !ffah_features(h, FFA_MEM_SHARE_64, NULL, NULL))
		h->features |= FFAH_FEAT_MEM_OPS_64;
	if (!ffah_features(h, FFA_MSG_SEND_DIRECT_REQ2, NULL, NULL) ||
	    !ffah_features(h, FFA_MSG_SEND_DIRECT_RESP2, NULL, NULL))
		h->features |= FFAH_FEAT_DIRECT_REQ2;
}

/* Step 5: every partition, in registers when the callee offers it. */
static int ffah_probe_partitions(struct ffah *h, struct ffa_partition_info *parts,
				 uint32_t max_parts, uint32_t *part_count)
{
	static const struct ffa_uuid nil;
	uint32_t count;
	int ret;

	if (!ffah_features(h, FFA_PARTITION_INFO_GET_REGS, NULL, NULL))
		h->features |= FFAH_FEAT_PARTITION_INFO_REGS;

	if (h->features & FFAH_FEAT_PARTITION_INFO_REGS) {
		ret = ffah_partition_info_regs(h, &nil, NULL, 0, &count);
		if (ret)
			return ret;
		*part_count = count;
		if (count == 0)
			return 0;
		return ffah_partition_info_regs(h, &nil, parts, max_parts, part_count);
	}
	return ffah_partition_info(h, &nil, parts, max_parts, part_count);
}

int ffah_probe(struct ffah *h, struct ffa_partition_info *parts, uint32_t max_parts,
	       uint32_t *part_count)
{
	int ret;

	*part_count = 0;
	h->features = 0;

	ret = ffah_version(h, FFAH_VERSION_MAX, NULL);
	if (ret)
		return ret;
	ret = ffah_id_get(h, NULL);
	if (ret)
		return ret;
	ret = ffah_rxtx_map(h);
	if (ret)
		return ret;
	ffah_probe_features(h);
	/*
	 * The driver sets up notifications here (FFA_FEATURES of
	 * NOTIFICATION_BITMAP_CREATE, the bitmap, the SRI and NPI feature
	 * IDs); that is not part of this probe.
	 */
	ret = ffah_probe_partitions(h, parts, max_parts, part_count);
	if (ret) {
		/* Undo the mapping as the driver does; the first error is reported. */
		(void)ffah_rxtx_unmap(h);
		return ret;
	}
	return 0;
}
