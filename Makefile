# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# Convenience targets over CMake; `make help` lists them. A hypervisor's own
# build does not use this file: it includes ffaproxy.mk (see README.md).

BUILD_DIR ?= build
JOBS      ?= 2
DEFAULT   := $(BUILD_DIR)/default
BENCH     := $(BUILD_DIR)/bench
FFA_SIM   := $(DEFAULT)/bin/ffa-sim
EXAMPLES  := ../shared/vectors/examples.fv

# The steps of each target run in the order written; the CMake builds it
# starts need not say which directory they enter.
MAKEFLAGS += --no-print-directory
.NOTPARALLEL:
.PHONY: all help build run check examples bench clean deps-run deps-check deps-bench

all: build

help:
	@echo 'ffaproxy: an FF-A proxy for hypervisors, with an SPMC model and a simulator'
	@echo
	@echo '  make run       build, then run the default world through host -> proxy -> SPMC'
	@echo '                 model with `ffa-sim run`, printing the decoded trace'
	@echo '  make check     every test: freestanding AArch64 builds (gcc and clang), then'
	@echo '                 gcc and clang builds with ASan+UBSan running ctest'
	@echo '  make build     build the libraries, ffa-sim and the tests in $(DEFAULT)'
	@echo '  make examples  run $(EXAMPLES) (if present) with ffa-sim'
	@echo '  make bench     instructions the proxy spends per forwarded call, counted'
	@echo '                 with callgrind in an -O2 build in $(BENCH) (bench/README.md)'
	@echo '  make clean     remove $(BUILD_DIR)/'
	@echo
	@echo '`run`, `check` and `bench` first install missing Debian packages when run as root'
	@echo '(scripts/install-deps.sh); otherwise they name what is missing.'
	@echo 'Variables: BUILD_DIR=$(BUILD_DIR) JOBS=$(JOBS)'

deps-run:
	@bash scripts/install-deps.sh run

deps-check:
	@bash scripts/install-deps.sh check

deps-bench:
	@bash scripts/install-deps.sh bench

CONFIGURE := cmake -S . -B $(DEFAULT) -Wno-dev --log-level=WARNING -DCMAKE_BUILD_TYPE=Debug \
	     -DCMAKE_C_FLAGS_DEBUG="-g -O1"

build:
	$(CONFIGURE)
	cmake --build $(DEFAULT) --parallel $(JOBS)

run: deps-run
	$(CONFIGURE)
	cmake --build $(DEFAULT) --parallel $(JOBS) --target ffa-sim
	@echo
	$(FFA_SIM) run

check: deps-check
	@JOBS=$(JOBS) BUILD_DIR=$(BUILD_DIR) bash scripts/check.sh

examples: deps-run
	$(CONFIGURE)
	cmake --build $(DEFAULT) --parallel $(JOBS) --target ffa-sim
	@if [ -f $(EXAMPLES) ]; then \
		echo '$(FFA_SIM) vectors $(EXAMPLES)'; \
		$(FFA_SIM) vectors $(EXAMPLES); \
	else \
		echo 'examples: $(EXAMPLES) not found (it lives in the shared tree beside this one); skipped'; \
	fi

# Not part of `check`: a benchmark measures, it does not pass or fail. The
# build is optimised and uninstrumented, so the counts are what a release
# build of the proxy executes (on x86-64).
bench: deps-bench
	cmake -S . -B $(BENCH) -Wno-dev --log-level=WARNING -DCMAKE_BUILD_TYPE=Release \
	      -DCMAKE_C_FLAGS_RELEASE="-O2 -g" -DFFAPROXY_SANITIZE=OFF -DFFAPROXY_BENCH=ON \
	      -DBUILD_TESTING=OFF
	cmake --build $(BENCH) --parallel $(JOBS) --target bench_proxy
	@bash bench/run.sh $(BENCH)

clean:
	rm -rf $(BUILD_DIR)
