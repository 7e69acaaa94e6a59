#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make check-long without Docker: the final stage of deploy/Dockerfile
# played in a chroot.  debootstrap makes a minimal Debian 12 (what
# debian:bookworm-slim is; kept in build/deploy-racine/base), the build
# stage's `make install` and its list of shared libraries' packages are
# made here, and the final stage's RUN, COPY, ENV, USER and WORKDIR are
# replayed as they are written.  Then, as the image's user, on a
# read-only root with a tmpfs /tmp: lgc renders a PDF of an example, the
# entry point runs a given command, and, once lgc has `serve`, the entry
# point starts it, the HEALTHCHECK passes, and SIGTERM stops it with
# status 0.  Needs root (chroot, mount namespace) and Debian's archive.
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
root="$work/image"
staging="$work/staging"
rm -rf "$root" "$staging"
cp -a "$work/base" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
if ! make -s -C "$top" install DESTDIR="$staging" PREFIX=/usr/local \
    > "$work/install.log" 2>&1; then
	echo "ÉCHEC image rejouée : make install"; exit 0
fi
python3 "$tools/manifestes.py" paquets "$df" | sed "s|/staging|$staging|g" > "$work/paquets.sh"
if ! bash -o pipefail -c "$(cat "$work/paquets.sh")" > "$work/paquets.log" 2>&1; then
	echo "ÉCHEC image rejouée : liste des paquets des bibliothèques partagées"; exit 0
fi
user=0 wd=/ envs=""
python3 "$tools/manifestes.py" etape-finale "$df" > "$work/etape"
while IFS= read -r line; do
	what=${line%% *} rest=${line#* }
	case "$what" in
	RUN)
		# shellcheck disable=SC2086 # the ENV words, one by one
		if ! chroot --userspec="$user" "$root" /usr/bin/env $envs \
		    /bin/sh -ec "cd $wd; $rest" >> "$work/run.log" 2>&1; then
			echo "ÉCHEC image rejouée : RUN ${rest%% *}…"
			tail -5 "$work/run.log" | sed 's/^/    /'; exit 0
		fi ;;
	COPY)
		# shellcheck disable=SC2086 # SRC and DEST, without spaces
		case "$rest" in
		--from=build\ *) set -- ${rest#--from=build }
			src="$staging${1#/staging}" ;;
		*) set -- $rest; src="$top/$1" ;;
		esac
		dest="$root$2"
		case "$1" in */) mkdir -p "$dest"; cp -a "$src." "$dest" ;;
		*) mkdir -p "$(dirname "$dest")"; cp -a "$src" "$dest" ;; esac ;;
	ENV) envs="$envs $rest" ;;
	USER) user=$rest ;;
	WORKDIR) wd=$rest ;;
	esac
done < "$work/etape"
echo "ok image rejouée : l'étape finale du Dockerfile s'exécute sur une Debian 12 minimale"
python3 "$tools/manifestes.py" dockerfile "$df" "$work" > /dev/null
entry=$(cat "$work/entrypoint")
sante=$(cat "$work/healthcheck")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Everything below runs as the image's user, on a read-only root.
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
unshare -m sh -c "mount --bind '$root' '$root' && mount -o remount,ro,bind '$root' &&
    mount -t tmpfs tmpfs '$root/tmp' &&
    chroot --userspec='$user' '$root' /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin $envs \
        /bin/sh -c \"\$essai\"" 2>&1
