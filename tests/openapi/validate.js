// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// docs/openapi.yaml checked by a real OpenAPI 3.1 validator
// (@apidevtools/swagger-parser): structure, references.  Prints one
// line, "ok …" or the validator's error.
"use strict";
const SwaggerParser = require("@apidevtools/swagger-parser");

SwaggerParser.validate(process.argv[2])
	.then((api) => {
		console.log("ok " + api.openapi + " " + Object.keys(api.paths).length);
	})
	.catch((err) => {
		console.log("ÉCHEC " + err.message.split("\n").slice(0, 8).join(" | "));
		process.exitCode = 1;
	});
