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

install:
	$(GO) install ./cmd/pdbgo

acceptance: build
	../shared/acceptance/check.sh $(BIN)
