/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * The .fv vector interpreter (format 1, docs/vectors.md).
 *
 * Freestanding: it parses text it is handed, keeps no heap, and reaches the
 * system under test only through the fv_plat_* hooks below, which each
 * platform (plat/sim on the build machine, plat/aarch64 at EL1 under QEMU)
 * implements. ffa-sim wraps it with file I/O.
 */
#ifndef FFAPROXY_FV_H
#define FFAPROXY_FV_H

#include <ffaproxy/ffa_abi.h>
#include <ffaproxy/spmc_model.h>

/* clang-format off */
#define FV_MAX_PROTECTED	16	/* `protected` lines per world */
#define FV_MAX_SAVED		32	/* `save` names per case */
#define FV_NAME_MAX		64	/* case and saved-value names */
#define FV_LINE_MAX		4096	/* one directive */
#define FV_MSG_MAX		512	/* one output line */
/* clang-format on */

struct fv_plat; /* defined by the platform (see the hooks at the end) */

/** struct fv_range - a run of pages: base address and page count. */
struct fv_range {
	uint64_t base;
	uint64_t pages;
};

/**
 * struct fv_world - everything a `world` block configures.
 * @spmc:       the SPMC model's configuration (version, partitions)
 * @mem_base, @mem_size: host RAM
 * @protected:  pages inside host RAM that the host does not own
 * @mbox_pages: pages in each of the proxy's own RX/TX buffers
 */
struct fv_world {
	struct spmc_config spmc;
	uint64_t mem_base;
	uint64_t mem_size;
	struct fv_range protected[FV_MAX_PROTECTED];
	unsigned int protected_count;
	uint32_t mbox_pages;
};

/** fv_world_default() - the default world of docs/vectors.md. */
void fv_world_default(struct fv_world *w);

/** enum fv_page_state - the states `expect-page` names. */
enum fv_page_state {
	FV_PAGE_HOST,
	FV_PAGE_SHARED,
	FV_PAGE_LENT,
	FV_PAGE_DONATED,
	FV_PAGE_HYP,
	FV_PAGE_PINNED,
	FV_PAGE_NONE,
};

/** struct fv_result - counts over one or more files. */
struct fv_result {
	unsigned int passed;
	unsigned int failed;
	unsigned int skipped;
};

/**
 * fv_run() - run every case of one vector file.
 * @plat: the platform the cases run on
 * @file: the file's name, for messages
 * @text, @len: its contents (need not be NUL-terminated)
 * @res:  counts are added here
 *
 * Prints one line per case through fv_plat_print(): `PASS name`, `FAIL name:
 * file:line: what differed`, or `SKIP name: reason`. A malformed file prints
 * `FAIL file:line: reason` and counts as one failure; its remaining cases do
 * not run.
 */
void fv_run(struct fv_plat *plat, const char *file, const char *text, size_t len,
	    struct fv_result *res);

/**
 * fv_parse_world() - read the last `world` block of a file (or the default
 * world when it has none), ignoring cases. For `ffa-sim run WORLD.fv`.
 * Return: 0, or -1 with @err (file:line: reason) filled in.
 */
int fv_parse_world(const char *file, const char *text, size_t len, struct fv_world *w,
		   char *err, size_t err_len);

/**
 * fv_lookup_name() - the value of a symbolic name: a function name as the
 * spec spells it (with an optional _32/_64 suffix) or an error name.
 * Return: true and *value set if the name is known.
 */
bool fv_lookup_name(const char *name, size_t len, uint64_t *value);

/* ---------------------------------------------------------------------- */
/* Decoding register sets, for traces and `ffa-sim decode`                */
/* ---------------------------------------------------------------------- */

/**
 * fv_decode_call() - one line describing a call: function name and decoded
 * fields, e.g. "FFA_RXTX_MAP_64 tx=0x80020000 rx=0x80021000 pages=1".
 * Return: the length written (always NUL-terminated, truncated to @len).
 */
size_t fv_decode_call(const struct ffa_regs *r, char *buf, size_t len);

/**
 * fv_decode_reply() - one line describing a reply to call @call_fid, e.g.
 * "FFA_SUCCESS_32 count=2 size=24" or "FFA_ERROR INVALID_PARAMETERS".
 */
size_t fv_decode_reply(uint32_t call_fid, const struct ffa_regs *r, char *buf, size_t len);

/* ---------------------------------------------------------------------- */
/* Hooks each platform implements                                         */
/* ---------------------------------------------------------------------- */

/**
 * fv_plat_world_start() - discard the current instance and build a fresh one
 * of world @w: host RAM zeroed, SPMC model and proxy initialised, no fault
 * armed, the secure-call record empty.
 * Return: 0; -1 with @err filled in (the case fails: e.g. memory the
 * platform cannot model); or 1 with @err filled in when the platform by its
 * nature cannot build such a world (the case is reported as skipped with
 * @err as the reason: e.g. host RAM where a bare-metal machine has none).
 */
int fv_plat_world_start(struct fv_plat *plat, const struct fv_world *w, char *err,
			size_t err_len);

/**
 * fv_plat_host_call() - the host issues `smc #0` with @r; @r gets the reply.
 * Clears the record of secure-world calls first. A call that is not FF-A is
 * answered as SMCCC says for an unknown function (x0 = -1, the rest 0).
 */
void fv_plat_host_call(struct fv_plat *plat, struct ffa_regs *r);

/** fv_plat_sp_call() - partition @id makes an FF-A call to the SPMC model. */
void fv_plat_sp_call(struct fv_plat *plat, uint16_t id, struct ffa_regs *r);

/** fv_plat_sp_write() - write into partition @id's TX buffer. 0 or -1. */
int fv_plat_sp_write(struct fv_plat *plat, uint16_t id, uint32_t offset, const uint8_t *data,
		     size_t len);

/** fv_plat_sp_retrieve() / _relinquish() - see spmc_sp_retrieve(). */
void fv_plat_sp_retrieve(struct fv_plat *plat, uint16_t id, uint64_t handle, struct ffa_regs *r);
void fv_plat_sp_relinquish(struct fv_plat *plat, uint16_t id, uint64_t handle, struct ffa_regs *r);

/** fv_plat_mem_write() / _read() - host RAM access. 0, or -1 outside host RAM. */
int fv_plat_mem_write(struct fv_plat *plat, uint64_t pa, const uint8_t *data, size_t len);
int fv_plat_mem_read(struct fv_plat *plat, uint64_t pa, uint8_t *data, size_t len);

/** fv_plat_page_state() - the state of the page holding @pa. */
enum fv_page_state fv_plat_page_state(struct fv_plat *plat, uint64_t pa);

/**
 * fv_plat_fail_secure() - the @nth secure-world call from now on (1 = the
 * next) is answered FFA_ERROR(@error) instead of reaching the SPMC model.
 * Return: 0, or -1 if the platform cannot inject faults (the case is then
 * reported as skipped).
 */
int fv_plat_fail_secure(struct fv_plat *plat, unsigned int nth, int32_t error);

/**
 * fv_plat_secure_calls() - the secure-world calls made during the last
 * fv_plat_host_call(), in order, as the proxy issued them (before any fault
 * injection replaced the answer). Return: their number; *calls points at them.
 */
size_t fv_plat_secure_calls(struct fv_plat *plat, const struct ffa_regs **calls);

/**
 * fv_plat_check_invariants() - the platform's ownership invariants.
 * Return: 0, or -1 with @why filled in.
 */
int fv_plat_check_invariants(struct fv_plat *plat, char *why, size_t why_len);

/** fv_plat_print() - emit one line of output (no trailing newline in @line). */
void fv_plat_print(struct fv_plat *plat, const char *line);

#endif /* FFAPROXY_FV_H */
