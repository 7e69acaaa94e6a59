// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// The form fields of a PDF as pdf.js reads them (Mozilla's reader, the
// one Firefox embeds): the fields of the AcroForm (getFieldObjects, as
// the viewer scripts a form) joined with the widget annotations of each
// page (getAnnotations, as the viewer draws them), one line per field:
// "NAME TYPE FIELDTYPE PAGE x0 y0 x1 y1", its page from 1, its rectangle
// in points from the bottom left, into FICHIER.pdf.pdfjs.  Several files
// in one run: loading pdf.js takes longer than reading a contract.  For
// tests/scripts/pdfa.sh.
//   node champs.js FICHIER.pdf…
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");

// pdf.js warns, on the console, that it cannot draw without the canvas
// package; nothing is drawn here.
console.log = console.warn = () => {};
const { getDocument } = require("pdfjs-dist/legacy/build/pdf.js");

async function fields_of(path) {
	const data = new Uint8Array(readFileSync(path));
	const doc = await getDocument({ data, verbosity: 0,
		isEvalSupported: false }).promise;
	const fields = (await doc.getFieldObjects()) || {};
	const widgets = new Map();
	for (let p = 1; p <= doc.numPages; p++) {
		const page = await doc.getPage(p);
		for (const a of await page.getAnnotations())
			if (a.subtype === "Widget")
				widgets.set(a.id, a);
	}
	const lines = [];
	for (const [name, objs] of Object.entries(fields))
		for (const f of objs) {
			const w = widgets.get(f.id);
			lines.push([name, f.type, w ? w.fieldType : "-",
				f.page + 1, ...(w ? w.rect : []).map((v) =>
					v.toFixed(2))].join(" "));
		}
	writeFileSync(path + ".pdfjs", lines.join("\n") + "\n");
	await doc.destroy();
}

async function main() {
	for (const path of process.argv.slice(2))
		await fields_of(path);
}

main().catch((e) => {
	process.stderr.write(String(e) + "\n");
	process.exit(1);
});
