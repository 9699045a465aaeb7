/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64: the host's stage-2 translation (EL1&0 regime, one VMID).
 *
 * IPA = PA (identity). The map holds only the UART page, the EL1 test
 * host's own region and host RAM pages the host may access; everything else,
 * the hypervisor's and EL3's memory in particular, faults.
 */
#ifndef FFAPROXY_AARCH64_STAGE2_H
#define FFAPROXY_AARCH64_STAGE2_H

#include <ffaproxy/env.h>

/** s2_init() - build the tables and turn stage 2 on (HCR_EL2.VM); host RAM unmapped. */
void s2_init(void);

/**
 * s2_map_device() - map [@pa, @pa + @size) of the first GiB for the host as
 * Device-nGnRE, in 2 MiB blocks (both 2 MiB aligned; not the UART's chunk).
 */
void s2_map_device(uint64_t pa, uint64_t size);

/**
 * s2_host_reset() - unmap every page of the host RAM window, then map
 * [@base, @base + @pages pages) except what @is_hidden() says to leave out.
 */
void s2_host_reset(uint64_t base, uint64_t pages, bool (*is_hidden)(uint64_t pa));

/** s2_host_map() / s2_host_unmap() - change pages of the host RAM window. */
void s2_host_map(uint64_t pa, uint64_t pages);
void s2_host_unmap(uint64_t pa, uint64_t pages);

/** s2_host_is_mapped() - whether the host can access the page at @pa. */
bool s2_host_is_mapped(uint64_t pa);

#endif /* FFAPROXY_AARCH64_STAGE2_H */
