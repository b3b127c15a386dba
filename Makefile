GO ?= go
BIN ?= bin/pdbgo
# RACE is how make test runs: every package under the race detector (about twice the CPU time
# of a plain run; see the README's Development section). make test RACE= runs without it.
RACE ?= -race
LOCAL := github.com/pdbgo/pdbgo

# The fuzz targets, package:Target. Their seed corpora (f.Add and testdata/fuzz) run as tests in
# every go test; make test then fuzzes each for CI_FUZZTIME, make fuzz for FUZZTIME.
FUZZ_TARGETS := ./internal/value:FuzzFormat ./internal/report:FuzzReport ./internal/command:FuzzInterpreter ./cmd/pdbgo:FuzzCommandLine
CI_FUZZTIME ?= 10s
FUZZTIME ?= 5m

.PHONY: build test lint cross fmt golden install bench acceptance fuzz soak

build:
	$(GO) build -o $(BIN) ./cmd/pdbgo

test:
	$(GO) test $(RACE) -count=1 -timeout 12m ./...
	$(GO) test -count=1 -run '^TestHaltRightAfterResume$$' ./internal/session
	$(MAKE) --no-print-directory fuzz FUZZTIME=$(CI_FUZZTIME)

# fuzz runs each fuzz target for FUZZTIME (go test -fuzz takes one target of one package at a
# time). An input that fails is written to the package's testdata/fuzz/TARGET: commit it with
# the fix, as a regression case.
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t#*:} ($${t%%:*}) for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) $${t%%:*}; \
	done

# soak: TestSoakSessions and TestSoakAttach at their full counts (make test runs 20 and 10).
soak:
	$(GO) test -count=1 -timeout 30m -run '^TestSoak' -v ./internal/command -soak.sessions=200 -soak.attaches=50

# lint: formatting (gofmt, and goimports' grouping of the module's own imports), vet,
# staticcheck at the version go.mod's tool line pins, and cross.
lint: cross
	@out=$$($(GO) tool goimports -local $(LOCAL) -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "make fmt would change: $$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

# cross: pdbgo builds and vets (tests included) for every platform Delve debugs on, so that a
# call that exists on Linux only cannot land in shared code. Tests run on Linux only; see the
# README's Platforms section. CROSS= picks other targets.
CROSS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64
cross:
	@set -e; for t in $(CROSS); do \
		echo "cross: $$t"; \
		GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build ./...; \
		GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) vet ./...; \
	done

fmt:
	$(GO) tool goimports -local $(LOCAL) -w $$(git ls-files '*.go')

# golden rewrites the TUI's golden files from what the panes draw now: review the diff.
golden:
	$(GO) test ./internal/ui -update

# bench (not part of test): Go benchmarks of the hot paths, then pdbgo against dlv on the
# programs in bench/progs; the table goes to stdout and bench/RESULTS.md. BENCHFLAGS=-n 20 for more pairs.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./internal/value ./internal/stack ./internal/ui ./internal/command
	$(GO) run ./bench/cmd/benchdlv $(BENCHFLAGS)

install:
	$(GO) install ./cmd/pdbgo

acceptance: build
	../shared/acceptance/check.sh $(abspath $(BIN))
