#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Remakes docs/images/coloration.png, the README's picture of the
# highlighting: examples/generation-prospects/contrat.lgc, the start of
# its header (lines 7-23) and the end of the header with the start of
# the body (lines 90-115), tokenized by the extension's own TextMate grammar
# (vscode-textmate, as VS Code does; tokens.js html), coloured with a
# light theme, and photographed by headless Chromium.
#   sh editors/vscode/test/capture.sh     (after make deps)
set -eu
top=$(cd "$(dirname "$0")/../../.." && pwd)
out=$top/build/capture
mkdir -p "$out"
node "$top/editors/vscode/test/tokens.js" html \
    "$top/examples/generation-prospects/contrat.lgc" 7-23,90-115 > "$out/coloration.html"
chromium=$(command -v chromium || command -v chromium-browser)
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --force-device-scale-factor=1 --window-size=1200,860 \
    --screenshot="$out/coloration.png" "file://$out/coloration.html" \
    > "$out/chromium.log" 2>&1
cp "$out/coloration.png" "$top/docs/images/coloration.png"
echo "docs/images/coloration.png"
