# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The C API test program (tests/api/api_test.c).
"$API" "$TMP" || echo "ÉCHEC api : le programme de test a échoué"
