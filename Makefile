# Users & Roles console. `make run` builds and serves it on the embedded
# store; `make test` runs every test, browser ones included.

GO      ?= go
WASM    := web/app.wasm
CSS     := web/console.css.br
BIN     := bin/console
UI_SRC  := $(shell find app shared internal/wasmbuild server/cmd/buildwasm -name '*.go' -not -name '*_test.go') go.mod go.sum

.PHONY: build wasm run test vet chromium clean bench fuzz load mutate

build: wasm $(BIN)

wasm: $(WASM) $(CSS)

# The UI: shared/ and app/ compiled to WebAssembly, stripped and without
# go-app's server half (internal/wasmbuild), then precompressed (brotli and
# gzip) for the server to send as they are.
$(WASM): $(UI_SRC)
	$(GO) run ./server/cmd/buildwasm $@
	$(GO) run ./server/cmd/precompress $@

# The style sheet as browsers get it: minified, precompressed.
$(CSS): web/console.css
	$(GO) run ./server/cmd/precompress web/console.css

$(BIN): $(shell find server shared app -name '*.go' -not -name '*_test.go') go.mod go.sum
	$(GO) build -trimpath -o $@ ./server/cmd/console

run: build
	./$(BIN) serve

vet:
	@unformatted="$$(gofmt -l app server shared internal)"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/ui/... ./app/client/... ./app/wasm/... ./shared/...

# Browser tests drive Debian's chromium; install it when missing.
chromium:
	@if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium: install Debian's package (sudo apt-get install chromium), then run make test again."; \
		exit 1; \
	fi

test: wasm chromium vet
	$(GO) test -count=1 -timeout 30m ./...

clean:
	rm -rf bin web/app.wasm web/app.wasm.br web/app.wasm.gz web/console.css.br web/console.css.gz

# Performance budgets, measured side by side (not part of make test); the
# time to interactive drives chromium.
bench: build chromium
	$(GO) run ./server/cmd/bench

# Fuzz each target for FUZZTIME (make test runs their seed corpora only).
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./shared/perm
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./server/httpapi
	$(GO) test -run '^$$' -fuzz '^FuzzLogin$$' -fuzztime $(FUZZTIME) ./server/httpapi

# Drive the server with signed-in clients mixing reads and writes, then
# check errors, latency, goroutines and memory (LOAD_TIME=10m for a soak).
LOAD_TIME ?= 30s
load: build
	$(GO) run ./server/cmd/load -time $(LOAD_TIME)

# Mutation testing (not part of make test): gremlins breaks the rules one
# at a time, package by package, and each package's own tests must catch
# it. Prints the survivors (LIVED, NOT COVERED), each package's score and
# the total. The services are tested through HTTP, whose suite is too slow
# to run per mutant: only those with unit tests of their own are here.
# gremlins counts a mutant that does not compile as killed: shared/rules'
# only arithmetic is messages' string concatenation, so it goes without.
# (--test-cpu is left out: v0.6.0 passes it as one argument, which fails
# every run, so every mutant would be "killed".)
GREMLINS     ?= $(GO) run github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0
MUTATE_PKGS  ?= ./shared/perm ./shared/rules ./server/edit
MUTATE_FLAGS ?= --workers 1 --timeout-coefficient 10 \
	--invert-logical --invert-loopctrl --invert-assignments --remove-self-assignments
mutate:
	@log=$$(mktemp); trap 'rm -f $$log $$log.all' EXIT; : >$$log.all; \
	for p in $(MUTATE_PKGS); do \
		extra=; [ $$p = ./shared/rules ] && extra=--arithmetic-base=false; \
		echo "== $$p"; \
		$(GREMLINS) unleash $(MUTATE_FLAGS) $$extra $$p >$$log 2>&1 || { cat $$log; exit 1; }; \
		grep -v -e 'KILLED' -e '^Starting' -e '^Gathering' $$log; cat $$log >>$$log.all; \
	done; \
	awk '/^Killed:/ { k += $$2; l += $$4; n += $$7 } END { printf "mutation score: %d killed of %d covered mutants (%.1f%%); %d not covered\n", k, k + l, k + l ? 100 * k / (k + l) : 0, n }' $$log.all
