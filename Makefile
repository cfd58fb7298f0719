# darkreach: `make` builds and runs the default LDMX Phase II reach scan;
# `make test` builds and runs the test suite. Both install missing Debian
# packages first (scripts/bootstrap).
BUILD ?= build
JOBS ?= 2

.PHONY: all reach build test test-mpi bench validation sanitize fuzz bootstrap clean

all: reach

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

reach: build
	$(BUILD)/darkreach reach data/experiments/ldmx_phase2.ini --model vector --out out

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-mpi

# the MPI build (-DDARKREACH_MPI=ON, Debian's OpenMPI): reach and relic on 3 ranks equal one process
test-mpi: bootstrap
	@cmake -S . -B build-mpi -DCMAKE_BUILD_TYPE=Release -DDARKREACH_MPI=ON >/dev/null
	@cmake --build build-mpi -j $(JOBS) --target darkreach_cli
	/usr/bin/python3 tests/test_mpi.py build-mpi/darkreach mpirun

bench: build
	$(BUILD)/darkreach_bench

# long validation runs (minutes), not part of the test suite: writes docs/validation.md
validation: build
	$(BUILD)/darkreach_validate data docs/validation.md

sanitize: bootstrap
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDARKREACH_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	cd build-asan && LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp ctest --output-on-failure

# libFuzzer (clang) with ASan/UBSan on the card reader, the grid reader and the argument
# parser, from the committed seed corpus in fuzz/corpus; FUZZ_RUNS executions each.
FUZZ_RUNS ?= 1000000
fuzz:
	@scripts/bootstrap fuzz
	@cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDARKREACH_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target fuzz_card fuzz_grid fuzz_args
	scripts/fuzz build-fuzz $(FUZZ_RUNS)

clean:
	rm -rf $(BUILD) build-asan build-fuzz build-mpi out
