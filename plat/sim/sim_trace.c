/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * plat/sim: one decoded line per trace event, indented by hop so that the
 * calls a host call caused sit under it:
 *
 *   host  -> proxy  FFA_PARTITION_INFO_GET uuid=nil flags=0x0
 *     proxy -> spmc   FFA_PARTITION_INFO_GET uuid=nil flags=0x0
 *     proxy <- spmc   FFA_SUCCESS_32 count=2 size=24
 *     proxy -> spmc   FFA_RX_RELEASE
 *     proxy <- spmc   FFA_SUCCESS_32
 *   host  <- proxy  FFA_SUCCESS_32 count=2 size=24
 */
#include <stdio.h>
#include <string.h>

#include "sim.h"

size_t sim_trace_format(const struct sim_trace_event *ev, char *buf, size_t len)
{
	char body[FV_MSG_MAX];
	char prefix[40];
	const char *arrow = ev->is_reply ? "<-" : "->";
	int n;

	switch (ev->hop) {
	case SIM_HOP_HOST_PROXY:
		snprintf(prefix, sizeof(prefix), "host  %s proxy  ", arrow);
		break;
	case SIM_HOP_PROXY_SPMC:
		snprintf(prefix, sizeof(prefix), "  proxy %s spmc   ", arrow);
		break;
	case SIM_HOP_SP_SPMC:
	default:
		snprintf(prefix, sizeof(prefix), "  sp 0x%04x %s spmc  ", (unsigned int)ev->sp_id,
			 arrow);
		break;
	}

	if (ev->note)
		snprintf(body, sizeof(body), "%s", ev->note);
	else if (!ev->regs)
		snprintf(body, sizeof(body), "(no registers)");
	else if (ev->is_reply)
		fv_decode_reply(ev->call_fid, ev->regs, body, sizeof(body));
	else
		fv_decode_call(ev->regs, body, sizeof(body));

	if (!len)
		return 0;
	n = snprintf(buf, len, "%s%s%s", prefix, body, ev->injected ? "  [fault injected]" : "");
	if (n < 0) {
		buf[0] = '\0';
		return 0;
	}
	return strlen(buf);
}
