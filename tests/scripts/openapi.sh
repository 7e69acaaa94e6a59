# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# docs/openapi.yaml: a valid OpenAPI 3.1 description for a real validator
# (@apidevtools/swagger-parser from npm, installed by make deps in
# tests/openapi), and every one of its paths documented in docs/api.md.
# Environment: TOP, TMP.
set -u
cd "$TOP" || exit 1
if ! command -v node > /dev/null 2>&1 ||
    [ ! -d tests/openapi/node_modules/@apidevtools/swagger-parser ]; then
	echo "sauté openapi (swagger-parser absent : make deps l'installe dans tests/openapi)"
else
	out=$(node tests/openapi/validate.js docs/openapi.yaml 2>&1)
	case $out in
	"ok 3.1."*) echo "ok openapi : docs/openapi.yaml est un OpenAPI 3.1 valide (swagger-parser)" ;;
	*) echo "ÉCHEC openapi : docs/openapi.yaml : $out" ;;
	esac
fi
missing=
for p in $(sed -n 's/^  \(\/[^:]*\):$/\1/p' docs/openapi.yaml); do
	grep -qF "$p" docs/api.md || missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "ok openapi : chaque chemin d'openapi.yaml est décrit dans docs/api.md"
else
	echo "ÉCHEC openapi : absents de docs/api.md :$missing"
fi
