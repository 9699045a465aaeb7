/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Arm Firmware Framework for A-profile (FF-A, DEN0077A) versions 1.0 to 1.2:
 * function IDs, error codes, register fields and memory layouts.
 *
 * This is the only file in ffaproxy that spells an FF-A number. Everything
 * else uses the names below, which follow the specification's own spelling
 * so that code and spec can be searched against each other.
 *
 * References, as comments throughout the project cite them:
 *   FF-A 1.0  DEN0077A v1.0
 *   FF-A 1.1  DEN0077A v1.1
 *   FF-A 1.2  DEN0077A v1.2 (and its memory management supplement, "MM")
 *   SMCCC     DEN0028, the SMC Calling Convention, v1.2 and later
 * A section or table number is always given with the version it belongs to
 * (numbering moves between versions); where only the ABI's name is given,
 * the rule is in that ABI's own section of the version named.
 * docs/decisions.md records what ffaproxy chose where sources disagree.
 *
 * Header-only and freestanding.
 */
#ifndef FFAPROXY_FFA_ABI_H
#define FFAPROXY_FFA_ABI_H

#include "env.h"

/* ---------------------------------------------------------------------- */
/* Registers                                                              */
/* ---------------------------------------------------------------------- */

/* SMCCC 1.2: an FF-A call passes arguments in x1-x17 and results in x0-x17. */
#define FFA_REG_COUNT 18

/** struct ffa_regs - the general-purpose registers x0-x17 of one FF-A call. */
struct ffa_regs {
	uint64_t x[FFA_REG_COUNT];
};

static inline uint32_t ffa_w(const struct ffa_regs *r, unsigned int n)
{
	return (uint32_t)r->x[n];
}

/* ---------------------------------------------------------------------- */
/* SMCCC function identifiers (SMCCC, "Function Identifier")              */
/* ---------------------------------------------------------------------- */

/* clang-format off */
#define SMCCC_FAST_CALL		(UINT32_C(1) << 31)
#define SMCCC_CONV_64		(UINT32_C(1) << 30)
#define SMCCC_OWNER_SHIFT	24
#define SMCCC_OWNER_MASK	UINT32_C(0x3f)
#define SMCCC_OWNER_STANDARD	4	/* Standard Secure Service calls */
#define SMCCC_FC_RESERVED_MASK	(UINT32_C(0x7f) << 17)	/* bits 23:17, MBZ for fast calls */
#define SMCCC_SVE_HINT		(UINT32_C(1) << 16)	/* SMCCC 1.3: no live SVE state */
#define SMCCC_FNUM_MASK		UINT32_C(0xffff)

/* SMCCC "unknown function": -1 in the whole of x0. */
#define SMCCC_RET_NOT_SUPPORTED	UINT64_C(0xffffffffffffffff)
/* clang-format on */

static inline uint32_t smccc_owner(uint32_t fid)
{
	return (fid >> SMCCC_OWNER_SHIFT) & SMCCC_OWNER_MASK;
}

static inline bool smccc_is_64(uint32_t fid)
{
	return (fid & SMCCC_CONV_64) != 0;
}

/* ---------------------------------------------------------------------- */
/* FF-A function numbers and IDs                                          */
/* ---------------------------------------------------------------------- */

/*
 * FF-A reserves function numbers 0x60-0xEF of the Standard Secure Service
 * owner for itself; 0xF0 and up belong to other standard services.
 */
#define FFA_FNUM_MIN 0x60
#define FFA_FNUM_MAX 0xEF
#define FFA_FNUM_COUNT (FFA_FNUM_MAX - FFA_FNUM_MIN + 1)

/* clang-format off */
#define FFA_FID_32(fnum)	(UINT32_C(0x84000000) | (uint32_t)(fnum))
#define FFA_FID_64(fnum)	(UINT32_C(0xC4000000) | (uint32_t)(fnum))

/* Widths a function is defined in. */
#define FFA_W32		1u
#define FFA_W64		2u
#define FFA_W32_64	(FFA_W32 | FFA_W64)

/* Version encoding (FF-A 1.0, FFA_VERSION): bit 31 MBZ, major 30:16, minor 15:0. */
#define FFA_VERSION_MBZ_BIT		(UINT32_C(1) << 31)
#define FFA_VERSION_MAJOR_SHIFT		16
#define FFA_VERSION_MAJOR_MASK		UINT32_C(0x7fff)
#define FFA_VERSION_MINOR_MASK		UINT32_C(0xffff)
#define FFA_MAKE_VERSION(major, minor)	(((uint32_t)(major) << 16) | (uint32_t)(minor))
#define FFA_VERSION_1_0			FFA_MAKE_VERSION(1, 0)
#define FFA_VERSION_1_1			FFA_MAKE_VERSION(1, 1)
#define FFA_VERSION_1_2			FFA_MAKE_VERSION(1, 2)

/*
 * FFA_FUNCTIONS(X) - every function FF-A 1.0-1.2 defines:
 *   X(name, function number, widths it is defined in, version introducing it)
 * Names drop the FFA_ prefix and the width suffix. Functions defined in both
 * widths are spelled NAME_32 and NAME_64 below; functions defined in one width
 * only are spelled NAME. SMC64 forms of ERROR/INTERRUPT/MSG_WAIT/YIELD/RUN and
 * NORMAL_WORLD_RESUME, FFA_NS_RES_INFO_GET (0x8F) and FFA_ABORT (0x90) are FF-A
 * 1.3 additions and deliberately absent.
 */
#define FFA_FUNCTIONS(X)						\
	X(ERROR,			0x60, FFA_W32,    FFA_VERSION_1_0)	\
	X(SUCCESS,			0x61, FFA_W32_64, FFA_VERSION_1_0)	\
	X(INTERRUPT,			0x62, FFA_W32,    FFA_VERSION_1_0)	\
	X(VERSION,			0x63, FFA_W32,    FFA_VERSION_1_0)	\
	X(FEATURES,			0x64, FFA_W32,    FFA_VERSION_1_0)	\
	X(RX_RELEASE,			0x65, FFA_W32,    FFA_VERSION_1_0)	\
	X(RXTX_MAP,			0x66, FFA_W32_64, FFA_VERSION_1_0)	\
	X(RXTX_UNMAP,			0x67, FFA_W32,    FFA_VERSION_1_0)	\
	X(PARTITION_INFO_GET,		0x68, FFA_W32,    FFA_VERSION_1_0)	\
	X(ID_GET,			0x69, FFA_W32,    FFA_VERSION_1_0)	\
	X(MSG_POLL,			0x6A, FFA_W32,    FFA_VERSION_1_0)	\
	X(MSG_WAIT,			0x6B, FFA_W32,    FFA_VERSION_1_0)	\
	X(YIELD,			0x6C, FFA_W32,    FFA_VERSION_1_0)	\
	X(RUN,				0x6D, FFA_W32,    FFA_VERSION_1_0)	\
	X(MSG_SEND,			0x6E, FFA_W32,    FFA_VERSION_1_0)	\
	X(MSG_SEND_DIRECT_REQ,		0x6F, FFA_W32_64, FFA_VERSION_1_0)	\
	X(MSG_SEND_DIRECT_RESP,		0x70, FFA_W32_64, FFA_VERSION_1_0)	\
	X(MEM_DONATE,			0x71, FFA_W32_64, FFA_VERSION_1_0)	\
	X(MEM_LEND,			0x72, FFA_W32_64, FFA_VERSION_1_0)	\
	X(MEM_SHARE,			0x73, FFA_W32_64, FFA_VERSION_1_0)	\
	X(MEM_RETRIEVE_REQ,		0x74, FFA_W32_64, FFA_VERSION_1_0)	\
	X(MEM_RETRIEVE_RESP,		0x75, FFA_W32,    FFA_VERSION_1_0)	\
	X(MEM_RELINQUISH,		0x76, FFA_W32,    FFA_VERSION_1_0)	\
	X(MEM_RECLAIM,			0x77, FFA_W32,    FFA_VERSION_1_0)	\
	X(MEM_OP_PAUSE,			0x78, FFA_W32,    FFA_VERSION_1_0)	\
	X(MEM_OP_RESUME,		0x79, FFA_W32,    FFA_VERSION_1_0)	\
	X(MEM_FRAG_RX,			0x7A, FFA_W32,    FFA_VERSION_1_0)	\
	X(MEM_FRAG_TX,			0x7B, FFA_W32,    FFA_VERSION_1_0)	\
	X(NORMAL_WORLD_RESUME,		0x7C, FFA_W32,    FFA_VERSION_1_0)	\
	X(NOTIFICATION_BITMAP_CREATE,	0x7D, FFA_W32,    FFA_VERSION_1_1)	\
	X(NOTIFICATION_BITMAP_DESTROY,	0x7E, FFA_W32,    FFA_VERSION_1_1)	\
	X(NOTIFICATION_BIND,		0x7F, FFA_W32,    FFA_VERSION_1_1)	\
	X(NOTIFICATION_UNBIND,		0x80, FFA_W32,    FFA_VERSION_1_1)	\
	X(NOTIFICATION_SET,		0x81, FFA_W32,    FFA_VERSION_1_1)	\
	X(NOTIFICATION_GET,		0x82, FFA_W32,    FFA_VERSION_1_1)	\
	X(NOTIFICATION_INFO_GET,	0x83, FFA_W32_64, FFA_VERSION_1_1)	\
	X(RX_ACQUIRE,			0x84, FFA_W32,    FFA_VERSION_1_1)	\
	X(SPM_ID_GET,			0x85, FFA_W32,    FFA_VERSION_1_1)	\
	X(MSG_SEND2,			0x86, FFA_W32,    FFA_VERSION_1_1)	\
	X(SECONDARY_EP_REGISTER,	0x87, FFA_W32_64, FFA_VERSION_1_1)	\
	X(MEM_PERM_GET,			0x88, FFA_W32_64, FFA_VERSION_1_1)	\
	X(MEM_PERM_SET,			0x89, FFA_W32_64, FFA_VERSION_1_1)	\
	X(CONSOLE_LOG,			0x8A, FFA_W32_64, FFA_VERSION_1_2)	\
	X(PARTITION_INFO_GET_REGS,	0x8B, FFA_W64,    FFA_VERSION_1_2)	\
	X(EL3_INTR_HANDLE,		0x8C, FFA_W32,    FFA_VERSION_1_2)	\
	X(MSG_SEND_DIRECT_REQ2,		0x8D, FFA_W64,    FFA_VERSION_1_2)	\
	X(MSG_SEND_DIRECT_RESP2,	0x8E, FFA_W64,    FFA_VERSION_1_2)

/* Function numbers: FFA_FNUM_VERSION = 0x63, ... */
enum ffa_fnum {
#define FFA_X_FNUM(name, fnum, widths, since) FFA_FNUM_##name = (fnum),
	FFA_FUNCTIONS(FFA_X_FNUM)
#undef FFA_X_FNUM
};

/* Function IDs, as the specification spells them. */
#define FFA_ERROR			FFA_FID_32(FFA_FNUM_ERROR)
#define FFA_SUCCESS_32			FFA_FID_32(FFA_FNUM_SUCCESS)
#define FFA_SUCCESS_64			FFA_FID_64(FFA_FNUM_SUCCESS)
#define FFA_INTERRUPT			FFA_FID_32(FFA_FNUM_INTERRUPT)
#define FFA_VERSION			FFA_FID_32(FFA_FNUM_VERSION)
#define FFA_FEATURES			FFA_FID_32(FFA_FNUM_FEATURES)
#define FFA_RX_RELEASE			FFA_FID_32(FFA_FNUM_RX_RELEASE)
#define FFA_RXTX_MAP_32			FFA_FID_32(FFA_FNUM_RXTX_MAP)
#define FFA_RXTX_MAP_64			FFA_FID_64(FFA_FNUM_RXTX_MAP)
#define FFA_RXTX_UNMAP			FFA_FID_32(FFA_FNUM_RXTX_UNMAP)
#define FFA_PARTITION_INFO_GET		FFA_FID_32(FFA_FNUM_PARTITION_INFO_GET)
#define FFA_ID_GET			FFA_FID_32(FFA_FNUM_ID_GET)
#define FFA_MSG_POLL			FFA_FID_32(FFA_FNUM_MSG_POLL)
#define FFA_MSG_WAIT			FFA_FID_32(FFA_FNUM_MSG_WAIT)
#define FFA_YIELD			FFA_FID_32(FFA_FNUM_YIELD)
#define FFA_RUN				FFA_FID_32(FFA_FNUM_RUN)
#define FFA_MSG_SEND			FFA_FID_32(FFA_FNUM_MSG_SEND)
#define FFA_MSG_SEND_DIRECT_REQ_32	FFA_FID_32(FFA_FNUM_MSG_SEND_DIRECT_REQ)
#define FFA_MSG_SEND_DIRECT_REQ_64	FFA_FID_64(FFA_FNUM_MSG_SEND_DIRECT_REQ)
#define FFA_MSG_SEND_DIRECT_RESP_32	FFA_FID_32(FFA_FNUM_MSG_SEND_DIRECT_RESP)
#define FFA_MSG_SEND_DIRECT_RESP_64	FFA_FID_64(FFA_FNUM_MSG_SEND_DIRECT_RESP)
#define FFA_MEM_DONATE_32		FFA_FID_32(FFA_FNUM_MEM_DONATE)
#define FFA_MEM_DONATE_64		FFA_FID_64(FFA_FNUM_MEM_DONATE)
#define FFA_MEM_LEND_32			FFA_FID_32(FFA_FNUM_MEM_LEND)
#define FFA_MEM_LEND_64			FFA_FID_64(FFA_FNUM_MEM_LEND)
#define FFA_MEM_SHARE_32		FFA_FID_32(FFA_FNUM_MEM_SHARE)
#define FFA_MEM_SHARE_64		FFA_FID_64(FFA_FNUM_MEM_SHARE)
#define FFA_MEM_RETRIEVE_REQ_32		FFA_FID_32(FFA_FNUM_MEM_RETRIEVE_REQ)
#define FFA_MEM_RETRIEVE_REQ_64		FFA_FID_64(FFA_FNUM_MEM_RETRIEVE_REQ)
#define FFA_MEM_RETRIEVE_RESP		FFA_FID_32(FFA_FNUM_MEM_RETRIEVE_RESP)
#define FFA_MEM_RELINQUISH		FFA_FID_32(FFA_FNUM_MEM_RELINQUISH)
#define FFA_MEM_RECLAIM			FFA_FID_32(FFA_FNUM_MEM_RECLAIM)
#define FFA_MEM_OP_PAUSE		FFA_FID_32(FFA_FNUM_MEM_OP_PAUSE)
#define FFA_MEM_OP_RESUME		FFA_FID_32(FFA_FNUM_MEM_OP_RESUME)
#define FFA_MEM_FRAG_RX			FFA_FID_32(FFA_FNUM_MEM_FRAG_RX)
#define FFA_MEM_FRAG_TX			FFA_FID_32(FFA_FNUM_MEM_FRAG_TX)
#define FFA_NORMAL_WORLD_RESUME		FFA_FID_32(FFA_FNUM_NORMAL_WORLD_RESUME)
#define FFA_NOTIFICATION_BITMAP_CREATE	FFA_FID_32(FFA_FNUM_NOTIFICATION_BITMAP_CREATE)
#define FFA_NOTIFICATION_BITMAP_DESTROY	FFA_FID_32(FFA_FNUM_NOTIFICATION_BITMAP_DESTROY)
#define FFA_NOTIFICATION_BIND		FFA_FID_32(FFA_FNUM_NOTIFICATION_BIND)
#define FFA_NOTIFICATION_UNBIND		FFA_FID_32(FFA_FNUM_NOTIFICATION_UNBIND)
#define FFA_NOTIFICATION_SET		FFA_FID_32(FFA_FNUM_NOTIFICATION_SET)
#define FFA_NOTIFICATION_GET		FFA_FID_32(FFA_FNUM_NOTIFICATION_GET)
#define FFA_NOTIFICATION_INFO_GET_32	FFA_FID_32(FFA_FNUM_NOTIFICATION_INFO_GET)
#define FFA_NOTIFICATION_INFO_GET_64	FFA_FID_64(FFA_FNUM_NOTIFICATION_INFO_GET)
#define FFA_RX_ACQUIRE			FFA_FID_32(FFA_FNUM_RX_ACQUIRE)
#define FFA_SPM_ID_GET			FFA_FID_32(FFA_FNUM_SPM_ID_GET)
#define FFA_MSG_SEND2			FFA_FID_32(FFA_FNUM_MSG_SEND2)
#define FFA_SECONDARY_EP_REGISTER_32	FFA_FID_32(FFA_FNUM_SECONDARY_EP_REGISTER)
#define FFA_SECONDARY_EP_REGISTER_64	FFA_FID_64(FFA_FNUM_SECONDARY_EP_REGISTER)
#define FFA_MEM_PERM_GET_32		FFA_FID_32(FFA_FNUM_MEM_PERM_GET)
#define FFA_MEM_PERM_GET_64		FFA_FID_64(FFA_FNUM_MEM_PERM_GET)
#define FFA_MEM_PERM_SET_32		FFA_FID_32(FFA_FNUM_MEM_PERM_SET)
#define FFA_MEM_PERM_SET_64		FFA_FID_64(FFA_FNUM_MEM_PERM_SET)
#define FFA_CONSOLE_LOG_32		FFA_FID_32(FFA_FNUM_CONSOLE_LOG)
#define FFA_CONSOLE_LOG_64		FFA_FID_64(FFA_FNUM_CONSOLE_LOG)
#define FFA_PARTITION_INFO_GET_REGS	FFA_FID_64(FFA_FNUM_PARTITION_INFO_GET_REGS)
#define FFA_EL3_INTR_HANDLE		FFA_FID_32(FFA_FNUM_EL3_INTR_HANDLE)
#define FFA_MSG_SEND_DIRECT_REQ2	FFA_FID_64(FFA_FNUM_MSG_SEND_DIRECT_REQ2)
#define FFA_MSG_SEND_DIRECT_RESP2	FFA_FID_64(FFA_FNUM_MSG_SEND_DIRECT_RESP2)
/* clang-format on */

/**
 * struct ffa_function_info - one row of FFA_FUNCTIONS(), for tables and logs.
 * @name:   the specification's name without the FFA_ prefix or width suffix
 * @fnum:   function number (bits 15:0 of the ID)
 * @widths: FFA_W32, FFA_W64 or both
 * @since:  the FF-A version that introduced the function
 */
struct ffa_function_info {
	const char *name;
	uint16_t fnum;
	uint8_t widths;
	uint32_t since;
};

/**
 * ffa_function_lookup() - the row of FFA_FUNCTIONS() for a function number.
 * Returns NULL for a number FF-A 1.0-1.2 does not define.
 */
static inline const struct ffa_function_info *ffa_function_lookup(uint32_t fnum)
{
	static const struct ffa_function_info table[] = {
#define FFA_X_INFO(n, f, w, s) { #n, (f), (w), (s) },
		FFA_FUNCTIONS(FFA_X_INFO)
#undef FFA_X_INFO
	};
	size_t i;

	for (i = 0; i < FFA_ARRAY_SIZE(table); i++)
		if (table[i].fnum == fnum)
			return &table[i];
	return NULL;
}

/**
 * ffa_fid_is_ffa() - whether @x0 names a function in the FF-A window.
 *
* SMCCC: a fast call of the Standard Secure Service
 * owner, bits 23:17 zero, function number 0x60-0xEF, either width. Bit 16
 * (the SMCCC 1.3 SVE hint) is ignored. Bits 63:32 of x0 are not looked at:
 * the caller decides what to do with them.
 */
static inline bool ffa_fid_is_ffa(uint32_t fid)
{
	/* Fast call, standard secure owner, bits 23:17 zero: one compare. */
	uint32_t fixed = SMCCC_FAST_CALL | (SMCCC_OWNER_MASK << SMCCC_OWNER_SHIFT) |
			 SMCCC_FC_RESERVED_MASK;
	uint32_t fnum = fid & SMCCC_FNUM_MASK;

	return (fid & fixed) == (SMCCC_FAST_CALL | (SMCCC_OWNER_STANDARD << SMCCC_OWNER_SHIFT)) &&
	       fnum - FFA_FNUM_MIN <= FFA_FNUM_MAX - FFA_FNUM_MIN;
}

/* ---------------------------------------------------------------------- */
/* Versions                                                               */
/* ---------------------------------------------------------------------- */

static inline uint32_t ffa_version_major(uint32_t v)
{
	return (v >> FFA_VERSION_MAJOR_SHIFT) & FFA_VERSION_MAJOR_MASK;
}

static inline uint32_t ffa_version_minor(uint32_t v)
{
	return v & FFA_VERSION_MINOR_MASK;
}

/* ---------------------------------------------------------------------- */
/* Error codes: returned in w2 of FFA_ERROR                               */
/* ---------------------------------------------------------------------- */

/* clang-format off */
#define FFA_ERRORS(X)				\
	X(NOT_SUPPORTED,	-1)		\
	X(INVALID_PARAMETERS,	-2)		\
	X(NO_MEMORY,		-3)		\
	X(BUSY,			-4)		\
	X(INTERRUPTED,		-5)		\
	X(DENIED,		-6)		\
	X(RETRY,		-7)		\
	X(ABORTED,		-8)		\
	X(NO_DATA,		-9)
/* clang-format on */

enum ffa_error {
#define FFA_X_ERR(name, value) FFA_##name = (value),
	FFA_ERRORS(FFA_X_ERR)
#undef FFA_X_ERR
};

/** ffa_error_name() - "INVALID_PARAMETERS" for -2; NULL for unknown codes. */
static inline const char *ffa_error_name(int32_t code)
{
	switch (code) {
#define FFA_X_ERRNAME(name, value) \
	case (value):              \
		return #name;
		FFA_ERRORS(FFA_X_ERRNAME)
#undef FFA_X_ERRNAME
	default:
		return NULL;
	}
}

/* ---------------------------------------------------------------------- */
/* Endpoint IDs and packed register fields                               */
/* ---------------------------------------------------------------------- */

/* clang-format off */
#define FFA_HOST_ID		0	/* ID of the NS physical instance (hypervisor or OS) */
#define FFA_SECURE_ID_BIT	UINT16_C(0x8000)	/* bit 15: a secure-world endpoint */
#define FFA_SPMC_ID_DEFAULT	UINT16_C(0x8000)	/* SPMC ID of TF-A and of the model */
/* clang-format on */

static inline bool ffa_id_is_secure(uint16_t id)
{
	return (id & FFA_SECURE_ID_BIT) != 0;
}

/* Sender/receiver pair in one 32-bit field: sender 31:16, receiver 15:0. */
static inline uint16_t ffa_sender(uint32_t w)
{
	return (uint16_t)(w >> 16);
}

static inline uint16_t ffa_receiver(uint32_t w)
{
	return (uint16_t)w;
}

static inline uint32_t ffa_sender_receiver(uint16_t sender, uint16_t receiver)
{
	return ((uint32_t)sender << 16) | receiver;
}

/* Target information (FFA_RUN, FFA_INTERRUPT, FFA_YIELD): endpoint 31:16, vCPU 15:0. */
static inline uint16_t ffa_target_id(uint32_t w)
{
	return (uint16_t)(w >> 16);
}

static inline uint16_t ffa_target_vcpu(uint32_t w)
{
	return (uint16_t)w;
}

static inline uint32_t ffa_target_info(uint16_t id, uint16_t vcpu)
{
	return ((uint32_t)id << 16) | vcpu;
}

/* ---------------------------------------------------------------------- */
/* UUIDs (SMCCC packing: byte 0 in bits 7:0 of the first register)       */
/* ---------------------------------------------------------------------- */

#define FFA_UUID_SIZE 16

/** struct ffa_uuid - 16 bytes in the order the UUID's text form lists them. */
struct ffa_uuid {
	uint8_t b[FFA_UUID_SIZE];
};

static inline uint32_t ffa_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static inline void ffa_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Four 32-bit registers (FFA_PARTITION_INFO_GET w1-w4): byte 0 in bits 7:0 of w1. */
static inline void ffa_uuid_to_w4(const struct ffa_uuid *u, uint32_t w[4])
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		w[i] = ffa_le32(&u->b[4 * i]);
}

static inline void ffa_uuid_from_w4(struct ffa_uuid *u, const uint32_t w[4])
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		ffa_put_le32(&u->b[4 * i], w[i]);
}

/* Two 64-bit registers (DIRECT_REQ2 x2/x3, PARTITION_INFO_GET_REGS x1/x2). */
static inline void ffa_uuid_to_x2(const struct ffa_uuid *u, uint64_t *lo, uint64_t *hi)
{
	*lo = (uint64_t)ffa_le32(&u->b[0]) | ((uint64_t)ffa_le32(&u->b[4]) << 32);
	*hi = (uint64_t)ffa_le32(&u->b[8]) | ((uint64_t)ffa_le32(&u->b[12]) << 32);
}

static inline void ffa_uuid_from_x2(struct ffa_uuid *u, uint64_t lo, uint64_t hi)
{
	ffa_put_le32(&u->b[0], (uint32_t)lo);
	ffa_put_le32(&u->b[4], (uint32_t)(lo >> 32));
	ffa_put_le32(&u->b[8], (uint32_t)hi);
	ffa_put_le32(&u->b[12], (uint32_t)(hi >> 32));
}

static inline bool ffa_uuid_is_nil(const struct ffa_uuid *u)
{
	unsigned int i;

	for (i = 0; i < FFA_UUID_SIZE; i++)
		if (u->b[i])
			return false;
	return true;
}

static inline bool ffa_uuid_equal(const struct ffa_uuid *a, const struct ffa_uuid *b)
{
	unsigned int i;

	for (i = 0; i < FFA_UUID_SIZE; i++)
		if (a->b[i] != b->b[i])
			return false;
	return true;
}

/* ---------------------------------------------------------------------- */
/* Memory handles (FF-A 1.1 §10.9.2): lo/hi halves in two registers       */
/* ---------------------------------------------------------------------- */

/* clang-format off */
#define FFA_HANDLE_ALLOCATOR_HYP	(UINT64_C(1) << 63)	/* 1: hypervisor, 0: SPMC */
#define FFA_HANDLE_INVALID		UINT64_C(0xffffffffffffffff)
/* clang-format on */

static inline uint64_t ffa_handle_make(uint32_t lo, uint32_t hi)
{
	return ((uint64_t)hi << 32) | lo;
}

/* ---------------------------------------------------------------------- */
/* Per-ABI register fields                                                */
/* ---------------------------------------------------------------------- */

/* clang-format off */

/* FFA_FEATURES (FF-A 1.0 §8.2): w1 bit 31 set = function ID, clear = feature ID. */
#define FFA_FEATURES_FUNC_ID_BIT	(UINT32_C(1) << 31)
#define FFA_FEATURE_ID_MASK		UINT32_C(0xff)
#define FFA_FEATURE_ID_MBZ_MASK		UINT32_C(0x7fffff00)	/* bits 30:8 */
#define FFA_FEATURE_NPI			1	/* notification pending interrupt (1.1) */
#define FFA_FEATURE_SRI			2	/* schedule receiver interrupt (1.1) */
#define FFA_FEATURE_MEI			3	/* managed exit interrupt */

/* FFA_FEATURES(FFA_RXTX_MAP) w2: minimum size 1:0; 1.2: maximum pages 31:16. */
#define FFA_RXTX_MAP_MIN_SIZE_MASK	UINT32_C(0x3)
#define FFA_RXTX_MAP_MIN_SIZE_4K	0
#define FFA_RXTX_MAP_MIN_SIZE_64K	1
#define FFA_RXTX_MAP_MIN_SIZE_16K	2
#define FFA_RXTX_MAP_MAX_PAGES_SHIFT	16
#define FFA_RXTX_MAP_MAX_PAGES_MASK	UINT32_C(0xffff)

/* FFA_RXTX_MAP w3 (FF-A 1.0 §8.4): page count 5:0, bits 31:6 MBZ. */
#define FFA_RXTX_MAP_PAGE_COUNT_MASK	UINT32_C(0x3f)
#define FFA_PAGE_SIZE			4096u
#define FFA_PAGE_SHIFT			12

/* FFA_PARTITION_INFO_GET w5 (FF-A 1.1): bit 0 = return the count only. */
#define FFA_PARTITION_INFO_GET_COUNT_ONLY	UINT32_C(1)

/* FFA_PARTITION_INFO_GET_REGS x3 / reply x2 (FF-A 1.2). */
#define FFA_PART_REGS_START_INDEX_MASK	UINT64_C(0xffff)
#define FFA_PART_REGS_TAG_SHIFT		16
#define FFA_PART_REGS_TAG_MASK		UINT64_C(0xffff)
#define FFA_PART_REGS_LAST_INDEX_SHIFT	0
#define FFA_PART_REGS_CUR_INDEX_SHIFT	16
#define FFA_PART_REGS_REPLY_TAG_SHIFT	32
#define FFA_PART_REGS_DESC_SIZE_SHIFT	48
#define FFA_PART_REGS_PER_CALL		5	/* descriptors per reply, 3 registers each */
/*
 * Reply descriptors from x3, three registers each: ID 15:0, execution
 * contexts 31:16 and properties 63:32; then UUID bytes 0-7; then bytes 8-15.
 */
#define FFA_PART_REGS_DESC_FIRST_REG	3
#define FFA_PART_REGS_DESC_REG_COUNT	3
#define FFA_PART_REGS_EXEC_CTX_SHIFT	16
#define FFA_PART_REGS_PROPERTIES_SHIFT	32

/* Partition properties (FF-A 1.1 Table 13.37, bits 9:10 from FF-A 1.2). */
#define FFA_PART_PROP_DIRECT_REQ_RECV	(UINT32_C(1) << 0)
#define FFA_PART_PROP_DIRECT_REQ_SEND	(UINT32_C(1) << 1)
#define FFA_PART_PROP_INDIRECT_MSG	(UINT32_C(1) << 2)
#define FFA_PART_PROP_NOTIFICATION	(UINT32_C(1) << 3)
#define FFA_PART_PROP_ID_TYPE_MASK	(UINT32_C(3) << 4)
#define FFA_PART_PROP_VM_CREATED	(UINT32_C(1) << 6)
#define FFA_PART_PROP_VM_DESTROYED	(UINT32_C(1) << 7)
#define FFA_PART_PROP_AARCH64		(UINT32_C(1) << 8)
#define FFA_PART_PROP_DIRECT_REQ2_RECV	(UINT32_C(1) << 9)
#define FFA_PART_PROP_DIRECT_REQ2_SEND	(UINT32_C(1) << 10)
#define FFA_PART_PROP_V1_0_MASK		UINT32_C(0x7)	/* 1.0 defines bits 2:0 only */
#define FFA_PART_PROP_V1_1_MASK		UINT32_C(0x1ff)	/* 1.1 defines bits 8:0 only */

/* FFA_MSG_SEND_DIRECT_REQ/RESP w2 (FF-A 1.2 Table 16.6). */
#define FFA_MSG_FLAG_FRAMEWORK		(UINT32_C(1) << 31)
#define FFA_MSG_FRAMEWORK_TYPE_MASK	UINT32_C(0xff)

/* FFA_MSG_SEND2 w2 (FF-A 1.1). */
#define FFA_MSG_SEND2_FLAG_DELAY_SRI	(UINT32_C(1) << 1)

/* Notifications (FF-A 1.1). */
#define FFA_NOTIFICATION_BITMAP_VM_ID_MASK	UINT32_C(0xffff)	/* BITMAP_CREATE/DESTROY w1 */
#define FFA_NOTIFICATION_FLAG_PER_VCPU	(UINT32_C(1) << 0)	/* BIND, SET */
#define FFA_NOTIFICATION_FLAG_DELAY_SRI	(UINT32_C(1) << 1)	/* SET */
#define FFA_NOTIFICATION_SET_MBZ_MASK	UINT32_C(0xfffc)	/* SET w2 bits 15:2 */
#define FFA_NOTIFICATION_VCPU_SHIFT	16	/* SET w2, GET w1 */
#define FFA_NOTIFICATION_GET_SP		(UINT32_C(1) << 0)
#define FFA_NOTIFICATION_GET_VM		(UINT32_C(1) << 1)
#define FFA_NOTIFICATION_GET_SPM	(UINT32_C(1) << 2)
#define FFA_NOTIFICATION_GET_HYP	(UINT32_C(1) << 3)
#define FFA_NOTIFICATION_GET_MBZ_MASK	UINT32_C(0xfffffff0)
#define FFA_FRAMEWORK_NOTIF_RX_FULL	(UINT32_C(1) << 0)	/* GET w6 (SPM) / w7 (hyp) */
#define FFA_NOTIFICATION_COUNT		64

/* FFA_NOTIFICATION_INFO_GET reply w2/x2 (FF-A 1.1). */
#define FFA_NOTIF_INFO_MORE_PENDING	UINT64_C(1)
#define FFA_NOTIF_INFO_LIST_COUNT_SHIFT	7
#define FFA_NOTIF_INFO_LIST_COUNT_MASK	UINT64_C(0x1f)
#define FFA_NOTIF_INFO_LIST_SIZE_SHIFT	12
#define FFA_NOTIF_INFO_LIST_SIZE_BITS	2
#define FFA_NOTIF_INFO_LIST_SIZE_MASK	UINT64_C(0x3)	/* vCPU IDs after a list's endpoint ID */
/* The lists' IDs, 16 bits each, packed from w3/x3 on, the first in bits 15:0. */
#define FFA_NOTIF_INFO_ID_FIRST_REG	3
#define FFA_NOTIF_INFO_ID_BITS		16
#define FFA_NOTIF_INFO_MAX_IDS_32	10
#define FFA_NOTIF_INFO_MAX_IDS_64	20
#define FFA_NOTIF_INFO_MAX_LISTS_32	10
#define FFA_NOTIF_INFO_MAX_LISTS_64	20

/* FFA_MEM_RECLAIM w3 (FF-A 1.0 §11.7). */
#define FFA_MEM_RECLAIM_CLEAR		(UINT32_C(1) << 0)
#define FFA_MEM_RECLAIM_TIME_SLICE	(UINT32_C(1) << 1)

/* FFA_MEM_FRAG_RX/TX w4: sender ID 31:16 (hypervisor use only). */
#define FFA_MEM_FRAG_SENDER_SHIFT	16

/* Relinquish descriptor flags (FF-A 1.1 Table 16.25). */
#define FFA_MEM_RELINQUISH_CLEAR	(UINT32_C(1) << 0)	/* zero memory after relinquish */
#define FFA_MEM_RELINQUISH_TIME_SLICE	(UINT32_C(1) << 1)

/* FFA_FEATURES(FFA_MEM_RETRIEVE_REQ) (FF-A 1.1): w2 bit 1 (in and out) NS bit; w3 7:0. */
#define FFA_FEATURES_MEM_RETRIEVE_NS_BIT	(UINT32_C(1) << 1)
#define FFA_FEATURES_MEM_RETRIEVE_COUNT_MASK	UINT32_C(0xff)	/* outstanding retrievals */

/* clang-format on */

/* ---------------------------------------------------------------------- */
/* Partition information descriptors                                      */
/* ---------------------------------------------------------------------- */

/** struct ffa_partition_info_v1_0 - FF-A 1.0 partition information descriptor (8 bytes). */
struct ffa_partition_info_v1_0 {
	uint16_t id;		 /* partition ID */
	uint16_t exec_ctx_count; /* execution contexts */
	uint32_t properties;	 /* bits 2:0 defined, rest MBZ */
};
_Static_assert(sizeof(struct ffa_partition_info_v1_0) == 8,
	       "FF-A 1.0 partition information descriptor");

/** struct ffa_partition_info - FF-A 1.1 Table 13.37 (24 bytes, also 1.2). */
struct ffa_partition_info {
	uint16_t id;		 /* partition ID */
	uint16_t exec_ctx_count; /* execution contexts, or proxy ID (ID type 0b10) */
	uint32_t properties;	 /* FFA_PART_PROP_* */
	struct ffa_uuid uuid;	 /* UUID when a Nil UUID was asked for, else MBZ */
};
_Static_assert(sizeof(struct ffa_partition_info) == 24, "FF-A 1.1 Table 13.37");
_Static_assert(__builtin_offsetof(struct ffa_partition_info, properties) == 4,
	       "FF-A 1.1 Table 13.37");
_Static_assert(__builtin_offsetof(struct ffa_partition_info, uuid) == 8, "FF-A 1.1 Table 13.37");

/* ---------------------------------------------------------------------- */
/* Memory transaction descriptors (FF-A 1.0 §5.12; FF-A 1.1 Table 10.20)  */
/* ---------------------------------------------------------------------- */

/* clang-format off */
/* Memory access permissions byte (EMAD offset 2). */
#define FFA_DATA_ACCESS_MASK		0x3u
#define FFA_DATA_ACCESS_NOT_SPECIFIED	0x0u
#define FFA_DATA_ACCESS_RO		0x1u
#define FFA_DATA_ACCESS_RW		0x2u
#define FFA_DATA_ACCESS_RESERVED	0x3u
#define FFA_INSTR_ACCESS_SHIFT		2
#define FFA_INSTR_ACCESS_MASK		(0x3u << 2)
#define FFA_INSTR_ACCESS_NOT_SPECIFIED	(0x0u << 2)
#define FFA_INSTR_ACCESS_NX		(0x1u << 2)
#define FFA_INSTR_ACCESS_X		(0x2u << 2)
#define FFA_INSTR_ACCESS_RESERVED	(0x3u << 2)
#define FFA_MEM_PERM_RESERVED_MASK	0xf0u

/* Memory region attributes (8 bits in 1.0, 16 bits in 1.1+). */
#define FFA_MEM_ATTR_SHARE_MASK		0x3u
#define FFA_MEM_ATTR_NON_SHAREABLE	0x0u
#define FFA_MEM_ATTR_SHARE_RESERVED	0x1u
#define FFA_MEM_ATTR_OUTER_SHAREABLE	0x2u
#define FFA_MEM_ATTR_INNER_SHAREABLE	0x3u
#define FFA_MEM_ATTR_CACHE_MASK		(0x3u << 2)
#define FFA_MEM_ATTR_CACHE_RESERVED0	(0x0u << 2)
#define FFA_MEM_ATTR_NON_CACHEABLE	(0x1u << 2)
#define FFA_MEM_ATTR_CACHE_RESERVED2	(0x2u << 2)
#define FFA_MEM_ATTR_WRITE_BACK		(0x3u << 2)
#define FFA_MEM_ATTR_TYPE_MASK		(0x3u << 4)
#define FFA_MEM_ATTR_TYPE_NOT_SPECIFIED	(0x0u << 4)
#define FFA_MEM_ATTR_TYPE_DEVICE	(0x1u << 4)
#define FFA_MEM_ATTR_TYPE_NORMAL	(0x2u << 4)
#define FFA_MEM_ATTR_TYPE_RESERVED	(0x3u << 4)
#define FFA_MEM_ATTR_NS			(0x1u << 6)	/* 1.1+: MBZ from a sender */
#define FFA_MEM_ATTR_RESERVED_V1_0	0x80u		/* bit 7 */
#define FFA_MEM_ATTR_RESERVED_V1_1	0xff80u		/* bits 15:7 */
/* Normal memory, write-back, inner shareable: what SHARE normally names. */
#define FFA_MEM_ATTR_NORMAL_WB_IS	(FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_WRITE_BACK | \
					 FFA_MEM_ATTR_INNER_SHAREABLE)

/* Transaction descriptor flags (offset 4). */
#define FFA_MEM_FLAG_ZERO_MEMORY	(UINT32_C(1) << 0)
#define FFA_MEM_FLAG_TIME_SLICE		(UINT32_C(1) << 1)
#define FFA_MEM_FLAG_ZERO_AFTER_RELINQ	(UINT32_C(1) << 2)	/* retrieve only */
#define FFA_MEM_FLAG_TYPE_SHIFT		3			/* retrieve: 4:3 */
#define FFA_MEM_FLAG_TYPE_MASK		(UINT32_C(3) << 3)
#define FFA_MEM_FLAG_TYPE_SHARE		(UINT32_C(1) << 3)
#define FFA_MEM_FLAG_TYPE_LEND		(UINT32_C(2) << 3)
#define FFA_MEM_FLAG_TYPE_DONATE	(UINT32_C(3) << 3)
#define FFA_MEM_SEND_FLAGS_MASK		(FFA_MEM_FLAG_ZERO_MEMORY | FFA_MEM_FLAG_TIME_SLICE)
/* Retrieve request only: address range alignment hint 9:5, bypass multi-borrower check 10 (1.2). */
#define FFA_MEM_FLAG_HINT_SHIFT		5
#define FFA_MEM_FLAG_HINT_MASK		(UINT32_C(0xf) << 5)	/* n: align to 2^n * 4 KiB */
#define FFA_MEM_FLAG_HINT_VALID		(UINT32_C(1) << 9)
#define FFA_MEM_FLAG_BYPASS_BORROWERS	(UINT32_C(1) << 10)	/* 1.2 */
#define FFA_MEM_RETRIEVE_FLAGS_V1_0	UINT32_C(0x3ff)		/* bits 9:0 defined (1.0, 1.1) */
#define FFA_MEM_RETRIEVE_FLAGS_V1_2	UINT32_C(0x7ff)		/* bits 10:0 defined (1.2) */

/* EMAD flags byte (offset 3). */
#define FFA_EMAD_FLAG_NON_RETRIEVAL_BORROWER	0x1u
/* clang-format on */

/** struct ffa_mem_region_v1_0 - FF-A 1.0 Table 5.19: transaction descriptor header (32 bytes). */
struct ffa_mem_region_v1_0 {
	uint16_t sender_id;   /* owner's endpoint ID */
	uint8_t attributes;   /* memory region attributes (8 bits in 1.0) */
	uint8_t reserved_3;   /* Reserved, MBZ */
	uint32_t flags;	      /* FFA_MEM_FLAG_* */
	uint64_t handle;      /* 0 in DONATE/LEND/SHARE */
	uint64_t tag;	      /* implementation defined */
	uint32_t reserved_24; /* Reserved, MBZ */
	uint32_t emad_count;  /* endpoint memory access descriptors, from offset 32 */
};
_Static_assert(sizeof(struct ffa_mem_region_v1_0) == 32, "FF-A 1.0 Table 5.19");
_Static_assert(__builtin_offsetof(struct ffa_mem_region_v1_0, attributes) == 2,
	       "FF-A 1.0 Table 5.19");
_Static_assert(__builtin_offsetof(struct ffa_mem_region_v1_0, flags) == 4, "FF-A 1.0 Table 5.19");
_Static_assert(__builtin_offsetof(struct ffa_mem_region_v1_0, handle) == 8, "FF-A 1.0 Table 5.19");
_Static_assert(__builtin_offsetof(struct ffa_mem_region_v1_0, tag) == 16, "FF-A 1.0 Table 5.19");
_Static_assert(__builtin_offsetof(struct ffa_mem_region_v1_0, emad_count) == 28,
	       "FF-A 1.0 Table 5.19");

/**
 * struct ffa_mem_region - FF-A 1.1 Table 10.20 (also 1.2): transaction
 * descriptor header (48 bytes).
 */
struct ffa_mem_region {
	uint16_t sender_id;	 /* owner's endpoint ID */
	uint16_t attributes;	 /* memory region attributes, bits 15:7 MBZ */
	uint32_t flags;		 /* FFA_MEM_FLAG_* */
	uint64_t handle;	 /* 0 in DONATE/LEND/SHARE */
	uint64_t tag;		 /* implementation defined */
	uint32_t emad_size;	 /* size of each EMAD: 16 (1.1) or 32 (1.2) */
	uint32_t emad_count;	 /* number of EMADs */
	uint32_t emad_offset;	 /* offset of the EMAD array, 16-byte aligned */
	uint8_t reserved_36[12]; /* Reserved, MBZ */
};
_Static_assert(sizeof(struct ffa_mem_region) == 48, "FF-A 1.1 Table 10.20");
_Static_assert(__builtin_offsetof(struct ffa_mem_region, attributes) == 2, "FF-A 1.1 Table 10.20");
_Static_assert(__builtin_offsetof(struct ffa_mem_region, flags) == 4, "FF-A 1.1 Table 10.20");
_Static_assert(__builtin_offsetof(struct ffa_mem_region, handle) == 8, "FF-A 1.1 Table 10.20");
_Static_assert(__builtin_offsetof(struct ffa_mem_region, tag) == 16, "FF-A 1.1 Table 10.20");
_Static_assert(__builtin_offsetof(struct ffa_mem_region, emad_size) == 24, "FF-A 1.1 Table 10.20");
_Static_assert(__builtin_offsetof(struct ffa_mem_region, emad_count) == 28, "FF-A 1.1 Table 10.20");
_Static_assert(__builtin_offsetof(struct ffa_mem_region, emad_offset) == 32,
	       "FF-A 1.1 Table 10.20");
_Static_assert(__builtin_offsetof(struct ffa_mem_region, reserved_36) == 36,
	       "FF-A 1.1 Table 10.20");

/** struct ffa_mem_access_v1_0 - FF-A 1.0/1.1 endpoint memory access descriptor (16 bytes). */
struct ffa_mem_access_v1_0 {
	uint16_t receiver_id;	   /* borrower's endpoint ID */
	uint8_t permissions;	   /* FFA_DATA_ACCESS_* | FFA_INSTR_ACCESS_* */
	uint8_t flags;		   /* FFA_EMAD_FLAG_* */
	uint32_t composite_offset; /* from the start of the transaction descriptor */
	uint64_t reserved_8;	   /* Reserved, MBZ */
};
_Static_assert(sizeof(struct ffa_mem_access_v1_0) == 16,
	       "FF-A 1.1 endpoint memory access descriptor");
_Static_assert(__builtin_offsetof(struct ffa_mem_access_v1_0, permissions) == 2,
	       "FF-A 1.1 endpoint memory access descriptor");
_Static_assert(__builtin_offsetof(struct ffa_mem_access_v1_0, flags) == 3,
	       "FF-A 1.1 endpoint memory access descriptor");
_Static_assert(__builtin_offsetof(struct ffa_mem_access_v1_0, composite_offset) == 4,
	       "FF-A 1.1 endpoint memory access descriptor");
_Static_assert(__builtin_offsetof(struct ffa_mem_access_v1_0, reserved_8) == 8,
	       "FF-A 1.1 endpoint memory access descriptor");

/**
 * struct ffa_mem_access - FF-A 1.2 endpoint memory access descriptor
 * (32 bytes; memory management supplement Table 1.16).
 */
struct ffa_mem_access {
	uint16_t receiver_id;	   /* borrower's endpoint ID */
	uint8_t permissions;	   /* FFA_DATA_ACCESS_* | FFA_INSTR_ACCESS_* */
	uint8_t flags;		   /* FFA_EMAD_FLAG_* */
	uint32_t composite_offset; /* from the start of the transaction descriptor */
	uint8_t impdef[16];	   /* implementation defined, echoed by the retriever */
	uint64_t reserved_24;	   /* Reserved, MBZ */
};
_Static_assert(sizeof(struct ffa_mem_access) == 32, "FF-A 1.2 MM Table 1.16");
_Static_assert(__builtin_offsetof(struct ffa_mem_access, composite_offset) == 4,
	       "FF-A 1.2 MM Table 1.16");
_Static_assert(__builtin_offsetof(struct ffa_mem_access, impdef) == 8, "FF-A 1.2 MM Table 1.16");
_Static_assert(__builtin_offsetof(struct ffa_mem_access, reserved_24) == 24,
	       "FF-A 1.2 MM Table 1.16");

/** struct ffa_composite_mem_region - FF-A 1.1 Table 10.13 (16 bytes + constituents). */
struct ffa_composite_mem_region {
	uint32_t total_page_count;  /* sum of the constituents' page counts */
	uint32_t constituent_count; /* address ranges that follow */
	uint64_t reserved_8;	    /* Reserved, MBZ */
};
_Static_assert(sizeof(struct ffa_composite_mem_region) == 16, "FF-A 1.1 Table 10.13");
_Static_assert(__builtin_offsetof(struct ffa_composite_mem_region, constituent_count) == 4,
	       "FF-A 1.1 Table 10.13");
_Static_assert(__builtin_offsetof(struct ffa_composite_mem_region, reserved_8) == 8,
	       "FF-A 1.1 Table 10.13");

/** struct ffa_mem_range - FF-A 1.1 Table 10.14: constituent memory region (16 bytes). */
struct ffa_mem_range {
	uint64_t address;     /* 4 KiB aligned base */
	uint32_t page_count;  /* 4 KiB pages, non-zero */
	uint32_t reserved_12; /* Reserved, MBZ */
};
_Static_assert(sizeof(struct ffa_mem_range) == 16, "FF-A 1.1 Table 10.14");
_Static_assert(__builtin_offsetof(struct ffa_mem_range, page_count) == 8, "FF-A 1.1 Table 10.14");
_Static_assert(__builtin_offsetof(struct ffa_mem_range, reserved_12) == 12, "FF-A 1.1 Table 10.14");

/** struct ffa_mem_relinquish - FF-A 1.1 Table 16.25 header; 16-bit endpoint IDs follow. */
struct ffa_mem_relinquish {
	uint64_t handle;	 /* memory handle */
	uint32_t flags;		 /* bit 0 zero after relinquish, bit 1 time slicing */
	uint32_t endpoint_count; /* endpoint IDs that follow */
};
_Static_assert(sizeof(struct ffa_mem_relinquish) == 16, "FF-A 1.1 Table 16.25");

/** struct ffa_endpoint_rxtx_descriptor - FF-A 1.1 Table 13.27 (16 bytes). */
struct ffa_endpoint_rxtx_descriptor {
	uint16_t endpoint_id;	      /* VM ID */
	uint16_t reserved_2;	      /* Reserved, MBZ */
	uint32_t rx_composite_offset; /* composite descriptor of the RX buffer */
	uint32_t tx_composite_offset; /* composite descriptor of the TX buffer */
	uint32_t reserved_12;	      /* Reserved, MBZ */
};
_Static_assert(sizeof(struct ffa_endpoint_rxtx_descriptor) == 16, "FF-A 1.1 Table 13.27");

/* ---------------------------------------------------------------------- */
/* Partition message header for FFA_MSG_SEND2 (FF-A 1.1, extended in 1.2) */
/* ---------------------------------------------------------------------- */

/** struct ffa_msg_header_v1_1 - FF-A 1.1 partition message header (20 bytes). */
struct ffa_msg_header_v1_1 {
	uint32_t flags;		  /* Reserved, MBZ */
	uint32_t reserved_4;	  /* Reserved, MBZ */
	uint32_t payload_offset;  /* from the start of the buffer, >= header size */
	uint32_t sender_receiver; /* sender 31:16, receiver 15:0 */
	uint32_t payload_size;	  /* bytes */
};
_Static_assert(sizeof(struct ffa_msg_header_v1_1) == 20, "FF-A 1.1 partition message header");

/** struct ffa_msg_header - FF-A 1.2 partition message header (40 bytes). */
struct ffa_msg_header {
	uint32_t flags;		  /* Reserved, MBZ */
	uint32_t reserved_4;	  /* Reserved, MBZ */
	uint32_t payload_offset;  /* from the start of the buffer, >= header size */
	uint32_t sender_receiver; /* sender 31:16, receiver 15:0 */
	uint32_t payload_size;	  /* bytes */
	uint32_t reserved_20;	  /* Reserved, MBZ */
	struct ffa_uuid uuid;	  /* target service UUID (Nil allowed) */
};
_Static_assert(sizeof(struct ffa_msg_header) == 40, "FF-A 1.2 partition message header");
_Static_assert(__builtin_offsetof(struct ffa_msg_header, payload_offset) == 8,
	       "FF-A 1.2 partition message header");
_Static_assert(__builtin_offsetof(struct ffa_msg_header, sender_receiver) == 12,
	       "FF-A 1.2 partition message header");
_Static_assert(__builtin_offsetof(struct ffa_msg_header, payload_size) == 16,
	       "FF-A 1.2 partition message header");
_Static_assert(__builtin_offsetof(struct ffa_msg_header, uuid) == 24,
	       "FF-A 1.2 partition message header");

/* ---------------------------------------------------------------------- */
/* Reply builders                                                         */
/* ---------------------------------------------------------------------- */

/* Zero every register, then set x0: no stale value can survive into a reply. */
static inline void ffa_regs_clear(struct ffa_regs *r, uint64_t x0)
{
	ffa_memset(r, 0, sizeof(*r));
	r->x[0] = x0;
}

/* FFA_ERROR with w2 = code, zero-extended (w1 and w3-w7 zero). */
static inline void ffa_set_error(struct ffa_regs *r, int32_t code)
{
	ffa_regs_clear(r, FFA_ERROR);
	r->x[2] = (uint32_t)code;
}

static inline void ffa_set_success32(struct ffa_regs *r, uint32_t w2, uint32_t w3)
{
	ffa_regs_clear(r, FFA_SUCCESS_32);
	r->x[2] = w2;
	r->x[3] = w3;
}

static inline bool ffa_is_error(const struct ffa_regs *r, int32_t code)
{
	return (uint32_t)r->x[0] == FFA_ERROR && (int32_t)(uint32_t)r->x[2] == code;
}

static inline bool ffa_is_success(const struct ffa_regs *r)
{
	uint32_t w0 = (uint32_t)r->x[0];

	return w0 == FFA_SUCCESS_32 || w0 == FFA_SUCCESS_64;
}

#endif /* FFAPROXY_FFA_ABI_H */
