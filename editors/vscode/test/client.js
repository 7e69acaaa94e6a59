// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
//
// extension.js without VS Code: the `vscode` module and
// vscode-languageclient replaced by recorders, the extension activated,
// and what it asked for printed as JSON, for tests/scripts/editeurs.sh:
// the server's command (the setting lgc.chemin, else `lgc`), its
// arguments, the transport, the documents, and a restart when the
// setting changes.
'use strict';
const Module = require('module');
const path = require('path');

const log = [];
let chemin = process.argv[2] === '-' ? undefined : process.argv[2];
let onConfig;

const vscode = {
	workspace: {
		getConfiguration: (section) => ({
			get: (key) => (section === 'lgc' && key === 'chemin' ? chemin : undefined),
		}),
		createFileSystemWatcher: (glob) => ({ glob }),
		onDidChangeConfiguration: (f) => { onConfig = f; return { dispose() {} }; },
	},
	window: { showErrorMessage: (m) => log.push({ erreur: m }) },
	commands: { registerCommand: (name) => { log.push({ commande: name }); return { dispose() {} }; } },
};
class LanguageClient {
	constructor(id, name, serverOptions, clientOptions) {
		log.push({ client: id, nom: name, serveur: serverOptions,
			documents: clientOptions.documentSelector,
			surveille: clientOptions.synchronize.fileEvents.glob });
	}
	start() { log.push({ start: true }); return Promise.resolve(); }
	stop() { log.push({ stop: true }); return Promise.resolve(); }
}
const fakes = {
	vscode,
	'vscode-languageclient/node': { LanguageClient, TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 } },
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
	return request in fakes ? fakes[request] : load.call(this, request, parent, isMain);
};

(async () => {
	const ext = require(path.join(__dirname, '..', 'extension.js'));
	const subscriptions = [];
	await ext.activate({ subscriptions });
	chemin = '/autre/lgc';
	await onConfig({ affectsConfiguration: (s) => s === 'lgc.chemin' });
	await ext.deactivate();
	console.log(JSON.stringify(log));
})().catch((e) => { console.error(e); process.exit(1); });
