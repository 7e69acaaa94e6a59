/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* format.c, the library's options, and a format added from outside:
 * a plain-text backend defined here, registered in a table of the
 * test's own, then found, listed, given its option and used to render a
 * real template through the library, without a line of lgc changed. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "lgc.h"
#include "api.h"
#include "format/format.h"

/* Plain text: the title, then one line per heading, paragraph and list
 * item, an item starting with the mark its option sets. */
struct text {
	char	*mark;
};

static void *
text_new(const struct render_opts *opts, struct diags *ds)
{
	const struct option_value *mark = render_option(opts, "puce");
	struct text *t = xcalloc(1, sizeof(*t));

	(void)ds;
	t->mark = xstrdup(mark != NULL ? mark->text : "* ");
	return t;
}

static void
text_runs(struct buf *out, const struct doc_runs *rs)
{
	size_t i;

	for (i = 0; i < rs->len; i++)
		buf_puts(out, rs->v[i].line_break ? "\n" : rs->v[i].text);
	buf_putc(out, '\n');
}

static void
text_blocks(const struct text *t, struct buf *out,
    const struct doc_blocks *bs)
{
	const struct doc_block *b;
	size_t i, k;

	for (i = 0; i < bs->len; i++) {
		b = &bs->v[i];
		switch (b->kind) {
		case BLOCK_HEADING:
			doc_heading_label(out, &b->u.heading);
			buf_putc(out, ' ');
			text_runs(out, &b->u.heading.title);
			break;
		case BLOCK_PARAGRAPH:
			text_runs(out, &b->u.paragraph);
			break;
		case BLOCK_LIST:
			for (k = 0; k < b->u.list.len; k++) {
				buf_puts(out, t->mark);
				text_blocks(t, out, &b->u.list.items[k]);
			}
			break;
		case BLOCK_SIGNATURES:
			for (k = 0; k < b->u.signatures.len; k++)
				buf_printf(out, "Signature : %s\n",
				    b->u.signatures.parties[k].name);
			break;
		}
	}
}

static bool
text_render(void *state, const struct doc *d, struct buf *out)
{
	buf_printf(out, "%s\n\n", d->title != NULL && d->title[0] != '\0' ?
	    d->title : d->model != NULL ? d->model : "");
	text_blocks(state, out, &d->blocks);
	return true;
}

static void
text_free(void *state)
{
	struct text *t = state;

	if (t == NULL)
		return;
	free(t->mark);
	free(t);
}

static const char *const text_extensions[] = { ".txt", NULL };

static const struct backend_option text_options[] = {
	{ .name = "puce", .kind = OPTION_TEXT, .arg = "TEXTE",
	  .help = "texte : la marque des \xc3\xa9l\xc3\xa9ments de liste" },
	{ .name = NULL }
};

static const struct backend text_backend = {
	.name = "texte",
	.description = "texte brut",
	.extensions = text_extensions,
	.options = text_options,
	.new = text_new,
	.render = text_render,
	.free = text_free,
};

/* A backend that fails and says nothing: the library must not take its
 * silence for a success, and reports it as its own error
 * (erreur-interne), the only way that diagnostic can be met. */
static void *
mute_new(const struct render_opts *opts, struct diags *ds)
{
	(void)opts;
	(void)ds;
	return xstrdup("");
}

static bool
mute_render(void *state, const struct doc *d, struct buf *out)
{
	(void)state;
	(void)d;
	buf_puts(out, "à moitié");
	return false;
}

static const char *const mute_extensions[] = { ".muet", NULL };

static const struct backend mute_backend = {
	.name = "muet",
	.description = "échoue sans rien dire",
	.extensions = mute_extensions,
	.options = NULL,
	.new = mute_new,
	.render = mute_render,
	.free = free,
};

static const char template_text[] =
    "modele \"Bon de commande\"\n"
    "entree client : partie \"Le client\"\n"
    "---\n"
    "# Objet\n"
    "\n"
    "{client.nom} commande\n"
    "\n"
    "- des pommes\n"
    "- des poires\n";

static const char data[] =
    "{\"client\": {\"nom\": \"Durand SARL\", \"adresse\": \"Lyon\"}}";

/* What the library reported so far. */
static char *
reported(FILE *diagnostics)
{
	struct buf b;
	char chunk[256];
	size_t n;

	buf_init(&b);
	fflush(diagnostics);
	rewind(diagnostics);
	while ((n = fread(chunk, 1, sizeof(chunk), diagnostics)) > 0)
		buf_put(&b, chunk, n);
	rewind(diagnostics);
	if (ftruncate(fileno(diagnostics), 0) != 0)
		buf_puts(&b, "(ftruncate)");
	return buf_detach(&b);
}

/* The built-in table. */
static void
test_builtin(struct unit *u)
{
	const struct backend *html = format_by_name(&format_builtin, "html");
	const struct backend *latex = format_by_name(&format_builtin, "latex");
	char *names = format_names(&format_builtin);

	CHECK(u, html != NULL && strcmp(html->extensions[0], ".html") == 0);
	CHECK(u, latex != NULL && strcmp(latex->extensions[0], ".tex") == 0);
	CHECK(u, format_by_name(&format_builtin, "odt") == NULL);
	CHECK(u, format_by_name(&format_builtin, "") == NULL);
	CHECK(u, format_by_path(&format_builtin, "out/contrat.html") == html);
	CHECK(u, format_by_path(&format_builtin, "contrat.htm") == html);
	CHECK(u, format_by_path(&format_builtin, "CONTRAT.HTML") == html);
	CHECK(u, format_by_path(&format_builtin, "CONTRAT.TEX") == latex);
	CHECK(u, format_by_path(&format_builtin, "contrat.txt") == NULL);
	CHECK(u, format_by_path(&format_builtin, "contrat") == NULL);
	CHECK(u, format_by_path(&format_builtin, "site.html/contrat") == NULL);
	CHECK_STR(u, names, "html, latex, pdf, docx");
	free(names);
	CHECK(u, format_option(&format_builtin, "fragment") != NULL &&
	    format_option(&format_builtin, "fragment")->kind == OPTION_FLAG);
	CHECK(u, format_option(&format_builtin, "preambule") != NULL &&
	    format_option(&format_builtin, "preambule")->kind == OPTION_FILE);
	CHECK(u, format_option(&format_builtin, "police") != NULL &&
	    format_option(&format_builtin, "police")->kind == OPTION_TEXT);
	CHECK(u, format_option(&format_builtin, "puce") == NULL);
}

/* Every option named once per kind, every row complete. */
static void
test_rows(struct unit *u)
{
	const struct backend *be;
	const struct backend_option *o;
	size_t i;

	for (i = 0; i < format_builtin.len; i++) {
		be = format_builtin.rows[i];
		CHECK(u, be->description != NULL && be->extensions[0] != NULL);
		CHECK(u, be->new != NULL && be->render != NULL &&
		    be->free != NULL);
		for (o = be->options; o->name != NULL; o++) {
			CHECK(u, format_option(&format_builtin,
			    o->name)->kind == o->kind);
			CHECK(u, o->help != NULL);
			CHECK(u, (o->arg == NULL) == (o->kind == OPTION_FLAG));
			CHECK(u, o->kind != OPTION_FILE || o->what != NULL);
		}
	}
}

/* A template on disk, for the library to load. */
static bool
write_template(char *dir, char *path, size_t size)
{
	FILE *f;

	if (mkdtemp(dir) == NULL)
		return false;
	snprintf(path, size, "%s/commande.lgc", dir);
	if ((f = fopen(path, "w")) == NULL)
		return false;
	fputs(template_text, f);
	return fclose(f) == 0;
}

static lgc_compiler *
load(const char *path, FILE *diagnostics, const struct format_table *t)
{
	lgc_compiler *c = lgc_new(diagnostics);

	if (t != NULL)
		lgc_set_formats(c, t);
	lgc_load_template(c, path);
	lgc_load_data_string(c, "client.json", data, strlen(data));
	return c;
}

static void
test_extra_format(struct unit *u, const char *path, FILE *diagnostics)
{
	const struct backend **rows;
	struct format_table table;
	lgc_compiler *c;
	char *names, *out = NULL, *msg;
	size_t i, len = 0;

	/* The built-in formats, the text one and the mute one. */
	rows = xcalloc(format_builtin.len + 2, sizeof(*rows));
	for (i = 0; i < format_builtin.len; i++)
		rows[i] = format_builtin.rows[i];
	rows[i] = &text_backend;
	rows[i + 1] = &mute_backend;
	table.rows = rows;
	table.len = format_builtin.len + 1;

	CHECK(u, format_by_name(&table, "texte") == &text_backend);
	CHECK(u, format_by_name(&table, "pdf") ==
	    format_by_name(&format_builtin, "pdf"));
	CHECK(u, format_by_path(&table, "out/contrat.txt") == &text_backend);
	CHECK(u, format_by_path(&table, "CONTRAT.TXT") == &text_backend);
	names = format_names(&table);
	CHECK_STR(u, names, "html, latex, pdf, docx, texte");
	free(names);
	CHECK(u, format_option(&table, "puce") == &text_options[0]);

	/* Its option is the library's once its table is. */
	c = lgc_new(diagnostics);
	CHECK(u, lgc_set_option(c, "puce", "- ") == LGC_FATAL);
	lgc_free(c);
	c = load(path, diagnostics, &table);
	CHECK(u, lgc_set_option(c, "puce", "- ") == LGC_OK);
	CHECK(u, lgc_set_option(c, "puce", NULL) == LGC_FATAL);
	CHECK(u, lgc_set_option(c, "police", "Liberation Sans") == LGC_OK);
	CHECK(u, lgc_set_option(c, "couleur", "rouge") == LGC_FATAL);
	CHECK(u, lgc_render(c, "texte", &out, &len) == LGC_OK);
	CHECK_STR(u, out, "Bon de commande\n\n"
	    "Article 1 Objet\n"
	    "Durand SARL commande\n"
	    "- des pommes\n"
	    "- des poires\n");
	CHECK(u, out != NULL && len == strlen(out));
	free(out);

	/* An unknown format lists those of the table. */
	CHECK(u, lgc_render(c, "odt", &out, &len) == LGC_FATAL && out == NULL);
	msg = reported(diagnostics);
	CHECK(u, strstr(msg, "inconnu (formats\xc2\xa0: html, latex, pdf, "
	    "docx, texte)") != NULL);
	free(msg);
	lgc_free(c);

	/* Without the option, the backend's default. */
	c = load(path, diagnostics, &table);
	CHECK(u, lgc_render(c, "texte", &out, &len) == LGC_OK);
	CHECK(u, out != NULL && strstr(out, "\n* des pommes\n") != NULL);
	free(out);

	/* The public face of the table (lgc.h), and so the command line's
	 * -f, -o extension, --help and --puce, follow the row too. */
	CHECK_STR(u, lgc_format_name(c, 4), "texte");
	CHECK(u, lgc_format_name(c, 5) == NULL);
	CHECK_STR(u, lgc_format_extension(c, 4), ".txt");
	CHECK_STR(u, lgc_format_description(c, 4), "texte brut");
	CHECK_STR(u, lgc_format_for_path(c, "lettre.txt"), "texte");
	CHECK_STR(u, lgc_format_option(c, 4, 0, NULL, NULL), "puce");
	CHECK(u, lgc_format_option(c, 4, 1, NULL, NULL) == NULL);
	lgc_free(c);
	msg = reported(diagnostics);
	free(msg);

	/* A backend failing in silence: an internal error, no output. */
	table.len = format_builtin.len + 2;
	c = load(path, diagnostics, &table);
	out = (char *)1;
	CHECK(u, lgc_render(c, "muet", &out, &len) == LGC_FATAL &&
	    out == NULL && len == 0);
	msg = reported(diagnostics);
	CHECK(u, strstr(msg, "erreur interne") != NULL &&
	    strstr(msg, "le rendu") != NULL);
	free(msg);
	lgc_free(c);
	free(rows);
}

/* Options the library reads for a format: a file (the LaTeX preamble)
 * read at rendering, and the creation date. */
static void
test_options(struct unit *u, const char *dir, const char *path,
    FILE *diagnostics)
{
	lgc_compiler *c;
	char *out = NULL, *msg, *pre, *missing;
	size_t len;
	FILE *f;

	pre = xasprintf("%s/preambule.tex", dir);
	missing = xasprintf("%s/absent.tex", dir);
	if ((f = fopen(pre, "w")) != NULL) {
		fputs("\\documentclass{report}", f);
		fclose(f);
	}
	c = load(path, diagnostics, NULL);
	CHECK(u, lgc_set_option(c, "preambule", pre) == LGC_OK);
	CHECK(u, lgc_render(c, "latex", &out, &len) == LGC_OK);
	CHECK(u, out != NULL && strstr(out, "}\n\\documentclass{report}\n") !=
	    NULL);
	free(out);
	/* Read at each rendering, and only by the formats declaring it. */
	CHECK(u, lgc_set_option(c, "preambule", missing) == LGC_OK);
	CHECK(u, lgc_render(c, "html", &out, &len) == LGC_OK && out != NULL);
	free(out);
	CHECK(u, lgc_render(c, "latex", &out, &len) == LGC_FATAL &&
	    out == NULL);
	msg = reported(diagnostics);
	CHECK(u, strstr(msg, "absent.tex\xc2\xa0: fichier ou dossier "
	    "introuvable") != NULL);
	free(msg);
	lgc_free(c);
	/* A fragment has no preamble: the file is not read. */
	c = load(path, diagnostics, NULL);
	CHECK(u, lgc_set_option(c, "preambule", missing) == LGC_OK);
	CHECK(u, lgc_set_option(c, "fragment", "peut-etre") == LGC_FATAL);
	CHECK(u, lgc_set_option(c, "fragment", "oui") == LGC_OK);
	CHECK(u, lgc_render(c, "latex", &out, &len) == LGC_OK && out != NULL);
	CHECK(u, out != NULL && strstr(out, "\\documentclass") == NULL);
	free(out);
	CHECK(u, lgc_set_option(c, "fragment", "non") == LGC_OK);
	CHECK(u, lgc_render(c, "latex", &out, &len) == LGC_FATAL);
	free(reported(diagnostics));

	/* The creation date, as SOURCE_DATE_EPOCH gives it. */
	CHECK(u, lgc_set_option(c, "date-creation", "1700000000") == LGC_OK);
	CHECK(u, lgc_set_option(c, "date-creation", "0") == LGC_OK);
	CHECK(u, lgc_set_option(c, "date-creation", "253402300799") == LGC_OK);
	CHECK(u, lgc_set_option(c, "date-creation", "253402300800") ==
	    LGC_FATAL);
	CHECK(u, lgc_set_option(c, "date-creation", "-5") == LGC_FATAL);
	CHECK(u, lgc_set_option(c, "date-creation", "") == LGC_FATAL);
	CHECK(u, lgc_set_option(c, "date-creation", "12h") == LGC_FATAL);
	CHECK(u, lgc_set_option(c, "date-creation", NULL) == LGC_FATAL);
	lgc_free(c);
	unlink(pre);
	free(pre);
	free(missing);
}

void
test_format(struct unit *u)
{
	char dir[] = "/tmp/lgc-unit-format-XXXXXX", path[256];
	FILE *diagnostics = tmpfile();

	test_builtin(u);
	test_rows(u);
	if (diagnostics == NULL || !write_template(dir, path, sizeof(path))) {
		CHECK(u, !"a temporary template");
		if (diagnostics != NULL)
			fclose(diagnostics);
		return;
	}
	test_extra_format(u, path, diagnostics);
	test_options(u, dir, path, diagnostics);
	unlink(path);
	rmdir(dir);
	fclose(diagnostics);
}
