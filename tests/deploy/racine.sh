#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make check-long without Docker: deploy/Dockerfile replayed in chroots.
# debootstrap makes a minimal Debian 12 (what debian:bookworm-slim is;
# kept in build/deploy-racine/base); each stage starts from a copy of it,
# and its RUN, COPY (from the context as .dockerignore leaves it, or from
# the build stage), ENV, USER, WORKDIR and SHELL lines are played as
# they are written: the build stage's make deps-build and make on a
# bare system, then the final stage.  Then, as the image's user, on a
# read-only root with a tmpfs /tmp: lgc renders a PDF of an example, and,
# once lgc has `serve`, the entry point starts it, the HEALTHCHECK
# passes, and SIGTERM stops it with status 0.  Needs root (chroot, mount
# namespace) and Debian's archive; takes minutes (the build).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
work="$top/build/deploy-racine"
df="$top/deploy/Dockerfile"
tools="$top/tests/deploy"
if [ "$(id -u)" != 0 ] || ! command -v debootstrap > /dev/null 2>&1 ||
    ! command -v unshare > /dev/null 2>&1; then
	echo "sauté image rejouée dans un chroot (root, debootstrap et unshare requis)"
	exit 0
fi
mkdir -p "$work"
if [ ! -d "$work/base" ]; then
	rm -rf "$work/base.tmp"
	if ! debootstrap --variant=minbase bookworm "$work/base.tmp" \
	    http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1; then
		echo "sauté image rejouée dans un chroot (debootstrap a échoué : archive Debian injoignable ?)"
		rm -rf "$work/base.tmp"
		exit 0
	fi
	mv "$work/base.tmp" "$work/base"
fi

# The build context: the source less what .dockerignore names.
rm -rf "$work/contexte"
mkdir -p "$work/contexte"
sed -e '/^#/d' -e '/^$/d' -e 's|^\*\*/||' -e 's|/$||' "$top/.dockerignore" |
    while read -r p; do printf -- '--exclude=%s\n' "$p"; done > "$work/exclusions"
# shellcheck disable=SC2046 # one --exclude word per line
(cd "$top" && tar -c $(cat "$work/exclusions") .) | tar -x -C "$work/contexte"

# Plays stage N of the Dockerfile into the folder ROOT; the stage before
# is the folder FROM (for COPY --from).
rejouer() { # N ROOT FROM
	root=$2 from=$3 user=0 wd=/ envs="" shell="/bin/sh -c"
	rm -rf "$root"
	cp -a "$work/base" "$root"
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	python3 "$tools/manifestes.py" etape "$df" "$1" > "$work/etape"
	while IFS= read -r line; do
		what=${line%% *} rest=${line#* }
		case "$what" in
		RUN)
			# shellcheck disable=SC2086 # the ENV words, the SHELL words
			if ! nice chroot --userspec="$user" "$root" /usr/bin/env $envs \
			    $shell "cd $wd && $rest" >> "$work/run.log" 2>&1; then
				echo "ÉCHEC image rejouée : étape $1, RUN ${rest%% *}…"
				tail -5 "$work/run.log" | sed 's/^/    /'
				return 1
			fi ;;
		COPY)
			# shellcheck disable=SC2086 # SRC and DEST, without spaces
			case "$rest" in
			--from=*) set -- ${rest#--from=* }; src="$from$1" ;;
			*) set -- $rest; src="$work/contexte/$1" ;;
			esac
			case "$2" in /*) dest="$root$2" ;; *) dest="$root$wd/$2" ;; esac
			if [ -d "$src" ]; then
				mkdir -p "$dest"; cp -a "$src/." "$dest"
			else
				case "$dest" in */) mkdir -p "$dest" ;;
				*) mkdir -p "$(dirname "$dest")" ;; esac
				cp -a "$src" "$dest"
			fi ;;
		ENV) envs="$envs $rest" ;;
		USER) user=$rest ;;
		WORKDIR) wd=$rest; mkdir -p "$root$wd" ;;
		SHELL) shell=$rest ;;
		esac
	done < "$work/etape"
}
: > "$work/run.log"
rejouer 0 "$work/construction" "" || exit 0
echo "ok image rejouée : l'étape de construction (make deps-build, make) sur une Debian 12 minimale"
rejouer -1 "$work/image" "$work/construction" || exit 0
echo "ok image rejouée : l'étape finale"
rm -rf "$work/construction"

python3 "$tools/manifestes.py" dockerfile "$df" "$work" > /dev/null
entry=$(cat "$work/entrypoint")
sante=$(cat "$work/healthcheck")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Run as the image's user, on a read-only root.
cat > "$work/essai.sh" <<SH
cd $wd
[ "\$(id -u)" != 0 ] && echo "ok image rejouée : utilisateur non root (\$(id -u))"
if touch /essai 2> /dev/null; then echo "ÉCHEC image rejouée : racine inscriptible"; fi
if $entry lgc build /modeles/generation-prospects/contrat.lgc \
    -d /modeles/generation-prospects/donnees/agence-commission.json \
    -f pdf -o - 2> /tmp/err | head -c 5 | grep -q '%PDF-'; then
	echo "ok image rejouée : un PDF, polices trouvées, racine en lecture seule"
else
	echo "ÉCHEC image rejouée : pas de PDF"; sed 's/^/    /' /tmp/err
fi
if ! lgc serve --help 2> /dev/null | grep -q serve; then
	echo "sauté image rejouée : lgc serve (absent de cette version)"; exit 0
fi
export PORT=$port ADRESSE=127.0.0.1
$entry > /tmp/serve.out 2>&1 &
pid=\$!
n=0
until $sante > /dev/null 2>&1 || [ \$n -gt 100 ]; do n=\$((n + 1)); sleep 0.2; done
if $sante; then echo "ok image rejouée : HEALTHCHECK sain"
else echo "ÉCHEC image rejouée : HEALTHCHECK"; tail -5 /tmp/serve.out; fi
kill -TERM \$pid
wait \$pid
s=\$?
if [ \$s -eq 0 ]; then echo "ok image rejouée : SIGTERM, statut 0"
else echo "ÉCHEC image rejouée : statut \$s après SIGTERM"; fi
SH
essai=$(cat "$work/essai.sh")
export essai
unshare -m sh -c "mount --bind '$work/image' '$work/image' &&
    mount -o remount,ro,bind '$work/image' &&
    mount -t tmpfs tmpfs '$work/image/tmp' &&
    chroot --userspec='$user' '$work/image' /usr/bin/env -i \
        PATH=/usr/local/bin:/usr/bin:/bin $envs /bin/sh -c \"\$essai\"" 2>&1
