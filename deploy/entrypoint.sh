#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The image's entry point: `lgc serve` over the templates of $MODELES, on
# $ADRESSE:$PORT, with $FILS threads when set (Kubernetes gives the
# container's CPU limit there).  lgc replaces this shell (exec) and is
# the container's process 1: SIGTERM from `docker stop` or the kubelet
# reaches lgc itself, not a shell that would not pass it on, and lgc
# handles it (finishes the requests in flight, exits 0), as process 1,
# which the kernel gives no default action, must.
# Options after the image name are added (`docker run IMAGE -I /clauses`);
# a command instead of options is run as it is (`docker run IMAGE lgc
# build …`, a shell for debugging).
set -eu
if [ "$#" -gt 0 ] && [ "${1#-}" = "$1" ]; then
	exec "$@"
fi
exec lgc serve "${MODELES:-/modeles}" --adresse "${ADRESSE:-0.0.0.0}" \
    --port "${PORT:-8080}" ${FILS:+--fils "$FILS"} "$@"
