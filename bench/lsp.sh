#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make bench: the time lgc lsp takes to answer each kind of request on
# each example contract (issue 17: at most 50 ms each), measured by the
# test client (tests/lsp/client.py bench) over pipes, the client's own
# JSON work included: its median and 90th centile over N tries.  An open
# or a change is timed until its diagnostics are published (the whole
# check, with the data file beside the template).  Prints the figures;
# not a test.
#   N=50 sh bench/lsp.sh
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
LGC=${LGC:-$top/lgc}
N=${N:-30}
LGC_PATH=$top/stdlib
LC_ALL=C.UTF-8
export LGC_PATH LC_ALL

if [ ! -x "$LGC" ]; then
	echo "bench : $LGC introuvable (make lgc)" >&2
	exit 1
fi
for f in "$top"/examples/*/contrat.lgc; do
	echo "lgc lsp, ${f#"$top"/} ($(wc -c < "$f") octets) :"
	python3 "$top/tests/lsp/client.py" bench "$LGC" "$f" "$N" |
	    sed 's/^/  /'
done
