/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * ffaproxy host client: a small FF-A driver library for the normal world.
 *
 * It makes the calls an FF-A endpoint at the non-secure physical instance
 * makes, in the order Linux's drivers/firmware/arm_ffa driver makes them at
 * probe time (see ffah_probe()), so that anything behind the conduit (the
 * proxy under test, or real firmware) sees the traffic a real kernel sends.
 *
 * Freestanding, like the proxy core: no libc, no heap, no globals. All state
 * lives in one struct ffah the caller owns; the mailbox pages are the
 * caller's too. The library reaches the world through one link-time hook,
 * ffah_plat_call(): plat/sim routes it through the simulated proxy, an
 * AArch64 EL1 port implements it with `smc #0`.
 *
 * Every function returns 0 or a negative FF-A error code (FFA_DENIED, ...).
 * Replies are never trusted: a reply that breaks the ABI (an unexpected
 * function ID, a positive error code, a count or size that does not fit the
 * RX buffer, an index out of order) is reported as FFA_ABORTED, and nothing
 * is read from the RX buffer beyond what was mapped.
 */
#ifndef FFAPROXY_FFA_HOST_H
#define FFAPROXY_FFA_HOST_H

#include <ffaproxy/ffa_abi.h>

/* Versions the library speaks: it asks for the newest, accepts any 1.x answer. */
#define FFAH_VERSION_MIN FFA_VERSION_1_0
#define FFAH_VERSION_MAX FFA_VERSION_1_2

struct ffah_plat; /* defined by the platform */

/**
 * ffah_plat_call() - the conduit: issue one FF-A call.
 * @plat: the platform context given to ffah_init()
 * @regs: x0-x17 in; the reply x0-x17 out (SMCCC 1.2)
 */
void ffah_plat_call(struct ffah_plat *plat, struct ffa_regs *regs);

/**
 * struct ffah_buffers - the memory the caller provides for the RX/TX pair.
 * @tx, @rx:       where the library reads and writes them
 * @tx_pa, @rx_pa: their addresses as the callee sees them (PA or IPA), 4 KiB
 *                 aligned
 * @pages:         4 KiB pages available in EACH buffer; the library maps as
 *                 many as the callee's minimum buffer size asks for (see
 *                 ffah_rxtx_map()), never more than this
 */
struct ffah_buffers {
	void *tx;
	void *rx;
	uint64_t tx_pa;
	uint64_t rx_pa;
	uint32_t pages;
};

/* Optional features ffah_probe() found (struct ffah.features). */
/* clang-format off */
#define FFAH_FEAT_MEM_OPS_64		(1u << 0) /* FFA_MEM_LEND_64 or FFA_MEM_SHARE_64 */
#define FFAH_FEAT_DIRECT_REQ2		(1u << 1) /* FFA_MSG_SEND_DIRECT_REQ2 (or RESP2) */
#define FFAH_FEAT_PARTITION_INFO_REGS	(1u << 2) /* FFA_PARTITION_INFO_GET_REGS */
/* clang-format on */

/**
 * struct ffah - one FF-A endpoint's driver state.
 * @plat:        passed to ffah_plat_call()
 * @version:     the negotiated version; 0 until ffah_version() succeeds
 * @id:          own endpoint ID, valid when @id_valid (FFA_ID_GET)
 * @buf:         the caller's RX/TX memory
 * @rxtx_pages:  pages mapped in each buffer with FFA_RXTX_MAP; 0: none
 * @rx_held:     the callee filled the RX buffer and handed it over: the
 *               library owns it until FFA_RX_RELEASE (FF-A 1.2 §3.3)
 * @features:    FFAH_FEAT_* bits found by ffah_probe()
 * @rxtx_min_pages, @rxtx_max_pages: what FFA_FEATURES(FFA_RXTX_MAP_64)
 *               reported (max 0: no limit given, or below FF-A 1.2)
 */
struct ffah {
	struct ffah_plat *plat;
	uint32_t version;
	uint16_t id;
	bool id_valid;
	struct ffah_buffers buf;
	uint32_t rxtx_pages;
	bool rx_held;
	uint32_t features;
	uint32_t rxtx_min_pages;
	uint32_t rxtx_max_pages;
};

/**
 * ffah_init() - set up a driver instance; makes no call.
 * @bufs: the RX/TX memory, or NULL for an endpoint that only uses
 *        register-based calls (ffah_rxtx_map() then fails)
 */
void ffah_init(struct ffah *h, struct ffah_plat *plat, const struct ffah_buffers *bufs);

/**
 * ffah_call() - issue one raw call through the conduit. For callers that
 * need a call the library has no wrapper for; the library's state is not
 * updated.
 */
void ffah_call(struct ffah *h, struct ffa_regs *regs);

/**
 * ffah_version() - FFA_VERSION, with the Linux driver's acceptance rule.
 * @requested:  the version to ask for: 1.0 to FFAH_VERSION_MAX
 * @negotiated: out (may be NULL): min(@requested, the callee's answer)
 *
 * FF-A 1.2 §13.2: the callee answers with its own version in w0, or
 * NOT_SUPPORTED (-1) there: there is no FFA_ERROR wrapper. Any answer with
 * major version 1 is accepted and the smaller of the two versions is used
 * from then on.
 *
 * Return: 0; FFA_INVALID_PARAMETERS for a @requested outside 1.0-1.2;
 * FFA_NOT_SUPPORTED when the callee has no FF-A or a different major
 * version; FFA_ABORTED for an answer with bit 31 set other than -1.
 */
int ffah_version(struct ffah *h, uint32_t requested, uint32_t *negotiated);

/** ffah_id_get() - FFA_ID_GET: own endpoint ID into @id (may be NULL) and h->id. */
int ffah_id_get(struct ffah *h, uint16_t *id);

/**
 * ffah_features() - FFA_FEATURES(@fid_or_feature).
 * @fid_or_feature: a function ID (bit 31 set) or a feature ID (bit 31 clear)
 * @w2, @w3:        out (each may be NULL): the interface properties
 * Return: 0 if the callee implements it, its error (FFA_NOT_SUPPORTED) if not.
 */
int ffah_features(struct ffah *h, uint32_t fid_or_feature, uint32_t *w2, uint32_t *w3);

/**
 * ffah_rxtx_map() - size and map the RX/TX pair as the Linux driver does.
 *
 * FFA_FEATURES(FFA_RXTX_MAP_64) gives the minimum buffer size (w2 bits 1:0:
 * 4, 16 or 64 KiB) and, from FF-A 1.2, the largest page count the callee
 * accepts (w2 bits 31:16; 0 = no limit). The driver maps the minimum size,
 * raising a maximum below it to the minimum; if FFA_FEATURES fails it
 * assumes 4 KiB. Then FFA_RXTX_MAP_64(tx, rx, pages).
 *
 * Return: 0; FFA_INVALID_PARAMETERS without buffers; FFA_DENIED if already
 * mapped; FFA_NO_MEMORY if the caller's buffers are smaller than the
 * minimum; FFA_ABORTED for a reserved minimum size; else the callee's error.
 */
int ffah_rxtx_map(struct ffah *h);

/**
 * ffah_rxtx_map_pages() - FFA_RXTX_MAP_64 of exactly @pages pages (1 to
 * min(63, h->buf.pages)), without asking FFA_FEATURES first.
 */
int ffah_rxtx_map_pages(struct ffah *h, uint32_t pages);

/** ffah_rxtx_unmap() - FFA_RXTX_UNMAP of the endpoint's own pair. */
int ffah_rxtx_unmap(struct ffah *h);

/** ffah_rx_release() - FFA_RX_RELEASE: hand the RX buffer back to the producer. */
int ffah_rx_release(struct ffah *h);

/**
 * ffah_partition_count() - how many partitions match @uuid (Nil: all).
 *
 * From FF-A 1.1, FFA_PARTITION_INFO_GET with the count-only flag, which
 * leaves the RX buffer alone. FF-A 1.0 has no such flag: the full query
 * fills the RX buffer, which is released at once.
 */
int ffah_partition_count(struct ffah *h, const struct ffa_uuid *uuid, uint32_t *count);

/**
 * ffah_partition_info() - partition information through the RX buffer.
 * @uuid:  the partitions to describe (Nil: all)
 * @out:   where to put them; the UUID is the descriptor's (1.1+, Nil query),
 *         else @uuid (FF-A 1.2 §13.8: descriptors leave it zero when a UUID
 *         was asked for, and FF-A 1.0 descriptors have none)
 * @max:   entries in @out
 * @count: out: how many partitions the callee described
 *
 * From FF-A 1.1: a count-only query first (so that a too-small @out is
 * found before the RX buffer changes hands), then the full query. The
 * descriptors (w3 bytes each from FF-A 1.1, 8 bytes at 1.0; a larger size is
 * honoured as a stride) are copied out of the RX buffer, which is then
 * released with FFA_RX_RELEASE.
 *
 * Return: 0; FFA_INVALID_PARAMETERS before a version is negotiated; FFA_BUSY
 * if the library still holds the RX buffer; FFA_NO_MEMORY when more than
 * @max partitions exist (*count says how many; the first @max are in @out
 * when they were fetched); FFA_ABORTED when the reply's size or count does
 * not fit the mapped RX buffer; else the callee's error.
 */
int ffah_partition_info(struct ffah *h, const struct ffa_uuid *uuid, struct ffa_partition_info *out,
			uint32_t max, uint32_t *count);

/**
 * ffah_partition_info_regs() - partition information in registers (FF-A 1.2).
 *
 * FFA_PARTITION_INFO_GET_REGS from start index 0, then from the index after
 * the last one each reply carried, passing back the reply's information tag,
 * until the last index is reached. With @out NULL or @max 0 only the first
 * call is made and *count is the total.
 *
 * Return: 0; FFA_NOT_SUPPORTED below FF-A 1.2; FFA_NO_MEMORY when more than
 * @max partitions exist (the first @max are in @out); FFA_ABORTED for a reply
 * whose indices are out of order or whose last index changes between calls;
 * else the callee's error (FFA_RETRY when the information changed).
 */
int ffah_partition_info_regs(struct ffah *h, const struct ffa_uuid *uuid,
			     struct ffa_partition_info *out, uint32_t max, uint32_t *count);

/**
 * ffah_probe() - the Linux arm_ffa driver's probe sequence.
 * @parts, @max_parts, @part_count: the partitions found (Nil UUID query)
 *
 *  1. FFA_VERSION(1.2), accepting any 1.x answer (ffah_version());
 *  2. FFA_ID_GET;
 *  3. FFA_FEATURES(FFA_RXTX_MAP_64), FFA_RXTX_MAP_64 (ffah_rxtx_map());
 *  4. FFA_FEATURES(FFA_MEM_LEND_64), then FFA_FEATURES(FFA_MEM_SHARE_64) only
 *     if that failed; FFA_FEATURES(FFA_MSG_SEND_DIRECT_REQ2), then
 *     FFA_FEATURES(FFA_MSG_SEND_DIRECT_RESP2) only if that failed;
 *  5. FFA_FEATURES(FFA_PARTITION_INFO_GET_REGS): if implemented, the
 *     register-based query (a first call for the count, then the full
 *     walk); otherwise FFA_PARTITION_INFO_GET count-only (1.1+), the full
 *     query and FFA_RX_RELEASE.
 * If step 5 fails the RX/TX pair is unmapped again, as the driver does.
 *
 * Return: 0, or the first error (h says how far the probe got).
 */
int ffah_probe(struct ffah *h, struct ffa_partition_info *parts, uint32_t max_parts,
	       uint32_t *part_count);

#endif /* FFAPROXY_FFA_HOST_H */
