/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Symbolic names of .fv files (docs/vectors.md, "Lexical rules").
 *
 * Function names are generated from FFA_FUNCTIONS(), so the spelling follows
 * ffa_abi.h and nothing here repeats a function number:
 *   - FFA_<NAME> is the 32-bit form when the function has one, else its only
 *     (64-bit) form: FFA_MEM_SHARE = FFA_MEM_SHARE_32, FFA_MSG_SEND_DIRECT_REQ2
 *     = the 64-bit ID;
 *   - FFA_<NAME>_32 and FFA_<NAME>_64 name a width the function is defined
 *     in, and nothing else (FFA_VERSION_64 and FFA_ERROR_64 are unknown:
 *     FF-A 1.0-1.2 define no such functions).
 * Error names (NOT_SUPPORTED ... NO_DATA, from FFA_ERRORS()) are the negative
 * codes, as 64-bit two's complement; in a w register operand the low 32 bits
 * are what FFA_ERROR carries in w2.
 */
#include "fv_internal.h"

struct fv_function_name {
	const char *name; /* without FFA_ and without width suffix */
	uint8_t len;
	uint8_t widths; /* FFA_W32 / FFA_W64 */
	uint16_t fnum;
};

static const struct fv_function_name fv_functions[] = {
#define FV_X_FUNCTION(n, f, w, s) { #n, sizeof(#n) - 1, (w), (f) },
	FFA_FUNCTIONS(FV_X_FUNCTION)
#undef FV_X_FUNCTION
};

struct fv_error_name {
	const char *name;
	uint8_t len;
	int32_t code;
};

static const struct fv_error_name fv_errors[] = {
#define FV_X_ERROR(n, v) { #n, sizeof(#n) - 1, (v) },
	FFA_ERRORS(FV_X_ERROR)
#undef FV_X_ERROR
};

static bool fv_name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && !ffa_memcmp(a, b, alen);
}

static bool fv_lookup_function(const char *name, size_t len, uint64_t *value)
{
	static const char prefix[] = "FFA_";
	const size_t plen = sizeof(prefix) - 1;
	unsigned int width = 0;
	size_t i;

	if (len <= plen || ffa_memcmp(name, prefix, plen))
		return false;
	name += plen;
	len -= plen;

	/* An exact match first: the plain name. */
	for (i = 0; i < FFA_ARRAY_SIZE(fv_functions); i++) {
		const struct fv_function_name *f = &fv_functions[i];

		if (!fv_name_eq(name, len, f->name, f->len))
			continue;
		*value = (f->widths & FFA_W32) ? FFA_FID_32(f->fnum) : FFA_FID_64(f->fnum);
		return true;
	}

	/* Then NAME_32 / NAME_64, for a width the function has. */
	if (len > 3 && name[len - 3] == '_') {
		if (name[len - 2] == '3' && name[len - 1] == '2')
			width = FFA_W32;
		else if (name[len - 2] == '6' && name[len - 1] == '4')
			width = FFA_W64;
	}
	if (!width)
		return false;
	len -= 3;
	for (i = 0; i < FFA_ARRAY_SIZE(fv_functions); i++) {
		const struct fv_function_name *f = &fv_functions[i];

		if (!fv_name_eq(name, len, f->name, f->len) || !(f->widths & width))
			continue;
		*value = width == FFA_W32 ? FFA_FID_32(f->fnum) : FFA_FID_64(f->fnum);
		return true;
	}
	return false;
}

bool fv_lookup_name(const char *name, size_t len, uint64_t *value)
{
	size_t i;

	for (i = 0; i < FFA_ARRAY_SIZE(fv_errors); i++) {
		if (fv_name_eq(name, len, fv_errors[i].name, fv_errors[i].len)) {
			/* Sign-extend: -2 is 0xfffffffffffffffe. */
			*value = (uint64_t)(int64_t)fv_errors[i].code;
			return true;
		}
	}
	return fv_lookup_function(name, len, value);
}

bool fv_fid_name(struct fv_str *s, uint32_t fid)
{
	const struct ffa_function_info *info;
	unsigned int width;

	fid &= ~SMCCC_SVE_HINT;
	if (!ffa_fid_is_ffa(fid))
		return false;
	info = ffa_function_lookup(fid & SMCCC_FNUM_MASK);
	if (!info)
		return false;
	width = smccc_is_64(fid) ? FFA_W64 : FFA_W32;
	if (!(info->widths & width))
		return false;

	fv_str_puts(s, "FFA_");
	fv_str_puts(s, info->name);
	/* The spec writes the width only for functions defined in both. */
	if (info->widths == FFA_W32_64)
		fv_str_puts(s, width == FFA_W64 ? "_64" : "_32");
	return true;
}
