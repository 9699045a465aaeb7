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
 * @notif_enabled: ffah_notifications_setup() created the bitmap and found
 *               the schedule receiver interrupt
 * @notif_vcpus: the vCPU count the bitmap was created for
 * @sri_intid:   the SRI's interrupt ID (FFA_FEATURES feature ID 2)
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
	bool notif_enabled;
	uint32_t notif_vcpus;
	uint32_t sri_intid;
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

/* ---------------------------------------------------------------------- */
/* Messaging                                                              */
/* ---------------------------------------------------------------------- */

/* clang-format off */
/* Words of payload in a direct request (w3-w7) and in a REQ2 (x4-x17). */
#define FFAH_DIRECT_PAYLOAD_WORDS	5
#define FFAH_DIRECT2_PAYLOAD_WORDS	14
/*
 * How many times a direct request is resumed with FFA_RUN after FFA_INTERRUPT
 * or FFA_YIELD before the library gives up on it (FFA_ABORTED). The driver
 * loops forever; a library that must return cannot.
 */
#define FFAH_DIRECT_MAX_RUNS		64
/* FFA_NOTIFICATION_INFO_GET calls made while "more pending" stays set. */
#define FFAH_INFO_GET_MAX_CALLS		64
/* vCPU IDs one INFO_GET list may carry (its 2-bit size field). */
#define FFAH_NOTIF_LIST_MAX_VCPUS	3
/* clang-format on */

/**
 * ffah_direct_req() - FFA_MSG_SEND_DIRECT_REQ_32/_64 to @target, as the
 * Linux driver sends it.
 * @payload: w3-w7 (for the SMC32 call only bits 31:0 of each are sent)
 * @out:     the response's w3-w7 (x3-x7 for _64); written on success only
 *
 * w1 = own ID (31:16) and @target (15:0), w2 = 0 (a partition message).
 * While the reply is FFA_INTERRUPT or FFA_YIELD for @target's context, the
 * context is resumed with FFA_RUN(w1 of that reply), as the driver does,
 * at most FFAH_DIRECT_MAX_RUNS times. The response must be
 * FFA_MSG_SEND_DIRECT_RESP of the request's width from @target to own ID.
 *
 * Return: 0; FFA_INVALID_PARAMETERS before FFA_ID_GET; the callee's error;
 * FFA_ABORTED for any other reply, or when the partition never answers.
 */
int ffah_direct_req(struct ffah *h, uint16_t target, bool is_64,
		    const uint64_t payload[FFAH_DIRECT_PAYLOAD_WORDS],
		    uint64_t out[FFAH_DIRECT_PAYLOAD_WORDS]);

/**
 * ffah_direct_req2() - FFA_MSG_SEND_DIRECT_REQ2 (FF-A 1.2) to @target's
 * service @uuid (x2/x3), payload x4-x17; the response is
 * FFA_MSG_SEND_DIRECT_RESP2, its x4-x17 go to @out. Preemption is handled
 * as in ffah_direct_req().
 *
 * Return: as ffah_direct_req(); FFA_NOT_SUPPORTED below FF-A 1.2.
 */
int ffah_direct_req2(struct ffah *h, uint16_t target, const struct ffa_uuid *uuid,
		     const uint64_t payload[FFAH_DIRECT2_PAYLOAD_WORDS],
		     uint64_t out[FFAH_DIRECT2_PAYLOAD_WORDS]);

/**
 * ffah_msg_send2() - FFA_MSG_SEND2 (FF-A 1.1): an indirect message of @len
 * bytes to @receiver through the TX buffer.
 *
 * The partition message header for the negotiated version (20 bytes at
 * 1.1, 40 at 1.2 with a Nil UUID) is written at the start of the TX
 * buffer, the payload right after it. w1 = 0, as the driver sends it (the
 * sender is in the header), w2 = 0.
 *
 * Return: 0; FFA_NOT_SUPPORTED below 1.1; FFA_INVALID_PARAMETERS without a
 * mapped TX buffer; FFA_NO_MEMORY when header and payload do not fit it;
 * else the callee's error.
 */
int ffah_msg_send2(struct ffah *h, uint16_t receiver, const void *payload, uint32_t len);

/* ---------------------------------------------------------------------- */
/* Notifications (FF-A 1.1)                                               */
/* ---------------------------------------------------------------------- */

/**
 * ffah_notifications_setup() - the driver's notification set-up.
 * @vcpu_count: vCPUs of this endpoint (the driver: nr_cpu_ids)
 *
 * FFA_FEATURES(FFA_NOTIFICATION_BITMAP_CREATE); when implemented,
 * FFA_NOTIFICATION_BITMAP_CREATE(own ID, @vcpu_count); then
 * FFA_FEATURES(SRI feature ID) for the schedule receiver interrupt, whose
 * ID is kept in h->sri_intid. A callee without notifications
 * (FFA_FEATURES answers NOT_SUPPORTED) is not an error: h->notif_enabled
 * stays false. Without an SRI the bitmap is destroyed again, as the driver
 * does when it cannot take the interrupt, and notifications stay disabled.
 *
 * Return: 0 (see h->notif_enabled); FFA_INVALID_PARAMETERS before
 * FFA_ID_GET; FFA_DENIED when already set up; else the error of
 * FFA_NOTIFICATION_BITMAP_CREATE.
 */
int ffah_notifications_setup(struct ffah *h, uint32_t vcpu_count);

/**
 * ffah_notification_bind() / ffah_notification_unbind() - bind (unbind)
 * the notifications in @bitmap of own ID to sender @sender: w1 = @sender
 * (31:16) and own ID (15:0), w2 = per-vCPU flag (BIND; UNBIND: 0), w3/w4 =
 * @bitmap. Return: 0; FFA_NOT_SUPPORTED when notifications are disabled;
 * FFA_INVALID_PARAMETERS for an empty @bitmap; else the callee's error.
 */
int ffah_notification_bind(struct ffah *h, uint16_t sender, bool per_vcpu, uint64_t bitmap);
int ffah_notification_unbind(struct ffah *h, uint16_t sender, uint64_t bitmap);

/**
 * ffah_notification_set() - signal the notifications in @bitmap to
 * @receiver: w1 = own ID (31:16) and @receiver (15:0); w2 = per-vCPU flag
 * and @vcpu (31:16), which must be 0 for global notifications; w3/w4 =
 * @bitmap. The library never asks to delay the SRI (partition senders only).
 * Return: as ffah_notification_bind().
 */
int ffah_notification_set(struct ffah *h, uint16_t receiver, bool per_vcpu, uint16_t vcpu,
			  uint64_t bitmap);

/**
 * struct ffah_notifications - what FFA_NOTIFICATION_GET returned.
 * @sp:  notifications from partitions (w2/w3)
 * @vm:  from VMs (w4/w5)
 * @spm: SPM framework notifications (w6; FFA_FRAMEWORK_NOTIF_RX_FULL)
 * @hyp: hypervisor framework notifications (w7)
 */
struct ffah_notifications {
	uint64_t sp;
	uint64_t vm;
	uint32_t spm;
	uint32_t hyp;
};

/**
 * ffah_notification_get() - FFA_NOTIFICATION_GET for own ID on @vcpu.
 * @flags: FFA_NOTIFICATION_GET_SP/_VM/_SPM/_HYP
 * @out:   the bitmaps; one not asked for must come back zero
 * Return: 0; FFA_NOT_SUPPORTED when notifications are disabled;
 * FFA_INVALID_PARAMETERS for reserved @flags bits; FFA_ABORTED for a reply
 * breaking the ABI; else the callee's error.
 */
int ffah_notification_get(struct ffah *h, uint16_t vcpu, uint32_t flags,
			  struct ffah_notifications *out);

/**
 * struct ffah_notif_list - one ID list of FFA_NOTIFICATION_INFO_GET.
 * @id:         the endpoint with pending notifications
 * @vcpu_count: 0: global notifications; else the vCPUs in @vcpus with
 *              per-vCPU ones pending
 */
struct ffah_notif_list {
	uint16_t id;
	uint16_t vcpu_count;
	uint16_t vcpus[FFAH_NOTIF_LIST_MAX_VCPUS];
};

/* Called once per list, in the order the callee listed them. */
typedef void (*ffah_notif_list_fn)(void *arg, const struct ffah_notif_list *list);

/**
 * ffah_notification_info_get() - FFA_NOTIFICATION_INFO_GET_32/_64, repeated
 * while the reply says more are pending (at most FFAH_INFO_GET_MAX_CALLS
 * calls), each list decoded and handed to @fn.
 *
 * FF-A 1.1 §16.7: x2 bits 11:7 = number of lists; from bit 12, 2 bits per
 * list = vCPU IDs after the list's endpoint ID; the IDs are 16-bit values
 * packed from the low bits of x3 (w3 for SMC32: two per register, ten in
 * all; SMC64: four per register, twenty).
 *
 * Return: 0, also when nothing is pending (NO_DATA); FFA_NOT_SUPPORTED when
 * notifications are disabled; FFA_ABORTED when a reply names more lists or
 * IDs than its registers hold, or "more pending" never clears; else the
 * callee's error.
 */
int ffah_notification_info_get(struct ffah *h, bool is_64, ffah_notif_list_fn fn, void *arg);

/**
 * struct ffah_indirect_msg - an indirect message read from the RX buffer.
 * @buf, @cap:  where the caller wants the payload (set before the call)
 * @received:   a message was read (and the RX buffer released)
 * @sender:     its sender
 * @size:       its payload size; copied to @buf only when it fits @cap
 */
struct ffah_indirect_msg {
	void *buf;
	uint32_t cap;
	bool received;
	uint16_t sender;
	uint32_t size;
};

/**
 * ffah_msg_receive() - read the indirect message the RX buffer holds (the
 * SPM framework's "RX buffer full" notification said so): the header
 * first, copied and checked (receiver = own ID; payload after the header,
 * inside the mapped buffer, without overflow), then the payload. The RX
 * buffer is released with FFA_RX_RELEASE in every case.
 *
 * Return: 0; FFA_INVALID_PARAMETERS without a mapped RX buffer; FFA_ABORTED
 * for a header breaking the ABI; FFA_NO_MEMORY when the payload is larger
 * than @msg->cap (@msg->size says how large); else the error of
 * FFA_RX_RELEASE.
 */
int ffah_msg_receive(struct ffah *h, struct ffah_indirect_msg *msg);

/**
 * struct ffah_sri - what one schedule receiver interrupt brought.
 * @got:       the bitmaps of every FFA_NOTIFICATION_GET made, OR-ed
 * @gets:      how many FFA_NOTIFICATION_GET calls were made
 * @other:     lists naming other endpoints (for the caller to schedule them;
 *             may be NULL), with @other_arg
 * @msg:       the indirect message, if "RX buffer full" was reported
 */
struct ffah_sri {
	struct ffah_notifications got;
	uint32_t gets;
	ffah_notif_list_fn other;
	void *other_arg;
	struct ffah_indirect_msg msg;
};

/**
 * ffah_handle_sri() - what the driver's SRI handler does.
 *
 * FFA_NOTIFICATION_INFO_GET_64 (ffah_notification_info_get()); for every
 * list naming own ID, FFA_NOTIFICATION_GET for each vCPU listed (vCPU 0 for
 * a list of global notifications) with the SP and SPM bitmaps (own ID 0,
 * the physical instance) or all four (a VM); lists of other endpoints go to
 * @res->other. When a GET reports "RX buffer full" in the SPM framework
 * bitmap, the message is read (ffah_msg_receive()) into @res->msg.
 *
 * Return: 0, or the first error.
 */
int ffah_handle_sri(struct ffah *h, struct ffah_sri *res);

/* ---------------------------------------------------------------------- */
/* Memory sharing                                                         */
/* ---------------------------------------------------------------------- */

/** enum ffah_mem_op - the transaction an owner starts (FF-A 1.0 §11.1-11.3). */
enum ffah_mem_op {
	FFAH_MEM_SHARE,
	FFAH_MEM_LEND,
	FFAH_MEM_DONATE,
};

/**
 * struct ffah_mem_receiver - one borrower of a memory transaction.
 * @id:    its endpoint ID
 * @perms: the memory access permissions byte of its access descriptor:
 *         FFA_DATA_ACCESS_* | FFA_INSTR_ACCESS_*. A donation names no data
 *         access (FFA_DATA_ACCESS_NOT_SPECIFIED): the memory is the
 *         receiver's to map as it likes.
 */
struct ffah_mem_receiver {
	uint16_t id;
	uint8_t perms;
};

/**
 * ffah_mem_send() - FFA_MEM_SHARE, FFA_MEM_LEND or FFA_MEM_DONATE of @ranges
 * to @receivers, the descriptor passed in the TX buffer.
 * @ranges:  the constituents: @ranges[i].address (4 KiB aligned) and
 *           .page_count (non-zero) are sent in this order; .reserved_12 is
 *           not read (the library writes 0)
 * @flags:   the descriptor's flags (FFA_MEM_FLAG_ZERO_MEMORY,
 *           FFA_MEM_FLAG_TIME_SLICE); the callee decides what it accepts
 * @tag:     the descriptor's implementation-defined tag
 * @handle:  out: the handle the callee allocated
 *
 * The descriptor is laid out for the negotiated version (1.0: 32-byte
 * header, 16-byte access descriptors; 1.1: 48-byte header; 1.2: 32-byte
 * access descriptors), sender = own ID, handle 0, memory region attributes
 * FFA_MEM_ATTR_NORMAL_WB_IS (0x2f) for a share and 0 for a lend or donation
 * (a borrower that is a PE endpoint picks its own), one composite
 * descriptor that every access descriptor points at, 8-byte aligned after
 * them. The SMC64 function IDs are used when ffah_probe() found them
 * (FFAH_FEAT_MEM_OPS_64), the SMC32 ones otherwise; w1 = total length, w2 =
 * length of the first fragment, w3/w4 = 0 (the TX buffer, not a buffer of
 * its own).
 *
 * A descriptor larger than the mapped TX buffer is sent in fragments, as
 * the Linux driver sends it: the first carries the header, every access
 * descriptor, the composite and as many constituents as fit; each later
 * one (FFA_MEM_FRAG_TX with the handle, w3 = its length) carries as many
 * further constituents as fit, from offset 0 of the TX buffer. Every reply
 * is checked: a fragment that is not the last must be answered with
 * FFA_MEM_FRAG_RX naming the same handle throughout, the offset of what
 * was sent so far (FF-A 1.0 §12.2: the receiver acknowledges every byte)
 * and w4 = 0; the last with FFA_SUCCESS carrying that handle. A reply that
 * breaks these rules is FFA_ABORTED, and when a handle was already known
 * the library aborts the half-sent transaction with FFA_MEM_RECLAIM of it
 * (best effort: its answer is not reported) so that no page stays stuck
 * with the callee.
 *
 * Return: 0; FFA_INVALID_PARAMETERS before FFA_VERSION, FFA_ID_GET and
 * FFA_RXTX_MAP, for an unknown @op, no receiver (or more than one for a
 * donation), no range, a range of no pages, pages adding up past 32 bits,
 * a permissions byte with reserved bits or encodings, a donation naming a
 * data access, or @flags outside FFA_MEM_SEND_FLAGS_MASK (all refused before
 * any call); FFA_NO_MEMORY when the header, access descriptors and
 * composite do not fit the TX buffer or the descriptor exceeds 32 bits of
 * length; FFA_ABORTED as above; else the callee's error (for a later
 * fragment the callee has then aborted the transaction).
 */
int ffah_mem_send(struct ffah *h, enum ffah_mem_op op, const struct ffah_mem_receiver *receivers,
		  uint32_t receiver_count, const struct ffa_mem_range *ranges, uint32_t range_count,
		  uint32_t flags, uint64_t tag, uint64_t *handle);

/* ffah_mem_send() with no flags and a zero tag. */
int ffah_mem_share(struct ffah *h, const struct ffah_mem_receiver *receivers,
		   uint32_t receiver_count, const struct ffa_mem_range *ranges,
		   uint32_t range_count, uint64_t *handle);
int ffah_mem_lend(struct ffah *h, const struct ffah_mem_receiver *receivers,
		  uint32_t receiver_count, const struct ffa_mem_range *ranges, uint32_t range_count,
		  uint64_t *handle);
int ffah_mem_donate(struct ffah *h, const struct ffah_mem_receiver *receiver,
		    const struct ffa_mem_range *ranges, uint32_t range_count, uint64_t *handle);

/**
 * ffah_mem_reclaim() - FFA_MEM_RECLAIM: w1/w2 = @handle (low, high half),
 * w3 = @flags (FFA_MEM_RECLAIM_CLEAR, FFA_MEM_RECLAIM_TIME_SLICE).
 * Return: 0; FFA_INVALID_PARAMETERS for other @flags bits (not sent); else
 * the callee's error (DENIED while a borrower still has the memory).
 */
int ffah_mem_reclaim(struct ffah *h, uint64_t handle, uint32_t flags);

#endif /* FFAPROXY_FFA_HOST_H */
