/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * The SPMC model: a freestanding model of the secure world's partition
 * manager as the FF-A specification describes it towards the non-secure
 * physical instance (endpoint ID 0). It is the test peer of the proxy and
 * usable on its own by anyone writing an FF-A driver without hardware.
 *
 * All state lives in struct spmc; no globals, no heap. The model reaches
 * non-secure memory (the mailbox the normal world registers, memory it shares)
 * only through spmc_plat_ns_memory().
 */
#ifndef FFAPROXY_SPMC_MODEL_H
#define FFAPROXY_SPMC_MODEL_H

#include "ffa_abi.h"

/* clang-format off */
#define SPMC_MAX_PARTITIONS	8
#define SPMC_SP_MBOX_SIZE	FFA_PAGE_SIZE	/* each partition's RX and TX buffer */
#define SPMC_NS_MBOX_MAX_PAGES	FFA_RXTX_MAP_PAGE_COUNT_MASK
/*
 * The most vCPUs a notification receiver has: execution contexts of a
 * partition (spmc_init() refuses more), vCPUs the normal world names in
 * FFA_NOTIFICATION_BITMAP_CREATE (more: NO_MEMORY). Per-vCPU pending state is
 * kept for each; 64 so that a vCPU set fits one uint64_t.
 */
#define SPMC_MAX_VCPUS		64
/*
 * The execution context every direct request runs on. The model has no
 * physical CPUs, so it cannot pick the context pinned to the caller's CPU
 * as an MP partition would: it uses the first, which every partition has.
 */
#define SPMC_DIRECT_REQ_VCPU	0
/*
 * Interrupt ID FFA_FEATURES reports for the schedule receiver interrupt: a
 * non-secure SGI, the number Arm's FF-A compliance suite platforms use.
 */
#define SPMC_SCHEDULE_RECEIVER_INTID	8
/*
 * Memory management (spmc_mem.c). A request beyond a limit is refused with
 * NO_MEMORY before anything changes.
 *
 * SPMC_MAX_HANDLES:   memory transactions live at once: open (fragments still
 *                     to come), complete, and retrieved donations, which stay
 *                     live for good (their pages never return to the owner).
 * SPMC_MAX_RANGES:    address ranges over all live transactions. Contiguous
 *                     constituents of one transaction merge into one range,
 *                     so 1 GiB of 4 KiB constituents costs one and 4,096
 *                     discontiguous pages cost 4,096; two such transactions
 *                     fit at once.
 * SPMC_MAX_RETRIEVALS: outstanding retrievals of one handle by one borrower
 *                     (retrieved, not yet relinquished); what
 *                     FFA_FEATURES(FFA_MEM_RETRIEVE_REQ) reports in w3.
 * SPMC_MEM_HANDLE_FIRST: the first handle the model allocates; each further
 *                     one is the next number. Bit 63 is clear (allocated by
 *                     the SPMC), and the two halves differ, so that a caller
 *                     swapping w1/w2 or dropping the upper half is caught.
 * SPMC_MEM_SCRATCH_SIZE: the model's private copy of one fragment or request:
 *                     the largest normal-world TX buffer (and at least a
 *                     partition's).
 * With these values memory management adds about 400 KiB to struct spmc
 * (scratch copy 252 KiB, ranges 128 KiB, transactions 20 KiB).
 */
#define SPMC_MAX_HANDLES	64
#define SPMC_MAX_RANGES		8192
#define SPMC_MAX_RETRIEVALS	1
#define SPMC_MEM_HANDLE_FIRST	UINT64_C(0x0000000200000001)
#define SPMC_MEM_SCRATCH_SIZE	(SPMC_NS_MBOX_MAX_PAGES * FFA_PAGE_SIZE)
/* clang-format on */

struct spmc_plat; /* defined by the embedder */

/**
 * spmc_plat_ns_memory() - where the model may access non-secure memory.
 * @pa:   physical address the normal world named
 * @size: bytes
 *
 * Return: a pointer to @size contiguous bytes, or NULL when the range is not
 * non-secure memory (the model then answers as the ABI says for a bad
 * address).
 */
void *spmc_plat_ns_memory(struct spmc_plat *plat, uint64_t pa, uint64_t size);

/**
 * spmc_plat_raise_sri() - pend the schedule receiver interrupt (SRI) at the
 * normal world.
 *
 * FF-A 1.1 notifications: the SPMC signals with this non-secure interrupt
 * (ID SPMC_SCHEDULE_RECEIVER_INTID, FFA_FEATURES feature ID 2) that an
 * endpoint the normal world schedules has something pending, so that the
 * normal world's scheduler calls FFA_NOTIFICATION_INFO_GET. The model calls
 * it when a partition makes a notification pending (FFA_NOTIFICATION_SET,
 * or the "RX buffer full" framework notification of FFA_MSG_SEND2): at once,
 * or, when the partition asked to delay the SRI, at the end of the normal
 * world's next call into the model (the next time the secure world returns
 * to it). Notifications the normal world sets itself raise nothing: it is the
 * scheduler and knows. Each such event raises it once; the interrupt is
 * level-less, like an SGI: raising it while it is pending changes nothing.
 *
 * Called with the model in a consistent state; it must not call back into
 * the model.
 */
void spmc_plat_raise_sri(struct spmc_plat *plat);

/**
 * enum spmc_handler - how a partition answers direct requests.
 * @SPMC_HANDLER_ECHO:      a direct response carrying the request's payload
 * @SPMC_HANDLER_BUSY:      FFA_ERROR(BUSY), always
 * @SPMC_HANDLER_INTERRUPT: FFA_INTERRUPT first, then echo after FFA_RUN
 * @SPMC_HANDLER_YIELD:     FFA_YIELD first, then echo after FFA_RUN
 */
enum spmc_handler {
	SPMC_HANDLER_ECHO,
	SPMC_HANDLER_BUSY,
	SPMC_HANDLER_INTERRUPT,
	SPMC_HANDLER_YIELD,
};

/** struct spmc_partition_config - one secure partition. */
struct spmc_partition_config {
	uint16_t id;		/* secure endpoint ID (bit 15 set) */
	uint16_t exec_ctx_count;	/* execution contexts (vCPUs) */
	uint32_t properties;	/* FFA_PART_PROP_* */
	struct ffa_uuid uuid;
	enum spmc_handler handler;
};

/**
 * struct spmc_config - the secure world a model instance presents.
 * @version:         what it answers to FFA_VERSION; 0 = FF-A not supported
 *                   (FFA_VERSION answers NOT_SUPPORTED)
 * @spmc_id:         its own endpoint ID (FFA_SPM_ID_GET)
 * @partitions:      the partitions, in the order partition info lists them
 * @partition_count: how many of @partitions are used
 */
struct spmc_config {
	uint32_t version;
	uint16_t spmc_id;
	struct spmc_partition_config partitions[SPMC_MAX_PARTITIONS];
	unsigned int partition_count;
};

/* Ownership of a mailbox's RX buffer (FF-A 1.0 §8.3, "RX buffer ownership"). */
enum spmc_rx_owner {
	SPMC_RX_PRODUCER, /* empty: the SPMC may write into it */
	SPMC_RX_CONSUMER, /* full: the endpoint reads it until FFA_RX_RELEASE */
};

/** struct spmc_ns_mailbox - the RX/TX pair the normal world (ID 0) registered. */
struct spmc_ns_mailbox {
	bool mapped;
	enum spmc_rx_owner rx_owner;
	uint64_t tx_pa;
	uint64_t rx_pa;
	uint32_t pages;
};

/**
 * struct spmc_notif_receiver - the notifications of one receiver (FF-A 1.1).
 * @enabled:        the receiver can be bound and notified: for the normal
 *                  world, its bitmap exists (FFA_NOTIFICATION_BITMAP_CREATE);
 *                  for a partition, it has the notify property
 * @vcpu_count:     its vCPUs (a partition: its execution contexts)
 * @bound:          notification IDs bound to a sender (bit n = ID n)
 * @bound_per_vcpu: of @bound, those bound as per-vCPU notifications
 * @sender:         for each ID in @bound, the sender it is bound to
 * @global_pending: global notifications pending
 * @vcpu_pending:   per-vCPU notifications pending, by vCPU ID
 * @spm_framework:  SPM framework notifications pending (FFA_NOTIFICATION_GET
 *                  w6; bit 0: RX buffer full, the sender was a partition)
 * @hyp_framework:  hypervisor framework notifications pending (w7; bit 0: RX
 *                  buffer full, the sender was the normal world)
 * @info_global:    global or framework notifications are pending that
 *                  FFA_NOTIFICATION_INFO_GET has not reported yet
 * @info_vcpus:     vCPUs whose per-vCPU notifications INFO_GET has not
 *                  reported yet (bit n = vCPU n)
 *
 * Pending notifications are always bound ones: an ID is unbound only when
 * it is not pending. Whether a pending notification came from a partition
 * (FFA_NOTIFICATION_GET's SP bitmap) or from the normal world (its VM
 * bitmap) follows from the sender it is bound to.
 */
struct spmc_notif_receiver {
	bool enabled;
	uint16_t vcpu_count;
	uint64_t bound;
	uint64_t bound_per_vcpu;
	uint16_t sender[FFA_NOTIFICATION_COUNT];
	uint64_t global_pending;
	uint64_t vcpu_pending[SPMC_MAX_VCPUS];
	uint32_t spm_framework;
	uint32_t hyp_framework;
	bool info_global;
	uint64_t info_vcpus;
};

/**
 * struct spmc_direct_req - a direct request a partition has not answered
 * yet: it answered FFA_INTERRUPT or FFA_YIELD, and answers the request
 * itself when the normal world resumes it with FFA_RUN.
 * @pending: a request waits on execution context SPMC_DIRECT_REQ_VCPU
 * @args:    the request as the caller made it (x0 = its function ID)
 */
struct spmc_direct_req {
	bool pending;
	struct ffa_regs args;
};

/** struct spmc_partition - one partition's run-time state. */
struct spmc_partition {
	struct spmc_partition_config cfg;
	uint8_t tx[SPMC_SP_MBOX_SIZE];
	uint8_t rx[SPMC_SP_MBOX_SIZE];
	enum spmc_rx_owner rx_owner;
	struct spmc_direct_req req;
	struct spmc_notif_receiver notif;
};

/** enum spmc_mem_kind - how a memory transaction was sent. */
enum spmc_mem_kind {
	SPMC_MEM_SHARE,  /* FFA_MEM_SHARE: the owner keeps access */
	SPMC_MEM_LEND,   /* FFA_MEM_LEND: the owner loses access until reclaim */
	SPMC_MEM_DONATE, /* FFA_MEM_DONATE: ownership passes to the receiver */
};

/**
 * struct spmc_mem_range - pages of one live transaction: [@base, @base +
 * @pages * 4 KiB). Kept sorted by @base over all transactions, never
 * overlapping; contiguous ranges of one transaction are one entry.
 * @slot: index of the transaction in struct spmc_mem.txns
 */
struct spmc_mem_range {
	uint64_t base;
	uint32_t pages;
	uint16_t slot;
	uint16_t reserved;
};

/**
 * struct spmc_mem_borrower - one receiver of a transaction.
 * @id:          its endpoint ID
 * @permissions: the access the sender gave it (EMAD permissions byte)
 * @impdef:      the sender's implementation-defined EMAD value (FF-A 1.2)
 * @retrievals:  outstanding retrievals (retrieved, not relinquished)
 * @granted:     the permissions its retrieval was given
 * @zero_on_relinquish: its retrieve request asked for the memory to be
 *               zeroed when it is relinquished
 * @resp_total, @resp_sent: the retrieve response it is being sent, in
 *               fragments: its length and how much of it has been written
 *               to its RX buffer (equal when nothing is pending)
 */
struct spmc_mem_borrower {
	uint16_t id;
	uint8_t permissions;
	uint8_t granted;
	uint8_t impdef[16];
	uint8_t retrievals;
	bool zero_on_relinquish;
	uint32_t resp_total;
	uint32_t resp_sent;
};

/**
 * struct spmc_mem_txn - one memory transaction the normal world sent.
 * @live:          the slot is in use
 * @complete:      every fragment has been received
 * @retrieved_before: some borrower has retrieved it at least once
 * @kind:          share, lend or donate
 * @handle:        its handle
 * @sender, @attributes, @flags, @tag: the descriptor's header fields
 * @total_length:  w1 of the call: the descriptor's length over all fragments
 * @received:      bytes of the descriptor received so far
 * @total_pages:   the composite descriptor's total page count
 * @pages:         pages received so far
 * @borrower_count, @borrowers: the receivers, in the sender's order
 */
struct spmc_mem_txn {
	bool live;
	bool complete;
	bool retrieved_before;
	enum spmc_mem_kind kind;
	uint64_t handle;
	uint16_t sender;
	uint16_t attributes;
	uint32_t flags;
	uint64_t tag;
	uint32_t total_length;
	uint32_t received;
	uint32_t total_pages;
	uint64_t pages;
	uint32_t borrower_count;
	struct spmc_mem_borrower borrowers[SPMC_MAX_PARTITIONS];
};

/**
 * struct spmc_mem - memory management state.
 * @next_handle: the handle the next transaction gets if it is not in use
 *               (0, as spmc_init() leaves it: SPMC_MEM_HANDLE_FIRST)
 * @range_count: entries of @ranges in use
 * @txns:        transactions, by slot
 * @ranges:      the pages of every live transaction (struct spmc_mem_range)
 * @scratch:     the private copy of the fragment or request being handled;
 *               its constituents are sorted and merged in place
 */
struct spmc_mem {
	uint64_t next_handle;
	uint32_t range_count;
	struct spmc_mem_txn txns[SPMC_MAX_HANDLES];
	struct spmc_mem_range ranges[SPMC_MAX_RANGES];
	union {
		uint8_t bytes[SPMC_MEM_SCRATCH_SIZE];
		struct spmc_mem_range ranges[SPMC_MEM_SCRATCH_SIZE / sizeof(struct spmc_mem_range)];
	} scratch;
};

/**
 * struct spmc - one model instance. Treat as opaque.
 * @ns_version: the version the normal world negotiated (0: none yet, the
 *              model then assumes its own)
 * @ns_version_locked: negotiation is over (see spmc.c, FFA_VERSION): a
 *              request for another version is refused
 * @ns_notif:   the normal world's notifications, as a receiver
 * @sri_delayed: a partition asked to delay the schedule receiver interrupt;
 *              it is raised when the normal world's next call returns
 * @mem:        memory transactions (spmc_mem.c)
 */
struct spmc {
	struct spmc_plat *plat;
	uint32_t version;
	uint16_t spmc_id;
	uint32_t ns_version;
	bool ns_version_locked;
	struct spmc_ns_mailbox ns;
	struct spmc_notif_receiver ns_notif;
	bool sri_delayed;
	struct spmc_partition partitions[SPMC_MAX_PARTITIONS];
	unsigned int partition_count;
	struct spmc_mem mem;
};

/**
 * spmc_init() - build a model instance from a configuration.
 * Return: 0, or FFA_INVALID_PARAMETERS for an unusable configuration
 * (duplicate or non-secure partition IDs, too many partitions, a partition
 * with no execution context or more than SPMC_MAX_VCPUS, or with a handler
 * enum spmc_handler does not name).
 */
int spmc_init(struct spmc *m, const struct spmc_config *cfg, struct spmc_plat *plat);

/**
 * spmc_handle_ns_call() - an FF-A call from the normal world (endpoint 0).
 * @regs: x0-x17 in; the reply out, every register the ABI does not define
 *        zeroed
 */
void spmc_handle_ns_call(struct spmc *m, struct ffa_regs *regs);

/**
 * spmc_handle_sp_call() - an FF-A call made by partition @sp_id itself, at
 * the model's own version: FFA_ID_GET, FFA_FEATURES, FFA_RX_RELEASE,
 * FFA_MSG_SEND2 (to the normal world or another partition),
 * FFA_NOTIFICATION_BIND/UNBIND (as the receiver), FFA_NOTIFICATION_SET (as
 * the sender), FFA_NOTIFICATION_GET (its own; the vCPU ID it names is the
 * execution context making the call), FFA_MEM_RETRIEVE_REQ_32/_64,
 * FFA_MEM_FRAG_RX and FFA_MEM_RELINQUISH (as a borrower). An unknown @sp_id
 * gets FFA_ERROR(INVALID_PARAMETERS).
 */
void spmc_handle_sp_call(struct spmc *m, uint16_t sp_id, struct ffa_regs *regs);

/**
 * spmc_sp_write_tx() - write into partition @sp_id's TX buffer.
 * Return: 0, or FFA_INVALID_PARAMETERS for an unknown partition or a range
 * outside the buffer.
 */
int spmc_sp_write_tx(struct spmc *m, uint16_t sp_id, uint32_t offset, const void *data,
		     uint32_t len);

/**
 * spmc_sp_retrieve() / spmc_sp_relinquish() - partition @sp_id retrieves or
 * relinquishes memory handle @handle, building the request descriptor in its
 * own TX buffer as a partition would. @regs receives the SPMC's answer
 * (FFA_MEM_RETRIEVE_RESP, FFA_SUCCESS_32 or FFA_ERROR).
 *
 * spmc_sp_retrieve() asks for what the sender gave the partition (its data
 * access; for a lend to it alone or a donation, no execution: NX), names the
 * handle's sender, tag and transaction type, and lists every borrower when
 * there are several. It calls FFA_MEM_RETRIEVE_REQ_32 with w1 = w2 = the
 * request's length; when the response is larger than the partition's RX
 * buffer it then fetches the rest as a partition does (FFA_RX_RELEASE, then
 * FFA_MEM_FRAG_RX at the offset reached, until the whole descriptor has
 * arrived), and finally releases its RX buffer. @regs is the
 * FFA_MEM_RETRIEVE_RESP (w1 = total length, w2 = first fragment's length),
 * or the first FFA_ERROR of the sequence. An unknown handle is still asked
 * for (sender 0, no permissions), so that the model's answer says why.
 *
 * spmc_sp_relinquish() writes the relinquish descriptor (the handle, flags
 * 0, one endpoint: the partition) and calls FFA_MEM_RELINQUISH.
 */
void spmc_sp_retrieve(struct spmc *m, uint16_t sp_id, uint64_t handle, struct ffa_regs *regs);
void spmc_sp_relinquish(struct spmc *m, uint16_t sp_id, uint64_t handle, struct ffa_regs *regs);

/**
 * spmc_mem_range_fn - one range of a live memory transaction.
 * @ctx:    what the caller of spmc_mem_for_each_range() passed
 * @handle: the transaction's handle
 * @kind:   how it was sent
 * @base:   the first byte, 4 KiB aligned
 * @pages:  4 KiB pages from @base
 */
typedef void spmc_mem_range_fn(void *ctx, uint64_t handle, enum spmc_mem_kind kind, uint64_t base,
			       uint64_t pages);

/**
 * spmc_mem_for_each_range() - call @fn for every range of every live memory
 * transaction, in ascending address order: complete ones (retrieved or not;
 * a donation stays live after its retrieval) and open ones (the pages of the
 * fragments received so far). Ranges never overlap; contiguous pages of one
 * transaction come as one range. @fn must not call into the model.
 */
void spmc_mem_for_each_range(const struct spmc *m, spmc_mem_range_fn *fn, void *ctx);

/** spmc_find_partition() - the partition with endpoint ID @id, or NULL. */
struct spmc_partition *spmc_find_partition(struct spmc *m, uint16_t id);

#endif /* FFAPROXY_SPMC_MODEL_H */
