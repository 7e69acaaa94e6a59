// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// Usage: node apercu.js CHROMIUM URL CLAUSE TEMPLATE
// The live preview of lgc serve in Chromium (puppeteer-core), as an
// author uses it: the page at URL shows the contract in its frame; the
// clause file CLAUSE is edited and the page reloads by itself with the
// new text; the template TEMPLATE is broken and the page shows the
// diagnostics with their excerpt, then fixed and the contract is back;
// the « PDF » box shows the PDF.  Prints "ok …" or "ÉCHEC …" per check.
"use strict";
const fs = require("fs");
const puppeteer = require("puppeteer-core");

const [chromium, url, clause, template] = process.argv.slice(2);

function report(ok, what, detail) {
	console.log(ok ? `ok aperçu navigateur : ${what}` :
	    `ÉCHEC aperçu navigateur : ${what}${detail ? ` (${detail})` : ""}`);
}

// The text of the frame's document, or "" while there is none.
async function frameText(page) {
	const frame = page.frames().find((f) => f !== page.mainFrame());
	if (!frame)
		return "";
	try {
		return await frame.evaluate(() => document.body ? document.body.innerText : "");
	} catch (e) {
		return "";
	}
}

// Waits until TEST(page) holds, for at most 10 s.
async function until(page, test) {
	for (let i = 0; i < 100; i++) {
		try {
			if (await test(page))
				return true;
		} catch (e) { /* the page is reloading */ }
		await new Promise((r) => setTimeout(r, 100));
	}
	return false;
}

(async () => {
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: "new",
		args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
	});
	try {
		const page = await browser.newPage();
		await page.goto(url, { waitUntil: "load" });
		const first = await until(page, async (p) => (await frameText(p)).includes("Le délai est de 20"));
		report(first, "le contrat s'affiche avec les données d'à côté");

		const original = fs.readFileSync(clause, "utf8");
		const loads = [];
		page.on("load", () => loads.push(Date.now()));
		fs.writeFileSync(clause, original.replace("Le délai est de", "Le délai convenu est de"));
		const followed = await until(page, async (p) => (await frameText(p)).includes("Le délai convenu est de 20"));
		// The frame shows the new text before the page's own load event,
		// which waits for every frame: the reload is counted once it fires.
		const reloaded = followed && await until(page, async () => loads.length > 0);
		report(followed && reloaded, "la clause modifiée, la page se recharge seule et suit",
		    `${loads.length} rechargement(s)`);

		const text = fs.readFileSync(template, "utf8");
		fs.writeFileSync(template, text + "\n{si client}\n");
		const broken = await until(page, (p) => p.$eval("#diagnostics",
		    (d) => /\| \{si client\}/.test(d.textContent) && /\^/.test(d.textContent)));
		report(broken, "le modèle cassé, les diagnostics et leur extrait apparaissent");
		fs.writeFileSync(template, text);
		const fixed = await until(page, async (p) => (await p.$("#diagnostics")) === null &&
		    (await frameText(p)).includes("Le délai convenu est de 20"));
		report(fixed, "corrigé, les diagnostics disparaissent et le contrat revient");

		await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("#pdf")]);
		const src = await page.$eval("#document", (f) => f.getAttribute("src"));
		report(/format=pdf/.test(src), "la case PDF montre le PDF", src);
		fs.writeFileSync(clause, original);
	} finally {
		await browser.close();
	}
})().catch((e) => {
	report(false, "exécution", e.message);
	process.exitCode = 1;
});
