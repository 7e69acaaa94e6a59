// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// Usage: node responses.js OPENAPI.yaml < LINES
// Each line "METHOD PATH STATUS FILE" names an answer of lgc serve saved
// in FILE; its body is checked against the schema docs/openapi.yaml
// gives for that operation and status (application/json), with ajv
// (JSON Schema 2020-12, the dialect of OpenAPI 3.1).  Prints one line
// per answer, "ok …" or "ÉCHEC …".
"use strict";
const fs = require("fs");
const SwaggerParser = require("@apidevtools/swagger-parser");
const Ajv2020 = require("ajv/dist/2020");

(async () => {
	const api = await SwaggerParser.dereference(process.argv[2]);
	const ajv = new Ajv2020({ allErrors: true, strict: false });
	const lines = fs.readFileSync(0, "utf8").split("\n").filter((l) => l.trim());
	for (const line of lines) {
		const [method, path, status, file] = line.split(" ");
		const what = `openapi : ${method} ${path} ${status} conforme à docs/openapi.yaml`;
		const op = api.paths[path] && api.paths[path][method.toLowerCase()];
		const resp = op && op.responses[status];
		const content = resp && resp.content && resp.content["application/json"];
		if (!content) {
			console.log(`ÉCHEC ${what} (réponse non décrite)`);
			continue;
		}
		let body;
		try {
			body = JSON.parse(fs.readFileSync(file, "utf8"));
		} catch (e) {
			console.log(`ÉCHEC ${what} (${e.message})`);
			continue;
		}
		const validate = ajv.compile(content.schema);
		if (validate(body))
			console.log(`ok ${what}`);
		else
			console.log(`ÉCHEC ${what} (${ajv.errorsText(validate.errors)})`);
	}
})().catch((e) => {
	console.log(`ÉCHEC openapi : ${e.message}`);
	process.exitCode = 1;
});
