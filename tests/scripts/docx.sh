# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The DOCX backend (issue 16): tests/scripts/docx.py, which needs python3
# and, for the comparisons of the DOCX and the LaTeX with the HTML,
# pandoc, for the examples' layout against lgc's PDF, LibreOffice and
# poppler (all from make deps; each check is skipped without its tool).
# Environment: LGC (sanitizer build), TOP, TMP.
set -u

if ! command -v python3 > /dev/null 2>&1; then
	echo "sauté docx (python3 absent)"
	exit 0
fi
exec python3 "$TOP/tests/scripts/docx.py"
