/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * The `desc` encoder: a memory transaction descriptor for FFA_MEM_SHARE,
 * FFA_MEM_LEND and FFA_MEM_DONATE, in the layout of FF-A 1.0 (Table 5.19) or
 * FF-A 1.1/1.2 (Table 10.20), streamed into host memory.
 *
 * Layout (docs/reference/ffa-abi.md §10):
 *   header      32 bytes (1.0) / 48 bytes (1.1, 1.2; EMAD offset field = 48)
 *   EMADs       16 bytes each (1.0, 1.1) / 32 bytes each (1.2)
 *   composite   16 bytes, at the first 8-byte aligned offset after the EMADs
 *   constituents 16 bytes each
 * Every field is little-endian. Reserved fields and the 1.2 EMAD's
 * implementation-defined value are written as zero.
 *
 * The writer never holds more than one chunk: a descriptor with hundreds of
 * thousands of constituents costs the same stack as one with a single range.
 */
#include "fv_internal.h"

/* clang-format off */
#define FV_DESC_HEADER_V1_0	sizeof(struct ffa_mem_region_v1_0)
#define FV_DESC_HEADER_V1_1	sizeof(struct ffa_mem_region)
#define FV_DESC_EMAD_V1_0	sizeof(struct ffa_mem_access_v1_0)
#define FV_DESC_EMAD_V1_2	sizeof(struct ffa_mem_access)
#define FV_DESC_COMPOSITE	sizeof(struct ffa_composite_mem_region)
#define FV_DESC_RANGE		sizeof(struct ffa_mem_range)
/* The largest single item the writer emits: the 1.1 header. */
#define FV_DESC_ITEM_MAX	FV_DESC_HEADER_V1_1
/* clang-format on */

_Static_assert(FV_DESC_CHUNK >= FV_DESC_ITEM_MAX, "a chunk holds any single item");

void fv_desc_compute_layout(uint32_t version, uint32_t receiver_count, uint64_t range_count,
			    struct fv_desc_layout *l)
{
	uint64_t end_of_emads;

	if (version == FFA_VERSION_1_0) {
		/* FF-A 1.0: the EMAD array always starts right after the 32-byte header. */
		l->header_size = FV_DESC_HEADER_V1_0;
		l->emad_size = FV_DESC_EMAD_V1_0;
	} else {
		l->header_size = FV_DESC_HEADER_V1_1;
		/* FF-A 1.2 Table 10.16: the EMAD grew to 32 bytes (impdef value) in 1.2. */
		l->emad_size = version == FFA_VERSION_1_1 ? FV_DESC_EMAD_V1_0 : FV_DESC_EMAD_V1_2;
	}
	l->emad_offset = l->header_size;
	end_of_emads = (uint64_t)l->emad_offset + (uint64_t)receiver_count * l->emad_size;
	l->composite_offset = (end_of_emads + 7) & ~UINT64_C(7);
	/* range_count < 2^60 in any caller (it is counted from text): no overflow. */
	l->length = l->composite_offset + FV_DESC_COMPOSITE + range_count * FV_DESC_RANGE;
}

static void fv_desc_flush(struct fv_desc_writer *w)
{
	size_t n = w->chunk_len;

	w->chunk_len = 0;
	/* max-bytes: the part past the limit is produced (for $len) but not written. */
	if (w->flushed >= w->max_bytes)
		n = 0;
	else if (n > w->max_bytes - w->flushed)
		n = (size_t)(w->max_bytes - w->flushed);
	if (n && !w->failed && fv_plat_mem_write(w->plat, w->addr + w->flushed, w->chunk, n)) {
		w->failed = true;
		w->failed_at = w->addr + w->flushed;
	}
	w->flushed = w->offset;
}

/* Room for @n more bytes in the chunk, zeroed; returns where they start. */
static uint8_t *fv_desc_reserve(struct fv_desc_writer *w, size_t n)
{
	uint8_t *p;

	if (w->chunk_len + n > sizeof(w->chunk))
		fv_desc_flush(w);
	p = &w->chunk[w->chunk_len];
	ffa_memset(p, 0, n);
	w->chunk_len += n;
	w->offset += n;
	return p;
}

static void fv_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void fv_put64(uint8_t *p, uint64_t v)
{
	ffa_put_le32(p, (uint32_t)v);
	ffa_put_le32(p + 4, (uint32_t)(v >> 32));
}

void fv_desc_begin(struct fv_desc_writer *w, struct fv_plat *plat, uint64_t addr,
		   uint64_t max_bytes, const struct fv_desc_header *h)
{
	uint8_t *p;

	w->plat = plat;
	w->addr = addr;
	w->max_bytes = max_bytes;
	w->offset = 0;
	w->flushed = 0;
	w->version = h->version;
	w->failed = false;
	w->failed_at = 0;
	w->chunk_len = 0;
	fv_desc_compute_layout(h->version, h->receiver_count, h->range_count, &w->layout);

	p = fv_desc_reserve(w, w->layout.header_size);
	fv_put16(p + __builtin_offsetof(struct ffa_mem_region, sender_id), h->sender);
	fv_put16(p + __builtin_offsetof(struct ffa_mem_region, attributes), h->attributes);
	ffa_put_le32(p + __builtin_offsetof(struct ffa_mem_region, flags), h->flags);
	fv_put64(p + __builtin_offsetof(struct ffa_mem_region, handle), h->handle);
	fv_put64(p + __builtin_offsetof(struct ffa_mem_region, tag), h->tag);
	if (h->version == FFA_VERSION_1_0) {
		/* 1.0: attributes are 8 bits; byte 3 and bytes 24-27 are reserved. */
		ffa_put_le32(p + __builtin_offsetof(struct ffa_mem_region_v1_0, emad_count),
			     h->receiver_count);
		return;
	}
	ffa_put_le32(p + __builtin_offsetof(struct ffa_mem_region, emad_size), w->layout.emad_size);
	ffa_put_le32(p + __builtin_offsetof(struct ffa_mem_region, emad_count), h->receiver_count);
	ffa_put_le32(p + __builtin_offsetof(struct ffa_mem_region, emad_offset),
		     w->layout.emad_offset);
}

void fv_desc_emad(struct fv_desc_writer *w, uint16_t receiver, uint8_t permissions,
		  uint32_t composite_offset)
{
	uint8_t *p = fv_desc_reserve(w, w->layout.emad_size);

	/* The 16-byte and 32-byte EMADs share their first 8 bytes. */
	fv_put16(p + __builtin_offsetof(struct ffa_mem_access, receiver_id), receiver);
	p[__builtin_offsetof(struct ffa_mem_access, permissions)] = permissions;
	ffa_put_le32(p + __builtin_offsetof(struct ffa_mem_access, composite_offset),
		     composite_offset);
}

void fv_desc_composite(struct fv_desc_writer *w, uint32_t total_pages, uint32_t constituent_count)
{
	uint8_t *p;

	/* Padding up to the 8-byte aligned composite offset. */
	if (w->offset < w->layout.composite_offset)
		fv_desc_reserve(w, (size_t)(w->layout.composite_offset - w->offset));
	p = fv_desc_reserve(w, FV_DESC_COMPOSITE);
	ffa_put_le32(p + __builtin_offsetof(struct ffa_composite_mem_region, total_page_count),
		     total_pages);
	ffa_put_le32(p + __builtin_offsetof(struct ffa_composite_mem_region, constituent_count),
		     constituent_count);
}

void fv_desc_range(struct fv_desc_writer *w, uint64_t address, uint32_t page_count)
{
	uint8_t *p = fv_desc_reserve(w, FV_DESC_RANGE);

	fv_put64(p + __builtin_offsetof(struct ffa_mem_range, address), address);
	ffa_put_le32(p + __builtin_offsetof(struct ffa_mem_range, page_count), page_count);
}

int fv_desc_end(struct fv_desc_writer *w, uint64_t *bad_addr)
{
	fv_desc_flush(w);
	if (w->failed) {
		*bad_addr = w->failed_at;
		return -1;
	}
	return 0;
}
