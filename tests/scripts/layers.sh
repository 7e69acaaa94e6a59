# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The pipeline's order, held against the code (docs/architecture.md).
# A module is a source file with its header (src/eval/eval.c and
# src/eval/eval.h); its stage is its folder under src/.  Two kinds of
# edges tie modules: an #include, read from the sources, and a call,
# read from the test build's objects with nm (an object that needs a
# symbol another one defines), so that a call through a declaration
# placed in some other header is seen too.  Fails on an edge from a
# stage to a later one, and on a cycle of modules.
# Environment: TOP (and the objects of build/san, made by make check).
set -u

# The stages, in pipeline order; a module may use its own stage and the
# ones before it.  "api" is the library facade (src/lgc.c, lgc.h, and
# src/api/); "variantes" (src/variantes/, lgc_variantes) is part of the
# library too, above the facade, which it drives and which never calls
# it.
stages="base lang syntax check lint schema form data eval doc format api variantes server lsp cli"

objdir=$TOP/build/san
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT INT TERM

# module PATH: the module name of a source, header, grammar or object.
# The grammar files are the syntax stage's automaton and scanner; their
# generated token header is included as syntax/tokens.h.
module_of() {
	case "$1" in
	*/grammar/parser.y | */san/parser.o) echo syntax/parser ;;
	*/grammar/lexer.l | */san/lexer.o) echo syntax/lexer ;;
	*/include/lgc.h | */src/lgc.c | */san/lgc.o | lgc.h) echo api/lgc ;;
	*/src/*) p=${1#*/src/}; echo "${p%.*}" ;;
	*/san/*) p=${1#"$objdir"/}; echo "${p%.*}" ;;
	*) p=${1%.*}; echo "$p" ;;
	esac
}

cd "$TOP" || exit 1
# Includes: "folder/name.h" under src/, or the generated and public ones.
for f in $(find src grammar include -name '*.[chly]' | sort); do
	from=$(module_of "$TOP/$f")
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' \
	    "$f" | while read -r h; do
		case "$h" in
		lgc.h) to=$(module_of "$h") ;;
		*) to=${h%.h} ;;
		esac
		[ "$to" != "$from" ] && echo "$from $to include"
	done
done >> "$edges"

# Calls: who defines each global symbol, then who needs it, in the
# objects of today's sources (an object left by a deleted source is not
# read).
objs=$(find src -name '*.c' | sort | sed "s|^src/\(.*\)\.c$|$objdir/\1.o|")
objs="$objs $objdir/parser.o $objdir/lexer.o"
for o in $objs; do
	[ -f "$o" ] || { echo "ÉCHEC couches : $o manque (make check le construit)"; exit 0; }
done
if [ -n "$objs" ]; then
	defs=$(for o in $objs; do
		m=$(module_of "$o")
		nm -g --defined-only "$o" 2> /dev/null |
		    awk -v m="$m" 'NF == 3 { print $3, m }'
	done)
	for o in $objs; do
		m=$(module_of "$o")
		nm -u "$o" 2> /dev/null | awk -v m="$m" '{ print $NF, m }'
	done | awk -v defs="$defs" '
		BEGIN { n = split(defs, d, "\n")
			for (i = 1; i <= n; i++) { split(d[i], p, " "); def[p[1]] = p[2] } }
		($1 in def) && def[$1] != $2 { print $2, def[$1], "call:" $1 }' |
	    sort -u -k1,2 >> "$edges"
fi

awk -v stages="$stages" '
function stage(m) { sub(/\/.*/, "", m); return m }
BEGIN { n = split(stages, s, " "); for (i = 1; i <= n; i++) rank[s[i]] = i }
{
	from = $1; to = $2
	if (!(stage(from) in rank)) { print "ÉCHEC couches : " from " n'"'"'est dans aucune étape"; bad = 1; next }
	if (!(stage(to) in rank)) { print "ÉCHEC couches : " to " n'"'"'est dans aucune étape"; bad = 1; next }
	if (rank[stage(to)] > rank[stage(from)]) {
		print "ÉCHEC couches : " from " (" stage(from) ") remonte vers " to " (" stage(to) ") par " $3
		bad = 1
	}
	key = from SUBSEP to
	if (!(key in adj)) { adj[key] = $3; out[from] = out[from] " " to }
	mods[from] = 1; mods[to] = 1
}
# Tarjan: every strongly connected set of more than one module is a cycle.
function visit(v,    k, w, list, i, cnt, line) {
	index_[v] = idx; low[v] = idx; idx++
	stack[++sp] = v; onstack[v] = 1
	cnt = split(out[v], list, " ")
	for (i = 1; i <= cnt; i++) {
		w = list[i]
		if (!(w in index_)) { visit(w); if (low[w] < low[v]) low[v] = low[w] }
		else if (onstack[w] && index_[w] < low[v]) low[v] = index_[w]
	}
	if (low[v] == index_[v]) {
		line = ""; k = 0
		do { w = stack[sp--]; onstack[w] = 0; line = w (line == "" ? "" : ", ") line; k++ } while (w != v)
		if (k > 1) {
			print "ÉCHEC couches : cycle entre " line
			cyc = 1
		}
	}
}
END {
	idx = 0; sp = 0
	for (m in mods) if (!(m in index_)) visit(m)
	for (m in mods) count++
	if (!bad && !cyc)
		print "ok couches : " count " modules dans l'"'"'ordre du pipeline, sans cycle"
}' "$edges"
