// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// Validates SARIF logs written by lgc --format-diagnostics sarif against
// the SARIF 2.1.0 JSON schema (sarif-2.1.0-rtm.5.json, the schema of the
// OASIS standard's final draft, as @microsoft/jest-sarif ships it; a
// JSON Schema draft-04 document, hence ajv-draft-04), then checks what
// the schema cannot say: one run, every code a rule, each result's
// ruleId and ruleIndex naming one, regions whose ends follow their
// starts.  Prints one line per file; exits 1 at the first invalid one.
//   node validate.js LOG.sarif…
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const schemaFile = path.join(path.dirname(require.resolve(
    '@microsoft/jest-sarif/package.json')), 'lib', 'schemas',
    'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
// unicodeRegExp off: the schema's pattern for "language" has a stray
// ']' that JavaScript refuses under the u flag (the schema's own bug).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function region_ok(r) {
	if (r === undefined) return true;
	if (r.endLine !== undefined && r.endLine < r.startLine) return false;
	if (r.endLine === r.startLine && r.endColumn !== undefined &&
	    r.endColumn <= r.startColumn) return false;
	return true;
}

let failed = false;
for (const file of process.argv.slice(2)) {
	const why = [];
	let log;
	try {
		log = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		console.log(`${file}: pas un JSON : ${e.message}`);
		failed = true;
		continue;
	}
	if (!validate(log))
		for (const e of validate.errors)
			why.push(`schéma : ${e.instancePath} ${e.message}`);
	if (!Array.isArray(log.runs) || log.runs.length !== 1)
		why.push('il faut exactement un run');
	else {
		const run = log.runs[0];
		const rules = run.tool.driver.rules || [];
		if (run.tool.driver.name !== 'lgc') why.push('driver.name');
		if (run.columnKind !== 'unicodeCodePoints') why.push('columnKind');
		for (const [i, res] of (run.results || []).entries()) {
			const r = rules[res.ruleIndex];
			if (r === undefined || r.id !== res.ruleId)
				why.push(`résultat ${i} : ruleIndex ${res.ruleIndex} ` +
				    `ne désigne pas ${res.ruleId}`);
			for (const l of (res.locations || []).concat(
			    res.relatedLocations || []))
				if (l.physicalLocation &&
				    !region_ok(l.physicalLocation.region))
					why.push(`résultat ${i} : région à l'envers`);
		}
		const inv = (run.invocations || [])[0];
		if (inv === undefined) why.push('pas d\'invocation');
		else
			for (const [i, n] of (inv.toolExecutionNotifications ||
			    []).entries()) {
				const a = n.associatedRule;
				if (a === undefined || rules[a.index] === undefined ||
				    rules[a.index].id !== a.id)
					why.push(`notification ${i} : associatedRule ` +
					    `ne désigne pas une règle`);
			}
		for (const r of rules)
			if (!r.shortDescription || !r.shortDescription.text ||
			    !r.help || !r.help.text)
				why.push(`règle ${r.id} sans description ni aide`);
	}
	if (why.length > 0) {
		failed = true;
		console.log(`${file}: INVALIDE\n  ` + why.slice(0, 20).join('\n  '));
	} else
		console.log(`${file}: valide (${log.runs[0].results.length} résultats, ` +
		    `${log.runs[0].tool.driver.rules.length} règles)`);
}
process.exit(failed ? 1 : 0);
