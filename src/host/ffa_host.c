/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * ffaproxy host client: set-up and discovery (FF-A 1.2 §13), messaging,
 * notifications and memory sharing.
 *
 * Each wrapper builds a fresh register set (every register it does not name
 * is zero, so nothing stale is ever sent), issues it through
 * ffah_plat_call() and checks the reply before using any of it.
 */
#include "ffa_host.h"

#include <ffaproxy/ffa_desc.h>

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

/* ---------------------------------------------------------------------- */
/* Messaging                                                              */
/* ---------------------------------------------------------------------- */

/*
 * Issue the direct request in @r and see it through: while the partition
 * was preempted (FFA_INTERRUPT) or yielded (FFA_YIELD), resume it with
 * FFA_RUN naming the context the reply named, as the driver does (FF-A 1.2
 * §15.3, §16.2). The context must be @target's: the library resumes only
 * the partition it asked. On return @r holds @resp_fid from @target to own
 * ID, or the function returned an error.
 */
static int ffah_direct_loop(struct ffah *h, struct ffa_regs *r, uint16_t target,
			    uint32_t resp_fid)
{
	unsigned int runs = 0;

	ffah_plat_call(h->plat, r);
	for (;;) {
		uint32_t w0 = ffa_w(r, 0);
		uint32_t w1 = ffa_w(r, 1);

		if (w0 == resp_fid) {
			/* FF-A 1.2 §16.3: w1 = responder (31:16), destination (15:0). */
			if (ffa_sender(w1) != target || ffa_receiver(w1) != h->id)
				return FFA_ABORTED;
			return 0;
		}
		if (w0 != FFA_INTERRUPT && w0 != FFA_YIELD)
			return ffah_status(r) ? ffah_status(r) : FFA_ABORTED;
		if (ffa_target_id(w1) != target || runs++ == FFAH_DIRECT_MAX_RUNS)
			return FFA_ABORTED;
		ffa_regs_clear(r, FFA_RUN);
		r->x[1] = w1;
		ffah_plat_call(h->plat, r);
	}
}

int ffah_direct_req(struct ffah *h, uint16_t target, bool is_64,
		    const uint64_t payload[FFAH_DIRECT_PAYLOAD_WORDS],
		    uint64_t out[FFAH_DIRECT_PAYLOAD_WORDS])
{
	struct ffa_regs r;
	unsigned int i;
	int ret;

	if (!h->id_valid)
		return FFA_INVALID_PARAMETERS;

	ffa_regs_clear(&r, is_64 ? FFA_MSG_SEND_DIRECT_REQ_64 : FFA_MSG_SEND_DIRECT_REQ_32);
	r.x[1] = ffa_sender_receiver(h->id, target);
	/* w2 = 0: a partition message; bit 31 (framework) is not ours to send. */
	for (i = 0; i < FFAH_DIRECT_PAYLOAD_WORDS; i++)
		r.x[3 + i] = is_64 ? payload[i] : (uint32_t)payload[i];

	ret = ffah_direct_loop(h, &r, target,
			       is_64 ? FFA_MSG_SEND_DIRECT_RESP_64 : FFA_MSG_SEND_DIRECT_RESP_32);
	if (ret)
		return ret;
	/* An SMC32 response defines only the low halves of its registers. */
	for (i = 0; i < FFAH_DIRECT_PAYLOAD_WORDS; i++)
		out[i] = is_64 ? r.x[3 + i] : ffa_w(&r, 3 + i);
	return 0;
}

int ffah_direct_req2(struct ffah *h, uint16_t target, const struct ffa_uuid *uuid,
		     const uint64_t payload[FFAH_DIRECT2_PAYLOAD_WORDS],
		     uint64_t out[FFAH_DIRECT2_PAYLOAD_WORDS])
{
	struct ffa_regs r;
	unsigned int i;
	int ret;

	if (h->version < FFA_VERSION_1_2)
		return FFA_NOT_SUPPORTED;
	if (!h->id_valid)
		return FFA_INVALID_PARAMETERS;

	ffa_regs_clear(&r, FFA_MSG_SEND_DIRECT_REQ2);
	r.x[1] = ffa_sender_receiver(h->id, target);
	ffa_uuid_to_x2(uuid, &r.x[2], &r.x[3]);
	for (i = 0; i < FFAH_DIRECT2_PAYLOAD_WORDS; i++)
		r.x[4 + i] = payload[i];

	ret = ffah_direct_loop(h, &r, target, FFA_MSG_SEND_DIRECT_RESP2);
	if (ret)
		return ret;
	for (i = 0; i < FFAH_DIRECT2_PAYLOAD_WORDS; i++)
		out[i] = r.x[4 + i];
	return 0;
}

/* The partition message header of the negotiated version (FF-A 1.2 §15.5.1). */
static uint32_t ffah_msg_header_size(const struct ffah *h)
{
	return h->version >= FFA_VERSION_1_2 ? (uint32_t)sizeof(struct ffa_msg_header)
					     : (uint32_t)sizeof(struct ffa_msg_header_v1_1);
}

static uint64_t ffah_mbox_bytes(const struct ffah *h)
{
	return (uint64_t)h->rxtx_pages * FFA_PAGE_SIZE;
}

int ffah_msg_send2(struct ffah *h, uint16_t receiver, const void *payload, uint32_t len)
{
	struct ffa_msg_header hdr;
	uint32_t hdr_size;
	struct ffa_regs r;

	if (h->version < FFA_VERSION_1_1)
		return FFA_NOT_SUPPORTED;
	if (!h->rxtx_pages || !h->id_valid)
		return FFA_INVALID_PARAMETERS;
	hdr_size = ffah_msg_header_size(h);
	if ((uint64_t)hdr_size + len > ffah_mbox_bytes(h))
		return FFA_NO_MEMORY;

	/* Every byte of the header written: no stale flags or reserved bytes. */
	ffa_memset(&hdr, 0, sizeof(hdr));
	hdr.payload_offset = hdr_size;
	hdr.sender_receiver = ffa_sender_receiver(h->id, receiver);
	hdr.payload_size = len;
	ffa_memcpy(h->buf.tx, &hdr, hdr_size);
	if (len)
		ffa_memcpy((uint8_t *)h->buf.tx + hdr_size, payload, len);

	/* w1 = 0 as the driver sends it: the sender is named in the header. */
	return ffah_simple_call(h, &r, FFA_MSG_SEND2, 0, 0);
}

int ffah_msg_receive(struct ffah *h, struct ffah_indirect_msg *msg)
{
	struct ffa_msg_header hdr;
	uint32_t hdr_size;
	uint64_t end;
	int ret = 0, rel;

	msg->received = false;
	if (!h->rxtx_pages)
		return FFA_INVALID_PARAMETERS;
	h->rx_held = true;

	/* Copy the header once and read only the copy. */
	hdr_size = ffah_msg_header_size(h);
	ffa_memset(&hdr, 0, sizeof(hdr));
	ffa_memcpy(&hdr, h->buf.rx, hdr_size);
	if (ffa_receiver(hdr.sender_receiver) != h->id || hdr.payload_offset < hdr_size ||
	    ffa_add_overflow((uint64_t)hdr.payload_offset, (uint64_t)hdr.payload_size, &end) ||
	    end > ffah_mbox_bytes(h)) {
		ret = FFA_ABORTED;
	} else {
		msg->sender = ffa_sender(hdr.sender_receiver);
		msg->size = hdr.payload_size;
		msg->received = true;
		if (hdr.payload_size > msg->cap)
			ret = FFA_NO_MEMORY;
		else if (hdr.payload_size)
			ffa_memcpy(msg->buf, (const uint8_t *)h->buf.rx + hdr.payload_offset,
				   hdr.payload_size);
	}
	/* The buffer goes back whatever it held, or the sender would wait forever. */
	rel = ffah_rx_release(h);
	return ret ? ret : rel;
}

/* ---------------------------------------------------------------------- */
/* Notifications                                                          */
/* ---------------------------------------------------------------------- */

int ffah_notifications_setup(struct ffah *h, uint32_t vcpu_count)
{
	struct ffa_regs r;
	uint32_t intid;
	int ret;

	if (!h->id_valid)
		return FFA_INVALID_PARAMETERS;
	if (h->notif_enabled)
		return FFA_DENIED;

	/* A callee without notifications: the driver carries on without them. */
	if (ffah_features(h, FFA_NOTIFICATION_BITMAP_CREATE, NULL, NULL))
		return 0;
	ret = ffah_simple_call(h, &r, FFA_NOTIFICATION_BITMAP_CREATE, h->id, vcpu_count);
	if (ret)
		return ret;
	/*
	 * FF-A 1.2 §13.3.2: feature ID 2 gives the SRI's interrupt ID in w2.
	 * Without the interrupt nothing would ever tell the endpoint to look:
	 * give the bitmap back, as the driver does.
	 */
	if (ffah_features(h, FFA_FEATURE_SRI, &intid, NULL)) {
		(void)ffah_simple_call(h, &r, FFA_NOTIFICATION_BITMAP_DESTROY, h->id, 0);
		return 0;
	}
	h->sri_intid = intid;
	h->notif_vcpus = vcpu_count;
	h->notif_enabled = true;
	return 0;
}

static int ffah_bind_call(struct ffah *h, uint32_t fid, uint16_t sender, uint32_t flags,
			  uint64_t bitmap)
{
	struct ffa_regs r;

	if (!h->notif_enabled)
		return FFA_NOT_SUPPORTED;
	/* FF-A 1.2 §13.13: an empty bitmap names nothing to bind. */
	if (!bitmap)
		return FFA_INVALID_PARAMETERS;
	ffa_regs_clear(&r, fid);
	r.x[1] = ffa_sender_receiver(sender, h->id);
	r.x[2] = flags;
	r.x[3] = (uint32_t)bitmap;
	r.x[4] = (uint32_t)(bitmap >> 32);
	ffah_plat_call(h->plat, &r);
	return ffah_status(&r);
}

int ffah_notification_bind(struct ffah *h, uint16_t sender, bool per_vcpu, uint64_t bitmap)
{
	return ffah_bind_call(h, FFA_NOTIFICATION_BIND, sender,
			      per_vcpu ? FFA_NOTIFICATION_FLAG_PER_VCPU : 0, bitmap);
}

int ffah_notification_unbind(struct ffah *h, uint16_t sender, uint64_t bitmap)
{
	/* UNBIND's w2 is reserved (MBZ). */
	return ffah_bind_call(h, FFA_NOTIFICATION_UNBIND, sender, 0, bitmap);
}

int ffah_notification_set(struct ffah *h, uint16_t receiver, bool per_vcpu, uint16_t vcpu,
			  uint64_t bitmap)
{
	struct ffa_regs r;

	if (!h->notif_enabled)
		return FFA_NOT_SUPPORTED;
	/* FF-A 1.2 §13.15: the vCPU field is MBZ for global notifications. */
	if (!bitmap || (!per_vcpu && vcpu))
		return FFA_INVALID_PARAMETERS;
	ffa_regs_clear(&r, FFA_NOTIFICATION_SET);
	r.x[1] = ffa_sender_receiver(h->id, receiver);
	r.x[2] = per_vcpu ? (FFA_NOTIFICATION_FLAG_PER_VCPU |
			     ((uint32_t)vcpu << FFA_NOTIFICATION_VCPU_SHIFT))
			  : 0;
	r.x[3] = (uint32_t)bitmap;
	r.x[4] = (uint32_t)(bitmap >> 32);
	ffah_plat_call(h->plat, &r);
	return ffah_status(&r);
}

int ffah_notification_get(struct ffah *h, uint16_t vcpu, uint32_t flags,
			  struct ffah_notifications *out)
{
	struct ffah_notifications got;
	struct ffa_regs r;
	int ret;

	if (!h->notif_enabled)
		return FFA_NOT_SUPPORTED;
	if (flags & FFA_NOTIFICATION_GET_MBZ_MASK)
		return FFA_INVALID_PARAMETERS;
	/* FF-A 1.2 §13.16: w1 = vCPU (31:16), receiver (15:0). */
	ret = ffah_simple_call(h, &r, FFA_NOTIFICATION_GET,
			       ((uint32_t)vcpu << FFA_NOTIFICATION_VCPU_SHIFT) | h->id, flags);
	if (ret)
		return ret;

	got.sp = ffa_w(&r, 2) | ((uint64_t)ffa_w(&r, 3) << 32);
	got.vm = ffa_w(&r, 4) | ((uint64_t)ffa_w(&r, 5) << 32);
	got.spm = ffa_w(&r, 6);
	got.hyp = ffa_w(&r, 7);
	/* A bitmap that was not asked for is zero; anything else is not the ABI. */
	if ((!(flags & FFA_NOTIFICATION_GET_SP) && got.sp) ||
	    (!(flags & FFA_NOTIFICATION_GET_VM) && got.vm) ||
	    (!(flags & FFA_NOTIFICATION_GET_SPM) && got.spm) ||
	    (!(flags & FFA_NOTIFICATION_GET_HYP) && got.hyp))
		return FFA_ABORTED;
	*out = got;
	return 0;
}

/* vCPU IDs after the endpoint ID in list @list (0-based) of INFO_GET's x2. */
static uint32_t ffah_info_list_vcpus(uint64_t x2, uint32_t list)
{
	return (uint32_t)((x2 >> (FFA_NOTIF_INFO_LIST_SIZE_SHIFT +
				  FFA_NOTIF_INFO_LIST_SIZE_BITS * list)) &
			  FFA_NOTIF_INFO_LIST_SIZE_MASK);
}

/*
 * Decode the ID lists of one FFA_NOTIFICATION_INFO_GET reply (FF-A 1.2
 * §13.18) and hand each to @fn. Every count is checked against what the
 * registers of the call's width can hold before an ID is read.
 */
static int ffah_decode_info_lists(const struct ffa_regs *r, bool is_64, ffah_notif_list_fn fn,
				  void *arg)
{
	uint32_t max_ids = is_64 ? FFA_NOTIF_INFO_MAX_IDS_64 : FFA_NOTIF_INFO_MAX_IDS_32;
	uint32_t max_lists = is_64 ? FFA_NOTIF_INFO_MAX_LISTS_64 : FFA_NOTIF_INFO_MAX_LISTS_32;
	uint32_t per_reg = is_64 ? 4 : 2;
	uint64_t x2 = is_64 ? r->x[2] : ffa_w(r, 2);
	uint32_t lists, list, next = 0, n;

	lists = (uint32_t)((x2 >> FFA_NOTIF_INFO_LIST_COUNT_SHIFT) &
			   FFA_NOTIF_INFO_LIST_COUNT_MASK);
	if (lists > max_lists)
		return FFA_ABORTED;
	/*
	 * Every list's endpoint ID and vCPU IDs must be in x3-x7; the whole
	 * reply is checked before the caller hears of any list in it.
	 */
	for (list = 0; list < lists; list++)
		next += 1 + ffah_info_list_vcpus(x2, list);
	if (next > max_ids)
		return FFA_ABORTED;

	next = 0;
	for (list = 0; list < lists; list++) {
		uint32_t vcpus = ffah_info_list_vcpus(x2, list);
		uint16_t ids[1 + FFAH_NOTIF_LIST_MAX_VCPUS];
		struct ffah_notif_list l;

		for (n = 0; n <= vcpus; n++, next++) {
			uint64_t reg = r->x[FFA_NOTIF_INFO_ID_FIRST_REG + next / per_reg];

			if (!is_64)
				reg = (uint32_t)reg;
			ids[n] = (uint16_t)(reg >> (FFA_NOTIF_INFO_ID_BITS * (next % per_reg)));
		}
		l.id = ids[0];
		l.vcpu_count = (uint16_t)vcpus;
		for (n = 0; n < FFAH_NOTIF_LIST_MAX_VCPUS; n++)
			l.vcpus[n] = n < vcpus ? ids[1 + n] : 0;
		if (fn)
			fn(arg, &l);
	}
	return 0;
}

int ffah_notification_info_get(struct ffah *h, bool is_64, ffah_notif_list_fn fn, void *arg)
{
	unsigned int calls;
	struct ffa_regs r;
	int ret;

	if (!h->notif_enabled)
		return FFA_NOT_SUPPORTED;

	for (calls = 0; calls < FFAH_INFO_GET_MAX_CALLS; calls++) {
		ffa_regs_clear(&r, is_64 ? FFA_NOTIFICATION_INFO_GET_64 :
					   FFA_NOTIFICATION_INFO_GET_32);
		ffah_plat_call(h->plat, &r);
		ret = ffah_status(&r);
		/* NO_DATA: nothing (more) pending; not an error to the caller. */
		if (ret == FFA_NO_DATA)
			return 0;
		if (ret)
			return ret;
		ret = ffah_decode_info_lists(&r, is_64, fn, arg);
		if (ret)
			return ret;
		if (!(r.x[2] & FFA_NOTIF_INFO_MORE_PENDING))
			return 0;
	}
	return FFA_ABORTED;
}

/* The lists of one SRI, kept for the GET calls that follow INFO_GET. */
struct ffah_sri_walk {
	struct ffah *h;
	struct ffah_sri *res;
	uint64_t own_vcpus;	/* bit n: vCPU n has per-vCPU notifications */
	bool own_global;
	bool bad_vcpu;
};

static void ffah_sri_collect(void *arg, const struct ffah_notif_list *l)
{
	struct ffah_sri_walk *w = arg;
	uint16_t i;

	if (l->id != w->h->id) {
		if (w->res->other)
			w->res->other(w->res->other_arg, l);
		return;
	}
	if (!l->vcpu_count)
		w->own_global = true;
	for (i = 0; i < l->vcpu_count; i++) {
		/* Only vCPUs the bitmap was created for can have anything pending. */
		if (l->vcpus[i] >= w->h->notif_vcpus || l->vcpus[i] >= 64)
			w->bad_vcpu = true;
		else
			w->own_vcpus |= UINT64_C(1) << l->vcpus[i];
	}
}

static int ffah_sri_get(struct ffah *h, struct ffah_sri *res, uint16_t vcpu)
{
	/* The physical instance (ID 0) owns no VM or hypervisor bitmap. */
	uint32_t flags = h->id == FFA_HOST_ID
				 ? FFA_NOTIFICATION_GET_SP | FFA_NOTIFICATION_GET_SPM
				 : FFA_NOTIFICATION_GET_SP | FFA_NOTIFICATION_GET_VM |
					   FFA_NOTIFICATION_GET_SPM | FFA_NOTIFICATION_GET_HYP;
	struct ffah_notifications got;
	int ret;

	ret = ffah_notification_get(h, vcpu, flags, &got);
	if (ret)
		return ret;
	res->gets++;
	res->got.sp |= got.sp;
	res->got.vm |= got.vm;
	res->got.spm |= got.spm;
	res->got.hyp |= got.hyp;
	if (got.spm & FFA_FRAMEWORK_NOTIF_RX_FULL)
		return ffah_msg_receive(h, &res->msg);
	return 0;
}

int ffah_handle_sri(struct ffah *h, struct ffah_sri *res)
{
	struct ffah_sri_walk walk;
	uint16_t vcpu;
	int ret;

	ffa_memset(&res->got, 0, sizeof(res->got));
	res->gets = 0;
	res->msg.received = false;
	ffa_memset(&walk, 0, sizeof(walk));
	walk.h = h;
	walk.res = res;

	ret = ffah_notification_info_get(h, true, ffah_sri_collect, &walk);
	if (ret)
		return ret;
	if (walk.bad_vcpu)
		return FFA_ABORTED;
	/* Global notifications are read on any vCPU: vCPU 0 here. */
	if (walk.own_global && !(walk.own_vcpus & 1)) {
		ret = ffah_sri_get(h, res, 0);
		if (ret)
			return ret;
	}
	for (vcpu = 0; vcpu < 64; vcpu++) {
		if (!(walk.own_vcpus & (UINT64_C(1) << vcpu)))
			continue;
		ret = ffah_sri_get(h, res, vcpu);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Memory sharing                                                         */
/* ---------------------------------------------------------------------- */

/* A constituent, and the composite descriptor header before the first one. */
#define FFAH_RANGE_SIZE ((uint32_t)sizeof(struct ffa_mem_range))
#define FFAH_COMPOSITE_SIZE ((uint32_t)sizeof(struct ffa_composite_mem_region))

static uint32_t ffah_mem_fid(const struct ffah *h, enum ffah_mem_op op)
{
	bool is_64 = h->features & FFAH_FEAT_MEM_OPS_64;

	switch (op) {
	case FFAH_MEM_SHARE:
		return is_64 ? FFA_MEM_SHARE_64 : FFA_MEM_SHARE_32;
	case FFAH_MEM_LEND:
		return is_64 ? FFA_MEM_LEND_64 : FFA_MEM_LEND_32;
	default:
		return is_64 ? FFA_MEM_DONATE_64 : FFA_MEM_DONATE_32;
	}
}

/*
 * A permissions byte an owner may send (FF-A 1.0 §5.11.3): bits 7:4 are
 * reserved, 0b11 is reserved in both fields, and a donor names no data
 * access (the memory becomes the receiver's).
 */
static bool ffah_mem_perms_ok(enum ffah_mem_op op, uint8_t perms)
{
	uint8_t data = perms & FFA_DATA_ACCESS_MASK;

	if ((perms & FFA_MEM_PERM_RESERVED_MASK) || data == FFA_DATA_ACCESS_RESERVED ||
	    (perms & FFA_INSTR_ACCESS_MASK) == FFA_INSTR_ACCESS_RESERVED)
		return false;
	return op != FFAH_MEM_DONATE || data == FFA_DATA_ACCESS_NOT_SPECIFIED;
}

/* Write @count constituents at @at in the TX buffer; the caller checked they fit. */
static void ffah_put_ranges(struct ffah *h, uint64_t at, const struct ffa_mem_range *ranges,
			    uint32_t count)
{
	uint8_t *tx = (uint8_t *)h->buf.tx + at;
	struct ffa_mem_range r;
	uint32_t i;

	for (i = 0; i < count; i++) {
		/* Only the two fields the caller owns: the reserved word is always 0. */
		ffa_memset(&r, 0, sizeof(r));
		r.address = ranges[i].address;
		r.page_count = ranges[i].page_count;
		ffa_memcpy(tx + (size_t)i * FFAH_RANGE_SIZE, &r, sizeof(r));
	}
}

/*
 * The callee broke the ABI in the middle of a transaction whose handle is
 * known: abort it (FF-A 1.0 §11.7: RECLAIM of a transaction the receiver
 * has not completed aborts it), so that no page stays with the callee.
 * Its answer changes nothing: the caller hears FFA_ABORTED either way.
 */
static int ffah_mem_abort(struct ffah *h, uint64_t handle)
{
	struct ffa_regs r;

	(void)ffah_simple_call(h, &r, FFA_MEM_RECLAIM, (uint32_t)handle, (uint32_t)(handle >> 32));
	return FFA_ABORTED;
}

/*
 * Check the caller's request and write the first fragment into the TX
 * buffer: header, access descriptors, composite, and as many constituents
 * as fit. Sets *total_len, *frag_len and *first (constituents in it).
 */
static int ffah_mem_first_fragment(struct ffah *h, enum ffah_mem_op op,
				   const struct ffah_mem_receiver *receivers,
				   uint32_t receiver_count, const struct ffa_mem_range *ranges,
				   uint32_t range_count, uint32_t flags, uint64_t tag,
				   uint32_t *total_len, uint32_t *frag_len, uint32_t *first)
{
	uint64_t tx_bytes = ffah_mbox_bytes(h);
	struct ffa_composite_mem_region c;
	uint64_t pages = 0, composite_offset, cons_start, total, fit;
	struct ffa_mem_desc d;
	struct ffa_mem_emad e;
	uint32_t i;

	if ((unsigned int)op > FFAH_MEM_DONATE || !receiver_count || !range_count)
		return FFA_INVALID_PARAMETERS;
	/* FF-A 1.0 §11.1: a donation has exactly one receiver. */
	if (op == FFAH_MEM_DONATE && receiver_count != 1)
		return FFA_INVALID_PARAMETERS;
	if (flags & ~FFA_MEM_SEND_FLAGS_MASK)
		return FFA_INVALID_PARAMETERS;
	for (i = 0; i < receiver_count; i++)
		if (!ffah_mem_perms_ok(op, receivers[i].perms))
			return FFA_INVALID_PARAMETERS;
	/* The composite's page total is a 32-bit field (FF-A 1.0 Table 5.13). */
	for (i = 0; i < range_count; i++) {
		if (!ranges[i].page_count)
			return FFA_INVALID_PARAMETERS;
		pages += ranges[i].page_count;
		if (pages > UINT32_MAX)
			return FFA_INVALID_PARAMETERS;
	}

	ffa_memset(&d, 0, sizeof(d));
	d.version = h->version;
	d.sender_id = h->id;
	/*
	 * FF-A 1.0 §5.11.4: shared memory is normal write-back inner-shareable
	 * memory for both sides; a lender or donor leaves the attributes to the
	 * borrower.
	 */
	d.attributes = op == FFAH_MEM_SHARE ? FFA_MEM_ATTR_NORMAL_WB_IS : 0;
	d.flags = flags;
	d.tag = tag;
	d.emad_count = receiver_count;
	if (!ffa_mem_desc_write_header(h->buf.tx, tx_bytes, &d))
		return FFA_NO_MEMORY;

	/* Header, access descriptors and composite go whole in the first fragment. */
	composite_offset = ffa_mem_desc_composite_offset(&d);
	cons_start = composite_offset + FFAH_COMPOSITE_SIZE;
	total = cons_start + (uint64_t)range_count * FFAH_RANGE_SIZE;
	if (cons_start > tx_bytes || total > UINT32_MAX)
		return FFA_NO_MEMORY;

	ffa_memset(&e, 0, sizeof(e));
	e.composite_offset = (uint32_t)composite_offset;
	for (i = 0; i < receiver_count; i++) {
		e.receiver_id = receivers[i].id;
		e.permissions = receivers[i].perms;
		ffa_mem_desc_write_emad(h->buf.tx, tx_bytes, &d, i, &e);
	}
	/* Alignment padding before the composite, if the layout has any. */
	ffa_memset((uint8_t *)h->buf.tx + ffa_mem_desc_emads_end(&d), 0,
		   (size_t)(composite_offset - ffa_mem_desc_emads_end(&d)));
	ffa_memset(&c, 0, sizeof(c));
	c.total_page_count = (uint32_t)pages;
	c.constituent_count = range_count;
	ffa_memcpy((uint8_t *)h->buf.tx + composite_offset, &c, sizeof(c));

	fit = (tx_bytes - cons_start) / FFAH_RANGE_SIZE;
	*first = fit < range_count ? (uint32_t)fit : range_count;
	ffah_put_ranges(h, cons_start, ranges, *first);
	*total_len = (uint32_t)total;
	*frag_len = (uint32_t)(cons_start + (uint64_t)*first * FFAH_RANGE_SIZE);
	return 0;
}

int ffah_mem_send(struct ffah *h, enum ffah_mem_op op, const struct ffah_mem_receiver *receivers,
		  uint32_t receiver_count, const struct ffa_mem_range *ranges, uint32_t range_count,
		  uint32_t flags, uint64_t tag, uint64_t *handle)
{
	uint32_t total, sent, next, count, per_fragment;
	uint64_t known = 0, got;
	bool have_handle = false;
	struct ffa_regs r;
	int ret;

	/* The descriptor names own ID as the owner and travels in the TX buffer. */
	if (!h->version || !h->id_valid || !h->rxtx_pages || !h->buf.tx)
		return FFA_INVALID_PARAMETERS;
	ret = ffah_mem_first_fragment(h, op, receivers, receiver_count, ranges, range_count, flags,
				      tag, &total, &sent, &next);
	if (ret)
		return ret;

	/* w3/w4 = 0: the fragment is in the TX buffer (FF-A 1.0 §11.1). */
	ffa_regs_clear(&r, ffah_mem_fid(h, op));
	r.x[1] = total;
	r.x[2] = sent;
	ffah_plat_call(h->plat, &r);

	per_fragment = (uint32_t)(ffah_mbox_bytes(h) / FFAH_RANGE_SIZE);
	while (sent < total) {
		/* An error: the callee has dropped (or never opened) the transaction. */
		if (ffa_w(&r, 0) == FFA_ERROR)
			return ffah_status(&r);
		/*
		 * FF-A 1.0 §12.2: more is expected. w1/w2 = the handle, the
		 * same for every fragment; w3 = the bytes received so far,
		 * which must be all that was sent; w4 = 0 (it names a sender
		 * only in a hypervisor's own calls).
		 */
		if (ffa_w(&r, 0) != FFA_MEM_FRAG_RX)
			return have_handle ? ffah_mem_abort(h, known) : FFA_ABORTED;
		got = ffa_handle_make(ffa_w(&r, 1), ffa_w(&r, 2));
		if (got == FFA_HANDLE_INVALID || (have_handle && got != known))
			return have_handle ? ffah_mem_abort(h, known) : FFA_ABORTED;
		known = got;
		have_handle = true;
		if (ffa_w(&r, 3) != sent || ffa_w(&r, 4))
			return ffah_mem_abort(h, known);

		/* The next fragment: only constituents, from the start of the TX buffer. */
		count = range_count - next < per_fragment ? range_count - next : per_fragment;
		ffah_put_ranges(h, 0, ranges + next, count);
		ffa_regs_clear(&r, FFA_MEM_FRAG_TX);
		r.x[1] = (uint32_t)known;
		r.x[2] = (uint32_t)(known >> 32);
		r.x[3] = count * FFAH_RANGE_SIZE;
		ffah_plat_call(h->plat, &r);
		sent += count * FFAH_RANGE_SIZE;
		next += count;
	}

	/* The whole descriptor is there: FFA_SUCCESS with the handle in w2/w3. */
	if (ffa_w(&r, 0) == FFA_ERROR)
		return ffah_status(&r);
	got = ffa_handle_make(ffa_w(&r, 2), ffa_w(&r, 3));
	if (ffah_status(&r) || got == FFA_HANDLE_INVALID || (have_handle && got != known))
		return have_handle ? ffah_mem_abort(h, known) : FFA_ABORTED;
	*handle = got;
	return 0;
}

int ffah_mem_share(struct ffah *h, const struct ffah_mem_receiver *receivers,
		   uint32_t receiver_count, const struct ffa_mem_range *ranges,
		   uint32_t range_count, uint64_t *handle)
{
	return ffah_mem_send(h, FFAH_MEM_SHARE, receivers, receiver_count, ranges, range_count, 0,
			     0, handle);
}

int ffah_mem_lend(struct ffah *h, const struct ffah_mem_receiver *receivers,
		  uint32_t receiver_count, const struct ffa_mem_range *ranges, uint32_t range_count,
		  uint64_t *handle)
{
	return ffah_mem_send(h, FFAH_MEM_LEND, receivers, receiver_count, ranges, range_count, 0, 0,
			     handle);
}

int ffah_mem_donate(struct ffah *h, const struct ffah_mem_receiver *receiver,
		    const struct ffa_mem_range *ranges, uint32_t range_count, uint64_t *handle)
{
	return ffah_mem_send(h, FFAH_MEM_DONATE, receiver, 1, ranges, range_count, 0, 0, handle);
}

int ffah_mem_reclaim(struct ffah *h, uint64_t handle, uint32_t flags)
{
	struct ffa_regs r;

	/* FF-A 1.0 §11.7: bit 0 zero memory, bit 1 time slicing, bits 31:2 MBZ. */
	if (flags & ~(FFA_MEM_RECLAIM_CLEAR | FFA_MEM_RECLAIM_TIME_SLICE))
		return FFA_INVALID_PARAMETERS;
	ffa_regs_clear(&r, FFA_MEM_RECLAIM);
	r.x[1] = (uint32_t)handle;
	r.x[2] = (uint32_t)(handle >> 32);
	r.x[3] = flags;
	ffah_plat_call(h->plat, &r);
	return ffah_status(&r);
}
