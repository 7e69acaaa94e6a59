#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make check-long: deploy/Dockerfile built and run for real, where a
# Docker daemon answers and already has debian:bookworm-slim (this
# script pulls nothing; without a registry, `debootstrap --variant=minbase
# bookworm DIR && tar -C DIR -c . | docker import - debian:bookworm-slim`
# makes one).  The image must render a contract with its own lgc, and,
# once lgc has `serve`, become healthy on /sante and stop with status 0
# on `docker stop` (SIGTERM).  Prints ok / ÉCHEC / sauté lines.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
image=lgc:check-long
if ! command -v docker > /dev/null 2>&1; then
	echo "sauté image Docker (docker absent)"; exit 0
fi
if ! docker info > /dev/null 2>&1; then
	echo "sauté image Docker (pas de démon Docker)"; exit 0
fi
if ! docker image inspect debian:bookworm-slim > /dev/null 2>&1; then
	echo "sauté image Docker (debian:bookworm-slim absente du démon)"; exit 0
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if docker build -q -f "$top/deploy/Dockerfile" -t "$image" "$top" > "$log" 2>&1; then
	echo "ok image Docker : construite"
else
	echo "ÉCHEC image Docker : construction"; tail -20 "$log" | sed 's/^/    /'
	exit 0
fi
if [ "$(docker run --rm "$image" id -u)" != 0 ]; then
	echo "ok image Docker : utilisateur non root"
else
	echo "ÉCHEC image Docker : tourne en root"
fi
if docker run --rm --read-only "$image" lgc build \
    /modeles/generation-prospects/contrat.lgc \
    -d /modeles/generation-prospects/donnees/agence-commission.json \
    -f pdf -o - 2> "$log" | head -c 5 | grep -q '%PDF-'; then
	echo "ok image Docker : lgc écrit un PDF (polices trouvées), racine en lecture seule"
else
	echo "ÉCHEC image Docker : pas de PDF"; sed 's/^/    /' "$log" | head
fi
if ! docker run --rm "$image" lgc serve --help 2> /dev/null | grep -q serve; then
	echo "sauté image Docker : lgc serve (absent de cette version)"; exit 0
fi
id=$(docker run -d --read-only --tmpfs /tmp -p 127.0.0.1::8080 "$image")
n=0
while [ "$n" -lt 60 ]; do
	state=$(docker inspect -f '{{.State.Health.Status}}' "$id")
	[ "$state" = starting ] || break
	n=$((n + 1)); sleep 1
done
if [ "$state" = healthy ]; then
	echo "ok image Docker : HEALTHCHECK sain"
else
	echo "ÉCHEC image Docker : HEALTHCHECK $state"
	docker logs "$id" 2>&1 | tail -10 | sed 's/^/    /'
fi
docker stop -t 20 "$id" > /dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$id")
if [ "$code" = 0 ]; then
	echo "ok image Docker : docker stop (SIGTERM) arrête lgc avec le statut 0"
else
	echo "ÉCHEC image Docker : statut $code après docker stop"
fi
docker rm "$id" > /dev/null
