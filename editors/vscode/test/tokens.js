// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
//
// Tokenizes .lgc files with the extension's TextMate grammar, as VS Code
// does (vscode-textmate and the Oniguruma of vscode-oniguruma).
//   node tokens.js check FILE…  every file: no `invalid` scope, and in the
//       header and inside {…} tags no character left without a scope of
//       its own (a hole in the grammar); prints one line per fault, exits 1
//   node tokens.js dump FILE    each token and its scopes (to debug)
//   node tokens.js html FILE [RANGES]  the file as coloured HTML (docs):
//       RANGES "40" or "1-18,96-120"
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const grammarPath = path.join(__dirname, '..', 'syntaxes', 'lgc.tmLanguage.json');

async function loadGrammar() {
	const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
	await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
	const registry = new vsctm.Registry({
		onigLib: Promise.resolve({
			createOnigScanner: (p) => new oniguruma.OnigScanner(p),
			createOnigString: (s) => new oniguruma.OnigString(s),
		}),
		loadGrammar: async (scope) => scope === 'source.lgc'
			? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
			: null,
	});
	return registry.loadGrammar('source.lgc');
}

// Each line of text as a list of {text, scopes}.
function tokenize(grammar, text) {
	let stack = vsctm.INITIAL;
	const lines = text.split(/\r?\n/);
	if (lines.length > 1 && lines[lines.length - 1] === '')
		lines.pop();
	return lines.map((line) => {
		const r = grammar.tokenizeLine(line, stack);
		stack = r.ruleStack;
		return r.tokens.map((t) => ({
			text: line.substring(t.startIndex, t.endIndex),
			scopes: t.scopes,
		}));
	});
}

// Scopes that only say where a token is, not what it is.
const WRAPPERS = new Set(['source.lgc', 'meta.header.lgc', 'meta.tag.lgc',
	'meta.interpolation.lgc']);

function faults(file, lines) {
	const out = [];
	lines.forEach((tokens, i) => {
		let col = 1;
		for (const t of tokens) {
			const where = `${file}:${i + 1}:${col}`;
			const bad = t.scopes.find((s) => s.startsWith('invalid'));
			if (bad)
				out.push(`${where}: « ${t.text} » : ${bad}`);
			const inCode = t.scopes.includes('meta.header.lgc') ||
			    t.scopes.includes('meta.tag.lgc');
			if (inCode && t.text.trim() !== '' &&
			    t.scopes.every((s) => WRAPPERS.has(s)))
				out.push(`${where}: « ${t.text} » sans portée (${t.scopes.join(' ')})`);
			col += [...t.text].length;
		}
	});
	return out;
}

// Colours of a light theme, by scope prefix (the most specific wins).
const COLOURS = [
	['comment', '#6a737d', 'italic'],
	['keyword.other.statement', '#8250df', 'bold'],
	['keyword.control', '#cf222e', 'bold'],
	['keyword.other', '#cf222e', ''],
	['keyword.operator.word', '#cf222e', ''],
	['keyword.operator', '#953800', ''],
	['constant', '#0550ae', ''],
	['string', '#0a3069', ''],
	['storage.type', '#8250df', ''],
	['entity.name.type', '#8250df', ''],
	['support.function', '#6639ba', ''],
	['entity.name.variable', '#953800', 'bold'],
	['entity.name.label', '#116329', ''],
	['entity.name.section', '#1f2328', 'bold'],
	['punctuation.definition.heading', '#0550ae', 'bold'],
	['punctuation.section.tag', '#cf222e', ''],
	['punctuation.separator.header', '#8250df', 'bold'],
	['variable.other.member', '#0969da', ''],
	['variable', '#0969da', ''],
	['markup.bold', '#1f2328', 'bold'],
	['markup.italic', '#1f2328', 'italic'],
	['invalid', '#ffffff', 'invalid'],
];

function style(scopes) {
	for (let i = scopes.length - 1; i >= 0; i--) {
		const c = COLOURS.find(([p]) => scopes[i] === p || scopes[i].startsWith(p + '.'));
		if (c) {
			const [, colour, font] = c;
			if (font === 'invalid')
				return `color:${colour};background:#cf222e`;
			return `color:${colour}` + (font === 'bold' ? ';font-weight:bold'
			    : font === 'italic' ? ';font-style:italic' : '');
		}
	}
	return '';
}

function escapeHtml(s) {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
	    .replace(/"/g, '&quot;');
}

// RANGES: "40" (the first 40 lines) or "1-18,96-120"; a gap shows as ⋮.
function html(file, lines, ranges) {
	const parts = (ranges || `1-${lines.length}`).split(',').map((r) => {
		const [a, b] = r.includes('-') ? r.split('-').map(Number) : [1, Number(r)];
		return [a, Math.min(b, lines.length)];
	});
	const rows = [];
	parts.forEach(([a, b], k) => {
		if (k > 0)
			rows.push('<span class="n">⋮</span>');
		for (let i = a - 1; i < b; i++)
			rows.push(`<span class="n">${i + 1}</span>` + lines[i].map((t) => {
				const s = style(t.scopes);
				return s ? `<span style="${s}">${escapeHtml(t.text)}</span>` : escapeHtml(t.text);
			}).join(''));
	});
	const body = rows.join('\n');
	return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(file)}</title>
<style>
body { margin: 0; background: #ffffff; }
pre { margin: 0; padding: 12px 16px; font: 13px/1.45 "DejaVu Sans Mono", monospace;
  color: #1f2328; white-space: pre; }
.n { display: inline-block; width: 2.5em; margin-right: 1em; text-align: right; color: #8c959f; }
</style></head><body><pre>${body}</pre></body></html>
`;
}

async function main() {
	const [mode, ...args] = process.argv.slice(2);
	const grammar = await loadGrammar();
	if (mode === 'check') {
		let all = [];
		for (const f of args)
			all = all.concat(faults(f, tokenize(grammar, fs.readFileSync(f, 'utf8'))));
		all.forEach((l) => console.log(l));
		process.exit(all.length ? 1 : 0);
	} else if (mode === 'dump') {
		tokenize(grammar, fs.readFileSync(args[0], 'utf8')).forEach((tokens, i) => {
			for (const t of tokens)
				console.log(`${i + 1}\t${JSON.stringify(t.text)}\t${t.scopes.slice(1).join(' ')}`);
		});
	} else if (mode === 'html') {
		const lines = tokenize(grammar, fs.readFileSync(args[0], 'utf8'));
		process.stdout.write(html(args[0], lines, args[1]));
	} else {
		console.error('usage : node tokens.js check|dump|html FICHIER…');
		process.exit(2);
	}
}

main().catch((e) => { console.error(e); process.exit(2); });
