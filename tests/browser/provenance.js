// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// Usage: node provenance.js CHROMIUM CONTRACT.html
// The page lgc build -f html --provenance writes, in Chromium
// (puppeteer-core), as a reviewer uses it: before the button is pressed,
// hovering a block shows nothing; once pressed, hovering a paragraph, a
// heading and a list item shows each one's own data-source; pressed
// again, nothing; printed, the button is not on the page.  Prints
// "ok …" or "ÉCHEC …" per check (tests/scripts/provenance.sh).
"use strict";
const puppeteer = require("puppeteer-core");

const [chromium, html] = process.argv.slice(2);

function report(ok, what, detail) {
	console.log(ok ? `ok navigateur : ${what}` :
	    `ÉCHEC navigateur : ${what}${detail ? ` (${detail})` : ""}`);
}

// What the hovered element's ::after shows ("none" when nothing).
async function shown(page, selector) {
	await page.hover(selector);
	return page.$eval(selector, (e) => {
		const c = getComputedStyle(e, "::after").content;
		return { content: c, source: e.dataset.source };
	});
}

(async () => {
	const browser = await puppeteer.launch({ executablePath: chromium,
	    args: ["--no-sandbox", "--disable-gpu"] });
	try {
		const page = await browser.newPage();
		await page.setViewport({ width: 1200, height: 900 });
		await page.goto(`file://${html}`, { waitUntil: "load" });
		const targets = ["main p[data-source]", "main h2[data-source]",
		    "main li[data-source]"];
		const before = await shown(page, targets[0]);
		report(before.content === "none" && before.source,
		    "provenance : rien au survol avant le bouton", before.content);
		await page.click("#lgc-provenance");
		const pressed = await page.$eval("#lgc-provenance",
		    (b) => b.getAttribute("aria-pressed"));
		for (const sel of targets) {
			const s = await shown(page, sel);
			report(pressed === "true" &&
			    s.content === JSON.stringify(s.source),
			    `provenance : le survol de ${sel.split(" ")[1]} montre sa source`,
			    `${s.content} / ${s.source}`);
		}
		await page.click("#lgc-provenance");
		const after = await shown(page, targets[0]);
		report(after.content === "none",
		    "provenance : le bouton pressé de nouveau les cache", after.content);
		await page.emulateMediaType("print");
		const printed = await page.$eval("#lgc-provenance",
		    (b) => getComputedStyle(b).display);
		report(printed === "none", "provenance : le bouton ne s'imprime pas",
		    printed);
	} catch (e) {
		report(false, "provenance : la page dans Chromium", e.message);
	} finally {
		await browser.close();
	}
})();
