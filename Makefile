# bpfscript: build, test, benchmark, lint.
GO      ?= go
BIN     ?= bin/bpfscript
# The Prometheus exporter that bpfscript --metrics execs, in the same
# directory: a binary of its own, so that the Prometheus client's start-up
# cost stays out of bpfscript's.
METRICS_BIN ?= $(dir $(BIN))bpfscript-metrics
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  = -s -w -X main.version=$(VERSION)
# Where make install puts bpfscript, its man page and its completions;
# DESTDIR prefixes them all, for packaging.
PREFIX  ?= /usr/local
DESTDIR ?=

.PHONY: build install uninstall test soak bench bench-go lint clean

# A static binary: no cgo, no shared libraries.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/bpfscript
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(METRICS_BIN) ./cmd/bpfscript-metrics

# bpfscript on the PATH (so that #!/usr/bin/env bpfscript scripts run),
# with its man page and bash and zsh completions.
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/bpfscript
	install -m 755 $(METRICS_BIN) $(DESTDIR)$(PREFIX)/bin/bpfscript-metrics
	install -m 644 doc/bpfscript.1 $(DESTDIR)$(PREFIX)/share/man/man1/bpfscript.1
	install -m 644 doc/bpfscript.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/bpfscript
	install -m 644 doc/_bpfscript $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_bpfscript

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/bpfscript $(DESTDIR)$(PREFIX)/bin/bpfscript-metrics \
		$(DESTDIR)$(PREFIX)/share/man/man1/bpfscript.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/bpfscript \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_bpfscript

# The whole suite, including the end-to-end tests that load programs into
# this kernel (run as root). One package at a time (-p 1): the timer tests
# count ticks, and the metrics soak test's event storm beside them on two
# CPUs would make them flaky.
test:
	$(GO) vet ./...
	$(GO) test -count=1 -p 1 ./...
	BPFSCRIPT_E2E_RACE=1 $(GO) test -count=1 -race . ./runtime/... ./cmd/bpfscript/...

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
