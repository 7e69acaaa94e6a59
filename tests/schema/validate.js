// Usage: node validate.js SCHEMA.json DATA.json…
// Prints "valide FILE" or "invalide FILE: reasons" per file; exits 1 when
// any file is invalid, 2 on a bad schema.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemaPath, ...dataPaths] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
let validate;
try {
	validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
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
