/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Memory transaction descriptors of FF-A 1.0, 1.1 and 1.2: a codec that reads
 * and writes them in a byte buffer, checking every length, count and offset
 * for overflow and bounds before it is used.
 *
 * Readers take a buffer the caller owns: the proxy passes its private copy of
 * a fragment, never memory the host can still write. Every field is read once.
 * Header-only and freestanding, so that the proxy core, the SPMC model and the
 * host client each use it without linking one another.
 *
 * Layouts (ffa_abi.h): header 32 bytes (1.0) or 48 (1.1+); endpoint memory
 * access descriptors (EMADs) of 16 bytes (1.0, 1.1) or 32 (1.2), at offset 32
 * (1.0) or at the header's EMAD offset (1.1+); one composite descriptor
 * (16 bytes) that all EMADs point at; then 16-byte constituents.
 */
#ifndef FFAPROXY_FFA_DESC_H
#define FFAPROXY_FFA_DESC_H

#include "ffa_abi.h"

/**
 * struct ffa_mem_desc - a transaction descriptor's header, whatever its version.
 * @version:     the layout, FFA_VERSION_1_0, _1_1 or _1_2
 * @header_size: 32 (1.0) or 48 (1.1+)
 * @emad_size:   16 (1.0, 1.1) or 32 (1.2)
 * @emad_offset: where the EMAD array starts (always 32 in 1.0)
 * The other fields are the header's own.
 */
struct ffa_mem_desc {
	uint32_t version;
	uint32_t header_size;
	uint16_t sender_id;
	uint16_t attributes;
	uint32_t flags;
	uint64_t handle;
	uint64_t tag;
	uint32_t emad_size;
	uint32_t emad_count;
	uint32_t emad_offset;
};

/** struct ffa_mem_emad - one endpoint memory access descriptor, version-independent. */
struct ffa_mem_emad {
	uint16_t receiver_id;
	uint8_t permissions;
	uint8_t flags;
	uint32_t composite_offset;
	uint8_t impdef[16]; /* 1.2 only; zero otherwise */
};

/* The layout sizes of @version (which must be 1.0, 1.1 or 1.2). */
static inline uint32_t ffa_mem_desc_header_size(uint32_t version)
{
	return version >= FFA_VERSION_1_1 ? sizeof(struct ffa_mem_region) :
					    sizeof(struct ffa_mem_region_v1_0);
}

static inline uint32_t ffa_mem_desc_emad_size(uint32_t version)
{
	return version >= FFA_VERSION_1_2 ? sizeof(struct ffa_mem_access) :
					    sizeof(struct ffa_mem_access_v1_0);
}

static inline bool ffa_bytes_zero(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}

/**
 * ffa_mem_desc_read() - read and check a transaction descriptor's header.
 * @buf, @len: the bytes available (a first fragment)
 * @version:   the layout to read, the caller's negotiated version
 * @d:         out
 *
 * Checks the header and the EMAD array's place: the header fits; reserved
 * fields are zero (1.0: bytes 3 and 24-27; 1.1+: bytes 36-47); the attribute
 * bits FF-A reserves are zero (1.0: bit 7; 1.1+: bits 15:7); for 1.1+ the EMAD
 * size matches the version and the EMAD offset is at or after the header,
 * 16-byte aligned; at least one EMAD; and the whole EMAD array lies in @len
 * without overflow. Field values (sender, flags, handle) are left to the caller.
 *
 * Return: 0, or FFA_INVALID_PARAMETERS.
 */
static inline int ffa_mem_desc_read(const void *buf, size_t len, uint32_t version,
				    struct ffa_mem_desc *d)
{
	const uint8_t *b = buf;
	uint64_t end;

	ffa_memset(d, 0, sizeof(*d));
	d->version = version;
	d->header_size = ffa_mem_desc_header_size(version);
	d->emad_size = ffa_mem_desc_emad_size(version);
	if (len < d->header_size)
		return FFA_INVALID_PARAMETERS;

	if (version >= FFA_VERSION_1_1) {
		struct ffa_mem_region h;

		ffa_memcpy(&h, b, sizeof(h));
		if (!ffa_bytes_zero(h.reserved_36, sizeof(h.reserved_36)) ||
		    (h.attributes & FFA_MEM_ATTR_RESERVED_V1_1) || h.emad_size != d->emad_size ||
		    h.emad_offset < d->header_size || (h.emad_offset & 15))
			return FFA_INVALID_PARAMETERS;
		d->sender_id = h.sender_id;
		d->attributes = h.attributes;
		d->flags = h.flags;
		d->handle = h.handle;
		d->tag = h.tag;
		d->emad_count = h.emad_count;
		d->emad_offset = h.emad_offset;
	} else {
		struct ffa_mem_region_v1_0 h;

		ffa_memcpy(&h, b, sizeof(h));
		if (h.reserved_3 || h.reserved_24 || (h.attributes & FFA_MEM_ATTR_RESERVED_V1_0))
			return FFA_INVALID_PARAMETERS;
		d->sender_id = h.sender_id;
		d->attributes = h.attributes;
		d->flags = h.flags;
		d->handle = h.handle;
		d->tag = h.tag;
		d->emad_count = h.emad_count;
		d->emad_offset = d->header_size;
	}

	if (d->emad_count == 0 ||
	    ffa_mul_overflow((uint64_t)d->emad_count, (uint64_t)d->emad_size, &end) ||
	    ffa_add_overflow(end, (uint64_t)d->emad_offset, &end) || end > len)
		return FFA_INVALID_PARAMETERS;
	return 0;
}

/**
 * ffa_mem_desc_emad() - read EMAD @i (< d->emad_count) of a checked header.
 * Return: 0, or FFA_INVALID_PARAMETERS when its reserved field is non-zero.
 */
static inline int ffa_mem_desc_emad(const void *buf, const struct ffa_mem_desc *d, uint32_t i,
				    struct ffa_mem_emad *e)
{
	const uint8_t *p = (const uint8_t *)buf + d->emad_offset + (size_t)i * d->emad_size;

	ffa_memset(e, 0, sizeof(*e));
	if (d->version >= FFA_VERSION_1_2) {
		struct ffa_mem_access a;

		ffa_memcpy(&a, p, sizeof(a));
		if (a.reserved_24)
			return FFA_INVALID_PARAMETERS;
		e->receiver_id = a.receiver_id;
		e->permissions = a.permissions;
		e->flags = a.flags;
		e->composite_offset = a.composite_offset;
		ffa_memcpy(e->impdef, a.impdef, sizeof(e->impdef));
	} else {
		struct ffa_mem_access_v1_0 a;

		ffa_memcpy(&a, p, sizeof(a));
		if (a.reserved_8)
			return FFA_INVALID_PARAMETERS;
		e->receiver_id = a.receiver_id;
		e->permissions = a.permissions;
		e->flags = a.flags;
		e->composite_offset = a.composite_offset;
	}
	return 0;
}

/**
 * ffa_mem_desc_composite() - read the composite descriptor at @offset.
 * @end_of_emads: the first byte after the EMAD array; the composite may not
 *                start before it
 *
 * Checks: 8-byte aligned, not inside the header or the EMADs, wholly inside
 * @len, reserved field zero.
 * Return: 0, or FFA_INVALID_PARAMETERS.
 */
static inline int ffa_mem_desc_composite(const void *buf, size_t len, uint32_t offset,
					 uint64_t end_of_emads, struct ffa_composite_mem_region *c)
{
	if ((offset & 7) || offset < end_of_emads || (uint64_t)offset + sizeof(*c) > len)
		return FFA_INVALID_PARAMETERS;
	ffa_memcpy(c, (const uint8_t *)buf + offset, sizeof(*c));
	if (c->reserved_8)
		return FFA_INVALID_PARAMETERS;
	return 0;
}

/**
 * ffa_mem_range_read() - read one constituent from @p (16 bytes the caller
 * has bounds-checked). Return: 0, or FFA_INVALID_PARAMETERS when its reserved
 * field is non-zero.
 */
static inline int ffa_mem_range_read(const void *p, struct ffa_mem_range *r)
{
	ffa_memcpy(r, p, sizeof(*r));
	return r->reserved_12 ? FFA_INVALID_PARAMETERS : 0;
}

/* The end of the EMAD array of a checked header. */
static inline uint64_t ffa_mem_desc_emads_end(const struct ffa_mem_desc *d)
{
	return d->emad_offset + (uint64_t)d->emad_count * d->emad_size;
}

/* Where a writer puts the composite: after the EMADs, 8-byte aligned. */
static inline uint64_t ffa_mem_desc_composite_offset(const struct ffa_mem_desc *d)
{
	return (ffa_mem_desc_emads_end(d) + 7) & ~(uint64_t)7;
}

/**
 * ffa_mem_desc_write_header() - write @d's header at the start of @buf.
 * @d->version selects the layout; 1.1+ use d->emad_offset (0: right after the
 * header) and the version's EMAD size. Return: bytes written, 0 if @len is
 * too small.
 */
static inline size_t ffa_mem_desc_write_header(void *buf, size_t len, struct ffa_mem_desc *d)
{
	d->header_size = ffa_mem_desc_header_size(d->version);
	d->emad_size = ffa_mem_desc_emad_size(d->version);
	if (d->version < FFA_VERSION_1_1 || !d->emad_offset)
		d->emad_offset = d->header_size;
	if (len < d->header_size)
		return 0;

	if (d->version >= FFA_VERSION_1_1) {
		struct ffa_mem_region h;

		ffa_memset(&h, 0, sizeof(h));
		h.sender_id = d->sender_id;
		h.attributes = d->attributes;
		h.flags = d->flags;
		h.handle = d->handle;
		h.tag = d->tag;
		h.emad_size = d->emad_size;
		h.emad_count = d->emad_count;
		h.emad_offset = d->emad_offset;
		ffa_memcpy(buf, &h, sizeof(h));
	} else {
		struct ffa_mem_region_v1_0 h;

		ffa_memset(&h, 0, sizeof(h));
		h.sender_id = d->sender_id;
		h.attributes = (uint8_t)d->attributes;
		h.flags = d->flags;
		h.handle = d->handle;
		h.tag = d->tag;
		h.emad_count = d->emad_count;
		ffa_memcpy(buf, &h, sizeof(h));
	}
	return d->header_size;
}

/**
 * ffa_mem_desc_write_emad() - write EMAD @i of @d into @buf.
 * Return: bytes written, 0 if it does not fit in @len.
 */
static inline size_t ffa_mem_desc_write_emad(void *buf, size_t len, const struct ffa_mem_desc *d,
					     uint32_t i, const struct ffa_mem_emad *e)
{
	uint64_t at = d->emad_offset + (uint64_t)i * d->emad_size;

	if (at + d->emad_size > len)
		return 0;
	if (d->version >= FFA_VERSION_1_2) {
		struct ffa_mem_access a;

		ffa_memset(&a, 0, sizeof(a));
		a.receiver_id = e->receiver_id;
		a.permissions = e->permissions;
		a.flags = e->flags;
		a.composite_offset = e->composite_offset;
		ffa_memcpy(a.impdef, e->impdef, sizeof(a.impdef));
		ffa_memcpy((uint8_t *)buf + at, &a, sizeof(a));
	} else {
		struct ffa_mem_access_v1_0 a;

		ffa_memset(&a, 0, sizeof(a));
		a.receiver_id = e->receiver_id;
		a.permissions = e->permissions;
		a.flags = e->flags;
		a.composite_offset = e->composite_offset;
		ffa_memcpy((uint8_t *)buf + at, &a, sizeof(a));
	}
	return d->emad_size;
}

#endif /* FFAPROXY_FFA_DESC_H */
