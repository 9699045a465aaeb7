/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/aarch64/linux: the PSCI and SMCCC Arm Architecture calls EL2 answers
 * for the Linux host (Arm DEN0022 PSCI 1.1, DEN0028 SMCCC 1.2). Not FF-A:
 * these are the calls a kernel makes before its FF-A driver may start.
 */
#ifndef FFAPROXY_AARCH64_PSCI_H
#define FFAPROXY_AARCH64_PSCI_H

/* clang-format off */
/* SMCCC 1.2 §7: the Arm Architecture Calls. */
#define SMCCC_VERSION			0x80000000
#define SMCCC_ARCH_FEATURES		0x80000001
#define SMCCC_VERSION_1_2		0x10002

/* PSCI 1.1 §5.1: function IDs (SMC32 forms; the SMC64 ones add 0x40000000). */
#define PSCI_VERSION			0x84000000
#define PSCI_CPU_SUSPEND		0x84000001
#define PSCI_CPU_OFF			0x84000002
#define PSCI_CPU_ON			0x84000003
#define PSCI_MIGRATE_INFO_TYPE		0x84000006
#define PSCI_SYSTEM_OFF			0x84000008
#define PSCI_SYSTEM_RESET		0x84000009
#define PSCI_FEATURES			0x8400000a
#define PSCI_VERSION_1_0		0x10000
/* MIGRATE_INFO_TYPE: "Trusted OS is not present or does not require migration". */
#define PSCI_TOS_NOT_PRESENT_MP		2
#define PSCI_SUCCESS			0
/* clang-format on */

#endif /* FFAPROXY_AARCH64_PSCI_H */
