/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64: stage-2 tables for the host, 4 KiB granule, 32-bit IPA.
 *
 * VTCR_EL2.T0SZ = 32 and SL0 = 1: the walk starts at level 1, whose four
 * entries cover 1 GiB each. Level 2 maps 2 MiB; the host RAM window
 * (0x80000000-0xbfffffff) has one level-2 table whose entries are either a
 * 2 MiB block (every page of it mapped), a level-3 table (some pages
 * mapped: each 2 MiB chunk has its own, statically), or invalid.
 *
 * EL2 runs with its MMU off, so it writes the tables with Device memory
 * accesses; the walks are configured non-cacheable (IRGN0 = ORGN0 = 0) to
 * match. After every change: DSB so the walker sees the write, then
 * TLBI VMALLS12E1IS (stage-1 and stage-2 entries of this VMID) and DSB/ISB.
 */
#include "stage2.h"
#include "qemu_virt.h"

/* Descriptor bits (Arm ARM D8.3, stage 2). */
#define S2_VALID (UINT64_C(1) << 0)
#define S2_TABLE (UINT64_C(1) << 1)   /* level 0-2: table; level 3: page */
#define S2_MEMATTR_NORMAL_WB (UINT64_C(0xf) << 2)
#define S2_MEMATTR_DEVICE_NGNRE (UINT64_C(0x1) << 2)
#define S2_AP_RW (UINT64_C(3) << 6)
#define S2_SH_INNER (UINT64_C(3) << 8)
#define S2_AF (UINT64_C(1) << 10)
#define S2_XN (UINT64_C(1) << 54)
#define S2_ADDR_MASK UINT64_C(0x0000fffffffff000)

#define S2_NORMAL (S2_MEMATTR_NORMAL_WB | S2_AP_RW | S2_SH_INNER | S2_AF)
#define S2_DEVICE (S2_MEMATTR_DEVICE_NGNRE | S2_AP_RW | S2_AF | S2_XN)
#ifdef QV_LINUX_HOST
/* A kernel runs from its RAM. */
#define S2_HOST_RAM S2_NORMAL
#else
/* Host RAM holds data only: the test host never executes from it. */
#define S2_HOST_RAM (S2_NORMAL | S2_XN)
#endif

#define L1_SHIFT 30
#define L2_SHIFT 21
#define PAGE_SHIFT 12
#define ENTRIES 512
#define CHUNKS (HOST_WINDOW_SIZE >> L2_SHIFT)
#define CHUNK_PAGES (1u << (L2_SHIFT - PAGE_SHIFT))

/* VTCR_EL2: RES1 bit 31, PS = 32 bits, TG0 = 4 KiB, SH0/ORGN0/IRGN0 = 0, SL0 = 1, T0SZ = 32. */
#define VTCR_EL2_VALUE ((UINT64_C(1) << 31) | (UINT64_C(1) << 6) | 32)
/* HCR_EL2: RW (EL1 is AArch64), TSC (trap SMC), VM (stage 2 on). */
#define HCR_EL2_VALUE ((UINT64_C(1) << 31) | (UINT64_C(1) << 19) | (UINT64_C(1) << 0))
/* SCTLR_EL1 with its RES1 bits and the MMU off. */
#define SCTLR_EL1_VALUE UINT64_C(0x30d00800)
#define VMID 1

struct s2_tables {
	uint64_t l1[ENTRIES];
	uint64_t l2_low[ENTRIES];  /* 0-1 GiB: the UART */
	uint64_t l3_uart[ENTRIES];
	uint64_t l2_el1[ENTRIES];  /* 1-2 GiB: the EL1 region */
	uint64_t l2_host[ENTRIES]; /* 2-3 GiB: the host RAM window */
	uint64_t l3_host[CHUNKS][ENTRIES];
};

static struct s2_tables s2 __attribute__((aligned(4096)));

static void s2_flush(void)
{
	__asm__ volatile("dsb ishst\n\ttlbi vmalls12e1is\n\tdsb ish\n\tisb" : : : "memory");
}

static uint64_t s2_table_desc(const uint64_t *table)
{
	return ((uint64_t)(uintptr_t)table & S2_ADDR_MASK) | S2_VALID | S2_TABLE;
}

void s2_init(void)
{
	uint64_t a;

	s2.l1[0] = s2_table_desc(s2.l2_low);
	s2.l1[1] = s2_table_desc(s2.l2_el1);
	s2.l1[2] = s2_table_desc(s2.l2_host);

	s2.l2_low[(QV_UART_BASE >> L2_SHIFT) & (ENTRIES - 1)] = s2_table_desc(s2.l3_uart);
	s2.l3_uart[(QV_UART_BASE >> PAGE_SHIFT) & (ENTRIES - 1)] =
		QV_UART_BASE | S2_DEVICE | S2_VALID | S2_TABLE;

	for (a = EL1_BASE; a < (uint64_t)EL1_BASE + EL1_SIZE; a += UINT64_C(1) << L2_SHIFT)
		s2.l2_el1[(a >> L2_SHIFT) & (ENTRIES - 1)] = a | S2_NORMAL | S2_VALID;

	__asm__ volatile("msr vtcr_el2, %0" : : "r"(VTCR_EL2_VALUE));
	__asm__ volatile("msr vttbr_el2, %0"
			 : : "r"((uint64_t)(uintptr_t)s2.l1 | ((uint64_t)VMID << 48)));
	__asm__ volatile("msr sctlr_el1, %0" : : "r"(SCTLR_EL1_VALUE));
	__asm__ volatile("msr hcr_el2, %0" : : "r"(HCR_EL2_VALUE));
	s2_flush();
}

void s2_map_device(uint64_t pa, uint64_t size)
{
	uint64_t end = pa + size;

	for (; pa < end; pa += UINT64_C(1) << L2_SHIFT)
		s2.l2_low[(pa >> L2_SHIFT) & (ENTRIES - 1)] = pa | S2_DEVICE | S2_VALID;
	s2_flush();
}

static unsigned int s2_chunk(uint64_t pa)
{
	return (unsigned int)((pa - HOST_WINDOW_BASE) >> L2_SHIFT);
}

static unsigned int s2_page_index(uint64_t pa)
{
	return (unsigned int)((pa >> PAGE_SHIFT) & (ENTRIES - 1));
}

/* Make chunk @c a level-3 table with the same mappings it has now. */
static uint64_t *s2_split(unsigned int c)
{
	uint64_t *l3 = s2.l3_host[c];
	uint64_t entry = s2.l2_host[c];
	uint64_t base = HOST_WINDOW_BASE + ((uint64_t)c << L2_SHIFT);
	unsigned int i;

	if ((entry & (S2_VALID | S2_TABLE)) == (S2_VALID | S2_TABLE))
		return l3;
	for (i = 0; i < ENTRIES; i++)
		l3[i] = (entry & S2_VALID) ?
				(base + ((uint64_t)i << PAGE_SHIFT)) | S2_HOST_RAM | S2_VALID | S2_TABLE :
				0;
	s2.l2_host[c] = s2_table_desc(l3);
	return l3;
}

static void s2_set(uint64_t pa, bool mapped)
{
	uint64_t *l3 = s2_split(s2_chunk(pa));

	l3[s2_page_index(pa)] = mapped ? (pa | S2_HOST_RAM | S2_VALID | S2_TABLE) : 0;
}

void s2_host_reset(uint64_t base, uint64_t pages, bool (*is_hidden)(uint64_t pa))
{
	uint64_t end = base + pages * FFA_PAGE_SIZE;
	unsigned int c;

	for (c = 0; c < CHUNKS; c++) {
		uint64_t lo = HOST_WINDOW_BASE + ((uint64_t)c << L2_SHIFT);
		uint64_t hi = lo + (UINT64_C(1) << L2_SHIFT);
		uint64_t pa;
		bool whole = base <= lo && end >= hi;

		if (hi <= base || lo >= end) {
			s2.l2_host[c] = 0;
			continue;
		}
		if (whole) {
			for (pa = lo; pa < hi && !is_hidden(pa); pa += FFA_PAGE_SIZE)
				;
			if (pa == hi) {
				s2.l2_host[c] = lo | S2_HOST_RAM | S2_VALID;
				continue;
			}
		}
		s2.l2_host[c] = 0;
		for (pa = lo; pa < hi; pa += FFA_PAGE_SIZE)
			s2_set(pa, pa >= base && pa < end && !is_hidden(pa));
	}
	s2_flush();
}

void s2_host_map(uint64_t pa, uint64_t pages)
{
	for (; pages; pages--, pa += FFA_PAGE_SIZE)
		s2_set(pa, true);
	s2_flush();
}

void s2_host_unmap(uint64_t pa, uint64_t pages)
{
	for (; pages; pages--, pa += FFA_PAGE_SIZE)
		s2_set(pa, false);
	s2_flush();
}

bool s2_host_is_mapped(uint64_t pa)
{
	uint64_t entry;

	if (pa < HOST_WINDOW_BASE || pa - HOST_WINDOW_BASE >= HOST_WINDOW_SIZE)
		return false;
	entry = s2.l2_host[s2_chunk(pa)];
	if (!(entry & S2_VALID))
		return false;
	if (!(entry & S2_TABLE))
		return true;
	entry = s2.l3_host[s2_chunk(pa)][s2_page_index(pa)];
	return (entry & S2_VALID) != 0;
}
