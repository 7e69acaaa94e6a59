# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Sourced by tests/run.sh after each golden PDF case ($tmp/out.pdf):
# the file is structurally valid (qpdf --check) and every font in it is
# embedded (pdffonts).  Calls pass, fail or skip.
if command -v qpdf > /dev/null 2>&1; then
	if qpdf --check "$tmp/out.pdf" > "$tmp/qpdf" 2>&1; then pass
	else fail "$rel.txt : qpdf --check" "$tmp/qpdf"; fi
else
	skip "$rel.txt : qpdf --check" "qpdf absent"
fi
if command -v pdffonts > /dev/null 2>&1; then
	# Columns from the right (names may overflow theirs): emb sub uni
	# object ID.
	if pdffonts "$tmp/out.pdf" > "$tmp/pdffonts" 2> /dev/null &&
	    awk 'NR > 2 { n++; if ($(NF - 4) != "yes") bad++ }
		END { exit !(n > 0 && bad == 0) }' "$tmp/pdffonts"
	then pass
	else fail "$rel.txt : police non incorporée (pdffonts)" "$tmp/pdffonts"; fi
else
	skip "$rel.txt : polices incorporées" "pdffonts absent"
fi
# The release ./lgc, linked where it can be with libharu compiled here
# from Debian's source (STATIC in the Makefile), writes the same bytes as
# this test build, linked with Debian's libhpdf.so.
if [ -x "$top/lgc" ]; then
	# shellcheck disable=SC2086
	(cd "$dir" && "$top/lgc" $args -f pdf "$name.lgc" $data \
	    -o "$tmp/release.pdf") > /dev/null 2>&1
	if cmp "$tmp/out.pdf" "$tmp/release.pdf" > "$tmp/cmp" 2>&1; then pass
	else fail "$rel.txt : ./lgc n'écrit pas le même PDF que la construction de test" "$tmp/cmp"; fi
fi
