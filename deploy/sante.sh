#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The image's health check (HEALTHCHECK): lgc serve's GET /sante on the
# port the entry point gave it, answered within 4 s with a 2xx status.
exec curl --fail --silent --show-error --max-time 4 --output /dev/null \
    "http://127.0.0.1:${PORT:-8080}/sante"
