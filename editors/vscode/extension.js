// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
//
// The VS Code client of lgc's language server: starts `lgc lsp` (the
// program named by the setting lgc.chemin, `lgc` on the PATH by default)
// and talks to it over its standard input and output.  The highlighting
// is the TextMate grammar's (syntaxes/), which needs no server.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function start(context) {
	const chemin = vscode.workspace.getConfiguration('lgc').get('chemin') || 'lgc';
	const serverOptions = {
		command: chemin,
		args: ['lsp'],
		transport: TransportKind.stdio,
	};
	const clientOptions = {
		documentSelector: [{ scheme: 'file', language: 'lgc' },
			{ scheme: 'untitled', language: 'lgc' }],
		synchronize: {
			// The clauses and data files a template reads.
			fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{lgc,json}'),
		},
	};
	client = new LanguageClient('lgc', 'Serveur de langage lgc', serverOptions, clientOptions);
	return client.start().catch((err) => {
		vscode.window.showErrorMessage(
			`lgc : impossible de lancer « ${chemin} lsp » (${err.message}). ` +
			'Vérifiez le réglage « lgc.chemin ».');
	});
}

async function stop() {
	if (client) {
		const c = client;
		client = undefined;
		await c.stop().catch(() => {});
	}
}

function activate(context) {
	context.subscriptions.push(
		vscode.commands.registerCommand('lgc.redemarrer', async () => {
			await stop();
			await start(context);
		}),
		vscode.workspace.onDidChangeConfiguration(async (e) => {
			if (e.affectsConfiguration('lgc.chemin')) {
				await stop();
				await start(context);
			}
		}));
	return start(context);
}

function deactivate() {
	return stop();
}

module.exports = { activate, deactivate };
