# bpfscript: build, test, benchmark, lint.
GO      ?= go
BIN     ?= bin/bpfscript
# The Prometheus exporter that bpfscript --metrics execs, in the same
# directory: a binary of its own, so that the Prometheus client's start-up
# cost stays out of bpfscript's.
METRICS_BIN ?= $(dir $(BIN))bpfscript-metrics
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  = -s -w -X main.version=$(VERSION)

.PHONY: build test soak bench bench-go lint clean

# A static binary: no cgo, no shared libraries.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/bpfscript
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(METRICS_BIN) ./cmd/bpfscript-metrics

# The whole suite, including the end-to-end tests that load programs into
# this kernel (run as root).
test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	BPFSCRIPT_E2E_RACE=1 $(GO) test -count=1 -race . ./runtime/... ./cmd/bpfscript

# The metrics service under load with a scrape every second for
# SOAK (a Go duration, 30m by default); the normal suite runs a minute.
SOAK ?= 30m
soak:
	BPFSCRIPT_SOAK=$(SOAK) $(GO) test -count=1 -v -run '^TestSoak$$' -timeout 0 ./cmd/bpfscript-metrics

# bpfscript and bpftrace side by side on this machine: writes
# bench/RESULTS.md (as root; about five minutes). BENCHFLAGS=-quick for a
# smoke test.
bench: build
	$(GO) run ./bench/sidebyside -bpfscript $(BIN) -go $(GO) -out bench/RESULTS.md $(BENCHFLAGS)

# Every Go benchmark of the module.
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./...

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin
