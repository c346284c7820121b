# fuzz.mk - libFuzzer harnesses, their replay programs and seeds; included by the Makefile.
#   make fuzz                  every harness, clang -fsanitize=fuzzer,address,undefined
#   make fuzz-run SECONDS=N    each harness N seconds on its seeds; fails on any finding
#   make fuzz-replay           seeds and regressions through the replay programs
#   make fuzz-seeds            rebuilds fuzz/seeds/ from tests/ data and the shared corpus
#   make fuzz-dict             regenerates fuzz/dict/csr.dict from core/oids.def
#   make fuzz-deps             installs clang, the libFuzzer runtime and Valgrind (as root)
#   make valgrind-check        replay programs and the CLI on the corpus under Valgrind
# The replay programs (FUZZ_REPLAY_BINS) use the normal compiler and flags and link $(LIB),
# so that `make check` and the sanitizer CI build replay every seed and regression.

FUZZ_HARNESSES := pem der csr verify lint inspect keyfile privkey fix moduli stream lua schema
FUZZ_DIR       := $(BUILDDIR)/fuzz
FUZZ_BINS       = $(FUZZ_HARNESSES:%=$(FUZZ_DIR)/%)
FUZZ_REPLAY_BINS = $(FUZZ_HARNESSES:%=$(FUZZ_DIR)/replay-%)
FUZZ_CC        ?= clang
FUZZ_SANITIZE  ?= address,undefined
FUZZ_CFLAGS     = -std=gnu11 -pthread $(WARN) -Icore -Irules -Iplugins -Ifuzz $(PKG_CFLAGS) $(CPPFLAGS) \
                  -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all
# The library compiled again with coverage and sanitizers, in objects of its own.
FUZZ_LIB_OBJS   = $(LIB_SRCS:%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_LIB        = $(FUZZ_DIR)/libcsrlint-fuzz.a
FUZZ_HDRS       = fuzz/fuzz.h $(HDRS)
SECONDS        ?= 60
FUZZ_RUN_FLAGS ?= -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
CSRL_CORPUS    ?= ../shared/corpus
FUZZ_PYTHON    ?= /usr/bin/python3

.PHONY: fuzz fuzz-tools fuzz-run fuzz-replay fuzz-seeds fuzz-dict fuzz-deps valgrind-check
fuzz: $(FUZZ_BINS)

# The fuzzing and Valgrind tools are not needed by `make check`; CI installs them with this.
FUZZ_DEBS := clang libclang-rt-14-dev valgrind
fuzz-deps:
	@$(MAKE) --no-print-directory deps EXTRA_DEBS="$(FUZZ_DEBS)"

# clang and the libFuzzer runtime are not in `make deps`: say which packages to install.
fuzz-tools:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { echo "fuzz: $(FUZZ_CC) not found;" \
	  "install the Debian packages clang libclang-rt-14-dev (or set FUZZ_CC)"; exit 1; }
	@mkdir -p $(FUZZ_DIR)
	@echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return !d + !n; }' | \
	  $(FUZZ_CC) -x c -fsanitize=fuzzer,$(FUZZ_SANITIZE) -o $(FUZZ_DIR)/.probe - \
	  >/dev/null 2>&1 || { echo "fuzz: $(FUZZ_CC) cannot link -fsanitize=fuzzer;" \
	  "install the Debian packages clang libclang-rt-14-dev"; exit 1; }
	@rm -f $(FUZZ_DIR)/.probe

$(FUZZ_LIB_OBJS): $(FUZZ_DIR)/obj/%.o: %.c $(FUZZ_HDRS) | fuzz-tools
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SANITIZE) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_BINS): $(FUZZ_DIR)/%: fuzz/%.c $(FUZZ_HDRS) $(FUZZ_LIB) | fuzz-tools
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SANITIZE) -o $@ $< $(FUZZ_LIB) \
	  $(PKG_LIBS)

# Replay programs: the harness with fuzz/replay.c as main(), seeds and regressions built in.
$(FUZZ_REPLAY_BINS): $(FUZZ_DIR)/replay-%: fuzz/%.c fuzz/replay.c $(FUZZ_HDRS) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ifuzz -DREPLAY_DIRS='"fuzz/seeds/$*:fuzz/regressions/$*"' \
	  $(ALL_LDFLAGS) -o $@ $< fuzz/replay.c $(LIB) $(PKG_LIBS)

fuzz-replay: $(FUZZ_REPLAY_BINS)
	@status=0; for b in $(FUZZ_REPLAY_BINS); do \
	  if $$b > $$b.log 2>&1; then echo "ok   $$b: $$(grep -h PASSED $$b.log)"; \
	  else status=1; echo "---- $$b ----"; grep -v -e '^\[ RUN ' -e '^\[       OK \]' $$b.log; \
	  fi; \
	done; exit $$status

# Each harness in turn, one process: new inputs go to $(FUZZ_DIR)/corpus/<name>, findings to
# $(FUZZ_DIR)/crashes/<name>/. Every harness runs even after one fails; the target fails.
fuzz-run: $(FUZZ_BINS)
	@status=0; for h in $(FUZZ_HARNESSES); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$h $(FUZZ_DIR)/crashes/$$h; \
	  dirs="fuzz/seeds/$$h"; \
	  if [ -d fuzz/regressions/$$h ]; then dirs="$$dirs fuzz/regressions/$$h"; fi; \
	  echo "==> fuzz $$h for $(SECONDS) s"; \
	  $(FUZZ_DIR)/$$h $(FUZZ_RUN_FLAGS) -max_total_time=$(SECONDS) -dict=fuzz/dict/csr.dict \
	    -artifact_prefix=$(FUZZ_DIR)/crashes/$$h/ $(FUZZ_DIR)/corpus/$$h $$dirs \
	    > $(FUZZ_DIR)/$$h.log 2>&1; rc=$$?; \
	  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
	    $(FUZZ_DIR)/$$h.log | sed "s/^/    /"; \
	  if [ $$rc -ne 0 ]; then status=1; echo "FAIL $$h (exit $$rc): $(FUZZ_DIR)/$$h.log"; \
	    grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix)' $(FUZZ_DIR)/$$h.log | head -n 5; \
	  else echo "PASS $$h"; fi; \
	done; exit $$status

# Valgrind's memcheck over what the sanitizer build cannot see the same way: every replay
# program (seeds and regressions), then the CLI linting and inspecting the shared corpus.
# Any memory error or definite/indirect leak fails the target.
VALGRIND ?= valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --track-origins=no
valgrind-check: $(FUZZ_REPLAY_BINS) $(BIN)
	@status=0; for b in $(FUZZ_REPLAY_BINS); do \
	  if $(VALGRIND) $$b > $$b.vg.log 2>&1; then echo "PASS valgrind $$b: $$(grep -h PASSED $$b.vg.log)"; \
	  else status=1; echo "FAIL valgrind $$b: $$b.vg.log"; grep '^==' $$b.vg.log | head -n 20; fi; \
	done; \
	for cmd in "lint --no-batch --format json" "lint --format sarif" "inspect --format json"; do \
	  $(VALGRIND) $(BIN) $$cmd $(CSRL_CORPUS) > $(FUZZ_DIR)/vg-cli.out 2> $(FUZZ_DIR)/vg-cli.log; rc=$$?; \
	  if [ $$rc -le 1 ] && [ -s $(FUZZ_DIR)/vg-cli.out ]; then echo "PASS valgrind csrlint $$cmd (exit $$rc)"; \
	  else status=1; echo "FAIL valgrind csrlint $$cmd (exit $$rc)"; grep '^==' $(FUZZ_DIR)/vg-cli.log | head -n 20; fi; \
	done; exit $$status

# Seeds are committed; this rebuilds them (PEM for pem and inspect, DER for the others).
fuzz-seeds: $(BIN)
	CSRLINT=$(BIN) $(FUZZ_PYTHON) fuzz/make-seeds.py fuzz/seeds $(CSRL_CORPUS) tests/data tests/rules tests/gen

# The dictionary is committed; this regenerates it from core/oids.def.
fuzz-dict:
	@mkdir -p fuzz/dict
	$(FUZZ_PYTHON) fuzz/make-dict.py core/oids.def > fuzz/dict/csr.dict

# Line coverage (gcc --coverage, plain gcov): the library, tests and replay programs built
# again in $(COV_DIR), counters zeroed, `make check` run there (its replay programs replay
# every seed and regression), then fuzz/coverage.sh prints coverage per file and the totals
# of parsers/ and core/ + rules/ against their targets. -O0 makes the hostile tests slower:
# HOSTILE_SCALE widens their time budgets. Fails when a test fails, not on the targets.
COV_DIR ?= build/coverage
.PHONY: coverage
coverage:
	@mkdir -p $(COV_DIR)
	@find $(COV_DIR) -name '*.gcda' -delete
	@status=0; HOSTILE_SCALE=5 $(MAKE) --no-print-directory check BUILDDIR=$(COV_DIR) \
	  CFLAGS="-O0 -g --coverage" LDFLAGS="--coverage" SANITIZE= || status=$$?; \
	echo "==> line coverage ($(COV_DIR))"; sh fuzz/coverage.sh $(COV_DIR); exit $$status
