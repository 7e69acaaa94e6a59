#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Pathological inputs in linear time (tests/scripts/pathological.py):
# each case at sizes N and 8N, timed on the release ./lgc, which make
# check builds first (the sanitizer build is too slow and too noisy to
# time).  Prints "ok …" or "ÉCHEC …" per case.
# Environment (set by tests/run.sh): TOP.
set -u

lgc=$TOP/lgc
if [ ! -x "$lgc" ]; then
	echo "sauté pathologique : $lgc absent (make le construit)"
	exit 0
fi
if ! command -v python3 > /dev/null 2>&1; then
	echo "sauté pathologique : python3 absent"
	exit 0
fi
LGC_PATH=${LGC_PATH:-$TOP/stdlib}
export LGC_PATH
python3 "$TOP/tests/scripts/pathological.py" "$lgc"
