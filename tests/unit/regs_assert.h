/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * Register-set assertions shared by the proxy's unit tests: compare all 18
 * registers and, on a mismatch, print both sets and fail naming the first
 * register that differs. Include after <cmocka.h>.
 */
#ifndef FFAPROXY_TESTS_REGS_ASSERT_H
#define FFAPROXY_TESTS_REGS_ASSERT_H

#include <ffaproxy/ffa_abi.h>

static inline void dump_regs(const struct ffa_regs *got, const struct ffa_regs *want)
{
	unsigned int i;

	for (i = 0; i < FFA_REG_COUNT; i++)
		print_error("    x%-2u 0x%016llx %s 0x%016llx\n", i, (unsigned long long)got->x[i],
			    got->x[i] == want->x[i] ? "  expected" : "!=expected",
			    (unsigned long long)want->x[i]);
}

/* All 18 registers, or the test fails naming the first that differs. */
static inline void check_regs(const struct ffa_regs *got, const struct ffa_regs *want,
			      const char *what, int line)
{
	unsigned int i;

	for (i = 0; i < FFA_REG_COUNT; i++)
		if (got->x[i] != want->x[i])
			break;
	if (i == FFA_REG_COUNT)
		return;
	dump_regs(got, want);
	fail_msg("%s, line %d: x%u = 0x%016llx, expected 0x%016llx", what, line, i,
		 (unsigned long long)got->x[i], (unsigned long long)want->x[i]);
}

#endif /* FFAPROXY_TESTS_REGS_ASSERT_H */
