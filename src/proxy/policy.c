/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * The allow-list: what the proxy does with every function number 0x60-0xEF.
 *
 * Two tables, indexed by function number - 0x60:
 * - abi_rows, generated from FFA_FUNCTIONS(): the widths each function is
 *   defined in and the version that introduced it. A number FF-A 1.0-1.2
 *   does not define has widths 0 and is refused with NOT_SUPPORTED.
 * - policy_rows: the handler, the argument registers it uses (every other
 *   one of x1-x7 is MBZ) and flags. A defined function without a handler is
 *   refused with NOT_SUPPORTED (policy.md lists why for each).
 *
 * Argument masks: ARGS(1, 2) means x1 and x2 carry fields.
 */
#include "proxy_private.h"

#define ARG(n) (1u << (n))

const struct ffap_abi_row ffap_abi_rows[FFA_FNUM_COUNT] = {
#define FFAP_ABI_ROW(name, fnum, widths, since) [(fnum)-FFA_FNUM_MIN] = { (widths), (since) },
	FFA_FUNCTIONS(FFAP_ABI_ROW)
#undef FFAP_ABI_ROW
};

#define HANDLE(fn, h, args) [FFA_FNUM_##fn - FFA_FNUM_MIN] = { (h), (args), 0 }
#define HANDLE_FLAGS(fn, h, args, flags) [FFA_FNUM_##fn - FFA_FNUM_MIN] = { (h), (args), (flags) }
#define REFUSE(fn) [FFA_FNUM_##fn - FFA_FNUM_MIN] = { NULL, 0, 0 }

const struct ffap_policy_row ffap_policy_rows[FFA_FNUM_COUNT] = {
	/* Policy §2: set-up and discovery. */
	HANDLE(VERSION, ffap_handle_version,
	       ARG(1) | ARG(2) | ARG(3) | ARG(4) | ARG(5) | ARG(6) | ARG(7)),
	HANDLE(ID_GET, ffap_handle_id_get, 0),
	HANDLE(SPM_ID_GET, ffap_handle_spm_id_get, 0),
	HANDLE(FEATURES, ffap_handle_features, ARG(1)),
	HANDLE(RXTX_MAP, ffap_handle_rxtx_map, ARG(1) | ARG(2) | ARG(3)),
	HANDLE(RXTX_UNMAP, ffap_handle_rxtx_unmap, ARG(1)),
	HANDLE(RX_RELEASE, ffap_handle_rx_release, 0),
	HANDLE(PARTITION_INFO_GET, ffap_handle_partition_info_get,
	       ARG(1) | ARG(2) | ARG(3) | ARG(4) | ARG(5)),
	HANDLE(PARTITION_INFO_GET_REGS, ffap_handle_partition_info_get_regs,
	       ARG(1) | ARG(2) | ARG(3)),
	/* Policy §2: a hypervisor's call, not the host's. */
	REFUSE(RX_ACQUIRE),

	/*
	 * Policy §3: secure-side or EL3-only calls, and responses the host
	 * never sends here: refused, never forwarded.
	 */
	REFUSE(ERROR),
	REFUSE(SUCCESS),
	REFUSE(INTERRUPT),
	REFUSE(MSG_POLL),
	REFUSE(MSG_WAIT),
	REFUSE(YIELD),
	REFUSE(MSG_SEND),
	REFUSE(MSG_SEND_DIRECT_RESP),
	REFUSE(MSG_SEND_DIRECT_RESP2),
	REFUSE(NORMAL_WORLD_RESUME),
	REFUSE(SECONDARY_EP_REGISTER),
	REFUSE(CONSOLE_LOG),
	REFUSE(EL3_INTR_HANDLE),

	/* Policy §3: messaging. Direct requests and FFA_RUN may run a partition for long. */
	HANDLE_FLAGS(MSG_SEND_DIRECT_REQ, ffap_handle_direct_req,
		     ARG(1) | ARG(2) | ARG(3) | ARG(4) | ARG(5) | ARG(6) | ARG(7),
		     FFAP_ROW_UNLOCKED),
	HANDLE_FLAGS(MSG_SEND_DIRECT_REQ2, ffap_handle_direct_req2,
		     ARG(1) | ARG(2) | ARG(3) | ARG(4) | ARG(5) | ARG(6) | ARG(7),
		     FFAP_ROW_UNLOCKED | FFAP_ROW_EXTENDED_ARGS),
	HANDLE_FLAGS(RUN, ffap_handle_run, ARG(1), FFAP_ROW_UNLOCKED),
	/* w1 (a hypervisor's sender VM ID) and w2 (delay SRI: partitions only) are MBZ. */
	HANDLE(MSG_SEND2, ffap_handle_msg_send2, 0),

	/* Policy §4: notifications. */
	HANDLE(NOTIFICATION_BITMAP_CREATE, ffap_handle_notif_bitmap_create, ARG(1) | ARG(2)),
	HANDLE(NOTIFICATION_BITMAP_DESTROY, ffap_handle_notif_bitmap_destroy, ARG(1)),
	HANDLE(NOTIFICATION_BIND, ffap_handle_notif_bind, ARG(1) | ARG(2) | ARG(3) | ARG(4)),
	/* UNBIND's w2 is reserved. */
	HANDLE(NOTIFICATION_UNBIND, ffap_handle_notif_unbind, ARG(1) | ARG(3) | ARG(4)),
	HANDLE(NOTIFICATION_SET, ffap_handle_notif_set, ARG(1) | ARG(2) | ARG(3) | ARG(4)),
	HANDLE(NOTIFICATION_GET, ffap_handle_notif_get, ARG(1) | ARG(2)),
	HANDLE(NOTIFICATION_INFO_GET, ffap_handle_notif_info_get, 0),

	/*
	 * Policy §5: memory sharing. w3/w4 (a dynamically allocated buffer)
	 * are MBZ: descriptors come only in the host's TX buffer.
	 */
	HANDLE(MEM_DONATE, ffap_handle_mem_send, ARG(1) | ARG(2)),
	HANDLE(MEM_LEND, ffap_handle_mem_send, ARG(1) | ARG(2)),
	HANDLE(MEM_SHARE, ffap_handle_mem_send, ARG(1) | ARG(2)),
	/* w4 bits 31:16 name a sender only when a hypervisor forwards for a VM: MBZ. */
	HANDLE(MEM_FRAG_TX, ffap_handle_mem_frag_tx, ARG(1) | ARG(2) | ARG(3)),
	HANDLE(MEM_RECLAIM, ffap_handle_mem_reclaim, ARG(1) | ARG(2) | ARG(3)),
	/* Policy §5: the host is never a borrower here. */
	REFUSE(MEM_RETRIEVE_REQ),
	REFUSE(MEM_RETRIEVE_RESP),
	REFUSE(MEM_RELINQUISH),
	REFUSE(MEM_OP_PAUSE),
	REFUSE(MEM_OP_RESUME),
	REFUSE(MEM_FRAG_RX),
	REFUSE(MEM_PERM_GET),
	REFUSE(MEM_PERM_SET),
};

#undef HANDLE
#undef HANDLE_FLAGS
#undef REFUSE

/*
 * Whether the host may call @fid at the negotiated version: defined in that
 * width, introduced no later than the negotiated version, and not refused.
 * This is what FFA_FEATURES reports for a function ID (policy §2).
 */
bool ffap_function_allowed(const struct ffap *p, uint32_t fid)
{
	uint32_t fnum = fid & SMCCC_FNUM_MASK;
	const struct ffap_abi_row *abi;

	/* A function ID names no SVE hint and no reserved bits: bits 23:16 are zero. */
	if (!ffa_fid_is_ffa(fid) || (fid & SMCCC_SVE_HINT))
		return false;
	abi = ffap_abi_row(fnum);
	if (!(abi->widths & (smccc_is_64(fid) ? FFA_W64 : FFA_W32)))
		return false;
	if (ffa_version_minor(abi->since) > ffa_version_minor(p->version))
		return false;
	return ffap_policy_row(fnum)->handler != NULL;
}
