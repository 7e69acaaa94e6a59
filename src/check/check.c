/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The check stage's entry (design, "Static checking"; details, rules
 * 15-31): check_program loads the main file, checks its header and its
 * body (and, through them, every clause it includes or imports), then
 * the references to labels and the names never used; program_free. */
#include "check/check.h"

#include <stdlib.h>
#include <string.h>

#include "check/checker.h"

static void
warn_unused(struct checker *ck)
{
	size_t i, j;

	for (i = 0; i < ck->prog->inputs.len; i++) {
		struct input *in = ck->prog->inputs.items[i];

		/* After a syntax error, a use may have been lost. */
		if (!in->used && !in->file->parse_failed)
			diag(ck->ds, W_UNUSED_INPUT, &in->decl->loc, in->name);
	}
	for (i = 0; i < ck->prog->files.len; i++) {
		struct file_ast *f = ck->prog->files.items[i];
		struct scope *sc = scope_of(ck, f);

		if (sc == NULL || !sc->header_done || f->parse_failed)
			continue;
		for (j = 0; j < f->ndecls; j++) {
			struct decl *d = f->decls[j];

			if (d->used || d->kind == DECL_ENTREE)
				continue;
			diag(ck->ds, d->kind == DECL_SOIT ? W_UNUSED_SOIT :
			    W_UNUSED_PARAM, &d->loc, d->name);
		}
	}
}

/* No one includes the main template, so no one can give a parametre
 * its value: one without a default would stop every build, and check
 * says so first. */
static void
check_main_params(struct checker *ck, const struct file_ast *f)
{
	size_t i;

	for (i = 0; i < f->ndecls; i++)
		if (f->decls[i]->kind == DECL_PARAMETRE &&
		    f->decls[i]->def == NULL)
			diag(ck->ds, E_PARAM_MISSING, &f->decls[i]->loc,
			    f->decls[i]->name, "ce fichier est une clause : "
			    "incluez-le avec « {inclure … avec "
			    "paramètre = …} », le modèle principal ne reçoit "
			    "pas de paramètres");
}

struct program *
check_program(const char *path, const char *text, size_t len,
    const char *const *search, size_t nsearch, const char *const *roots,
    const char *const *root_names, size_t nroots, struct diags *ds)
{
	struct program *prog = xcalloc(1, sizeof(*prog));
	struct checker ck;
	struct scope *sc;
	struct facts *k;
	int errors = diags_count(ds, SEV_ERROR) + diags_count(ds, SEV_FATAL);

	memset(&ck, 0, sizeof(ck));
	ck.nonconst = E_DEFAULT_NOT_CONST;
	ck.prog = prog;
	ck.ds = ds;
	prog->ds = ds;
	prog->search = search;
	prog->nsearch = nsearch;
	prog->roots = roots;
	prog->root_names = root_names;
	prog->nroots = nroots;
	prog->main = text != NULL ? load_text(&ck, path, text, len) :
	    load_file(&ck, path, path);
	if (prog->main == NULL) {
		prog->failed = true;
		strmap_free(&ck.files_by_key);
		strmap_free(&ck.scopes_by_key);
		strmap_free(&ck.inputs);
		return prog;
	}
	sc = scope_of(&ck, prog->main);
	check_header(&ck, sc);
	check_main_params(&ck, prog->main);
	ck.scope = sc;
	ptrvec_push(&ck.include_stack, prog->main);
	k = facts_new();
	check_nodes(&ck, &prog->main->body, k);
	facts_free(k);
	ptrvec_free(&ck.include_stack);
	ptrvec_free(&ck.loops);
	resolve_refs(&ck);
	warn_unused(&ck);
	strmap_free(&ck.files_by_key);
	strmap_free(&ck.scopes_by_key);
	strmap_free(&ck.inputs);
	found_files_free(&ck);
	prog->failed = diags_count(ds, SEV_ERROR) + diags_count(ds, SEV_FATAL) >
	    errors;
	return prog;
}

void
program_free(struct program *prog)
{
	size_t i;

	if (prog == NULL)
		return;
	for (i = 0; i < prog->scopes.len; i++) {
		struct scope *sc = prog->scopes.items[i];
		size_t j;

		for (j = 0; j < sc->types.len; j++)
			free(sc->types.items[j]);
		ptrvec_free(&sc->types);
		ptrvec_free(&sc->symbols);
		strmap_free(&sc->by_name);
		free(sc->dir);
		free(sc);
	}
	ptrvec_free(&prog->scopes);
	for (i = 0; i < prog->labels.len; i++) {
		struct label *l = prog->labels.items[i];
		size_t j;

		facts_free(l->facts);
		for (j = 0; j < l->alternatives.len; j++)
			facts_free(l->alternatives.items[j]);
		ptrvec_free(&l->alternatives);
		free(l);
	}
	ptrvec_free(&prog->labels);
	for (i = 0; i < prog->inputs.len; i++) {
		struct input *in = prog->inputs.items[i];

		free(in->name);
		expr_free(in->requirement);
		free(in);
	}
	ptrvec_free(&prog->inputs);
	for (i = 0; i < prog->symbols.len; i++)
		free(prog->symbols.items[i]);
	ptrvec_free(&prog->symbols);
	for (i = 0; i < prog->files.len; i++)
		file_ast_free(prog->files.items[i]);
	ptrvec_free(&prog->files);
	for (i = 0; i < prog->types.len; i++)
		type_free(prog->types.items[i]);
	ptrvec_free(&prog->types);
	free(prog);
}
