# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# Source lists of ffaproxy's freestanding parts, for a hypervisor's own build.
# Variables only: include this file, then compile the sources with your own
# flags and -I$(FFAPROXY_DIR)/include. See README.md, "Embedding".
#
#   FFAPROXY_DIR      the ffaproxy checkout (set it before including this file)
#   FFAPROXY_SRCS     the proxy core: what a hypervisor links
#   FFAPROXY_SPMC_SRCS the SPMC model (a secure-world stand-in for testing)
#   FFAPROXY_HOST_SRCS the host client library
#   FFAPROXY_FV_SRCS  the .fv vector interpreter
#   FFAPROXY_INCLUDES include directories

FFAPROXY_DIR ?= $(dir $(lastword $(MAKEFILE_LIST)))

FFAPROXY_SRCS := \
	$(FFAPROXY_DIR)/src/proxy/proxy.c \
	$(FFAPROXY_DIR)/src/proxy/policy.c \
	$(FFAPROXY_DIR)/src/proxy/setup.c \
	$(FFAPROXY_DIR)/src/proxy/mailbox.c \
	$(FFAPROXY_DIR)/src/proxy/partinfo.c \
	$(FFAPROXY_DIR)/src/proxy/messaging.c \
	$(FFAPROXY_DIR)/src/proxy/notifications.c \
	$(FFAPROXY_DIR)/src/proxy/memory.c

FFAPROXY_SPMC_SRCS := \
	$(FFAPROXY_DIR)/src/spmc/spmc.c \
	$(FFAPROXY_DIR)/src/spmc/spmc_mailbox.c \
	$(FFAPROXY_DIR)/src/spmc/spmc_partinfo.c \
	$(FFAPROXY_DIR)/src/spmc/spmc_msg.c \
	$(FFAPROXY_DIR)/src/spmc/spmc_notif.c \
	$(FFAPROXY_DIR)/src/spmc/spmc_mem.c

FFAPROXY_HOST_SRCS := \
	$(FFAPROXY_DIR)/src/host/ffa_host.c

FFAPROXY_FV_SRCS := \
	$(FFAPROXY_DIR)/src/vectors/fv_parse.c \
	$(FFAPROXY_DIR)/src/vectors/fv_names.c \
	$(FFAPROXY_DIR)/src/vectors/fv_decode.c \
	$(FFAPROXY_DIR)/src/vectors/fv_desc.c \
	$(FFAPROXY_DIR)/src/vectors/fv_fmt.c

FFAPROXY_INCLUDES := $(FFAPROXY_DIR)/include
