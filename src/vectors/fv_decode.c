/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * One readable line per FF-A register set, for traces, failure messages and
 * `ffa-sim decode`: the function's name, then its fields as the ABI defines
 * them (docs/reference/ffa-abi.md §12), e.g.
 *   FFA_RXTX_MAP_64 tx=0x80020000 rx=0x80021000 pages=1
 *   FFA_MSG_SEND_DIRECT_REQ_64 sender=0x0 receiver=0x8001 payload=0x11,0x22
 *   FFA_SUCCESS_32 count=2 size=24
 *   FFA_ERROR INVALID_PARAMETERS
 * Any register the decoder does not consume but which is not zero is shown
 * raw at the end ("x9=0x1"), as are non-zero upper halves of registers a
 * 32-bit function reads as w registers: a line never hides a non-zero bit.
 */
#include "fv_internal.h"

/** struct fv_dec - one line being decoded. */
struct fv_dec {
	struct fv_str *s;
	const struct ffa_regs *r;
	bool is64;     /* SMC64 function: fields are x registers */
	uint32_t used; /* bit N: register N has been shown */
};

static uint64_t fv_dec_reg(struct fv_dec *d, unsigned int n)
{
	d->used |= 1u << n;
	return d->is64 ? d->r->x[n] : (uint32_t)d->r->x[n];
}

static void fv_dec_label(struct fv_dec *d, const char *label)
{
	fv_str_putc(d->s, ' ');
	fv_str_puts(d->s, label);
	fv_str_putc(d->s, '=');
}

static void fv_dec_hex(struct fv_dec *d, const char *label, unsigned int n)
{
	fv_dec_label(d, label);
	fv_str_hex(d->s, fv_dec_reg(d, n));
}

static void fv_dec_dec(struct fv_dec *d, const char *label, unsigned int n)
{
	fv_dec_label(d, label);
	fv_str_udec(d->s, fv_dec_reg(d, n));
}

/* Optional field: shown only when non-zero. */
static void fv_dec_hex_nz(struct fv_dec *d, const char *label, unsigned int n)
{
	if (fv_dec_reg(d, n))
		fv_dec_hex(d, label, n);
}

static void fv_dec_value(struct fv_dec *d, const char *label, uint64_t v)
{
	fv_dec_label(d, label);
	fv_str_hex(d->s, v);
}

/* Sender 31:16, receiver 15:0 (reference/ffa-abi.md §2.3). */
static void fv_dec_pair(struct fv_dec *d, unsigned int n)
{
	uint32_t w = (uint32_t)fv_dec_reg(d, n);

	fv_dec_value(d, "sender", ffa_sender(w));
	fv_dec_value(d, "receiver", ffa_receiver(w));
}

/* Endpoint 31:16, vCPU 15:0 (FFA_RUN, FFA_INTERRUPT, FFA_YIELD). */
static void fv_dec_target(struct fv_dec *d, unsigned int n)
{
	uint32_t w = (uint32_t)fv_dec_reg(d, n);

	fv_dec_value(d, "target", ffa_target_id(w));
	fv_dec_label(d, "vcpu");
	fv_str_udec(d->s, ffa_target_vcpu(w));
}

static void fv_dec_handle(struct fv_dec *d, unsigned int lo, unsigned int hi)
{
	uint32_t l = (uint32_t)fv_dec_reg(d, lo);
	uint32_t h = (uint32_t)fv_dec_reg(d, hi);

	fv_dec_value(d, "handle", ffa_handle_make(l, h));
}

static void fv_dec_bitmap(struct fv_dec *d, const char *label, unsigned int lo, unsigned int hi)
{
	uint32_t l = (uint32_t)fv_dec_reg(d, lo);
	uint32_t h = (uint32_t)fv_dec_reg(d, hi);

	fv_dec_value(d, label, ((uint64_t)h << 32) | l);
}

/* Registers @from..@to as one list, trailing zero registers left out. */
static void fv_dec_payload(struct fv_dec *d, unsigned int from, unsigned int to)
{
	unsigned int last = from, n;

	for (n = from; n <= to; n++)
		if (fv_dec_reg(d, n))
			last = n;
	fv_dec_label(d, "payload");
	for (n = from; n <= last; n++) {
		if (n != from)
			fv_str_putc(d->s, ',');
		fv_str_hex(d->s, d->is64 ? d->r->x[n] : (uint32_t)d->r->x[n]);
	}
}

static void fv_dec_uuid_w4(struct fv_dec *d, unsigned int first)
{
	struct ffa_uuid u;
	uint32_t w[4];
	unsigned int i;

	for (i = 0; i < 4; i++)
		w[i] = (uint32_t)fv_dec_reg(d, first + i);
	ffa_uuid_from_w4(&u, w);
	fv_dec_label(d, "uuid");
	fv_str_uuid(d->s, &u);
}

static void fv_dec_uuid_x2(struct fv_dec *d, unsigned int lo, unsigned int hi)
{
	struct ffa_uuid u;

	ffa_uuid_from_x2(&u, d->r->x[lo], d->r->x[hi]);
	d->used |= (1u << lo) | (1u << hi);
	fv_dec_label(d, "uuid");
	fv_str_uuid(d->s, &u);
}

/* Whatever was not shown yet and is not zero. */
static void fv_dec_rest(struct fv_dec *d)
{
	unsigned int n;

	for (n = 1; n < FFA_REG_COUNT; n++) {
		uint64_t v = d->r->x[n];
		bool used = d->used & (1u << n);

		if (!v || (used && (d->is64 || !(v >> 32))))
			continue;
		/* Unused: show it; used as a w register: show the dropped upper half too. */
		fv_str_putc(d->s, ' ');
		fv_str_putc(d->s, (!d->is64 && n < 8 && !(v >> 32)) ? 'w' : 'x');
		fv_str_udec(d->s, n);
		fv_str_putc(d->s, '=');
		fv_str_hex(d->s, v);
	}
}

/* The function name (or the raw x0), plus anything odd about x0 itself. */
static bool fv_dec_name(struct fv_dec *d)
{
	uint64_t x0 = d->r->x[0];
	uint32_t fid = (uint32_t)x0;
	bool known = fv_fid_name(d->s, fid);

	if (!known) {
		fv_str_hex(d->s, x0);
		fv_str_puts(d->s, ffa_fid_is_ffa(fid & ~SMCCC_SVE_HINT) ?
					  " (unknown FF-A function)" :
					  " (not FF-A)");
		return false;
	}
	if (fid & SMCCC_SVE_HINT)
		fv_str_puts(d->s, " sve-hint");
	if (x0 >> 32)
		fv_dec_value(d, "x0[63:32]", x0 >> 32);
	return true;
}

static void fv_dec_features_id(struct fv_dec *d)
{
	uint32_t id = (uint32_t)fv_dec_reg(d, 1);

	if (id & FFA_FEATURES_FUNC_ID_BIT) {
		fv_str_puts(d->s, " function=");
		if (!fv_fid_name(d->s, id))
			fv_str_hex(d->s, id);
		return;
	}
	fv_str_puts(d->s, " feature=");
	switch (id) {
	case FFA_FEATURE_NPI:
		fv_str_puts(d->s, "NPI");
		break;
	case FFA_FEATURE_SRI:
		fv_str_puts(d->s, "SRI");
		break;
	case FFA_FEATURE_MEI:
		fv_str_puts(d->s, "MEI");
		break;
	default:
		fv_str_hex(d->s, id);
		break;
	}
}

/* The fields of a call, or of a reply that is itself an FF-A call (RESP, RUN...). */
static void fv_dec_fields(struct fv_dec *d)
{
	uint32_t fnum = (uint32_t)d->r->x[0] & SMCCC_FNUM_MASK;
	uint32_t w;

	switch (fnum) {
	case FFA_FNUM_ERROR:
		fv_str_putc(d->s, ' ');
		fv_str_error(d->s, (int32_t)(uint32_t)fv_dec_reg(d, 2));
		fv_dec_hex_nz(d, "target", 1);
		break;
	case FFA_FNUM_INTERRUPT:
		fv_dec_target(d, 1);
		fv_dec_hex_nz(d, "interrupt", 2);
		break;
	case FFA_FNUM_VERSION:
		w = (uint32_t)fv_dec_reg(d, 1);
		fv_dec_label(d, "version");
		if (w & FFA_VERSION_MBZ_BIT)
			fv_str_hex(d->s, w);
		else
			fv_str_version(d->s, w);
		break;
	case FFA_FNUM_FEATURES:
		fv_dec_features_id(d);
		fv_dec_hex_nz(d, "properties", 2);
		break;
	case FFA_FNUM_RX_RELEASE:
	case FFA_FNUM_RX_ACQUIRE:
		fv_dec_hex_nz(d, "id", 1);
		break;
	case FFA_FNUM_RXTX_MAP:
		fv_dec_hex(d, "tx", 1);
		fv_dec_hex(d, "rx", 2);
		fv_dec_dec(d, "pages", 3);
		break;
	case FFA_FNUM_RXTX_UNMAP:
		w = (uint32_t)fv_dec_reg(d, 1);
		if (w)
			fv_dec_value(d, "id", ffa_sender(w));
		break;
	case FFA_FNUM_PARTITION_INFO_GET:
		fv_dec_uuid_w4(d, 1);
		if (fv_dec_reg(d, 5) == FFA_PARTITION_INFO_GET_COUNT_ONLY)
			fv_str_puts(d->s, " count-only");
		else
			fv_dec_hex_nz(d, "flags", 5);
		break;
	case FFA_FNUM_PARTITION_INFO_GET_REGS:
		fv_dec_uuid_x2(d, 1, 2);
		fv_dec_label(d, "start");
		fv_str_udec(d->s, fv_dec_reg(d, 3) & FFA_PART_REGS_START_INDEX_MASK);
		fv_dec_label(d, "tag");
		fv_str_udec(d->s, (d->r->x[3] >> FFA_PART_REGS_TAG_SHIFT) & FFA_PART_REGS_TAG_MASK);
		if (d->r->x[3] >> 32)
			fv_dec_value(d, "x3", d->r->x[3]);
		break;
	case FFA_FNUM_MSG_WAIT:
		fv_dec_hex_nz(d, "flags", 2);
		break;
	case FFA_FNUM_YIELD:
		fv_dec_hex_nz(d, "target", 1);
		if (fv_dec_reg(d, 2) || fv_dec_reg(d, 3))
			fv_dec_bitmap(d, "timeout", 2, 3);
		break;
	case FFA_FNUM_RUN:
		fv_dec_target(d, 1);
		break;
	case FFA_FNUM_MSG_SEND:
		fv_dec_pair(d, 1);
		fv_dec_dec(d, "size", 3);
		fv_dec_hex_nz(d, "attributes", 4);
		break;
	case FFA_FNUM_MSG_SEND_DIRECT_REQ:
	case FFA_FNUM_MSG_SEND_DIRECT_RESP:
		fv_dec_pair(d, 1);
		w = (uint32_t)fv_dec_reg(d, 2);
		if (w & FFA_MSG_FLAG_FRAMEWORK)
			fv_dec_value(d, "framework", w & FFA_MSG_FRAMEWORK_TYPE_MASK);
		fv_dec_payload(d, 3, 7);
		break;
	case FFA_FNUM_MSG_SEND_DIRECT_REQ2:
		fv_dec_pair(d, 1);
		fv_dec_uuid_x2(d, 2, 3);
		fv_dec_payload(d, 4, 17);
		break;
	case FFA_FNUM_MSG_SEND_DIRECT_RESP2:
		fv_dec_pair(d, 1);
		fv_dec_payload(d, 4, 17);
		break;
	case FFA_FNUM_MEM_DONATE:
	case FFA_FNUM_MEM_LEND:
	case FFA_FNUM_MEM_SHARE:
	case FFA_FNUM_MEM_RETRIEVE_REQ:
		fv_dec_dec(d, "length", 1);
		fv_dec_dec(d, "fragment", 2);
		if (fv_dec_reg(d, 3) || fv_dec_reg(d, 4)) {
			fv_dec_hex(d, "buffer", 3);
			fv_dec_dec(d, "pages", 4);
		}
		break;
	case FFA_FNUM_MEM_RETRIEVE_RESP:
		fv_dec_dec(d, "length", 1);
		fv_dec_dec(d, "fragment", 2);
		break;
	case FFA_FNUM_MEM_RECLAIM:
		fv_dec_handle(d, 1, 2);
		fv_dec_hex_nz(d, "flags", 3);
		break;
	case FFA_FNUM_MEM_OP_PAUSE:
	case FFA_FNUM_MEM_OP_RESUME:
		fv_dec_handle(d, 1, 2);
		break;
	case FFA_FNUM_MEM_FRAG_RX:
	case FFA_FNUM_MEM_FRAG_TX:
		fv_dec_handle(d, 1, 2);
		fv_dec_dec(d, fnum == FFA_FNUM_MEM_FRAG_RX ? "offset" : "length", 3);
		w = (uint32_t)fv_dec_reg(d, 4);
		if (w)
			fv_dec_value(d, "sender", w >> FFA_MEM_FRAG_SENDER_SHIFT);
		break;
	case FFA_FNUM_NOTIFICATION_BITMAP_CREATE:
		fv_dec_hex(d, "vm", 1);
		fv_dec_dec(d, "vcpus", 2);
		break;
	case FFA_FNUM_NOTIFICATION_BITMAP_DESTROY:
		fv_dec_hex(d, "vm", 1);
		break;
	case FFA_FNUM_NOTIFICATION_BIND:
	case FFA_FNUM_NOTIFICATION_UNBIND:
	case FFA_FNUM_NOTIFICATION_SET:
		fv_dec_pair(d, 1);
		fv_dec_hex_nz(d, "flags", 2);
		fv_dec_bitmap(d, "bitmap", 3, 4);
		break;
	case FFA_FNUM_NOTIFICATION_GET:
		w = (uint32_t)fv_dec_reg(d, 1);
		fv_dec_value(d, "receiver", ffa_receiver(w));
		fv_dec_label(d, "vcpu");
		fv_str_udec(d->s, w >> FFA_NOTIFICATION_VCPU_SHIFT);
		fv_dec_hex(d, "flags", 2);
		break;
	case FFA_FNUM_MSG_SEND2:
		w = (uint32_t)fv_dec_reg(d, 1);
		if (w)
			fv_dec_value(d, "sender", ffa_sender(w));
		fv_dec_hex_nz(d, "flags", 2);
		break;
	case FFA_FNUM_SECONDARY_EP_REGISTER:
		fv_dec_hex(d, "entry", 1);
		break;
	case FFA_FNUM_MEM_PERM_GET:
		fv_dec_hex(d, "va", 1);
		break;
	case FFA_FNUM_MEM_PERM_SET:
		fv_dec_hex(d, "va", 1);
		fv_dec_dec(d, "pages", 2);
		fv_dec_hex(d, "perms", 3);
		break;
	case FFA_FNUM_CONSOLE_LOG:
		fv_dec_label(d, "chars");
		/* The character count is w1[7:0] (reference/ffa-abi.md §6.6). */
		fv_str_udec(d->s, (uint8_t)fv_dec_reg(d, 1));
		break;
	default:
		/* No arguments (ID_GET, SPM_ID_GET, RELINQUISH, INFO_GET...): all MBZ. */
		break;
	}
}

size_t fv_decode_call(const struct ffa_regs *r, char *buf, size_t len)
{
	struct fv_str s;
	struct fv_dec d = { .s = &s, .r = r, .is64 = smccc_is_64((uint32_t)r->x[0]) };

	fv_str_init(&s, buf, len);
	if (fv_dec_name(&d))
		fv_dec_fields(&d);
	fv_dec_rest(&d);
	return s.len;
}

/* FFA_SUCCESS: what its registers mean depends on the call it answers. */
static void fv_dec_success(struct fv_dec *d, uint32_t call_fid)
{
	uint64_t x2;

	fv_dec_hex_nz(d, "target", 1);
	switch (call_fid & SMCCC_FNUM_MASK) {
	case FFA_FNUM_PARTITION_INFO_GET:
		fv_dec_dec(d, "count", 2);
		fv_dec_dec(d, "size", 3);
		break;
	case FFA_FNUM_ID_GET:
	case FFA_FNUM_SPM_ID_GET:
		fv_dec_hex(d, "id", 2);
		break;
	case FFA_FNUM_FEATURES:
		fv_dec_hex_nz(d, "properties", 2);
		break;
	case FFA_FNUM_MEM_DONATE:
	case FFA_FNUM_MEM_LEND:
	case FFA_FNUM_MEM_SHARE:
		fv_dec_handle(d, 2, 3);
		break;
	case FFA_FNUM_NOTIFICATION_GET:
		fv_dec_bitmap(d, "sp", 2, 3);
		fv_dec_bitmap(d, "vm", 4, 5);
		fv_dec_hex(d, "spm", 6);
		fv_dec_hex(d, "hyp", 7);
		break;
	case FFA_FNUM_NOTIFICATION_INFO_GET:
		x2 = fv_dec_reg(d, 2);
		fv_dec_label(d, "lists");
		fv_str_udec(d->s, (x2 >> FFA_NOTIF_INFO_LIST_COUNT_SHIFT) &
					  FFA_NOTIF_INFO_LIST_COUNT_MASK);
		if (x2 & FFA_NOTIF_INFO_MORE_PENDING)
			fv_str_puts(d->s, " more-pending");
		d->used &= ~(1u << 2);
		/* x2 is shown raw too: the list sizes are in it. */
		break;
	case FFA_FNUM_PARTITION_INFO_GET_REGS:
		x2 = d->r->x[2];
		d->used |= 1u << 2;
		fv_dec_value(d, "last", (uint16_t)(x2 >> FFA_PART_REGS_LAST_INDEX_SHIFT));
		fv_dec_value(d, "current", (uint16_t)(x2 >> FFA_PART_REGS_CUR_INDEX_SHIFT));
		fv_dec_value(d, "tag", (uint16_t)(x2 >> FFA_PART_REGS_REPLY_TAG_SHIFT));
		fv_dec_label(d, "size");
		fv_str_udec(d->s, x2 >> FFA_PART_REGS_DESC_SIZE_SHIFT);
		break;
	case FFA_FNUM_MEM_PERM_GET:
		fv_dec_hex(d, "perms", 2);
		fv_dec_label(d, "pages");
		fv_str_udec(d->s, fv_dec_reg(d, 3) + 1);
		break;
	default:
		break;
	}
}

size_t fv_decode_reply(uint32_t call_fid, const struct ffa_regs *r, char *buf, size_t len)
{
	struct fv_str s;
	struct fv_dec d = { .s = &s, .r = r, .is64 = smccc_is_64((uint32_t)r->x[0]) };
	uint32_t w0 = (uint32_t)r->x[0];

	fv_str_init(&s, buf, len);
	call_fid &= ~SMCCC_SVE_HINT;

	/* FFA_VERSION answers a bare version, or NOT_SUPPORTED in w0 (ffa-abi.md §2.1). */
	if (call_fid == FFA_VERSION && !(w0 & FFA_VERSION_MBZ_BIT)) {
		fv_str_puts(&s, "version=");
		fv_str_version(&s, w0);
		if (r->x[0] >> 32)
			fv_dec_value(&d, "x0[63:32]", r->x[0] >> 32);
		fv_dec_rest(&d);
		return s.len;
	}
	/* SMCCC §5.2: -1 in w0 is "unknown function" (FFA_VERSION: not supported). */
	if (w0 == (uint32_t)FFA_NOT_SUPPORTED) {
		fv_str_puts(&s, "NOT_SUPPORTED");
		if (r->x[0] != SMCCC_RET_NOT_SUPPORTED)
			fv_dec_value(&d, "x0", r->x[0]);
		d.is64 = true;
		fv_dec_rest(&d);
		return s.len;
	}
	if (!fv_dec_name(&d)) {
		fv_dec_rest(&d);
		return s.len;
	}
	if (w0 == FFA_SUCCESS_32 || w0 == FFA_SUCCESS_64)
		fv_dec_success(&d, call_fid);
	else
		fv_dec_fields(&d);
	fv_dec_rest(&d);
	return s.len;
}
