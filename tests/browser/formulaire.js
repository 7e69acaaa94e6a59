// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// Usage: node formulaire.js CHROMIUM LGC OUTDIR CASE…
// Each CASE is NAME:PAGE.html:TEMPLATE.lgc:DATA.json[:checks]: the
// questionnaire lgc wrote for TEMPLATE, filled in Chromium (puppeteer-
// core) from the example's DATA the way a person would (fields found by
// their JSON path, lists grown with their « Ajouter » button), then its
// JSON downloaded into OUTDIR/NAME/donnees.json (tests/scripts/
// formulaire.sh validates it with ajv and lgc).  CHECKS, comma-separated:
//   condition=B>Q   the question Q appears when the box B is ticked and
//                   disappears when it is unticked;
//   bornes=Q>V      typing V in Q shows its message beside Q, linked to
//                   it (aria-describedby, aria-invalid) and summed up;
//   liste=L         the list L grows and shrinks by its buttons;
//   rendu=Q         with a server (--rendu) played here by lgc itself: a
//                   422 naming Q shows beside Q, then the PDF comes back;
//   xss             no script of the template's text runs;
//   serveur         the page is the one lgc serve gives (GET
//                   $LGC_SERVE_URL/formulaire/NAME), and its « PDF »
//                   button brings back from that real server the very
//                   bytes `lgc build` makes of the page's JSON.
// Prints "ok …" or "ÉCHEC …" per check.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync, spawnSync } = require("child_process");
const puppeteer = require("puppeteer-core");

const [chromium, lgc, outdir, ...cases] = process.argv.slice(2);
// Where the server is played (request interception: nothing listens).
const ORIGIN = "http://lgc.test";

function report(ok, what, detail) {
	console.log(ok ? `ok formulaire : ${what}` :
	    `ÉCHEC formulaire : ${what}${detail ? ` (${detail})` : ""}`);
}

const sel = (chemin) => `[data-chemin=${JSON.stringify(chemin)}]`;

async function visible(page, chemin) {
	return page.evaluate((s) => {
		const e = document.querySelector(s);
		return !!e && e.getClientRects().length > 0;
	}, sel(chemin));
}

// Puts VALUE in the field at CHEMIN as the page's own events would see
// it; lists first grow to their length.  Returns false when the field
// is not there (yet: a conditional question).
async function put(page, chemin, value) {
	if (Array.isArray(value)) {
		const n = await page.evaluate((s) => {
			const add = document.querySelector(s);
			return add ? add.closest("fieldset").querySelectorAll(":scope > ol > li").length : -1;
		}, sel(chemin));
		if (n < 0 || !(await visible(page, chemin))) return false;
		// By the keyboard: the focus then moves to the new row.
		for (let i = n; i < value.length; i++) {
			await page.focus(sel(chemin));
			await page.keyboard.press("Enter");
		}
		let all = true;
		for (let i = 0; i < value.length; i++)
			all = (await put(page, `${chemin}[${i}]`, value[i])) && all;
		return all;
	}
	if (value !== null && typeof value === "object") {
		let all = true;
		for (const [k, v] of Object.entries(value))
			all = (await put(page, `${chemin}.${k}`, v)) && all;
		return all;
	}
	if (!(await visible(page, chemin))) return false;
	return page.evaluate((s, v) => {
		const e = document.querySelector(s);
		const fire = (x) => {
			x.dispatchEvent(new Event("input", { bubbles: true }));
			x.dispatchEvent(new Event("change", { bubbles: true }));
		};
		if (e.type === "checkbox") {
			if (e.checked !== v) e.click();
			return true;
		}
		if (e.tagName === "SELECT") {
			const want = [...e.options].find((o) => o.value === v || o.value === JSON.stringify(v));
			if (!want) return false;
			e.value = want.value;
			fire(e);
			return true;
		}
		const unit = e.parentElement.querySelector("select");
		if (unit && typeof v === "string") {
			const m = /^(\d+)\s*(\S+)$/.exec(v);
			const u = [...unit.options].find((o) => o.value === m[2] || o.value.startsWith(m[2]));
			e.value = m[1];
			unit.value = u.value;
			fire(unit);
			fire(e);
			return true;
		}
		e.value = typeof v === "number" ? String(v).replace(".", ",") : String(v);
		fire(e);
		return true;
	}, sel(chemin), value);
}

async function fill(page, data) {
	// Twice: a conditional question appears once its condition is set.
	let missing = [];
	for (let pass = 0; pass < 3; pass++) {
		missing = [];
		for (const [k, v] of Object.entries(data))
			if (!(await put(page, k, v))) missing.push(k);
		if (missing.length === 0) break;
	}
	return missing;
}

async function download(page, dir, button) {
	fs.mkdirSync(dir, { recursive: true });
	const cdp = await page.createCDPSession();
	await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: dir });
	for (const f of fs.readdirSync(dir, { withFileTypes: true }))
		if (f.isFile()) fs.unlinkSync(path.join(dir, f.name));
	await page.click(button);
	for (let i = 0; i < 100; i++) {
		const done = fs.readdirSync(dir, { withFileTypes: true })
		    .filter((f) => f.isFile() && !f.name.endsWith(".crdownload"));
		if (done.length > 0) return path.join(dir, done[0].name);
		await new Promise((r) => setTimeout(r, 100));
	}
	return null;
}

async function checkCondition(page, box, question) {
	const before = await visible(page, question);
	const boxSel = sel(box);
	const was = await page.$eval(boxSel, (e) => e.checked);
	if (was) await page.click(boxSel);
	const off = await visible(page, question);
	await page.focus(boxSel);
	await page.keyboard.press("Space");	// the keyboard, as a person would
	const on = await visible(page, question);
	await page.keyboard.press("Space");
	const offAgain = await visible(page, question);
	report(!off && on && !offAgain,
	    `« ${question} » paraît quand « ${box} » est cochée, disparaît quand elle est décochée`,
	    `avant ${before}, décochée ${off}, cochée ${on}, décochée ${offAgain}`);
	if (was) await page.click(boxSel);
}

async function checkBounds(page, question, typed) {
	const s = sel(question);
	const old = await page.$eval(s, (e) => e.value);
	await page.click(s, { clickCount: 3 });
	await page.keyboard.press("Backspace");
	await page.type(s, typed);
	const r = await page.$eval(s, (e) => {
		const ids = (e.getAttribute("aria-describedby") || "").split(/\s+/);
		const err = ids.map((i) => document.getElementById(i)).find((x) => x && x.classList.contains("erreur"));
		return { invalid: e.getAttribute("aria-invalid"), message: err ? err.textContent : null,
			visible: !!err && err.getClientRects().length > 0 };
	});
	report(r.invalid === "true" && r.visible && /n'est pas entre/.test(r.message || ""),
	    `« ${typed} » dans « ${question} » : message lié au champ (${r.message})`,
	    JSON.stringify(r));
	// The summary names it too, with a link to the field.
	await page.click("#telecharger");
	const link = await page.evaluate((s) => {
		const id = document.querySelector(s).id;
		const a = document.querySelector(`#resume a[href="#${id}"]`);
		return a ? a.textContent : null;
	}, s);
	report(link !== null && /n'est pas entre/.test(link),
	    `le résumé des erreurs renvoie au champ « ${question} »`, String(link));
	await page.click(s, { clickCount: 3 });
	await page.keyboard.press("Backspace");
	if (old) await page.type(s, old);
}

async function checkList(page, list) {
	const count = () => page.evaluate((s) =>
	    document.querySelector(s).closest("fieldset").querySelectorAll(":scope > ol > li").length, sel(list));
	const n = await count();
	await page.focus(sel(list));
	await page.keyboard.press("Enter");
	const grown = await count();
	const focused = await page.evaluate((s) => document.activeElement.dataset.chemin, sel(list));
	await page.evaluate((s) => {
		const li = document.querySelector(s).closest("fieldset").querySelector(":scope > ol > li:last-child");
		li.querySelector(":scope > button").click();
	}, sel(list));
	const shrunk = await count();
	report(grown === n + 1 && shrunk === n && focused === `${list}[${n}]`,
	    `liste « ${list} » : « Ajouter » ajoute une ligne (et y place le curseur), « Retirer » l'enlève`,
	    `${n} → ${grown} → ${shrunk}, curseur sur ${focused}`);
}

// Steps of answers (a JSON array of objects, FILE): after each, every
// question shown that starts with « q_ » is answered « oui » (and those
// it brings out in turn), the JSON downloaded, and lgc, checking it,
// must find neither a missing answer (a question lgc expects that the
// page hid) nor an ignored one (a question the page showed that lgc
// would not read): then the page and lgc agree on every condition.
async function checkSteps(page, name, template, file) {
	const steps = JSON.parse(fs.readFileSync(file, "utf8"));
	for (const [i, step] of steps.entries()) {
		await fill(page, step);
		for (let pass = 0; pass < 4; pass++) {
			const open = await page.evaluate(() => [...document.querySelectorAll("[data-chemin^=q_]")]
			    .filter((e) => e.getClientRects().length > 0 && e.value === "" &&
				!e.closest(".champ").querySelector(".note"))
			    .map((e) => e.dataset.chemin));
			if (open.length === 0) break;
			for (const q of open) await put(page, q, "oui");
		}
		const shown = await page.evaluate(() => [...document.querySelectorAll("[data-chemin^=q_]")]
		    .filter((e) => e.getClientRects().length > 0).map((e) => e.dataset.chemin));
		const got = await download(page, path.join(outdir, name, `etape-${i + 1}`), "#telecharger");
		const r = got ? spawnSync(lgc, ["check", template, "-d", got, "--format-diagnostics", "json"],
		    { encoding: "utf8" }) : { status: -1, stderr: "aucun fichier téléchargé" };
		report(r.status === 0 && r.stderr.trim() === "",
		    `${name}, étape ${i + 1} : lgc attend exactement les questions affichées (${shown.join(", ")})`,
		    r.stderr.trim().split("\n").map((l) => { try { return JSON.parse(l).message; } catch (e) { return l; } }).join(" ; "));
	}
	const note = await page.evaluate(() => {
		const e = document.querySelector('[data-chemin="q_note"]');
		const n = e && e.closest(".champ").querySelector(".note");
		return n && n.getClientRects().length > 0 ? n.textContent : null;
	});
	report(note !== null && note.includes("jour_semaine(debut)"),
	    "une condition que la page ne sait pas évaluer : question affichée avec une note visible", String(note));
}

// The server, played by lgc: the POSTed JSON checked, then rendered.
function serve(template, body, format) {
	const dir = fs.mkdtempSync(path.join(outdir, "rendu-"));
	const data = path.join(dir, "donnees.json");
	fs.writeFileSync(data, body);
	const check = spawnSync(lgc, ["check", template, "-d", data, "--format-diagnostics", "json"],
	    { encoding: "utf8" });
	if (check.status !== 0) {
		const diags = check.stderr.split("\n").filter(Boolean).map((l) => JSON.parse(l));
		return { status: 422, contentType: "application/json", body: JSON.stringify(diags) };
	}
	const out = execFileSync(lgc, ["build", template, "-d", data, "-f", format]);
	return { status: 200, contentType: format === "pdf" ? "application/pdf" : "text/html; charset=utf-8",
		headers: { "Content-Disposition": `attachment; filename="contrat.${format}"` }, body: out };
}

// The page as the server gives it (GET /formulaire/NAME) and the
// server's route for the contract, played here: the first POST refused
// with a diagnostic naming QUESTION, the next ones answered by lgc.
async function serveAs(page, html, template, question, state) {
	await page.setRequestInterception(true);
	page.on("request", (req) => {
		const url = new URL(req.url());
		if (url.origin !== ORIGIN) return req.continue();
		if (req.method() === "GET")
			return req.respond({ status: 200, contentType: "text/html; charset=utf-8",
				body: fs.readFileSync(html) });
		state.posted = { url: req.url(), type: req.headers()["content-type"] };
		if (state.refuse) {
			state.refuse = false;
			return req.respond({ status: 422, contentType: "application/json",
				body: JSON.stringify([{ gravite: "erreur", code: "donnee-hors-bornes",
					message: "valeur refusée par le serveur", chemin: question }]) });
		}
		req.respond(serve(template, req.postData(), url.searchParams.get("format")));
	});
}

async function checkRender(page, name, question, state) {
	state.refuse = true;
	await page.click('button[data-format="pdf"]');
	await page.waitForFunction((s) => {
		const e = document.querySelector(s);
		const ids = (e.getAttribute("aria-describedby") || "").split(/\s+/);
		return ids.some((i) => document.getElementById(i)?.textContent === "valeur refusée par le serveur");
	}, { timeout: 5000 }, sel(question)).then(() => report(true,
	    `un refus 422 du serveur s'affiche à côté de « ${question} »`),
	() => report(false, `un refus 422 du serveur s'affiche à côté de « ${question} »`));
	const posted = state.posted;
	report(posted && /\/api\/v1\/modeles\/[^/]+\/rendu\?format=pdf$/.test(posted.url) &&
	    posted.type === "application/json",
	    "les données partent en POST …/rendu?format=pdf, Content-Type application/json", JSON.stringify(posted));
	const file = await download(page, path.join(outdir, name, "rendu"), 'button[data-format="pdf"]');
	const head = file ? fs.readFileSync(file).subarray(0, 5).toString() : "";
	report(head === "%PDF-", "le contrat revient en PDF du serveur et se télécharge", file || "rien");
}

// The real server: the PDF its rendu route sends back for the data the
// page posted is the one lgc build makes of the JSON the page downloads.
async function checkServer(page, name, template, json) {
	const file = await download(page, path.join(outdir, name, "serveur"), 'button[data-format="pdf"]');
	let same = false, detail = file || "rien";
	if (file && json) {
		const want = execFileSync(lgc, ["build", template, "-d", json, "-f", "pdf"]);
		same = Buffer.compare(fs.readFileSync(file), want) === 0;
		detail = `${fs.statSync(file).size} octets reçus, ${want.length} attendus`;
	}
	report(same, `${name} : le bouton « PDF » de la page de lgc serve rapporte du serveur le contrat de lgc build`, detail);
}

async function main() {
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: true,
		args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
	});
	try {
		for (const c of cases) {
			const [name, html, template, dataFile, checks = ""] = c.split(":");
			const page = await browser.newPage();
			const dialogs = [], errors = [];
			page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
			page.on("pageerror", (e) => errors.push(e.message));
			const list = checks.split(",").filter(Boolean);
			const state = {};
			const render = list.find((x) => x.startsWith("rendu="));
			if (list.includes("serveur"))
				await page.goto(`${process.env.LGC_SERVE_URL}/formulaire/${name}`, { waitUntil: "load" });
			else if (render) {
				await serveAs(page, html, template, render.slice(6), state);
				await page.goto(`${ORIGIN}/formulaire/${name}`, { waitUntil: "load" });
			} else
				await page.goto("file://" + path.resolve(html), { waitUntil: "load" });
			for (const check of list) {
				const [kind, arg = ""] = check.split("=");
				if (kind === "condition") await checkCondition(page, ...arg.split(">"));
				else if (kind === "bornes") await checkBounds(page, ...arg.split(">"));
				else if (kind === "liste") await checkList(page, arg);
			}
			let json = null;
			if (dataFile) {
				const data = JSON.parse(fs.readFileSync(dataFile, "utf8"));
				const missing = await fill(page, data);
				report(missing.length === 0, `${name} : chaque donnée de l'exemple a son champ`, missing.join(", "));
				const file = json = await download(page, path.join(outdir, name), "#telecharger");
				report(file !== null, `${name} : « Télécharger les données (JSON) » donne un fichier`,
				    await page.$eval("#resume", (e) => e.textContent));
			}
			for (const check of list) {
				const [kind, arg = ""] = check.split("=");
				if (kind === "rendu") await checkRender(page, name, arg, state);
				else if (kind === "etapes") await checkSteps(page, name, template, arg);
				else if (kind === "serveur") await checkServer(page, name, template, json);
			}
			if (list.includes("xss")) {
				const shown = await page.evaluate(() => [document.title, document.querySelector("h1").textContent,
					...[...document.querySelectorAll("label, legend, option")].map((e) => e.textContent)]);
				report(dialogs.length === 0 && shown.some((t) => t.includes("</script><script>alert(1)</script>")),
				    "un libellé « </script><script>alert(1)</script> » s'affiche en texte, sans rien exécuter",
				    `alertes : ${dialogs.join(", ")}`);
			}
			report(errors.length === 0, `${name} : aucune erreur de script dans la page`, errors.join(" ; "));
			// The page as its script left it, for tidy.
			fs.mkdirSync(path.join(outdir, name), { recursive: true });
			fs.writeFileSync(path.join(outdir, name, "dom.html"), await page.content());
			await page.close();
		}
	} finally {
		await browser.close();
	}
}

main().catch((e) => {
	console.log(`ÉCHEC formulaire : ${e.message.split("\n")[0]}`);
	process.exit(1);
});
