// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// Usage: node validate.js SCHEMA.json DATA.json…
// Prints "valide FILE" or "invalide FILE: reasons" per file; exits 1 when
// any file is invalid, 2 on a bad schema.  The validator follows the
// schema's "$schema": ajv's default class for draft-07, Ajv2020 for
// 2020-12.  Numbers that may also be written as strings ("1500.50") have
// the union type ["number", "string"], hence allowUnionTypes.
"use strict";
const fs = require("fs");
const Ajv07 = require("ajv").default;
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemaPath, ...dataPaths] = process.argv.slice(2);
const options = { allErrors: true, strict: true, strictRequired: false,
	allowUnionTypes: true };
let validate;
try {
	const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
	const draft07 = schema.$schema === "http://json-schema.org/draft-07/schema#";
	const ajv = draft07 ? new Ajv07(options) : new Ajv2020(options);
	addFormats(ajv);
	console.log(`brouillon ${draft07 ? "07" : "2020-12"}`);
	validate = ajv.compile(schema);
} catch (e) {
	console.log(`schéma invalide : ${e.message}`);
	process.exit(2);
}
let invalid = 0;
for (const path of dataPaths) {
	const data = JSON.parse(fs.readFileSync(path, "utf8"));
	if (validate(data)) {
		console.log(`valide ${path}`);
	} else {
		invalid++;
		const why = validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
		console.log(`invalide ${path}: ${why.join("; ")}`);
	}
}
process.exit(invalid ? 1 : 0);
