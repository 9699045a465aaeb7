/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Internal interfaces of the .fv interpreter: a bounded text builder (the
 * interpreter has no printf), function-ID names, and the streaming encoder
 * behind the `desc` directive.
 */
#ifndef FFAPROXY_FV_INTERNAL_H
#define FFAPROXY_FV_INTERNAL_H

#include "fv.h"

/* ---------------------------------------------------------------------- */
/* Text builder (fv_fmt.c)                                                */
/* ---------------------------------------------------------------------- */

/**
 * struct fv_str - appends text to a fixed buffer, truncating silently.
 * The buffer is always NUL-terminated (when @cap > 0); @len never exceeds
 * @cap - 1, so a message that does not fit is cut short, never overrun.
 */
struct fv_str {
	char *buf;
	size_t cap;
	size_t len;
};

void fv_str_init(struct fv_str *s, char *buf, size_t cap);
void fv_str_putc(struct fv_str *s, char c);
void fv_str_putn(struct fv_str *s, const char *p, size_t n);
void fv_str_puts(struct fv_str *s, const char *z);
/* "0x" and lower-case hex digits without leading zeros: 0x0, 0x8001. */
void fv_str_hex(struct fv_str *s, uint64_t v);
/* Exactly two hex digits, no prefix: one byte of a hex dump. */
void fv_str_hex8(struct fv_str *s, uint8_t v);
void fv_str_udec(struct fv_str *s, uint64_t v);
void fv_str_sdec(struct fv_str *s, int64_t v);
/* "1.2" for FFA_VERSION_1_2. */
void fv_str_version(struct fv_str *s, uint32_t version);
/* The canonical text form, bytes in text order: "a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8". */
void fv_str_uuid(struct fv_str *s, const struct ffa_uuid *u);
/* An FF-A error code: its name, or the signed decimal value when unknown. */
void fv_str_error(struct fv_str *s, int32_t code);

/* ---------------------------------------------------------------------- */
/* Names (fv_names.c)                                                     */
/* ---------------------------------------------------------------------- */

/**
 * fv_fid_name() - append the spec's name of function ID @fid ("FFA_SUCCESS_32",
 * "FFA_VERSION", "FFA_MSG_SEND_DIRECT_REQ2"), ignoring the SMCCC SVE hint.
 * Return: false, with nothing appended, when @fid names no FF-A 1.0-1.2
 * function in that width.
 */
bool fv_fid_name(struct fv_str *s, uint32_t fid);

/* ---------------------------------------------------------------------- */
/* Memory transaction descriptor encoder (fv_desc.c)                      */
/* ---------------------------------------------------------------------- */

/* Bytes the encoder gathers before each fv_plat_mem_write(). */
#define FV_DESC_CHUNK 512

/**
 * struct fv_desc_header - the fields of a memory transaction descriptor
 * (FF-A 1.0 Table 5.19, FF-A 1.2 Table 10.20) that `desc` can set.
 * @version:          FFA_VERSION_1_0, _1_1 or _1_2: selects the layout
 * @attributes:       16 bits; at 1.0 the high byte lands in the reserved
 *                    byte 3, so a vector can set that MBZ byte on purpose
 * @receiver_count:   EMADs that will follow
 * @range_count:      constituents that will follow
 */
struct fv_desc_header {
	uint32_t version;
	uint16_t sender;
	uint16_t attributes;
	uint32_t flags;
	uint64_t handle;
	uint64_t tag;
	uint32_t receiver_count;
	uint64_t range_count;
};

/**
 * struct fv_desc_layout - where each part of a descriptor goes.
 * @header_size:      32 (1.0) or 48 (1.1, 1.2)
 * @emad_offset:      start of the EMAD array
 * @emad_size:        16 (1.0, 1.1) or 32 (1.2)
 * @composite_offset: the composite descriptor: the 8-byte aligned offset after
 *                    the EMADs (reference/ffa-abi.md §10.6)
 * @length:           total length of the descriptor in bytes
 */
struct fv_desc_layout {
	uint32_t header_size;
	uint32_t emad_offset;
	uint32_t emad_size;
	uint64_t composite_offset;
	uint64_t length;
};

/**
 * struct fv_desc_writer - streams a descriptor into host memory.
 *
 * The caller knows the counts up front (the parser counts the lists in its
 * validation pass), so the descriptor is written front to back in fixed-size
 * chunks: no array of ranges is ever held, whatever the count.
 * Call order: fv_desc_begin(), fv_desc_emad() once per receiver,
 * fv_desc_composite(), fv_desc_range() once per range, fv_desc_end().
 */
struct fv_desc_writer {
	struct fv_plat *plat;
	uint64_t addr;	    /* where byte 0 of the descriptor goes */
	uint64_t max_bytes; /* bytes actually written: at most this many */
	uint64_t offset;    /* bytes produced so far */
	uint64_t flushed;   /* bytes handed to fv_plat_mem_write() so far */
	struct fv_desc_layout layout;
	uint32_t version;
	bool failed;	    /* fv_plat_mem_write() refused a chunk */
	uint64_t failed_at; /* its address */
	uint8_t chunk[FV_DESC_CHUNK];
	size_t chunk_len;
};

/** fv_desc_compute_layout() - sizes and offsets of a descriptor. */
void fv_desc_compute_layout(uint32_t version, uint32_t receiver_count, uint64_t range_count,
			    struct fv_desc_layout *l);

void fv_desc_begin(struct fv_desc_writer *w, struct fv_plat *plat, uint64_t addr,
		   uint64_t max_bytes, const struct fv_desc_header *h);
/* One EMAD. @composite_offset is written as given (the caller may lie). */
void fv_desc_emad(struct fv_desc_writer *w, uint16_t receiver, uint8_t permissions,
		  uint32_t composite_offset);
void fv_desc_composite(struct fv_desc_writer *w, uint32_t total_pages, uint32_t constituent_count);
void fv_desc_range(struct fv_desc_writer *w, uint64_t address, uint32_t page_count);
/**
 * fv_desc_end() - write what is left.
 * Return: 0, or -1 if host memory refused a write (*bad_addr says where).
 */
int fv_desc_end(struct fv_desc_writer *w, uint64_t *bad_addr);

#endif /* FFAPROXY_FV_INTERNAL_H */
