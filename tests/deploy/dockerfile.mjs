// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// Lints a Dockerfile with dockerfile-utils (the checks of the Docker
// language server: instructions, arguments, flags, stages…), every
// finding an error or a warning alike.
//   node dockerfile.mjs Dockerfile   one line per finding, exit 1
import { readFileSync } from "node:fs";
import pkg from "dockerfile-utils";

const file = process.argv[2];
const findings = pkg.validate(readFileSync(file, "utf8"), {});
for (const d of findings)
  console.log(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
process.exit(findings.length > 0 ? 1 : 0);
