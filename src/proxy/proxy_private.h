/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * What the proxy core's files share. Not part of the API.
 *
 * Lock order: there is one lock, ffap_plat_lock(). The dispatcher takes it
 * around every handler except those whose row says FFAP_ROW_UNLOCKED (calls
 * that may run a secure partition for an unbounded time); no handler takes it
 * itself.
 */
#ifndef FFAPROXY_PROXY_PRIVATE_H
#define FFAPROXY_PROXY_PRIVATE_H

#include <ffaproxy/proxy.h>

/**
 * ffap_handler_fn - one ABI handler.
 * @p:     the proxy
 * @regs:  in: the host's call, already normalised by the dispatcher (for an
 *         SMC32 call x1-x7 are zero-extended from w1-w7; x8-x17 are zero
 *         unless the row says FFAP_ROW_EXTENDED_ARGS; unused argument
 *         registers are zero). Out: the reply. A handler reads every field it
 *         needs before it writes the reply, and writes all of it (through
 *         ffa_set_error(), ffa_set_success32(), ffa_regs_clear() or
 *         ffap_pass_reply(), which all start from zero), or forwards @regs
 *         as it is and passes the secure world's answer on in place.
 * @is_64: the call used the SMC64 convention
 */
typedef void (*ffap_handler_fn)(struct ffap *p, struct ffa_regs *regs, bool is_64);

/* clang-format off */
#define FFAP_ROW_UNLOCKED	(1u << 0)	/* handler may block: run without the lock */
#define FFAP_ROW_EXTENDED_ARGS	(1u << 1)	/* x8-x17 carry arguments */
/* clang-format on */

/**
 * struct ffap_policy_row - what the proxy does with one function number.
 * @handler:   NULL: refused with NOT_SUPPORTED; otherwise handled/forwarded
 * @used_args: bit n set when argument register n (1-7) carries a field;
 *             every other one of x1-x7 must be zero (policy §1, "MBZ input")
 * @flags:     FFAP_ROW_*
 *
 * Widths and the version introducing a function come from FFA_FUNCTIONS()
 * (see ffap_abi_row()), not from this table.
 */
struct ffap_policy_row {
	ffap_handler_fn handler;
	uint8_t used_args;
	uint8_t flags;
};

/** struct ffap_abi_row - what FF-A 1.0-1.2 defines for a function number. */
struct ffap_abi_row {
	uint8_t widths; /* FFA_W32 / FFA_W64; 0: not defined */
	uint32_t since;
};

/* policy.c: the two tables, indexed by function number - FFA_FNUM_MIN */
extern const struct ffap_abi_row ffap_abi_rows[FFA_FNUM_COUNT];
extern const struct ffap_policy_row ffap_policy_rows[FFA_FNUM_COUNT];
bool ffap_function_allowed(const struct ffap *p, uint32_t fid);

/* @fnum must be in FFA_FNUM_MIN..FFA_FNUM_MAX (ffa_fid_is_ffa() says so). */
static inline const struct ffap_abi_row *ffap_abi_row(uint32_t fnum)
{
	return &ffap_abi_rows[fnum - FFA_FNUM_MIN];
}

static inline const struct ffap_policy_row *ffap_policy_row(uint32_t fnum)
{
	return &ffap_policy_rows[fnum - FFA_FNUM_MIN];
}

/* setup.c */
void ffap_handle_version(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_id_get(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_spm_id_get(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_features(struct ffap *p, struct ffa_regs *regs, bool is_64);

/* mailbox.c */
void ffap_handle_rxtx_map(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_rxtx_unmap(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_rx_release(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_release_own_rx(struct ffap *p);

/* partinfo.c */
void ffap_handle_partition_info_get(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_partition_info_get_regs(struct ffap *p, struct ffa_regs *regs, bool is_64);

/* messaging.c */
void ffap_handle_direct_req(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_direct_req2(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_run(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_msg_send2(struct ffap *p, struct ffa_regs *regs, bool is_64);

/* notifications.c */
void ffap_handle_notif_bitmap_create(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_notif_bitmap_destroy(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_notif_bind(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_notif_unbind(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_notif_set(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_notif_get(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_notif_info_get(struct ffap *p, struct ffa_regs *regs, bool is_64);

/* memory.c */
void ffap_mem_init(struct ffap *p);
void ffap_handle_mem_send(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_mem_frag_tx(struct ffap *p, struct ffa_regs *regs, bool is_64);
void ffap_handle_mem_reclaim(struct ffap *p, struct ffa_regs *regs, bool is_64);

/* proxy.c: helpers shared by the handlers */

/*
 * Refuse a host call: FFA_ERROR with @code, every other register zero. @why
 * names the rule for the verbose log, @value the offending value.
 */
void ffap_refuse(struct ffap *p, struct ffa_regs *out, int32_t code, const char *why,
		 uint64_t value);

/*
 * Issue @call to the secure world. @call is built by the handler from
 * validated fields only; the reply replaces it.
 */
void ffap_secure_call(struct ffap *p, struct ffa_regs *call);

/*
 * Copy a secure-world reply to the host: x0-x7, and x8-x17 only when
 * @extended (replies that define them). Bits 63:32 of x0-x7 are cleared when
 * the reply's function ID is an SMC32 one (policy §1, "32-bit fields").
 */
void ffap_pass_reply(struct ffa_regs *out, const struct ffa_regs *reply, bool extended);

/* FF-A status of a reply: 0 for FFA_SUCCESS_32/64, the error for FFA_ERROR,
 * FFA_ABORTED for anything else (the secure world broke the ABI). */
int32_t ffap_reply_status(const struct ffa_regs *reply);

/* The partition message header size at @version (FF-A 1.1: 20 bytes; 1.2: 40). */
static inline uint32_t ffap_msg_header_size(uint32_t version)
{
	return version >= FFA_VERSION_1_2 ? sizeof(struct ffa_msg_header) :
					    sizeof(struct ffa_msg_header_v1_1);
}

static inline uint64_t ffap_mbox_bytes(uint32_t pages)
{
	return (uint64_t)pages * FFA_PAGE_SIZE;
}

#endif /* FFAPROXY_PROXY_PRIVATE_H */
