/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/sim: the simulation platform, the userspace embedding of the proxy.
 *
 * One struct sim is one simulated machine:
 *
 *   host (host client or .fv steps)
 *     │ sim_host_call()                         ── hop SIM_HOP_HOST_PROXY
 *     ▼
 *   proxy (struct ffap) ── ffap_plat_secure_call() ── hop SIM_HOP_PROXY_SPMC
 *     │   fault injection, record of every call      │
 *     ▼                                              ▼
 *   page model of host RAM                       SPMC model (struct spmc)
 *   (stage-2 ownership, pins)                        ▲
 *                                   sim_sp_call() ───┘ hop SIM_HOP_SP_SPMC
 *
 * It implements every hook the rest of the tree asks an embedder for: the
 * proxy's ffap_plat_* (include/ffaproxy/platform.h), the SPMC model's
 * spmc_plat_ns_memory(), the vector interpreter's fv_plat_* (src/vectors/fv.h)
 * and the host client's ffah_plat_call() (src/host/ffa_host.h). Each of those
 * hooks receives its own opaque context type; here each is a small struct
 * embedded in struct sim (see SIM_FROM_HOOK()).
 *
 * Memory layout of a world:
 *   host RAM       [mem_base, mem_base + mem_size): one state per 4 KiB page
 *                  (enum sim_page_state); `protected` pages start as hyp
 *   hypervisor mem [hyp_base, hyp_base + hyp_size): the proxy's own TX then
 *                  RX buffer, mbox_pages each; outside host RAM, so the host
 *                  can never name it successfully and expect-page calls it
 *                  `none`. The SPMC model reaches both regions through
 *                  spmc_plat_ns_memory(): both are non-secure memory.
 *
 * Hosted C11 (libc); not part of what a hypervisor links.
 */
#ifndef FFAPROXY_SIM_H
#define FFAPROXY_SIM_H

#include <ffaproxy/proxy.h>
#include <ffaproxy/spmc_model.h>

#include "ffa_host.h"
#include "fv.h"

/* clang-format off */
/* Most host RAM a world may ask for (it is reserved lazily, never touched). */
#define SIM_MAX_RAM_SIZE	(UINT64_C(16) << 30)
/* Secure-world calls recorded per host call; more is reported as a violation. */
#define SIM_MAX_SECURE_CALLS	256
/* Faults that may be armed at once (fv_plat_fail_secure()). */
#define SIM_MAX_FAULTS		8
/* Where the proxy's mailbox goes unless host RAM is there (then: above RAM). */
#define SIM_HYP_BASE_DEFAULT	UINT64_C(0x40000000)
#define SIM_VIOLATION_MAX	256
/* clang-format on */

/**
 * enum sim_page_state - the owner and access of one 4 KiB page of host RAM.
 * @SIM_PAGE_HOST:    exclusively the host's
 * @SIM_PAGE_SHARED:  in an FFA_MEM_SHARE: host and secure world
 * @SIM_PAGE_LENT:    in an FFA_MEM_LEND: the host has no access
 * @SIM_PAGE_DONATED: FFA_MEM_DONATE: gone from the host
 * @SIM_PAGE_HYP:     the hypervisor's (a `protected` page): never the host's
 * @SIM_PAGE_PINNED:  the host's, pinned by the proxy as its RX/TX buffer
 */
enum sim_page_state {
	SIM_PAGE_HOST,
	SIM_PAGE_SHARED,
	SIM_PAGE_LENT,
	SIM_PAGE_DONATED,
	SIM_PAGE_HYP,
	SIM_PAGE_PINNED,
};

/**
 * enum sim_hop - which link of the chain a trace event crossed.
 * @SIM_HOP_HOST_PROXY: the host's call to the proxy and the proxy's reply
 * @SIM_HOP_PROXY_SPMC: a call the proxy made to the secure world, and its reply
 * @SIM_HOP_SP_SPMC:    a call a partition made to the SPMC model itself
 */
enum sim_hop {
	SIM_HOP_HOST_PROXY,
	SIM_HOP_PROXY_SPMC,
	SIM_HOP_SP_SPMC,
};

/**
 * struct sim_trace_event - one call or reply crossing one hop.
 * @hop:      where
 * @is_reply: false: the call, as issued; true: the reply to it
 * @injected: (replies on SIM_HOP_PROXY_SPMC) fault injection answered, the
 *            SPMC model never saw the call
 * @sp_id:    (SIM_HOP_SP_SPMC) the partition
 * @call_fid: w0 of the call this event belongs to (to decode a reply)
 * @regs:     the registers; NULL when the request was built inside the model
 *            (a partition's retrieve/relinquish): @note then describes it
 * @note:     NULL, or a description to print instead of decoding @regs
 */
struct sim_trace_event {
	enum sim_hop hop;
	bool is_reply;
	bool injected;
	uint16_t sp_id;
	uint32_t call_fid;
	const struct ffa_regs *regs;
	const char *note;
};

typedef void (*sim_trace_fn)(void *arg, const struct sim_trace_event *ev);
typedef void (*sim_log_fn)(void *arg, enum ffap_log_level level, const char *what, uint64_t value);
typedef void (*sim_print_fn)(void *arg, const char *line);

struct sim;

/*
 * The hook contexts. Each module declares its own opaque platform type; the
 * simulation defines each as a back pointer and embeds all of them in struct
 * sim, so one instance serves every module and several instances can live
 * side by side.
 */
struct ffap_plat {
	struct sim *sim;
};

struct spmc_plat {
	struct sim *sim;
};

struct fv_plat {
	struct sim *sim;
};

struct ffah_plat {
	struct sim *sim;
};

/** struct sim_fault - one armed fault: the @countdown-th secure call fails with @error. */
struct sim_fault {
	unsigned int countdown;
	int32_t error;
};

/*
 * Entries for the proxy's record of page ranges: two transactions of 4,096
 * discontiguous ranges each, with room to spare (policy §5 asks for 4,096).
 */
#define SIM_PROXY_RANGES 16384

/**
 * struct sim - one simulated machine. Tests may read any field; only the
 * sim_*() functions change them.
 *
 * @world:        the configuration the instance was built from
 * @started:      a world is running (sim_world_start() succeeded)
 * @ram:          host RAM contents (an anonymous mapping, zero until touched)
 * @ram_base, @ram_size, @ram_pages: where host RAM is
 * @page_state:   enum sim_page_state of each page of host RAM
 * @claims:       scratch for the invariant checker, one per page (sim.c)
 * @hyp_mem:      hypervisor memory: the proxy's TX buffer, then its RX buffer
 * @hyp_base, @hyp_size: its physical address and size
 * @spmc:         the SPMC model
 * @proxy:        the proxy under test
 * @secure_calls: the secure-world calls of the current host call, as issued
 * @secure_call_count: how many
 * @faults:       armed fault injections
 * @lock_depth:   ffap_plat_lock() nesting: 0 or 1 (more is a violation)
 * @rx_release_refused: during the current host call the secure world
 *                refused an FFA_RX_RELEASE from the proxy (invariant M4)
 * @violation:    the first misuse of a hook seen since the world started
 *                (e.g. unpinning a page that is not pinned); reported by
 *                sim_check_invariants()
 * @trace, @log, @print: optional sinks, each with its argument
 * @ffap_plat, @spmc_plat, @fv_plat, @ffah_plat: the hook contexts
 */
struct sim {
	struct fv_world world;
	bool started;

	uint8_t *ram;
	uint64_t ram_base;
	uint64_t ram_size;
	uint64_t ram_pages;
	uint8_t *page_state;
	uint8_t *claims;

	uint8_t *hyp_mem;
	uint64_t hyp_base;
	uint64_t hyp_size;

	struct spmc spmc;
	struct ffap proxy;
	/* The proxy's record of memory transactions (struct ffap_config.ranges). */
	struct ffap_mem_range proxy_ranges[SIM_PROXY_RANGES];

	struct ffa_regs secure_calls[SIM_MAX_SECURE_CALLS];
	size_t secure_call_count;
	struct sim_fault faults[SIM_MAX_FAULTS];

	unsigned int lock_depth;
	bool rx_release_refused;
	bool sri_pending;		/* the SPMC raised the SRI; not yet taken */
	unsigned int sri_count;		/* SRIs raised since the world started */
	char violation[SIM_VIOLATION_MAX];

	sim_trace_fn trace;
	void *trace_arg;
	sim_log_fn log;
	void *log_arg;
	sim_print_fn print;
	void *print_arg;

	struct ffap_plat ffap_plat;
	struct spmc_plat spmc_plat;
	struct fv_plat fv_plat;
	struct ffah_plat ffah_plat;
};

/** sim_create() - an instance with no world yet; NULL when out of memory. */
struct sim *sim_create(void);

/** sim_destroy() - free @s and its memory (NULL is fine). */
void sim_destroy(struct sim *s);

/**
 * sim_world_start() - discard the running world, build a fresh one from @w:
 * host RAM zeroed, protected pages marked hyp, SPMC model and proxy
 * initialised (ffap_init() asks the secure world for its version; that call
 * is traced and recorded), no fault armed.
 * Return: 0, or -1 with @err filled in.
 */
int sim_world_start(struct sim *s, const struct fv_world *w, char *err, size_t err_len);

/* Sinks; NULL turns one off. The print sink defaults to stdout. */
void sim_set_trace(struct sim *s, sim_trace_fn fn, void *arg);
void sim_set_log(struct sim *s, sim_log_fn fn, void *arg);
void sim_set_print(struct sim *s, sim_print_fn fn, void *arg);

/* The context to hand to the vector interpreter and the host client. */
struct fv_plat *sim_fv_plat(struct sim *s);
struct ffah_plat *sim_ffah_plat(struct sim *s);

/**
 * sim_host_call() - the host issues `smc #0` with @r; @r gets the reply. The
 * record of secure calls is cleared first. A call the proxy does not claim
 * (not FF-A) is answered as SMCCC says for an unknown function.
 */
void sim_host_call(struct sim *s, struct ffa_regs *r);

/** sim_sp_call() - partition @id calls the SPMC model. */
void sim_sp_call(struct sim *s, uint16_t id, struct ffa_regs *r);

/**
 * sim_host_ptr() - where [@pa, @pa + @len) of host RAM lives in this process,
 * or NULL when the range is not entirely host RAM.
 */
void *sim_host_ptr(struct sim *s, uint64_t pa, uint64_t len);

/** sim_page_state() - the state of the page holding @pa, as expect-page names it. */
enum fv_page_state sim_page_state(const struct sim *s, uint64_t pa);

/**
 * sim_find_host_pages() - the first run of @pages pages at or above @from
 * that are all exclusively host-owned (for placing buffers).
 * Return: 0 and *pa, or -1 when there is none.
 */
int sim_find_host_pages(const struct sim *s, uint64_t from, uint64_t pages, uint64_t *pa);

/**
 * sim_check_invariants() - the ownership and mailbox invariants (see sim.c).
 * Return: 0, or -1 with @why saying which one failed first.
 */
int sim_check_invariants(struct sim *s, char *why, size_t why_len);

/**
 * sim_trace_format() - one trace line, indented by hop:
 *   "host  -> proxy  FFA_VERSION version=1.2"
 *   "  proxy -> spmc   FFA_RXTX_MAP_64 tx=... "
 *   "  sp 0x8001 -> spmc  FFA_NOTIFICATION_SET ..."
 * Return: the length written (NUL-terminated, truncated to @len).
 */
size_t sim_trace_format(const struct sim_trace_event *ev, char *buf, size_t len);

/** sim_page_state_name() - "host", "shared", ... for messages. */
const char *sim_page_state_name(enum sim_page_state st);

/**
 * sim_take_sri() - whether the SPMC model raised the schedule receiver
 * interrupt since the last call; clears it, as the host's interrupt handler
 * acknowledging it would.
 */
bool sim_take_sri(struct sim *s);

#endif /* FFAPROXY_SIM_H */
