GO ?= go
BIN ?= bin/pdbgo

.PHONY: build test lint install bench acceptance

build:
	$(GO) build -o $(BIN) ./cmd/pdbgo

test:
	$(GO) test -count=1 -timeout 12m ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

# bench (not part of test): Go benchmarks of the hot paths, then pdbgo against dlv on the
# programs in bench/progs; the table goes to stdout and bench/RESULTS.md. BENCHFLAGS=-n 20 for more pairs.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./internal/value ./internal/stack ./internal/ui ./internal/command
	$(GO) run ./bench/cmd/benchdlv $(BENCHFLAGS)

install:
	$(GO) install ./cmd/pdbgo

acceptance: build
	../shared/acceptance/check.sh $(BIN)
