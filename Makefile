# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# Convenience targets over CMake; `make help` lists them. A hypervisor's own
# build does not use this file: it includes ffaproxy.mk (see README.md).

BUILD_DIR ?= build
JOBS      ?= 2
DEFAULT   := $(BUILD_DIR)/default
BENCH     := $(BUILD_DIR)/bench
FUZZ      := $(BUILD_DIR)/fuzz
FUZZ_SECONDS ?= 600
QEMU_BUILD := $(BUILD_DIR)/qemu
LINUX_OUT := $(BUILD_DIR)/linux
FFA_SIM   := $(DEFAULT)/bin/ffa-sim
EXAMPLES  := tests/vectors/examples.fv

# The steps of each target run in the order written; the CMake builds it
# starts need not say which directory they enter.
MAKEFLAGS += --no-print-directory
.NOTPARALLEL:
.PHONY: all help build run check examples bench fuzz clean deps-run deps-check deps-bench \
	deps-fuzz
.PHONY: qemu-check deps-qemu
.PHONY: linux-check deps-linux

all: build

help:
	@echo 'ffaproxy: an FF-A proxy for hypervisors, with an SPMC model and a simulator'
	@echo
	@echo '  make run       build, then run the default world through host -> proxy -> SPMC'
	@echo '                 model with `ffa-sim run`, printing the decoded trace'
	@echo '  make check     every test: freestanding AArch64 builds (gcc and clang), a gcc'
	@echo '                 build with ASan+UBSan running ctest, a 60 s libFuzzer smoke run,'
	@echo '                 a clang build with ASan+UBSan running ctest, then the QEMU suite'
	@echo '                 (as qemu-check) and the Linux boot (as linux-check)'
	@echo '  make build     build the libraries, ffa-sim and the tests in $(DEFAULT)'
	@echo '  make qemu-check'
	@echo '                 build plat/aarch64 and run the vectors under qemu-system-aarch64:'
	@echo '                 host at EL1, proxy at EL2 with stage 2, SPMC model at EL3'
	@echo '                 (docs/aarch64.md)'
	@echo '  make linux-check'
	@echo '                 boot Linux 6.12 (built from Debian'"'"'s linux-source-6.12, cached in'
	@echo '                 $(LINUX_OUT)) as the host at EL1 over the proxy at EL2 under QEMU;'
	@echo '                 its FF-A driver must probe through the proxy'
	@echo '                 (plat/aarch64/linux/README.md)'
	@echo '  make examples  run $(EXAMPLES) with ffa-sim'
	@echo '  make bench     instructions the proxy spends per forwarded call, counted'
	@echo '                 with callgrind in an -O2 build in $(BENCH) (bench/README.md)'
	@echo '  make fuzz      run the libFuzzer harness for FUZZ_SECONDS=$(FUZZ_SECONDS) s, corpus'
	@echo '                 in $(FUZZ)/corpus (clang, ASan+UBSan; scripts/fuzz.sh)'
	@echo '  make clean     remove $(BUILD_DIR)/'
	@echo
	@echo '`run`, `check`, `bench`, `fuzz` and `qemu-check` first install missing Debian'
	@echo 'packages when run as root (scripts/install-deps.sh); otherwise they name what is'
	@echo 'missing.'
	@echo 'Variables: BUILD_DIR=$(BUILD_DIR) JOBS=$(JOBS) FUZZ_SECONDS=$(FUZZ_SECONDS)'

deps-run:
	@bash scripts/install-deps.sh run

deps-check:
	@bash scripts/install-deps.sh check

deps-bench:
	@bash scripts/install-deps.sh bench

deps-fuzz:
	@bash scripts/install-deps.sh fuzz

deps-qemu:
	@bash scripts/install-deps.sh qemu

deps-linux:
	@bash scripts/install-deps.sh linux

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

qemu-check: deps-qemu
	cmake -S . -B $(QEMU_BUILD) -Wno-dev --log-level=WARNING \
	      -DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/cmake/aarch64-none-elf.cmake -DFFAPROXY_QEMU=ON
	cmake --build $(QEMU_BUILD) --parallel $(JOBS)
	bash tests/qemu/run.sh $(QEMU_BUILD)

# The firmware images come from the same plat/aarch64 build as qemu-check's;
# the kernel is built once (minutes) and cached in $(LINUX_OUT).
linux-check: deps-linux
	cmake -S . -B $(QEMU_BUILD) -Wno-dev --log-level=WARNING \
	      -DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/cmake/aarch64-none-elf.cmake -DFFAPROXY_QEMU=ON
	cmake --build $(QEMU_BUILD) --parallel $(JOBS) --target image-linux-bin image-linux-v1.0-bin
	JOBS=$(JOBS) bash tests/linux/run.sh $(QEMU_BUILD) $(LINUX_OUT)

examples: deps-run
	$(CONFIGURE)
	cmake --build $(DEFAULT) --parallel $(JOBS) --target ffa-sim
	$(FFA_SIM) vectors $(EXAMPLES)

# Not part of `check`: a benchmark measures, it does not pass or fail. The
# build is optimised and uninstrumented, so the counts are what a release
# build of the proxy executes (on x86-64).
bench: deps-bench
	cmake -S . -B $(BENCH) -Wno-dev --log-level=WARNING -DCMAKE_BUILD_TYPE=Release \
	      -DCMAKE_C_FLAGS_RELEASE="-O2 -g" -DFFAPROXY_SANITIZE=OFF -DFFAPROXY_BENCH=ON \
	      -DBUILD_TESTING=OFF
	cmake --build $(BENCH) --parallel $(JOBS) --target bench_proxy
	@bash bench/run.sh $(BENCH)

# Not part of `check` either (check runs a 60 s smoke of the same harness).
# The corpus in $(FUZZ)/corpus grows from run to run; the seeds are written
# afresh from the vector files each time.
fuzz: deps-fuzz
	cmake -S . -B $(FUZZ) -Wno-dev --log-level=WARNING -DCMAKE_C_COMPILER=clang \
	      -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-g -O1" -DFFAPROXY_SANITIZE=ON \
	      -DFFAPROXY_FUZZ=ON -DBUILD_TESTING=OFF
	cmake --build $(FUZZ) --parallel $(JOBS) --target fuzz_proxy fuzz_seeds
	@bash scripts/fuzz.sh $(FUZZ) $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD_DIR)
