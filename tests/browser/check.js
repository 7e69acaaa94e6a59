// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// Usage: node check.js CHROMIUM CONTRACT.html OUTDIR
// Opens lgc's HTML in Chromium (puppeteer-core) as a reader would:
//   - printed (page.pdf with the page's own @page rules) into
//     OUTDIR/contrat.pdf, and into OUTDIR/signatures-H.pdf the same
//     contract reduced to its signature section pushed H pixels down the
//     first page, so that the page break falls inside it;
//   - on a 390 px phone and at widths around it: language, hyphenation,
//     numbers in digit groups kept on one line;
//   - on a wide screen and printed: the parties' signature lines level.
// Prints "ok …" or "ÉCHEC …" per check; the PDFs are read by
// tests/scripts/browser.sh.
"use strict";
const path = require("path");
const puppeteer = require("puppeteer-core");

const [chromium, html, outdir] = process.argv.slice(2);
const SPACERS = [600, 660, 720, 780, 840, 900];

function report(ok, what, detail) {
	console.log(ok ? `ok navigateur : ${what}` :
	    `ÉCHEC navigateur : ${what}${detail ? ` (${detail})` : ""}`);
}

// Heights of the two first parties' signature lines, and of their
// "Signature :" mentions, in CSS pixels from the top of the page.
function signatureLines() {
	const zones = [...document.querySelectorAll(".signature .zone-signature")];
	const marks = zones.map((z) => z.previousElementSibling);
	return {
		zones: zones.map((z) => z.getBoundingClientRect().bottom),
		marks: marks.map((m) => m.getBoundingClientRect().top),
	};
}

// Numbers in digit groups (« 1 500 », « 936 213 743 ») whose text lies
// on more than one line, whatever the markup around them: each one's
// range, and the lines its boxes sit on.
function splitNumbers() {
	const split = [];
	const walker = document.createTreeWalker(document.querySelector("main"),
	    NodeFilter.SHOW_TEXT);
	const re = /(?<!\d)\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)/gu;
	for (let t = walker.nextNode(); t; t = walker.nextNode()) {
		for (const m of t.data.matchAll(re)) {
			const r = document.createRange();
			r.setStart(t, m.index);
			r.setEnd(t, m.index + m[0].length);
			const tops = new Set([...r.getClientRects()]
			    .filter((b) => b.width > 0)
			    .map((b) => Math.round(b.top)));
			if (tops.size > 1)
				split.push(m[0]);
		}
	}
	return split;
}

function level(what, lines) {
	const z = lines.zones, m = lines.marks;
	if (z.length < 2 || m.length < 2) {
		report(false, what, `${z.length} zones de signature`);
		return;
	}
	report(Math.abs(z[0] - z[1]) <= 1 && Math.abs(m[0] - m[1]) <= 1, what,
	    `lignes à ${z.map(Math.round).join(" et ")} px, mentions à ` +
	    `${m.map(Math.round).join(" et ")} px`);
}

async function main() {
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: true,
		args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
	});
	try {
		const page = await browser.newPage();
		await page.goto("file://" + path.resolve(html), { waitUntil: "load" });

		// Printed as by "Imprimer" in the browser: the stylesheet's @page.
		await page.pdf({ path: path.join(outdir, "contrat.pdf"),
		    preferCSSPageSize: true, printBackground: true });

		// A phone: 390 CSS pixels wide, screen media.
		await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1,
		    isMobile: true, hasTouch: true });
		const phone = await page.evaluate(() => {
			const p = document.querySelector("main p");
			const s = getComputedStyle(p);
			return {
				lang: document.documentElement.lang,
				hyphens: s.hyphens || s.webkitHyphens,
				align: s.textAlign,
				siren: /\d{3}[ \u00a0\u202f]\d{3}[ \u00a0\u202f]\d{3}/u
				    .test(document.querySelector("main").textContent),
				width: document.documentElement.scrollWidth,
			};
		});
		report(phone.lang === "fr", "<html lang=\"fr\"> sur téléphone",
		    `lang « ${phone.lang} »`);
		report(phone.hyphens === "auto" && phone.align === "justify",
		    "texte justifié et coupé (hyphens: auto) sur téléphone",
		    `hyphens ${phone.hyphens}, text-align ${phone.align}`);
		report(phone.width <= 390, "rien ne déborde à 390 px",
		    `largeur ${phone.width} px`);
		report(phone.siren, "le contrat contient un numéro SIREN",
		    "aucun nombre de trois groupes de chiffres");

		// Every width from 300 to 460 px: wherever the line ends, a
		// number in digit groups stays on one line.
		const split = [];
		for (let w = 300; w <= 460; w += 4) {
			await page.setViewport({ width: w, height: 844,
			    deviceScaleFactor: 1, isMobile: true, hasTouch: true });
			const bad = await page.evaluate(splitNumbers);
			for (const b of bad)
				split.push(`« ${b} » à ${w} px`);
		}
		report(split.length === 0,
		    "aucun nombre coupé sur deux lignes de 300 à 460 px",
		    split.slice(0, 3).join(", "));

		// Signature lines level, side by side on a wide screen and in
		// print (the width of A4 less its margins, 17 cm).
		await page.setViewport({ width: 1024, height: 800, deviceScaleFactor: 1 });
		level("lignes de signature alignées sur grand écran",
		    await page.evaluate(signatureLines));
		await page.emulateMediaType("print");
		await page.setViewport({ width: 643, height: 933, deviceScaleFactor: 1 });
		level("lignes de signature alignées à l'impression",
		    await page.evaluate(signatureLines));

		// The signature section alone, lower and lower on the first page.
		for (const h of SPACERS) {
			await page.goto("file://" + path.resolve(html), { waitUntil: "load" });
			const found = await page.evaluate((h) => {
				const sig = document.querySelector(".signatures");
				const section = sig && sig.closest("section");
				if (!section)
					return false;
				const main = document.querySelector("main");
				main.replaceChildren(section);
				const spacer = document.createElement("div");
				spacer.style.height = `${h}px`;
				main.prepend(spacer);
				return true;
			}, h);
			if (!found) {
				report(false, "section des signatures", "introuvable");
				break;
			}
			await page.pdf({ path: path.join(outdir, `signatures-${h}.pdf`),
			    preferCSSPageSize: true, printBackground: true });
		}
	} finally {
		await browser.close();
	}
}

main().catch((e) => {
	report(false, "Chromium", String(e && e.message || e).split("\n")[0]);
	process.exit(1);
});
