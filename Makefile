# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# lgc — contract template compiler.
#   make            build ./lgc and the library (build/liblgc.a, liblgc.so)
#   make demo       install missing Debian packages, build, compile the examples
#   make check      unit tests + golden cases under ASan/UBSan, one summary line
#   make install PREFIX=/usr/local
#   make vsix       the VS Code extension, build/lgc.vsix (editors/vscode)

VERSION	= 0.1.0
SOVERSION = 0
PREFIX	?= /usr/local
BINDIR	= $(PREFIX)/bin
LIBDIR	= $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
PKGCONFIGDIR = $(LIBDIR)/pkgconfig
DATADIR	= $(PREFIX)/share/lgc
LIBEXECDIR = $(PREFIX)/libexec/lgc
MANDIR	= $(PREFIX)/share/man/man1
MAN5DIR	= $(PREFIX)/share/man/man5
DOCDIR	= $(PREFIX)/share/doc/lgc
# Shell completions (editors/shell): bash-completion's folder as its
# pkg-config file names it, moved under PREFIX, else the usual one; zsh's
# site-functions.
BASHCOMPDIR_PC != pkg-config --define-variable=datadir='$(PREFIX)/share' \
	--variable=completionsdir bash-completion 2> /dev/null || :
BASHCOMPDIR = $(or $(BASHCOMPDIR_PC),$(PREFIX)/share/bash-completion/completions)
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

CC	?= cc
WARN	= -std=c11 -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes
CFLAGS	?= -O2 -g
PKGS	= jansson fontconfig freetype2 libutf8proc
PKG_CFLAGS != pkg-config --cflags $(PKGS) 2>/dev/null || echo -I/usr/include/freetype2
PKG_LIBS   != pkg-config --libs $(PKGS) 2>/dev/null || echo -ljansson -lfontconfig -lfreetype -lutf8proc
# The server (lgc-serve, src/server): HTTP by libmicrohttpd, the batches'
# zips by libzip.
SERVER_PKGS = libmicrohttpd libzip
SERVER_CFLAGS != pkg-config --cflags $(SERVER_PKGS) 2>/dev/null || true
SERVER_LIBS != pkg-config --libs $(SERVER_PKGS) 2>/dev/null || echo -lmicrohttpd -lzip
# CPPFLAGS and LDFLAGS are the packager's (hardening, -I, -L, -Wl,…):
# every compilation and every link takes them, in the usual places.
ALL_CFLAGS = $(WARN) -D_XOPEN_SOURCE=700 \
	-DLGC_VERSION='"$(VERSION)"' -DLGC_STDLIB_DIR='"$(DATADIR)/stdlib"' \
	-DLGC_LIBEXEC_DIR='"$(LIBEXECDIR)"' \
	-Iinclude -Isrc -I$(GEN) $(PKG_CFLAGS) $(SERVER_CFLAGS) $(CPPFLAGS) $(CFLAGS)
LIBS	= $(PKG_LIBS) -lhpdf -lminizip -ldeflate -lz -lm
# The library's objects are position-independent, for liblgc.so as for
# the static ./lgc, and show nothing but the lgc_* functions of lgc.h
# (LGC_API): everything else is hidden, in liblgc.so and, localized
# after a partial link, in liblgc.a, so that a program linked with lgc
# meets none of its internal names.
PIC_FLAGS = -fPIC -fvisibility=hidden
SHLIB	= liblgc.so.$(VERSION)
SONAME	= liblgc.so.$(SOVERSION)
# ./lgc is linked without shared libraries when it can be: a PDF is a run
# of a few milliseconds, and every shared library mapped costs it page
# faults, relocations and symbol lookups (a fifth of its time,
# bench/pdf.sh).  jansson, utf8proc, fontconfig and FreeType (with what
# they need) come from the static archives of Debian's -dev packages.
# The DOCX's zip is written with minizip (libminizip-dev, zlib's contrib)
# rather than libzip: Debian's libzip-dev has no libzip.a (and libzip
# would bring bzip2 and OpenSSL), libminizip-dev has its archive.
# libharu has none: `make deps` fetches the source of the very version
# libhpdf-dev was built from out of Debian's archive (checked against the
# SHA-256 of its .dsc), and it is compiled here against libhpdf-dev's own
# headers; tests/scripts/static.sh checks that this ./lgc and the test
# build, linked with Debian's libhpdf.so, write the same bytes.  Without
# that source, libharu (with zlib and libpng) stays shared.  `make
# STATIC=no` links everything dynamically; the test builds always do.
# The server cannot be linked so: Debian ships no libzip.a, and
# libmicrohttpd.a needs GnuTLS's archive, which needs p11-kit's, which
# Debian does not ship either.  So `lgc serve` runs a second program,
# lgc-serve (beside ./lgc, installed in LIBEXECDIR), linked with
# liblgc.a and the shared libraries: ./lgc keeps its static start for
# the one-shot builds it is made for, and a server, which starts once,
# loses nothing by shared libraries.
STATIC	?= yes
STATIC_ARCHIVES != for l in minizip deflate jansson utf8proc fontconfig freetype expat \
	brotlidec brotlicommon; do f=$$($(CC) -print-file-name=lib$$l.a); \
	[ -f "$$f" ] || exit 0; a="$$a $$f"; done; echo $$a
HARU_DEB = 2.3.0+dfsg-1
HARU_ORIG = libharu_2.3.0+dfsg.orig.tar.xz
HARU_SHA256 = 87e8269d4b1b333a6e44168b4209bc6442ae3a11557cc8dc386fed65400bd34e
HARU_URL ?= http://deb.debian.org/debian/pool/main/libh/libharu/$(HARU_ORIG)
DL	= build/dl
HARU_LIB = build/libharu/libhpdf.a
HARU_PATCH = src/format/pdf/libharu.patch
# The static ./lgc is linked at a fixed address (-no-pie).  A static PIE
# relocates itself at each start: it writes the pointers of its tables
# (88 KB of .data.rel.ro: libharu's glyph names, FreeType's and
# fontconfig's tables, the diagnostics'), and each of those 22 pages is
# copied on its first write, a page fault each.  Linked at a fixed
# address, `lgc --version` takes 0.86 of the time, `lgc check` 0.92 and
# one PDF 0.95 (100 runs of each, in turns; page faults 74 -> 49 for a check,
# 107 -> 82 for a PDF).  What it gives up is a random address for its
# own code and data; its stack, heap and mappings stay random.  `make
# PIE=yes` links a static PIE instead; lgc-serve, the program that faces
# the network, is a PIE whatever PIE says.
PIE	?= no
STATIC_LINK = $(if $(filter yes,$(PIE)),-static-pie,-static -no-pie)
# yes when the source is here, matches the installed libhpdf-dev, and the
# toolchain links static executables with zlib and libpng archives.
HARU_STATIC != [ -f $(DL)/$(HARU_ORIG) ] && \
	[ "$$(dpkg-query -W -f='$${source:Version}' libhpdf-dev 2>/dev/null)" \
	= $(HARU_DEB) ] && [ -f "$$($(CC) -print-file-name=libz.a)" ] && \
	[ -f "$$($(CC) -print-file-name=libpng16.a)" ] && \
	echo 'int main(void) { return 0; }' | $(CC) -x c - $(STATIC_LINK) \
	-o /dev/null 2>/dev/null && echo yes
ifeq ($(STATIC)$(if $(STATIC_ARCHIVES),1)$(HARU_STATIC),yes1yes)
LGC_LINK = $(STATIC_LINK)
LGC_LIBS = $(STATIC_ARCHIVES) $(HARU_LIB) -lpng16 -lz -lm
LGC_DEPS = $(HARU_LIB)
else ifeq ($(STATIC)$(if $(STATIC_ARCHIVES),1),yes1)
LGC_LINK =
LGC_LIBS = $(STATIC_ARCHIVES) -lhpdf -lpng16 -lz -lm
LGC_DEPS =
else
LGC_LINK =
LGC_LIBS = $(LIBS)
LGC_DEPS =
endif
# Relative relocations packed (DT_RELR, binutils 2.38, glibc 2.36): the
# loader then reads 1 KB instead of 66 KB of them at each start.
RELR_FLAG != echo 'int main(void) { return 0; }' | $(CC) -x c - \
	-Wl,-z,pack-relative-relocs -o /dev/null 2>/dev/null && \
	echo -Wl,-z,pack-relative-relocs || true

BUILD	= build
NPROC != nproc 2>/dev/null || echo 2
GEN	= $(BUILD)/gen
SAN	= $(BUILD)/san
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# One folder per stage of the pipeline (docs/architecture.md); the
# command line (src/cli) and its language server (src/lsp, lgc lsp) are
# built on the library, not part of it.
SRC_ALL = $(wildcard src/*.c src/*/*.c src/*/*/*.c)
CLI_SRC = $(wildcard src/cli/*.c src/lsp/*.c)
SERVER_SRC = $(wildcard src/server/*.c)
LIB_SRC = $(filter-out $(CLI_SRC) $(SERVER_SRC),$(SRC_ALL))
HEADERS = $(wildcard include/*.h src/*/*.h src/*/*/*.h)
GEN_SRC = $(GEN)/parser.c $(GEN)/lexer.c
# The grammar's token kinds and semantic values, included as the module
# syntax/tokens (the automaton itself is parser.c).
GEN_H	= $(GEN)/syntax/tokens.h
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(GEN_SRC:$(GEN)/%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
SAN_CLI_OBJ = $(CLI_OBJ:$(BUILD)/%.o=$(SAN)/%.o)
SERVER_OBJ = $(SERVER_SRC:src/%.c=$(BUILD)/%.o)
SAN_SERVER_OBJ = $(SERVER_OBJ:$(BUILD)/%.o=$(SAN)/%.o)
SAN_OBJ = $(LIB_OBJ:$(BUILD)/%.o=$(SAN)/%.o)
UNIT_SRC = $(wildcard tests/unit/*.c)

all: lgc lgc-serve $(BUILD)/$(SHLIB) $(BUILD)/lgc.pc

lgc: $(CLI_OBJ) $(BUILD)/liblgc.a $(LGC_DEPS) $(BUILD)/link-mode
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(LGC_LINK) $(RELR_FLAG) -o $@ $(CLI_OBJ) \
	    $(BUILD)/liblgc.a $(LGC_LIBS)

lgc-serve: $(SERVER_OBJ) $(BUILD)/liblgc.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(RELR_FLAG) -o $@ $(SERVER_OBJ) \
	    $(BUILD)/liblgc.a $(LIBS) $(SERVER_LIBS) -pthread

# Relinks ./lgc when the way it is linked changes (STATIC, libharu's source).
$(BUILD)/link-mode: FORCE
	@mkdir -p $(BUILD)
	@echo '$(LGC_LINK) $(LGC_LIBS)' | cmp -s - $@ || \
	    echo '$(LGC_LINK) $(LGC_LIBS)' > $@

# libharu's C files, as Debian's orig tarball has them but for
# HARU_PATCH (its byte loops of copy, fill and length through the C
# library's: the same bytes out, see the patch), compiled against the
# headers libhpdf-dev installed (its configuration, its version).
$(HARU_LIB): $(DL)/$(HARU_ORIG) $(HARU_PATCH)
	rm -rf build/libharu
	mkdir -p build/libharu/src
	echo "$(HARU_SHA256)  $(DL)/$(HARU_ORIG)" | sha256sum -c --quiet -
	tar -xJf $(DL)/$(HARU_ORIG) -C build/libharu/src --strip-components=2 \
	    --wildcards '*/src/*.c' '*/src/t4.h'
	patch -s -p1 -d build/libharu < $(HARU_PATCH)
	ls build/libharu/src/*.c | xargs -P $(NPROC) -I{} \
	    $(CC) $(CPPFLAGS) $(CFLAGS) -fPIE -w -c {} -o {}.o
	ar rcs $@ build/libharu/src/*.o

# One relocatable object whose hidden symbols are made local: the archive
# exports the lgc_* functions only, so ./lgc, linked with it, can only
# use lgc.h (the command line is a client of the library like any other).
$(BUILD)/liblgc.a: $(LIB_OBJ)
	rm -f $@ $(BUILD)/liblgc.o
	$(CC) -r -nostdlib -o $(BUILD)/liblgc.o $(LIB_OBJ)
	objcopy --localize-hidden $(BUILD)/liblgc.o
	ar rcs $@ $(BUILD)/liblgc.o

$(BUILD)/$(SHLIB): $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
	    -Wl,--no-undefined -o $@ \
	    $(LIB_OBJ) $(LIBS)
	ln -sf $(SHLIB) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/liblgc.so

# pkg-config's description of the installed library; rewritten when the
# installation folders change.
$(BUILD)/lgc.pc: FORCE
	@mkdir -p $(BUILD)
	@pc=$$(printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' \
	    'includedir=$(INCLUDEDIR)' '' 'Name: lgc' \
	    'Description: compilateur de modèles de contrats (.lgc) en HTML, LaTeX, PDF et DOCX' \
	    'Version: $(VERSION)' 'Requires.private: $(PKGS)' \
	    'Libs: -L$${libdir} -llgc' 'Libs.private: -lhpdf -lminizip -ldeflate -lz -lm' \
	    'Cflags: -I$${includedir}'); \
	printf '%s\n' "$$pc" | cmp -s - $@ || printf '%s\n' "$$pc" > $@

# The language reference as lgc(5), written by pandoc from docs/langage.md
# (its title line and table of contents give way to the NOM section that
# whatis reads); French text, so no hyphenation with English patterns.
$(BUILD)/lgc.5: docs/langage.md
	@mkdir -p $(BUILD)
	@command -v pandoc > /dev/null || { echo "lgc(5) : pandoc manque" \
	    "(make deps l'installe)" >&2; exit 1; }
	{ printf '## NOM\n\nlgc \\- le langage des modèles de contrats .lgc\n\n'; \
	    sed '1d; /<!-- toc -->/,/<!-- \/toc -->/d' docs/langage.md; } | \
	    pandoc -s -f markdown -t man --shift-heading-level-by=-1 \
	    -M title=LGC -M section=5 -M date="lgc $(VERSION)" \
	    -M header="Formats de fichiers" -o $@.tmp
	sed -i 's/^\.hy$$/.nh/' $@.tmp
	mv $@.tmp $@

$(GEN)/parser.c $(GEN_H) &: grammar/parser.y
	@mkdir -p $(GEN)/syntax
	bison -Wall -Werror --defines=$(GEN_H) -o $(GEN)/parser.c grammar/parser.y

$(GEN)/lexer.c: grammar/lexer.l
	@mkdir -p $(GEN)
	flex -o $(GEN)/lexer.c grammar/lexer.l

$(BUILD)/%.o: src/%.c $(GEN_H) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PIC_FLAGS) -c -o $@ $<

$(BUILD)/%.o: $(GEN)/%.c $(GEN_H) $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(PIC_FLAGS) -c -o $@ $<

# Sanitizer build used by the test suite.
$(SAN)/%.o: src/%.c $(GEN_H) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) -c -o $@ $<

$(SAN)/%.o: $(GEN)/%.c $(GEN_H) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) -c -o $@ $<

$(SAN)/lgc: $(SAN_CLI_OBJ) $(SAN_OBJ)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $(SAN_CLI_OBJ) \
	    $(SAN_OBJ) $(LIBS)

$(SAN)/lgc-serve: $(SAN_SERVER_OBJ) $(SAN_OBJ)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $(SAN_SERVER_OBJ) \
	    $(SAN_OBJ) $(LIBS) $(SERVER_LIBS) -pthread

$(SAN)/unit: $(UNIT_SRC) tests/unit/unit.h $(SAN_OBJ) $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) $(LDFLAGS) -Itests/unit -o $@ \
	    $(UNIT_SRC) $(SAN_OBJ) $(LIBS)

# The public API used the way a C program would: only <lgc.h>.
$(SAN)/api_test: tests/api/api_test.c include/lgc.h $(SAN_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(SANFLAGS) $(LDFLAGS) -Iinclude -o $@ \
	    tests/api/api_test.c $(SAN_OBJ) $(LIBS) -pthread

# ThreadSanitizer build: the library, the API test (lgc_clone from
# several threads) and the server, which tests/scripts/tsan.sh runs under
# concurrent requests of every format (make check runs it).
TSAN	= $(BUILD)/tsan
TSANFLAGS = -O1 -g -fsanitize=thread -fno-omit-frame-pointer
TSAN_OBJ = $(LIB_OBJ:$(BUILD)/%.o=$(TSAN)/%.o)

$(TSAN)/%.o: src/%.c $(GEN_H) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TSANFLAGS) -c -o $@ $<

$(TSAN)/%.o: $(GEN)/%.c $(GEN_H) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TSANFLAGS) -c -o $@ $<

$(TSAN)/lgc-serve: $(SERVER_OBJ:$(BUILD)/%.o=$(TSAN)/%.o) $(TSAN_OBJ)
	$(CC) $(ALL_CFLAGS) $(TSANFLAGS) $(LDFLAGS) -o $@ \
	    $(SERVER_OBJ:$(BUILD)/%.o=$(TSAN)/%.o) $(TSAN_OBJ) $(LIBS) \
	    $(SERVER_LIBS) -pthread

# The ThreadSanitizer checks alone (make check runs them too).
check-tsan: $(TSAN)/lgc-serve $(TSAN)/api_test
	@d=$$(mktemp -d); TOP=$(CURDIR) TMP=$$d LGC_PATH=$(CURDIR)/stdlib \
	    sh tests/scripts/tsan.sh; rm -rf $$d

$(TSAN)/api_test: tests/api/api_test.c include/lgc.h $(TSAN_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(TSANFLAGS) $(LDFLAGS) -Iinclude -o $@ \
	    tests/api/api_test.c $(TSAN_OBJ) $(LIBS) -pthread

# The fuzz targets of tests/fuzz (one LLVMFuzzerTestOneInput each: the
# template, the client's data, the whole lgc.h surface), two ways: under
# the deterministic driver fuzz_smoke with the sanitizer build (make
# check replays their corpora and past crashes, with gcc), and under
# clang's libFuzzer (make fuzz).  They find the examples, the clause
# library and their fixed templates from this folder.
FUZZ_TARGETS = render data surface
FUZZ_DEFS = -DFUZZ_TOP='"$(CURDIR)"'
FUZZ_SMOKE = $(FUZZ_TARGETS:%=$(SAN)/fuzz_smoke_%)

$(SAN)/fuzz_smoke_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_smoke.c include/lgc.h $(SAN_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(SANFLAGS) $(LDFLAGS) -D_XOPEN_SOURCE=700 \
	    $(FUZZ_DEFS) -Iinclude -o $@ tests/fuzz/fuzz_$*.c \
	    tests/fuzz/fuzz_smoke.c $(SAN_OBJ) $(LIBS)

# libFuzzer's build: clang, its own -O1 after the user's CFLAGS, and any
# sanitizer report fatal, so that a finding stops the run with its input.
FUZZ	= $(BUILD)/fuzzer
FUZZ_CC	= clang
FUZZ_FLAGS = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_OBJ = $(LIB_OBJ:$(BUILD)/%.o=$(FUZZ)/obj/%.o)
FUZZ_BIN = $(FUZZ_TARGETS:%=$(FUZZ)/%)
FUZZ_SECONDS ?= 300

$(FUZZ)/obj/%.o: src/%.c $(GEN_H) $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ)/obj/%.o: $(GEN)/%.c $(GEN_H) $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ)/%: tests/fuzz/fuzz_%.c include/lgc.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(WARN) $(CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer \
	    $(LDFLAGS) -D_XOPEN_SOURCE=700 $(FUZZ_DEFS) -Iinclude -o $@ $< \
	    $(FUZZ_OBJ) $(LIBS)

# Each target for FUZZ_SECONDS (0: until stopped), one process, new
# inputs kept in build/fuzzer/corpus-TARGET; tests/fuzz/run.sh prints
# executions, speed, coverage and any crash (then copy it into
# tests/fuzz/crashes/TARGET/).  fuzz-ci is .ci/run's minute per target,
# skipped (« sauté ») where clang has no libFuzzer.
fuzz: $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do \
	    sh tests/fuzz/run.sh $$t $(FUZZ_SECONDS) || exit 1; done

$(FUZZ_TARGETS:%=fuzz-%): fuzz-%: $(FUZZ)/%
	@sh tests/fuzz/run.sh $* $(FUZZ_SECONDS)

# The committed corpora, minimised with what make fuzz found.
fuzz-merge: $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do sh tests/fuzz/run.sh --merge $$t || exit 1; done

fuzz-ci:
	@if sh tests/fuzz/run.sh --probe $(FUZZ_CC); then \
	    $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=60; \
	else echo "sauté fuzz (libFuzzer de clang absent : make deps l'installe)"; fi

# Long checks, not in make check: the server image built and run where
# Docker can (tests/deploy/image.sh), its stages replayed in
# debootstrapped chroots (tests/deploy/racine.sh), each fuzz target
# for FUZZ_SECONDS (600 by default), then lgc lsp with every example
# typed character by character under the sanitizer (LONG=1).
check-long:
	@mkdir -p $(BUILD)
	@{ sh tests/deploy/image.sh; sh tests/deploy/racine.sh; } | \
	    tee $(BUILD)/deploy-long.out; ! grep -q '^ÉCHEC' $(BUILD)/deploy-long.out
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$${FUZZ_SECONDS:-600}
	@$(MAKE) --no-print-directory $(SAN)/lgc
	@mkdir -p $(BUILD)/lsp-long && LONG=1 LGC=$(SAN)/lgc TOP=$(CURDIR) \
	    TMP=$(BUILD)/lsp-long LGC_PATH=$(CURDIR)/stdlib \
	    sh tests/scripts/lsp.sh | tee $(BUILD)/lsp-long.out; \
	    ! grep -q '^ÉCHEC' $(BUILD)/lsp-long.out

# Function coverage of the fuzz targets' corpora (clang's source-based
# coverage, llvm-cov): src/eval, the filters and functions, the French
# formatting; the corpora replayed by the deterministic driver.
COV	= $(BUILD)/cov
COV_FLAGS = -g -O1 -fprofile-instr-generate -fcoverage-mapping
COV_OBJ	= $(LIB_OBJ:$(BUILD)/%.o=$(COV)/obj/%.o)
COV_BIN	= $(FUZZ_TARGETS:%=$(COV)/%)

$(COV)/obj/%.o: src/%.c $(GEN_H) $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) $(COV_FLAGS) -c -o $@ $<

$(COV)/obj/%.o: $(GEN)/%.c $(GEN_H) $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) $(COV_FLAGS) -c -o $@ $<

# The questionnaire's script (src/form/formulaire.js), kept as a file of
# its own so that it reads and checks as JavaScript, compiled into lgc as
# the bytes of a C array: the page lgc writes carries it inline.
FORM_RUNTIME = $(GEN)/form/runtime.h
$(BUILD)/form/form.o $(SAN)/form/form.o $(FUZZ)/obj/form/form.o \
    $(COV)/obj/form/form.o: $(FORM_RUNTIME)

# The descriptions of the diagnostic codes (the SARIF rules of
# --format-diagnostics sarif), taken from docs/diagnostics.md in the
# order of diagcodes.h; the script fails when a code is undocumented.
DIAG_RULES = $(GEN)/base/diagrules.h
$(BUILD)/base/diag.o $(SAN)/base/diag.o $(TSAN)/base/diag.o \
    $(FUZZ)/obj/base/diag.o $(COV)/obj/base/diag.o: $(DIAG_RULES)

$(DIAG_RULES): docs/diagnostics.md src/base/diagcodes.h src/base/diagrules.py
	@mkdir -p $(dir $@)
	python3 src/base/diagrules.py docs/diagnostics.md \
	    src/base/diagcodes.h > $@.tmp
	mv $@.tmp $@

$(FORM_RUNTIME): src/form/formulaire.js
	@mkdir -p $(dir $@)
	{ echo '/* Generated by make from src/form/formulaire.js. */'; \
	    echo 'static const unsigned char form_runtime[] = {'; \
	    od -An -v -tx1 src/form/formulaire.js | \
	    sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; echo '0 };'; } > $@.tmp
	mv $@.tmp $@

$(COV)/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_smoke.c include/lgc.h $(COV_OBJ)
	$(FUZZ_CC) $(WARN) $(CPPFLAGS) $(COV_FLAGS) $(LDFLAGS) \
	    -D_XOPEN_SOURCE=700 $(FUZZ_DEFS) -Iinclude -o $@ $< \
	    tests/fuzz/fuzz_smoke.c $(COV_OBJ) $(LIBS)

fuzz-coverage: $(COV_BIN)
	@sh tests/fuzz/coverage.sh

tests/fuzz/lgc.dict: tests/fuzz/dict.sh src/lang/functions.c \
    src/lang/types.c src/syntax/keywords.c grammar/lexer.l $(wildcard stdlib/*.lgc)
	sh tests/fuzz/dict.sh > $@.tmp && mv $@.tmp $@

# The same objects as ./lgc, linked with the shared libraries and no
# sanitizer: what valgrind can follow (a static executable hides glibc's
# allocator from it, and ASan replaces it).
$(BUILD)/dyn/lgc: $(CLI_OBJ) $(LIB_OBJ)
	@mkdir -p $(BUILD)/dyn
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB_OBJ) $(LIBS)

# Every example in every format, check, lint and schema, and a batch
# in two processes, under valgrind: any error or definite leak fails.
check-valgrind: $(BUILD)/dyn/lgc lgc-serve
	@sh tests/valgrind.sh

unit: $(SAN)/unit
	$(SAN)/unit

check: all $(SAN)/lgc $(SAN)/lgc-serve $(SAN)/unit $(SAN)/api_test \
    $(TSAN)/lgc-serve $(TSAN)/api_test $(FUZZ_SMOKE)
	@sh tests/run.sh

# The catalogue of the clause library, made from the clause files (their
# comments, headings and lgc schema); tests/scripts/library.sh fails when
# the committed file is not what this writes.
docs/stdlib.md: lgc docs/generer-stdlib.py $(wildcard stdlib/*.lgc)
	python3 docs/generer-stdlib.py ./lgc stdlib > $@.tmp && mv $@.tmp $@

# Speed, size and memory against the issues' targets (not tests): one
# PDF, batches of 1,000 and 10,000 contracts, and the server under wrk.
$(BUILD)/bench/pdfbench: bench/pdfbench.c include/lgc.h $(BUILD)/liblgc.a
	@mkdir -p $(BUILD)/bench
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -D_XOPEN_SOURCE=700 \
	    -Iinclude -o $@ bench/pdfbench.c $(BUILD)/liblgc.a $(LIBS)

# bench/pairs.sh first: lgc against wkhtmltopdf, pdflatex and pandoc in
# one run, timed by hyperfine, the table in bench/RESULTS.md; then the
# growth in template and batch size (bench/croissance.py; a ratio over
# 2.2 is said, and the other benchmarks still run).
bench: lgc lgc-serve $(BUILD)/bench/pdfbench
	@sh bench/pairs.sh
	-@python3 bench/croissance.py ./lgc
	@sh bench/pdf.sh
	@sh bench/pdftag.sh
	@sh bench/docx.sh
	@sh bench/lot.sh
	@sh bench/memoire.sh
	@sh bench/serve.sh
	@sh bench/variantes.sh
	@sh bench/lsp.sh

# Debian packages: to build, to run the tests, and the fonts for PDF.
DEPS_BUILD = gcc make flex bison pkg-config python3 libjansson-dev libhpdf-dev \
	libfontconfig-dev libfreetype-dev libutf8proc-dev fonts-liberation2 \
	curl xz-utils pandoc libminizip-dev zlib1g-dev
# libdeflate compresses the PDF's streams (src/format/pdf/deflate.c):
# a seventh of the instructions of zlib's default level; and the DOCX's
# parts (src/format/docx/zip.c), at that level in half the time.
DEPS_BUILD += libdeflate-dev
# patch applies src/format/pdf/libharu.patch to the libharu ./lgc compiles.
DEPS_BUILD += patch
# The sRGB ICC profile (/usr/share/color/icc/sRGB.icc, ICC version 2) of
# the output intent of lgc build --pdfa (src/format/pdf/pdfa.c): a
# runtime need, not only a test's.
DEPS_BUILD += icc-profiles-free
# fonts-liberation (1.07, which Chromium brings) beside fonts-liberation2:
# the PDF must still take the later faces (tests/golden/pdf/typographie).
DEPS_TEST = man-db fonts-liberation tidy poppler-utils qpdf \
	texlive-latex-base texlive-lang-french texlive-latex-recommended \
	texlive-fonts-recommended fonts-dejavu-core fonts-dejavu-extra \
	fonts-wqy-microhei \
	lmodern texlive-xetex texlive-luatex chromium
# make fuzz and .ci/run's minute of fuzzing: clang with libFuzzer (in
# libclang-rt-dev), llvm-profdata and llvm-cov for make fuzz-coverage.
DEPS_TEST += clang libclang-rt-dev llvm
# tests/scripts/docs.sh runs docs/verifier-exemples.py.
DEPS_TEST += python3
# tests/scripts/docx.sh: LibreOffice lays the examples' DOCX out as a PDF
# (about 20 s to install here).
DEPS_TEST += libreoffice-writer-nogui
# tests/scripts/docx.sh: every part of each DOCX parsed by xmllint.
DEPS_TEST += libxml2-utils
# make check-valgrind (and .ci/run) runs the examples under valgrind.
DEPS_TEST += valgrind
# make bench (bench/lot.sh, bench/memoire.sh) reads peak memory from
# /usr/bin/time.
DEPS_TEST += time
# lgc serve, and its tests and benchmark (tests/scripts/serve.sh,
# bench/serve.sh): the HTTP library, libzip for the batches, wrk.
DEPS_BUILD += libmicrohttpd-dev libzip-dev
DEPS_TEST += wrk
# tests/scripts/deploy.sh: the Kubernetes manifests read strictly, the
# scripts of deploy/ and the Job's command under shellcheck, and the
# README's GNU parallel batch.
DEPS_TEST += python3-yaml shellcheck parallel
# tests/scripts/editeurs.sh: Vim with +syntax (vim-tiny has none) reads
# lgc's diagnostics through editors/vim/compiler/lgc.vim; zsh runs its
# completion of lgc on a pseudo-terminal; Emacs (emacs-nox, about 20 s
# to install) runs editors/emacs/lgc-mode.el in batch.
DEPS_TEST += vim zsh emacs-nox
# make bench (bench/pairs.sh, bench/croissance.py): hyperfine times the
# runs; wkhtmltopdf is a peer of the PDF (pdflatex and pandoc are in the
# lists above).
DEPS_BENCH = hyperfine wkhtmltopdf
DEPS = $(DEPS_BUILD) $(DEPS_TEST) $(DEPS_BENCH)
SUDO != [ "$$(id -u)" = 0 ] || echo sudo

# deps-build: only what building ./lgc needs (the build stage of
# deploy/Dockerfile), no test tools nor npm packages.
DEPS_NPM = yes
deps-build:
	@$(MAKE) --no-print-directory deps DEPS_TEST= DEPS_BENCH= DEPS_NPM=no

deps:
	@missing=""; for p in $(DEPS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" \
	        || missing="$$missing $$p"; done; \
	[ "$(DEPS_NPM)" = no ] || command -v npm > /dev/null 2>&1 || \
	    missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	    echo "Installation des paquets manquants :$$missing"; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	        --no-install-recommends $$missing; \
	else echo "Paquets Debian présents."; fi
	@# libharu's source, for a ./lgc without shared libraries (see STATIC).
	@# Without it ./lgc works the same, linked with libhpdf.so.
	@if [ "$(STATIC)" = yes ] && [ ! -f $(DL)/$(HARU_ORIG) ] && \
	    [ "$$(dpkg-query -W -f='$${source:Version}' libhpdf-dev)" \
	    = $(HARU_DEB) ]; then \
	    echo "Téléchargement des sources de libharu $(HARU_DEB) (archive Debian)"; \
	    mkdir -p $(DL); \
	    if curl -fsS --retry 2 -o $(DL)/$(HARU_ORIG).part $(HARU_URL) && \
	        echo "$(HARU_SHA256)  $(DL)/$(HARU_ORIG).part" | \
	        sha256sum -c --quiet -; then \
	        mv $(DL)/$(HARU_ORIG).part $(DL)/$(HARU_ORIG); \
	    else rm -f $(DL)/$(HARU_ORIG).part; \
	        echo "Attention : sources de libharu indisponibles ; ./lgc" \
	            "sera lié à libhpdf.so (même résultat, démarrage plus lent)."; \
	    fi; \
	fi
	@# ajv, the JSON Schema validator of the tests, from the npm registry.
	@# Without it (no route to the registry, or a TLS proxy whose
	@# certificate the machine lacks) only the schema checks are skipped.
	@if [ "$(DEPS_NPM)" != no ] && [ ! -d tests/schema/node_modules/ajv ]; then \
	    echo "Installation de ajv (npm) dans tests/schema"; \
	    ca=/etc/ssl/certs/ca-certificates.crt; \
	    if (cd tests/schema && NODE_EXTRA_CA_CERTS=$$ca npm ci \
	        --cafile=$$ca --no-audit --no-fund --loglevel=error); then :; \
	    else echo "Attention : ajv n'a pas pu être installé ; les tests" \
	        "de schéma JSON seront sautés (make check le signale)."; fi; \
	fi
	@# The SARIF 2.1.0 schema (in @microsoft/jest-sarif) and ajv for
	@# draft-04, which validate --format-diagnostics sarif
	@# (tests/scripts/diagformats.sh).
	@if [ "$(DEPS_NPM)" != no ] && [ ! -d tests/sarif/node_modules/ajv-draft-04 ]; then \
	    echo "Installation du schéma SARIF et de ajv (npm) dans tests/sarif"; \
	    ca=/etc/ssl/certs/ca-certificates.crt; \
	    if (cd tests/sarif && NODE_EXTRA_CA_CERTS=$$ca npm ci \
	        --cafile=$$ca --no-audit --no-fund --loglevel=error); then :; \
	    else echo "Attention : le schéma SARIF n'a pas pu être installé ;" \
	        "sa validation sera sautée (make check le signale)."; fi; \
	fi
	@# pdf.js (pdfjs-dist), Firefox's PDF reader, which reads the signature
	@# fields of the PDF in tests/scripts/pdfa.sh; without its optional
	@# canvas (a native build), as nothing is drawn.
	@if [ "$(DEPS_NPM)" != no ] && [ ! -d tests/pdfjs/node_modules/pdfjs-dist ]; then \
	    echo "Installation de pdf.js (npm) dans tests/pdfjs"; \
	    ca=/etc/ssl/certs/ca-certificates.crt; \
	    if (cd tests/pdfjs && NODE_EXTRA_CA_CERTS=$$ca npm ci \
	        --cafile=$$ca --omit=optional --no-audit --no-fund \
	        --loglevel=error); then :; \
	    else echo "Attention : pdf.js n'a pas pu être installé ; la" \
	        "lecture des champs par pdf.js sera sautée (make check le signale)."; fi; \
	fi
	@# puppeteer-core, which drives Debian's chromium in the tests of the
	@# HTML as printed and on a phone (tests/scripts/browser.sh); it
	@# downloads no browser of its own.
	@if [ "$(DEPS_NPM)" != no ] && [ ! -d tests/browser/node_modules/puppeteer-core ]; then \
	    echo "Installation de puppeteer-core (npm) dans tests/browser"; \
	    ca=/etc/ssl/certs/ca-certificates.crt; \
	    if (cd tests/browser && NODE_EXTRA_CA_CERTS=$$ca npm ci \
	        --cafile=$$ca --no-audit --no-fund --loglevel=error); then :; \
	    else echo "Attention : puppeteer-core n'a pas pu être installé ;" \
	        "les tests dans le navigateur seront sautés (make check le" \
	        "signale)."; fi; \
	fi
	@# swagger-parser, the OpenAPI 3.1 validator of docs/openapi.yaml
	@# (tests/scripts/openapi.sh).
	@if [ "$(DEPS_NPM)" != no ] && [ ! -d tests/openapi/node_modules/@apidevtools/swagger-parser ]; then \
	    echo "Installation de swagger-parser (npm) dans tests/openapi"; \
	    ca=/etc/ssl/certs/ca-certificates.crt; \
	    if (cd tests/openapi && NODE_EXTRA_CA_CERTS=$$ca npm ci \
	        --cafile=$$ca --no-audit --no-fund --loglevel=error); then :; \
	    else echo "Attention : swagger-parser n'a pas pu être installé ;" \
	        "la validation de docs/openapi.yaml sera sautée (make check" \
	        "le signale)."; fi; \
	fi
	@# kubernetes-models (the Kubernetes API's schemas, compiled) and
	@# dockerfile-utils, which check deploy/ (tests/scripts/deploy.sh).
	@if [ "$(DEPS_NPM)" != no ] && [ ! -d tests/deploy/node_modules/kubernetes-models ]; then \
	    echo "Installation de kubernetes-models et dockerfile-utils (npm) dans tests/deploy"; \
	    ca=/etc/ssl/certs/ca-certificates.crt; \
	    if (cd tests/deploy && NODE_EXTRA_CA_CERTS=$$ca npm ci \
	        --cafile=$$ca --no-audit --no-fund --loglevel=error); then :; \
	    else echo "Attention : kubernetes-models n'a pas pu être installé ;" \
	        "la validation des manifestes Kubernetes et du Dockerfile sera" \
	        "sautée (make check le signale)."; fi; \
	fi

	@# The VS Code extension's client library (vscode-languageclient), and
	@# what tests and packs it: vscode-tmgrammar-test, vscode-textmate and
	@# vscode-oniguruma (tests/scripts/editeurs.sh), @vscode/vsce (make vsix).
	@if [ "$(DEPS_NPM)" != no ] && [ ! -d editors/vscode/node_modules/@vscode/vsce ]; then \
	    echo "Installation de vscode-languageclient, vsce et vscode-tmgrammar-test (npm) dans editors/vscode"; \
	    ca=/etc/ssl/certs/ca-certificates.crt; \
	    if (cd editors/vscode && NODE_EXTRA_CA_CERTS=$$ca npm ci \
	        --cafile=$$ca --no-audit --no-fund --loglevel=error); then :; \
	    else echo "Attention : les paquets npm d'editors/vscode n'ont pas" \
	        "pu être installés ; les tests de la grammaire et make vsix" \
	        "seront sautés (make check le signale)."; fi; \
	fi

# The VS Code extension, packed by @vscode/vsce (make deps installs it):
# build/lgc.vsix, for `code --install-extension build/lgc.vsix`.
VSIX_SRC = editors/vscode/package.json editors/vscode/extension.js \
	editors/vscode/language-configuration.json editors/vscode/README.md \
	editors/vscode/syntaxes/lgc.tmLanguage.json
vsix: $(BUILD)/lgc.vsix
editors: vsix
$(BUILD)/lgc.vsix: $(VSIX_SRC)
	@[ -d editors/vscode/node_modules/@vscode/vsce ] || { echo \
	    "make vsix : @vscode/vsce absent (make deps l'installe)" >&2; exit 1; }
	@mkdir -p $(BUILD)
	cd editors/vscode && node node_modules/@vscode/vsce/vsce package \
	    --allow-missing-repository --skip-license -o $(CURDIR)/$@

DEMO_OUT = demo
# Every example with each of its client files, in every format this build
# knows (a format it lacks is skipped), into demo/.
demo: deps
	$(MAKE) lgc
	@mkdir -p $(DEMO_OUT)
	@set -e; for t in examples/*/contrat.lgc; do \
	    ex=$$(basename $$(dirname $$t)); \
	    for d in $$(dirname $$t)/donnees/*.json; do \
	        for ext in html pdf tex docx; do \
	            out=$(DEMO_OUT)/$$ex-$$(basename $$d .json).$$ext; \
	            if ./lgc build $$t -d $$d -o $$out 2> $(DEMO_OUT)/.err; then \
	                echo "  $$out"; \
	            elif grep -q "inconnu" $(DEMO_OUT)/.err; then :; \
	            else cat $(DEMO_OUT)/.err; exit 1; fi; \
	        done; \
	    done; \
	done; rm -f $(DEMO_OUT)/.err

install: all $(BUILD)/lgc.5
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/stdlib \
	    $(DESTDIR)$(MANDIR) $(DESTDIR)$(MAN5DIR) $(DESTDIR)$(LIBDIR) \
	    $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DOCDIR)
	install -m 755 lgc $(DESTDIR)$(BINDIR)/lgc
	install -d $(DESTDIR)$(LIBEXECDIR)
	install -m 755 lgc-serve $(DESTDIR)$(LIBEXECDIR)/lgc-serve
	install -m 644 stdlib/*.lgc $(DESTDIR)$(DATADIR)/stdlib/
	install -m 644 docs/lgc.1 $(DESTDIR)$(MANDIR)/lgc.1
	install -m 644 $(BUILD)/lgc.5 $(DESTDIR)$(MAN5DIR)/lgc.5
	install -m 644 LICENSE $(DESTDIR)$(DOCDIR)/LICENSE
	install -m 644 stdlib/LICENSE $(DESTDIR)$(DOCDIR)/LICENSE.stdlib
	install -m 644 include/lgc.h $(DESTDIR)$(INCLUDEDIR)/lgc.h
	install -m 644 $(BUILD)/liblgc.a $(DESTDIR)$(LIBDIR)/liblgc.a
	install -m 755 $(BUILD)/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SHLIB)
	ln -sf $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/liblgc.so
	install -m 644 $(BUILD)/lgc.pc $(DESTDIR)$(PKGCONFIGDIR)/lgc.pc
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 editors/shell/lgc.bash $(DESTDIR)$(BASHCOMPDIR)/lgc
	install -m 644 editors/shell/_lgc $(DESTDIR)$(ZSHCOMPDIR)/_lgc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/lgc $(DESTDIR)$(MANDIR)/lgc.1 \
	    $(DESTDIR)$(LIBEXECDIR)/lgc-serve \
	    $(DESTDIR)$(MAN5DIR)/lgc.5 \
	    $(DESTDIR)$(INCLUDEDIR)/lgc.h $(DESTDIR)$(LIBDIR)/liblgc.a \
	    $(DESTDIR)$(LIBDIR)/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/liblgc.so $(DESTDIR)$(PKGCONFIGDIR)/lgc.pc \
	    $(DESTDIR)$(BASHCOMPDIR)/lgc $(DESTDIR)$(ZSHCOMPDIR)/_lgc
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

# Keeps what `make deps` downloaded (build/dl); distclean removes it too.
clean:
	find $(BUILD) -mindepth 1 -maxdepth 1 ! -name dl -exec rm -rf {} + \
	    2> /dev/null || true
	rm -rf lgc lgc-serve $(DEMO_OUT)

distclean: clean
	rm -rf $(BUILD)

FORCE:

.PHONY: all check check-tsan check-valgrind clean distclean unit deps deps-build demo install \
	uninstall fuzz $(FUZZ_TARGETS:%=fuzz-%) fuzz-ci fuzz-merge fuzz-coverage \
	check-long bench vsix editors FORCE
