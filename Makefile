# csrlint - build, test, install. Libraries are found with pkg-config.
# Variables honoured: CC CFLAGS CPPFLAGS LDFLAGS PREFIX DESTDIR, plus
#   BUILDDIR (default build), WERROR=1 (warnings are errors), SANITIZE=address,undefined.

PREFIX   ?= /usr/local
DESTDIR  ?=
BUILDDIR ?= build
CC       ?= cc
CFLAGS   ?= -O2 -g
PKG_CONFIG ?= pkg-config

# Debian packages: build, tests, and the benchmark peers.
DEB_BUILD = make gcc pkg-config libtasn1-6-dev libtasn1-bin nettle-dev libgmp-dev liblua5.4-dev \
            libidn2-dev libpsl-dev libjansson-dev publicsuffix
# mandoc lints the manual page; libunistring-dev completes `pkg-config --static --libs
# csrlint` (libidn2's and libpsl's private dependency) for the static link of the README example.
DEB_TEST  = libcmocka-dev openssl gnutls-bin python3 mandoc libunistring-dev
DEB_BENCH = golang-go python3-cryptography

PKGS := libtasn1 hogweed nettle gmp jansson libidn2 libpsl lua5.4
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lgmp
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ifeq ($(WERROR),1)
WARN += -Werror
endif
ifneq ($(SANITIZE),)
SAN = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

ALL_CFLAGS  = -std=gnu11 -pthread $(WARN) -Icore -Irules -Iplugins $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(SAN)
ALL_LDFLAGS = -pthread $(LDFLAGS) $(SAN)

LIB_SRCS := $(sort $(filter-out core/main.c,$(wildcard core/*.c parsers/*.c rules/*.c rules/*/*.c plugins/*.c)))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILDDIR)/%.o)
LIB      := $(BUILDDIR)/libcsrlint.a
BIN      := $(BUILDDIR)/csrlint
TEST_SRCS := $(sort $(wildcard tests/*/test_*.c))
TEST_BINS := $(TEST_SRCS:%.c=$(BUILDDIR)/%)
TEST_HELPERS := $(wildcard tests/helpers/*.c)

# Shared library (libcsrlint.so.MAJOR.MINOR.PATCH, soname libcsrlint.so.MAJOR): the library
# sources compiled again with -fPIC into $(BUILDDIR)/pic/, so that the program and the static
# library keep their flags. It exports only the functions declared in core/csrlint.h, through
# a version script made from the header. The version numbers come from the header too.
VER_MAJOR := $(shell sed -n 's/^.define CSRL_VERSION_MAJOR \([0-9]*\).*/\1/p' core/csrlint.h)
VER_MINOR := $(shell sed -n 's/^.define CSRL_VERSION_MINOR \([0-9]*\).*/\1/p' core/csrlint.h)
VER_PATCH := $(shell sed -n 's/^.define CSRL_VERSION_PATCH \([0-9]*\).*/\1/p' core/csrlint.h)
VERSION  := $(VER_MAJOR).$(VER_MINOR).$(VER_PATCH)
SONAME   := libcsrlint.so.$(VER_MAJOR)
SHLIB    := $(BUILDDIR)/libcsrlint.so.$(VERSION)
PIC_OBJS := $(LIB_SRCS:%.c=$(BUILDDIR)/pic/%.o)
SYMMAP   := $(BUILDDIR)/csrlint.map
# A sanitized (or coverage) library needs the sanitizer (or gcov) runtime in every program
# that links it.
PC_LIBS_EXTRA = $(if $(SANITIZE),-fsanitize=$(SANITIZE)) \
	$(if $(findstring --coverage,$(CFLAGS) $(LDFLAGS)),--coverage)

# Every object depends on every header: coarse, but an edited header never leaves a stale object.
HDRS := $(wildcard core/*.h core/*.def parsers/*.h rules/*.h rules/*/*.h plugins/*.h)

.PHONY: all deps demo check test install uninstall clean asn1 registry bench
all: $(BIN) $(LIB) $(SHLIB)

$(BUILDDIR)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(BUILDDIR)/core/main.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILDDIR)/pic/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<

# Exports: each function whose declaration starts a line of the public header.
$(SYMMAP): core/csrlint.h
	@mkdir -p $(dir $@)
	{ echo 'CSRLINT_$(VER_MAJOR) {'; echo 'global:'; \
	  sed -n 's/^[a-z][a-z0-9_ ]*[ *]\(csrl_[a-z0-9_]*\)(.*/	\1;/p' core/csrlint.h | sort -u; \
	  echo 'local: *;'; echo '};'; } > $@

$(SHLIB): $(PIC_OBJS) $(SYMMAP)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=$(SYMMAP) \
	  $(if $(SANITIZE),,-Wl,-z,defs) \
	  $(ALL_LDFLAGS) -o $@ $(PIC_OBJS) $(PKG_LIBS)
	ln -sf libcsrlint.so.$(VERSION) $(BUILDDIR)/$(SONAME)
	ln -sf $(SONAME) $(BUILDDIR)/libcsrlint.so

$(BUILDDIR)/tests/%: tests/%.c $(TEST_HELPERS) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Itests/helpers $(ALL_LDFLAGS) -o $@ $< $(TEST_HELPERS) $(LIB) $(PKG_LIBS) $(TEST_LIBS)

# Installs missing Debian packages as root; otherwise prints the command to run.
deps:
	@missing=""; for p in $(DEB_BUILD) $(DEB_TEST) $(EXTRA_DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "deps: missing packages; run: sudo apt-get install$$missing"; exit 1; \
	fi

demo: deps
	@$(MAKE) --no-print-directory all
	@for f in tests/data/samples/*.csr tests/data/samples/*.der; do \
	  echo "==> $(BIN) inspect $$f"; $(BIN) inspect "$$f"; echo; done

check: deps
	@$(MAKE) --no-print-directory all tests $(FUZZ_REPLAY_BINS)
	@CSRLINT=$(BIN) BUILDDIR=$(BUILDDIR) sh tests/run.sh $(TEST_BINS) $(FUZZ_REPLAY_BINS)

tests: $(TEST_BINS)

# Regenerates the compiled ASN.1 module (committed; tests/parsers checks it is fresh).
asn1:
	asn1Parser -o parsers/pkcs10_asn1_tab.c -n csrl_pkcs10_asn1_tab parsers/pkcs10.asn

# Regenerates the sorted rule list (committed; tests/rules checks it is fresh).
registry:
	sh rules/gen-registry.sh

bench:
	@$(MAKE) --no-print-directory deps EXTRA_DEBS="$(DEB_BENCH)"
	@$(MAKE) --no-print-directory all $(BUILDDIR)/tests/bench/bench_parse $(BUILDDIR)/tests/bench/bench_batchgcd
	@BUILDDIR=$(BUILDDIR) sh tests/bench/run.sh

$(BUILDDIR)/tests/bench/bench_%: tests/bench/bench_%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

# Fuzzing: harnesses, seeds and the targets fuzz, fuzz-run, fuzz-replay (fuzz/fuzz.mk).
-include fuzz/fuzz.mk

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/csrlint
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/csrlint
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libcsrlint.a
	install -m 755 $(SHLIB) $(DESTDIR)$(PREFIX)/lib/libcsrlint.so.$(VERSION)
	ln -sf libcsrlint.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libcsrlint.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
	    -e 's|@LIBS_EXTRA@|$(PC_LIBS_EXTRA)|' core/csrlint.pc.in > $(BUILDDIR)/csrlint.pc
	install -m 644 $(BUILDDIR)/csrlint.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/csrlint.pc
	install -m 644 core/csrlint.1 $(DESTDIR)$(PREFIX)/share/man/man1/csrlint.1
	install -m 644 core/csrlint.h core/errors.def core/anomalies.def core/oids.def $(DESTDIR)$(PREFIX)/include/csrlint/
	install -d $(DESTDIR)$(PREFIX)/share/csrlint/plugins $(DESTDIR)$(PREFIX)/share/csrlint/policies
	install -m 644 plugins/rules/*.lua $(DESTDIR)$(PREFIX)/share/csrlint/plugins/
	install -m 644 plugins/policies/*.lua $(DESTDIR)$(PREFIX)/share/csrlint/policies/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/csrlint $(DESTDIR)$(PREFIX)/lib/libcsrlint.a
	rm -f $(DESTDIR)$(PREFIX)/lib/libcsrlint.so $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	rm -f $(DESTDIR)$(PREFIX)/lib/libcsrlint.so.$(VERSION)
	rm -f $(DESTDIR)$(PREFIX)/lib/pkgconfig/csrlint.pc $(DESTDIR)$(PREFIX)/share/man/man1/csrlint.1
	rm -rf $(DESTDIR)$(PREFIX)/include/csrlint $(DESTDIR)$(PREFIX)/share/csrlint

clean:
	rm -rf $(BUILDDIR)
