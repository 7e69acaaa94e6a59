// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// The questionnaire's script, embedded by lgc in every page it writes
// (src/form/form.c).  It builds the fields from the description of the
// inputs (the JSON of the script element "lgc-modele"), shows each conditional
// question where its condition holds (CONDITIONS: the template's own
// conditions, compiled by lgc), checks the answers as they are typed,
// and gives back the JSON data lgc reads, as a file or posted to the
// server for the contract.  Text from the template is only ever put in
// the page as text (textContent), never as markup.
"use strict";

function lgcFormulaire(conditions) {
	const spec = JSON.parse(document.getElementById("lgc-modele").textContent);
	const questions = document.getElementById("questions");
	const resume = document.getElementById("resume");
	const etat = document.getElementById("etat");
	const NBSP = "\u00a0";
	const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre", "décembre"];
	const UNITS = [["jours", "jour", "j", 1], ["semaines", "semaine", "j", 7],
		["mois", "mois", "m", 1], ["ans", "an", "m", 12]];
	let counter = 0;
	const top = [];		// the inputs' widgets, in declaration order

	function el(tag, attrs, text) {
		const e = document.createElement(tag);
		for (const [k, v] of Object.entries(attrs || {}))
			e.setAttribute(k, v);
		if (text !== undefined)
			e.textContent = text;
		return e;
	}

	// ---- Values: as the data carries them, undefined while unknown.

	// A durée: {f: "j" or "m", n: count in days or months, texte}.
	function duree(text) {
		const m = /^\s*([0-9]+)\s*([a-z]+)\s*$/.exec(String(text));
		if (!m)
			return undefined;
		for (const [plural, singular, f, k] of UNITS)
			if (m[2] === plural || m[2] === singular)
				return { f, n: Number(m[1]) * k, texte: `${Number(m[1])} ${Number(m[1]) < 2 ? singular : plural}` };
		return undefined;
	}

	function days(iso) {
		const [y, m, d] = iso.split("-").map(Number);
		return Date.UTC(y, m - 1, d) / 86400000;
	}

	function iso(t) {
		const d = new Date(t * 86400000);
		return d.toISOString().slice(0, 10);
	}

	// date ± durée; a month past the end of a shorter month stops at its
	// last day (31 janvier + 1 mois = 28 or 29 février).
	function addDuree(date, dur, sign) {
		if (dur.f === "j")
			return iso(days(date) + sign * dur.n);
		let [y, m, d] = date.split("-").map(Number);
		const months = y * 12 + (m - 1) + sign * dur.n;
		y = Math.floor(months / 12);
		m = months - y * 12 + 1;
		const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
		return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
	}

	function roundTo(x, digits) {
		const k = 10 ** digits;
		return Math.sign(x) * Math.round(Math.abs(x) * k) / k;
	}

	// The helpers the compiled conditions call.
	const L = {
		v(name) {
			const w = top.find((x) => x.nom === name);
			return w && w.shown ? w.value() : undefined;
		},
		f(obj, name) {
			return obj === undefined || obj === null ? undefined : obj[name];
		},
		duree,
		def(x) { return x !== undefined; },
		not(x) { return x === undefined ? undefined : !x; },
		neg(x) {
			if (x === undefined) return undefined;
			return typeof x === "object" ? { f: x.f, n: -x.n } : -x;
		},
		and(a, fb) {
			if (a === false) return false;
			const b = fb();
			if (b === false) return false;
			return a === true && b === true ? true : undefined;
		},
		or(a, fb) {
			if (a === true) return true;
			const b = fb();
			if (b === true) return true;
			return a === false && b === false ? false : undefined;
		},
		cmp(op, a, b) {
			if (a === undefined || b === undefined) return undefined;
			let d;
			if (typeof a === "object" && typeof b === "object") {
				if (a.f !== b.f) return op === "!=" ? true : op === "=" ? false : undefined;
				d = a.n - b.n;
			} else if (typeof a === "number" && typeof b === "number")
				d = a - b;
			else if (typeof a === "string" && typeof b === "string")
				d = a < b ? -1 : a > b ? 1 : 0;
			else if (op === "=" || op === "!=")
				d = a === b ? 0 : 1;
			else
				return undefined;
			switch (op) {
			case "=": return d === 0;
			case "!=": return d !== 0;
			case "<": return d < 0;
			case "<=": return d <= 0;
			case ">": return d > 0;
			default: return d >= 0;
			}
		},
		// The functions lgc compiles calls of (page_functions, form.c).
		call(name, args, kind) {
			if (args.some((a) => a === undefined)) return undefined;
			const [x] = args;
			switch (name) {
			case "nombre": return Array.isArray(x) ? x.length : undefined;
			case "somme":
				if (!Array.isArray(x) || x.some((v) => typeof v !== "number")) return undefined;
				return roundTo(x.reduce((s, v) => s + v, 0), kind === "montant" ? 2 : 6);
			case "annee": return Number(x.slice(0, 4));
			case "mois": return Number(x.slice(5, 7));
			case "jour": return Number(x.slice(8, 10));
			default: return undefined;
			}
		},
		// lgc's arithmetic (rule 22 of the language): the kinds say what
		// an operation means; a montant is rounded to the cent.
		arith(op, a, ka, b, kb, kr) {
			if (a === undefined || b === undefined) return undefined;
			const sign = op === "-" ? -1 : 1;
			if (ka === "date" && kb === "duree") return addDuree(a, b, sign);
			if (ka === "duree" && kb === "date") return addDuree(b, a, 1);
			if (ka === "date" && kb === "date") return { f: "j", n: days(a) - days(b) };
			if (ka === "duree" && kb === "duree")
				return a.f === b.f ? { f: a.f, n: a.n + sign * b.n } : undefined;
			if (ka === "duree" || kb === "duree") {
				const d = ka === "duree" ? a : b, k = ka === "duree" ? b : a;
				if (op === "/") return k === 0 ? undefined : { f: d.f, n: Math.trunc(d.n / k) };
				return { f: d.f, n: d.n * k };
			}
			let x = a, y = b;
			if ((op === "*" || op === "/") && kr !== "pourcentage") {
				if (ka === "pourcentage") x = a / 100;
				if (kb === "pourcentage") y = b / 100;
			}
			let r;
			switch (op) {
			case "+": r = x + y; break;
			case "-": r = x - y; break;
			case "*": r = x * y; break;
			default:
				if (y === 0) return undefined;
				r = x / y;
			}
			return roundTo(r, kr === "montant" ? 2 : kr === "entier" ? 0 : 6);
		},
	};

	// ---- Printing the French way, for the messages (as lgc prints).

	function group(digits) {
		return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
	}

	function printNumber(x, kind) {
		const neg = x < 0;
		let s = kind === "montant" ? Math.abs(x).toFixed(2) :
		    String(roundTo(Math.abs(x), 6));
		let [int, frac] = s.split(".");
		s = group(int) + (frac ? "," + frac : "");
		if (neg) s = "-" + s;
		if (kind === "montant") s += NBSP + "€";
		if (kind === "pourcentage") s += NBSP + "%";
		return s;
	}

	function printDate(isoDate) {
		const [y, m, d] = isoDate.split("-").map(Number);
		return `${d === 1 ? "1er" : d} ${MONTHS[m - 1]} ${y}`;
	}

	function print(v, kind) {
		if (kind === "date") return printDate(v);
		if (kind === "duree") return v.texte;
		if (typeof v === "number") return printNumber(v, kind);
		return String(v);
	}

	// ---- Reading what a person typed.

	// A number as people write it in French or as JSON does: « 1 500,50 »,
	// « 1500.50 », « 15 % »; NaN when it is none.
	function parseNumber(text, kind) {
		let t = text.trim().replace(/[\s\u00a0\u202f]/g, "");
		if (kind === "montant") t = t.replace(/€$/, "");
		if (kind === "pourcentage") t = t.replace(/%$/, "");
		t = t.replace(",", ".");
		if (!/^-?[0-9]+(\.[0-9]+)?$/.test(t)) return NaN;
		return Number(t);
	}

	// The bounds of "entre", parsed like an answer.
	function bound(type, v) {
		if (v === undefined) return undefined;
		if (type.genre === "duree") return duree(v);
		return v;
	}

	// ---- Widgets.  Each has: root (the element hidden with it), value()
	// (undefined when unanswered), json(), set(v), check(errors, all),
	// walk(f) over itself and the widgets inside, and chemin(), its JSON
	// path in lgc's diagnostics (client.nom, livrables[0]).

	function describedBy(w) {
		const ids = [w.aideId, w.erreur && !w.erreur.hidden ? w.erreur.id : null]
		    .filter(Boolean);
		if (ids.length) w.focus.setAttribute("aria-describedby", ids.join(" "));
		else w.focus.removeAttribute("aria-describedby");
	}

	function showError(w, message) {
		if (!w.erreur) return;
		w.erreur.textContent = message || "";
		w.erreur.hidden = !message;
		w.focus.setAttribute("aria-invalid", message ? "true" : "false");
		describedBy(w);
	}

	function labelOf(q) {
		return q.libelle || q.nom;
	}

	// « Le client › Nom » in the summary: a field's own label may be
	// shared by every party.
	function labelPath(w) {
		const parts = [];
		for (let x = w; x; x = x.parent)
			if (x.type.genre !== "liste")	// its rows name it
				parts.unshift(labelOf(x.q));
		return parts.join(" › ");
	}

	function scalar(type, q, parent, key) {
		const id = `q${++counter}`;
		const w = { type, q, parent, key, id, kids: [] };
		const kind = type.genre;
		const row = el("div", { class: kind === "booleen" ? "champ case" : "champ" });
		w.root = row;
		const label = el("label", { for: id }, labelOf(q));
		let aide = [];
		if (type.contrainte && !type.parmi) aide.push(type.contrainte[0].toUpperCase() + type.contrainte.slice(1));
		if (!q.requis && kind !== "booleen" && q.defaut === undefined) aide.push("facultatif");
		let input;
		if (kind === "booleen") {
			input = el("input", { type: "checkbox", id });
		} else if (kind === "choix" || type.parmi) {
			input = el("select", { id });
			const options = kind === "choix" ?
			    type.valeurs.map((v) => [v.nom, v.mots]) :
			    type.parmi.map((v) => [JSON.stringify(v.valeur), v.mots]);
			if (q.defaut === undefined)
				input.append(el("option", { value: "" }, q.requis ? "— choisissez —" : "— sans réponse —"));
			for (const [value, words] of options)
				input.append(el("option", { value }, words));
		} else if (kind === "date") {
			input = el("input", { type: "date", id });
			if (type.min !== undefined) input.min = type.min;
			if (type.max !== undefined) input.max = type.max;
		} else if (kind === "duree") {
			input = el("input", { type: "text", inputmode: "numeric", id, class: "nombre" });
			w.unit = el("select", { "aria-label": `Unité de «${NBSP}${labelOf(q)}${NBSP}»` });
			for (const [plural] of UNITS)
				w.unit.append(el("option", { value: plural }, plural));
			w.unit.value = "mois";
		} else if (kind === "entier" || kind === "decimal" || kind === "montant" || kind === "pourcentage") {
			input = el("input", { type: "text", inputmode: kind === "entier" ? "numeric" : "decimal", id, class: "nombre" });
		} else {
			input = el("input", { type: "text", id });
		}
		if (q.requis && kind !== "booleen") input.setAttribute("aria-required", "true");
		w.focus = input;
		if (kind === "booleen") {
			row.append(input, label);
		} else {
			row.append(label);
			if (aide.length) {
				w.aideId = `${id}-aide`;
				row.append(el("span", { class: "aide", id: w.aideId }, aide.join(`${NBSP}; `)));
			}
			row.append(input);
			if (w.unit) row.append(" ", w.unit);
			const unit = { montant: "€", pourcentage: "%" }[kind];
			if (unit && !type.parmi) row.append(el("span", { class: "unite", "aria-hidden": "true" }, unit));
		}
		w.erreur = el("p", { class: "erreur", id: `${id}-erreur` });
		w.erreur.hidden = true;
		row.append(w.erreur);
		describedBy(w);

		// The answer, or undefined (unanswered or unreadable).
		w.read = function () {
			if (kind === "booleen") return { v: input.checked };
			const text = input.value;
			if (kind === "choix") return text === "" ? {} : { v: text };
			if (type.parmi) return text === "" ? {} : { v: JSON.parse(text) };
			if (kind === "texte") return text === "" && !q.requis && q.defaut === undefined ? {} : { v: text };
			if (text.trim() === "") return {};
			if (kind === "date")
				return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { v: text } : { bad: `«${NBSP}${text}${NBSP}» n'est pas une date` };
			if (kind === "duree") {
				if (!/^\s*[0-9]+\s*$/.test(text)) return { bad: `«${NBSP}${text}${NBSP}» n'est pas une durée` };
				return { v: duree(`${text.trim()} ${w.unit.value}`) };
			}
			const x = parseNumber(text, kind);
			if (Number.isNaN(x)) return { bad: `«${NBSP}${text}${NBSP}» n'est pas un nombre valide` };
			if (kind === "entier" && !Number.isInteger(x)) return { bad: `${text} n'est pas un nombre entier` };
			if (kind === "montant" && Math.abs(x * 100 - Math.round(x * 100)) > 1e-6)
				return { bad: `${text}${NBSP}: un montant a au plus deux décimales (les centimes)` };
			return { v: x };
		};
		w.value = () => w.read().v;
		w.json = function () {
			const v = w.value();
			return v !== undefined && kind === "duree" ? v.texte : v;
		};
		w.set = function (v) {
			if (v === undefined || v === null) return;
			if (kind === "booleen") input.checked = v === true;
			else if (type.parmi && kind !== "choix") input.value = JSON.stringify(v);
			else if (kind === "duree") {
				const d = duree(v);
				if (d) {
					const m = /^(\d+)\s*(\S+)/.exec(d.texte);
					input.value = m[1];
					w.unit.value = UNITS.find((u) => u[0] === m[2] || u[1] === m[2])[0];
				}
			} else if (typeof v === "number")
				input.value = String(v).replace(".", ",");
			else input.value = String(v);
		};
		// The message for this answer, or null.
		w.problem = function () {
			const r = w.read();
			if (r.bad) return r.bad;
			if (r.v === undefined || (kind === "texte" && r.v === "" && q.requis))
				return q.requis ? "Réponse manquante." : null;
			if (type.min !== undefined && kind !== "choix") {
				const lo = bound(type, type.min), hi = bound(type, type.max);
				const a = L.cmp("<", r.v, lo), b = L.cmp(">", r.v, hi);
				if (a !== false || b !== false)
					return `${print(r.v, kind)} n'est pas ${type.contrainte}`;
			}
			return null;
		};
		w.check = function (errors, show) {
			const p = w.problem();
			if (show) showError(w, p);
			if (p) errors.push({ w, message: p });
		};
		w.walk = (f) => f(w);
		w.set(q.defaut);
		return w;
	}

	function recordWidget(type, q, parent, key, depth) {
		const rec = spec.enregistrements[type.indice];
		const w = { type, q, parent, key, kids: [], id: `q${++counter}` };
		const fs = el("fieldset", { id: w.id });
		fs.append(el("legend", {}, labelOf(q)));
		w.root = fs;
		w.focus = fs;
		if (depth > 12) {
			fs.append(el("p", { class: "note" }, "Ce groupe est imbriqué trop profondément pour ce questionnaire."));
		} else {
			for (const f of rec.champs) {
				const k = widget(f.type, f, w, f.nom, depth + 1);
				w.kids.push(k);
				fs.append(k.root);
			}
		}
		w.value = function () {
			const o = {};
			for (const k of w.kids) o[k.key] = k.value();
			return o;
		};
		w.json = function () {
			const o = {};
			for (const k of w.kids) {
				const v = k.json();
				if (v !== undefined) o[k.key] = v;
			}
			return o;
		};
		w.set = function (v) {
			if (!v || typeof v !== "object") return;
			for (const k of w.kids) if (v[k.key] !== undefined) k.set(v[k.key]);
		};
		w.check = (errors, show) => { for (const k of w.kids) k.check(errors, show); };
		w.walk = (f) => { f(w); for (const k of w.kids) k.walk(f); };
		w.set(q.defaut);
		return w;
	}

	function listWidget(type, q, parent, key, depth) {
		const w = { type, q, parent, key, kids: [], id: `q${++counter}` };
		const fs = el("fieldset", { id: w.id });
		fs.append(el("legend", {}, labelOf(q)));
		const rows = el("ol", { class: "lignes" });
		const add = el("button", { type: "button", class: "secondaire" }, `Ajouter (${labelOf(q)})`);
		w.erreur = el("p", { class: "erreur", id: `${w.id}-erreur` });
		w.erreur.hidden = true;
		fs.append(rows, add, w.erreur);
		w.root = fs;
		w.focus = add;
		function renumber() {
			w.kids.forEach((k, i) => {
				k.key = i;
				k.legend.textContent = `${labelOf(q)}, n° ${i + 1}`;
				k.remove.textContent = `Retirer le n° ${i + 1}`;
			});
		}
		w.addRow = function (v) {
			const n = w.kids.length;
			const item = { libelle: `${labelOf(q)}, n° ${n + 1}`, nom: "", requis: true };
			const k = widget(type.element, item, w, n, depth + 1);
			const li = el("li");
			k.li = li;
			k.legend = k.root.querySelector("legend") || k.root.querySelector("label");
			k.remove = el("button", { type: "button", class: "secondaire" }, `Retirer le n° ${n + 1}`);
			k.remove.addEventListener("click", () => {
				const i = w.kids.indexOf(k);
				w.kids.splice(i, 1);
				li.remove();
				renumber();
				refresh();
				(w.kids[Math.min(i, w.kids.length - 1)] || { remove: add }).remove.focus();
			});
			li.append(k.root, k.remove);
			rows.append(li);
			w.kids.push(k);
			if (v !== undefined) k.set(v);
			return k;
		};
		add.addEventListener("click", () => {
			const k = w.addRow();
			refresh();
			k.focus.focus();
		});
		w.value = () => w.kids.map((k) => k.value());
		w.json = () => w.kids.map((k) => k.json());
		w.set = function (v) {
			if (!Array.isArray(v)) return;
			for (const k of [...w.kids]) k.li.remove();
			w.kids = [];
			for (const x of v) w.addRow(x);
		};
		w.check = function (errors, show) {
			for (const k of w.kids) k.check(errors, show);
		};
		w.walk = (f) => { f(w); for (const k of w.kids) k.walk(f); };
		w.set(q.defaut);
		return w;
	}

	function widget(type, q, parent, key, depth) {
		if (type.genre === "enregistrement") return recordWidget(type, q, parent, key, depth);
		if (type.genre === "liste") return listWidget(type, q, parent, key, depth);
		return scalar(type, q, parent, key);
	}

	function chemin(w) {
		const keys = [];
		for (let x = w; x; x = x.parent)
			keys.unshift(x.key);
		return keys.map((k, i) => typeof k === "number" ? `[${k}]` : i ? `.${k}` : k).join("");
	}

	// ---- Conditions: each question shown where its condition holds.

	function refresh() {
		// A condition may read a question that depends on another: as
		// many passes as it takes to settle (at most one per input).
		for (let pass = 0; pass <= top.length; pass++) {
			let changed = false;
			for (const w of top) {
				let shown = true;
				if (w.q.condition !== undefined) {
					let r;
					try {
						r = conditions[w.q.condition](L);
					} catch (e) {
						r = undefined;
					}
					shown = r === true;
				}
				if (shown !== w.shown) {
					w.shown = shown;
					w.root.hidden = !shown;
					changed = true;
				}
			}
			if (!changed) break;
		}
		for (const w of top)
			w.walk((x) => { if (x.focus && x.focus.dataset) x.focus.dataset.chemin = chemin(x); });
	}

	function build() {
		for (const q of spec.entrees) {
			const w = widget(q.type, q, null, q.nom, 0);
			w.nom = q.nom;
			w.shown = true;
			if (q.condition_texte !== undefined && q.condition === undefined) {
				// Shown, but never required: it may not apply.
				q.requis = false;
				w.root.prepend(el("p", { class: "note" },
				    `Ne répondez que si${NBSP}: ${q.condition_texte} (condition que ce questionnaire ne sait pas évaluer).`));
			}
			top.push(w);
			questions.append(w.root);
		}
		refresh();
	}

	// ---- Errors: beside each field, and summed up above the form.

	function summary(errors, others) {
		resume.textContent = "";
		if (errors.length === 0 && others.length === 0) {
			resume.hidden = true;
			return;
		}
		const n = errors.length + others.length;
		resume.append(el("h2", {}, n === 1 ? "Une réponse est à corriger" : `${n} réponses sont à corriger`));
		const ul = el("ul");
		for (const { w, message } of errors) {
			const a = el("a", { href: `#${w.focus.id}` }, `${labelPath(w)}${NBSP}: ${message}`);
			a.addEventListener("click", (ev) => {
				ev.preventDefault();
				w.focus.focus();
			});
			const li = el("li");
			li.append(a);
			ul.append(li);
		}
		for (const message of others) ul.append(el("li", {}, message));
		resume.append(ul);
		resume.hidden = false;
		resume.setAttribute("role", "alert");
		resume.focus();
	}

	function checkAll() {
		const errors = [];
		for (const w of top) if (w.shown) w.check(errors, true);
		summary(errors, []);
		return errors.length === 0;
	}

	// The data lgc reads: the questions shown, the answered ones.
	function data() {
		const o = {};
		for (const w of top) {
			if (!w.shown) continue;
			const v = w.json();
			if (v !== undefined) o[w.nom] = v;
		}
		return o;
	}

	function save(blob, name) {
		const url = URL.createObjectURL(blob);
		const a = el("a", { href: url, download: name });
		document.body.append(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(url), 60000);
	}

	document.getElementById("telecharger").addEventListener("click", () => {
		if (!checkAll()) return;
		save(new Blob([JSON.stringify(data(), null, 2) + "\n"], { type: "application/json" }), "donnees.json");
		etat.textContent = "Données téléchargées (donnees.json).";
	});

	// The server's diagnostics (422): each beside the field its JSON path
	// names, or the nearest enclosing one; the others in the summary.
	function showDiagnostics(list) {
		const errors = [], others = [];
		const byPath = new Map();
		for (const w of top) if (w.shown) w.walk((x) => byPath.set(chemin(x), x));
		for (const d of list) {
			let path = typeof d.chemin === "string" ? d.chemin : null, w;
			while (path && !(w = byPath.get(path))) {
				const m = /^(.+)(\.[^.[\]]+|\[\d+\])$/.exec(path);
				path = m ? m[1] : null;
			}
			if (d.gravite !== "erreur") continue;
			if (w && w.erreur) {
				showError(w, d.message);
				errors.push({ w, message: d.message });
			} else
				others.push(d.message);
		}
		summary(errors, others);
	}

	async function render(format) {
		if (!checkAll()) return;
		let url = spec.rendu;
		url += (url.includes("?") ? "&" : "?") + "format=" + encodeURIComponent(format);
		etat.textContent = "Demande du contrat au serveur…";
		let response;
		try {
			response = await fetch(url, {
				method: "POST",
				headers: { "Content-Type": "application/json" },
				body: JSON.stringify(data()),
			});
		} catch (e) {
			etat.textContent = `Le serveur n'a pas répondu${NBSP}: ${e.message}`;
			return;
		}
		if (response.status === 422) {
			let body;
			try {
				body = await response.json();
			} catch (e) {
				body = [];
			}
			const list = Array.isArray(body) ? body : (body && Array.isArray(body.diagnostics) ? body.diagnostics : []);
			showDiagnostics(list);
			etat.textContent = `Le serveur a refusé les données${NBSP}: voyez les erreurs signalées.`;
			return;
		}
		if (!response.ok) {
			etat.textContent = `Le serveur a répondu ${response.status}${NBSP}: ${(await response.text()).slice(0, 300)}`;
			return;
		}
		const disposition = response.headers.get("Content-Disposition") || "";
		const m = /filename="?([^";]+)"?/.exec(disposition);
		save(await response.blob(), m ? m[1] : `contrat.${format}`);
		etat.textContent = `Contrat reçu (${format.toUpperCase()}).`;
	}

	for (const b of document.querySelectorAll("button[data-format]"))
		b.addEventListener("click", () => render(b.dataset.format));

	// As the person types: the conditions again, and the field's check.
	function owner(target) {
		let found = null;
		for (const w of top) w.walk((x) => { if (x.focus === target || x.unit === target) found = x; });
		return found;
	}
	const form = document.getElementById("formulaire");
	form.addEventListener("input", (ev) => {
		refresh();
		const w = owner(ev.target);
		if (w && w.problem) {
			const p = w.problem();
			// « Obligatoire » waits for the person to leave the field.
			if (p && w.read().v === undefined && !w.read().bad) return;
			showError(w, p);
		}
	});
	form.addEventListener("change", () => refresh());
	form.addEventListener("focusout", (ev) => {
		const w = owner(ev.target);
		if (w && w.problem && ev.target === w.focus) showError(w, w.problem());
	});
	form.addEventListener("submit", (ev) => ev.preventDefault());
	build();
}
