// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// Reads lgc's diagnostics in the gcc format as VS Code's $gcc problem
// matcher reads them, and compares with the same run in the json format:
// every diagnostic located in a line is one problem, at its file, line,
// column, with its severity and message; the others (a whole file, no
// file) and the notes are left alone, as GCC's own are.  No dependency.
//   node gcc-matcher.js RUN.gcc RUN.json
'use strict';
const fs = require('fs');

// The pattern of the $gcc problem matcher, contributed by the C/C++
// extension (microsoft/vscode-cpptools, Extension/package.json,
// "problemMatchers": name "gcc"); VS Code core has none of its own.
const GCC = /^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$/;

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n')
    .filter(l => l !== '');
const json = fs.readFileSync(process.argv[3], 'utf8').split('\n')
    .filter(l => l !== '').map(l => JSON.parse(l));
const problems = [];
for (const l of lines) {
	const m = GCC.exec(l);
	if (m) problems.push({ file: m[1], line: +m[2], column: +m[3],
	    severity: m[4], message: m[5] });
}
const want = json.filter(d => d.ligne !== undefined && d.gravite !== 'note');
const why = [];
if (problems.length !== want.length)
	why.push(`${problems.length} problèmes lus, ${want.length} attendus`);
for (let i = 0; i < Math.min(problems.length, want.length); i++) {
	const p = problems[i], d = want[i];
	const sev = d.gravite === 'avertissement' ? 'warning' : 'error';
	if (p.file !== d.fichier || p.line !== d.ligne ||
	    p.column !== d.colonne || p.severity !== sev ||
	    !p.message.startsWith(d.message))
		why.push(`lu ${JSON.stringify(p)}, attendu ${JSON.stringify(d)}`);
}
// The lines not read as problems: notes, and diagnostics without a line
// ("file: error: …", "lgc: fatal error: …"), one per such diagnostic.
const others = lines.filter(l => !GCC.test(l));
for (const l of others)
	if (!/^(.*?): (?:(?:fatal )?error|warning|note): /.test(l))
		why.push(`ligne d'aucune forme de GCC : ${l}`);
if (why.length > 0) {
	console.log(why.slice(0, 10).join('\n'));
	process.exit(1);
}
console.log(`${problems.length} problèmes, ${others.length} autres lignes`);
