#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# A batch's contracts are byte for byte those built one by one, although
# the batch keeps the paragraphs it typeset (tests/scripts/lotmemo.py),
# against the sanitizer build.  Prints "ok …" or "ÉCHEC …" lines.
# Environment (set by tests/run.sh): LGC, TOP, TMP.
set -u
if ! command -v python3 > /dev/null 2>&1; then
	echo "sauté lot et paragraphes gardés : python3 absent"
	exit 0
fi
LGC_PATH=${LGC_PATH:-$TOP/stdlib}
export LGC_PATH
exec python3 "$TOP/tests/scripts/lotmemo.py" "$TOP" "$LGC" "$TMP"
