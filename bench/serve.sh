#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Server benchmark (make bench): requests per second and p50/p99 latency
# of POST …/rendu for HTML and PDF on the example contract, with wrk
# (16 connections, then 4 for latency, 2 threads of wrk, the server with --fils = the cores),
# beside the same documents made by `lgc build` processes (2 at a time);
# then the server's RSS over 100,000 HTML requests.  Targets (issue 15):
# 1,000 HTML and 200 PDF a second on 2 cores, p99 under 50 ms, flat
# memory.  Prints the figures; a timing is never a test failure.
#   BENCH_SECONDS (default 10): each wrk run.  BENCH_REQUESTS (100000).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
lgc=$top/lgc
seconds=${BENCH_SECONDS:-10}
total=${BENCH_REQUESTS:-100000}
export LGC_PATH="$top/stdlib"
if ! command -v wrk > /dev/null 2>&1; then
	echo "serve : wrk absent (make deps l'installe), banc sauté"
	exit 0
fi
w=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2> /dev/null; rm -rf "$w"' EXIT INT TERM
ex=$top/examples/accord-confidentialite
data=$ex/donnees/startup-industriel.json
cores=$(nproc 2> /dev/null || echo 2)

"$lgc" serve "$top/examples" --port 0 --fils "$cores" 2> "$w/log" &
pid=$!
port=
while [ -z "$port" ]; do
	sleep 0.1
	port=$(sed -n 's/^lgc serve : http:\/\/127.0.0.1:\([0-9]*\)\/ .*/\1/p' "$w/log")
	kill -0 $pid 2> /dev/null || { cat "$w/log"; exit 1; }
done
url=http://127.0.0.1:$port/api/v1/modeles/accord-confidentialite/contrat/rendu
cat > "$w/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$data")
wrk.body = f:read("*a")
f:close()
EOF

# wrk's figures: "REQ/S P50 P99 NON2XX".
load() {
	wrk -t2 -c"${3:-16}" -d"$1"s --latency -s "$w/post.lua" "$2" > "$w/wrk" 2>&1
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' "$w/wrk")
	p50=$(awk '$1 == "50%" { print $2 }' "$w/wrk")
	p99=$(awk '$1 == "99%" { print $2 }' "$w/wrk")
	bad=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\)/\1/p' "$w/wrk")
	n=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$w/wrk")
	echo "${rps:-0} ${p50:-?} ${p99:-?} ${bad:-0} ${n:-0}"
}

# Documents a second by `lgc build` processes, two at a time.
processes() {
	n=200
	start=$(date +%s.%N)
	seq $n | xargs -P 2 -I{} "$lgc" build "$ex/contrat.lgc" -d "$data" \
	    -f "$1" -o "$w/out-{}.$1" 2> /dev/null
	end=$(date +%s.%N)
	rm -f "$w"/out-*
	echo "$n $start $end" | awk '{ printf "%.0f", $1 / ($3 - $2) }'
}

echo "serve : contrat accord-confidentialite, $cores cœurs, wrk -t2 -c16 -d${seconds}s"
for f in html pdf; do
	set -- $(load "$seconds" "$url?format=$f")
	case $f in html) target=1000 ;; pdf) target=200 ;; esac
	echo "  $f : $1 requêtes/s (cible $target), p50 $2, p99 $3 (cible 50ms), non-2xx $4"
	echo "  $f par processus lgc build (-P 2) : $(processes $f) documents/s"
done
# Latency with 4 connections: 16 on 2 cores queue behind one another
# (Little's law: 16 / 265 per second is 60 ms whatever the server).
for f in html pdf; do
	set -- $(load "$seconds" "$url?format=$f" 4)
	echo "  $f, 4 connexions : $1 requêtes/s, p50 $2, p99 $3"
done

# Memory: RSS before and after TOTAL requests of HTML.
rss() { awk '/^VmRSS/ { print $2 }' /proc/$pid/status; }
before=$(rss)
done_requests=0
while [ "$done_requests" -lt "$total" ]; do
	set -- $(load 10 "$url?format=html")
	done_requests=$((done_requests + $5))
	[ "$done_requests" -ge 10000 ] && [ -z "${at10k:-}" ] && at10k=$(rss)
done
after=$(rss)
echo "  mémoire : RSS $before Ko au départ, ${at10k:-?} Ko après 10 000 requêtes," \
    "$after Ko après $done_requests"
kill -TERM $pid
wait $pid
pid=
