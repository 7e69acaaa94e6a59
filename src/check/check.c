/* Static checking (design, "Static checking"; details, rules 15-31). */
#include "check/check.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/functions.h"
#include "check/presence.h"
#include "syntax/parse.h"
#include "base/source.h"
#include "base/suggest.h"

#define MAX_INCLUDE_DEPTH	16

struct named_type {
	const char	*name;
	const struct type *type;
	struct type_decl *decl;		/* NULL for imported types */
	int		 state;		/* 0 new, 1 resolving, 2 done */
};

/* What one file sees: its header names and its types. */
struct scope {
	struct file_ast	*file;
	char		*dir;
	struct ptrvec	 symbols;	/* struct symbol *, header names */
	struct strmap	 by_name;	/* name → struct symbol * */
	struct ptrvec	 types;		/* struct named_type *, owned */
	bool		 types_done;
	bool		 header_done;
	bool		 importing;
};

enum numbered {
	NUMBERED_NO,
	NUMBERED_YES,
	NUMBERED_MAYBE		/* depends on the data */
};

struct numbering {
	enum numbered	 article;	/* the last "#" */
	enum numbered	 sub;		/* the last "##" under it */
};

/* A label may be posed in several mutually exclusive branches (a clause
 * included under {si} and under {sinon}): it then exists where any of
 * its contexts holds. */
struct label {
	const char	*name;
	struct loc	 loc;
	bool		 numbered;	/* as written: no {-} */
	int		 level;		/* 1 "#" … 3 "###" */
	enum numbered	 number;	/* whether it gets a number */
	struct facts	*facts;		/* where it exists, when exact */
	struct ptrvec	 alternatives;	/* struct facts *, other contexts */
};

struct pending_ref {
	const char	*name;
	struct loc	 loc;
	struct facts	*facts;
};

struct checker {
	struct program	*prog;
	struct diags	*ds;
	struct scope	*scope;
	struct ptrvec	 loops;		/* struct symbol *, innermost last */
	struct ptrvec	*collect;	/* collect unmet requirements here */
	bool		 title;		/* titre: always-present names only */
	bool		 inputs_only;	/* an input's condition */
	int		 in_loop;
	struct ptrvec	 include_stack;	/* struct file_ast * being checked */
	struct ptrvec	 refs;		/* struct pending_ref * */
	enum diag_code	 nonconst;	/* reported for a non-constant */
	int		 chain;		/* soits and input conditions being resolved */
	int		 cond_depth;	/* deepest input read by a condition */
	bool		 chain_reported;
	/* Whether the current article and sub-article carry a number,
	 * as build.c will number them (rule 30): a "##" is numbered only
	 * under a numbered "#".  Branches that disagree make it depend on
	 * the data. */
	struct numbering numbering;
};

/* How many computed values or conditional inputs may depend on one
 * another in a chain: each level is a recursion of the checker. */
#define MAX_CHAIN	100

static const struct type *check_expr(struct checker *ck, struct expr *e,
		    struct facts *k, const struct type *expect);
static void	check_nodes(struct checker *ck, struct nodes *ns,
		    struct facts *k);
static void	check_header(struct checker *ck, struct scope *sc);
static void	soit_requirement(struct checker *ck, struct decl *d);
static void	input_requirement(struct checker *ck, struct input *in);

struct input *
program_input(const struct program *prog, const char *name)
{
	size_t i;

	for (i = 0; i < prog->inputs.len; i++) {
		struct input *in = prog->inputs.items[i];

		if (strcmp(in->name, name) == 0)
			return in;
	}
	return NULL;
}

static struct type *
new_type(struct checker *ck, enum type_kind kind, const struct loc *loc)
{
	struct type *t = xcalloc(1, sizeof(*t));

	t->kind = kind;
	if (loc != NULL)
		t->loc = *loc;
	ptrvec_push(&ck->prog->types, t);
	return t;
}

static struct symbol *
new_symbol(struct checker *ck, enum symbol_kind kind, const char *name)
{
	struct symbol *s = xcalloc(1, sizeof(*s));

	s->kind = kind;
	s->name = name;
	ptrvec_push(&ck->prog->symbols, s);
	return s;
}

static const char *
describe(struct buf *b, const struct type *t)
{
	buf_reset(b);
	type_describe(b, t);
	return buf_cstr(b);
}

/* Two distinct types that read alike (a "facturation" declared here and
 * the clause library's): each description says where it was declared.
 * Returns whether they read alike. */
static bool
describe_apart(struct buf *a, const struct type *ta, struct buf *b,
    const struct type *tb)
{
	describe(a, ta);
	describe(b, tb);
	if (ta == tb || strcmp(buf_cstr(a), buf_cstr(b)) != 0 ||
	    ta->loc.src == NULL || tb->loc.src == NULL)
		return false;
	buf_printf(a, " déclaré en %s:%d", ta->loc.src->path, ta->loc.line);
	buf_printf(b, " déclaré en %s:%d", tb->loc.src->path, tb->loc.line);
	return true;
}

static bool
is_error(const struct type *t)
{
	return t == NULL || t->kind == T_ERROR;
}

static const struct type *
error_type(void)
{
	return type_builtin(T_ERROR);
}

/* Files */

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static bool
is_file(const char *path)
{
	struct stat st;

	/* Found when it exists: one that cannot be read is then reported
	 * as such (F_IO: permission refusée), not as missing. */
	return stat(path, &st) == 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Relative to the including file, then each search folder; ".lgc" may
 * be left out.  Returns a malloc'd path or NULL. */
static char *
find_file(struct checker *ck, const char *dir, const char *name)
{
	const char *const *search = ck->prog->search;
	size_t i, n = ck->prog->nsearch;
	char *with_ext = ends_with(name, ".lgc") ? xstrdup(name) :
	    xasprintf("%s.lgc", name);
	char *found = NULL;

	/* Only .lgc files, however the path is written: an absolute path
	 * must not open /etc/passwd as a clause. */
	if (name[0] == '/') {
		if (is_file(with_ext))
			found = with_ext;
		else
			free(with_ext);
		return found;
	}
	for (i = 0; i <= n && found == NULL; i++) {
		const char *base = i == 0 ? dir : search[i - 1];
		char *candidate = xasprintf("%s/%s", base, with_ext);

		if (is_file(candidate))
			found = candidate;
		else
			free(candidate);
	}
	free(with_ext);
	return found;
}

static struct scope *
scope_of(struct checker *ck, const struct file_ast *f)
{
	size_t i;

	for (i = 0; i < ck->prog->scopes.len; i++) {
		struct scope *sc = ck->prog->scopes.items[i];

		if (sc->file == f)
			return sc;
	}
	return NULL;
}

/*
 * Without a "---" line the whole file is body (rule 7), so a forgotten
 * separator prints the header into the contract without any error.  A
 * file whose first line reads like a header statement (a declaration,
 * modele "…", or a // comment, which only the header knows) gets a
 * warning.
 */
static bool
header_like(const char *s, size_t len)
{
	static const char *const quoted[] = { "modele", "titre", "importer" };
	static const char *const named[] = {
		"entree", "parametre", "soit", "type", "exiger", "recommander",
		"langue"
	};
	size_t i, n, k;

	if (len >= 2 && s[0] == '/' && s[1] == '/')
		return true;
	for (i = 0; i < sizeof(quoted) / sizeof(quoted[0]); i++) {
		n = strlen(quoted[i]);
		for (k = n; k < len && s[k] == ' '; k++)
			continue;
		if (len > n && strncmp(s, quoted[i], n) == 0 && s[n] == ' ' &&
		    k < len && s[k] == '"')
			return true;
	}
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		n = strlen(named[i]);
		if (len <= n || strncmp(s, named[i], n) != 0 || s[n] != ' ')
			continue;
		/* "entree nom : type", "soit x = …": a name, then : or =. */
		for (k = n; k < len && s[k] == ' '; k++)
			continue;
		while (k < len && s[k] != ' ' && s[k] != ':' && s[k] != '=')
			k++;
		while (k < len && s[k] == ' ')
			k++;
		if (k < len && (s[k] == ':' || s[k] == '=' ||
		    strcmp(named[i], "exiger") == 0 ||
		    strcmp(named[i], "recommander") == 0))
			return true;
	}
	return false;
}

static void
warn_missing_separator(struct checker *ck, const struct source *src)
{
	const char *line;
	size_t len, n;
	int i;
	struct loc l;

	for (i = 1; i <= (int)src->nlines; i++) {
		if (!source_line(src, i, &line, &len))
			return;
		for (n = 0; n < len && (line[n] == ' ' || line[n] == '\t'); n++)
			continue;
		if (n == len)
			continue;
		if (n > 0 || !header_like(line, len))
			return;
		for (n = 0; n < len && line[n] != ' '; n++)
			continue;
		memset(&l, 0, sizeof(l));
		l.src = src;
		l.line = l.end_line = i;
		l.col = 1;
		l.end_col = (int)utf8_count(line, n);
		diag(ck->ds, W_NO_SEPARATOR, &l);
		return;
	}
}

/* Loads and parses a file once; the same file included twice is one
 * file_ast.  DISPLAY is how diagnostics name it. */
static struct file_ast *
load_file(struct checker *ck, const char *path, const char *display)
{
	char resolved[PATH_MAX];
	struct source *src;
	struct file_ast *f;
	struct scope *sc;
	size_t i;

	if (realpath(path, resolved) == NULL)
		snprintf(resolved, sizeof(resolved), "%s", path);
	for (i = 0; i < ck->prog->files.len; i++) {
		f = ck->prog->files.items[i];
		if (strcmp(f->path, resolved) == 0)
			return f;
	}
	src = source_load(ck->ds, path, display);
	if (src == NULL)
		return NULL;
	f = parse_file(src, ck->ds);
	if (!f->has_header)
		warn_missing_separator(ck, src);
	f->path = xstrdup(resolved);
	ptrvec_push(&ck->prog->files, f);
	sc = xcalloc(1, sizeof(*sc));
	sc->file = f;
	sc->dir = dir_of(path);
	ptrvec_push(&ck->prog->scopes, sc);
	return f;
}

/* How a found file is named in diagnostics: as found, without "./". */
static const char *
display_name(const char *path)
{
	return strncmp(path, "./", 2) == 0 ? path + 2 : path;
}

/* Types */

static struct named_type *
find_named_type(struct scope *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->types.len; i++) {
		struct named_type *nt = sc->types.items[i];

		if (strcmp(nt->name, name) == 0)
			return nt;
	}
	return NULL;
}

static void resolve_type_decl(struct checker *ck, struct scope *sc,
		    struct named_type *nt);

static const struct type *
lookup_type(struct checker *ck, struct scope *sc, const char *name,
    const struct loc *loc)
{
	const struct type *t = type_builtin_named(name);
	struct named_type *nt;
	struct diagnostic *d;
	struct suggester sg;
	size_t i;
	static const char *const builtin_names[] = {
		"texte", "entier", "decimal", "montant", "pourcentage", "date",
		"duree", "booleen", "partie",
	};

	if (t != NULL)
		return t;
	if ((nt = find_named_type(sc, name)) != NULL) {
		resolve_type_decl(ck, sc, nt);
		return nt->type != NULL ? nt->type : error_type();
	}
	/* A type whose declaration had a syntax error: reported there. */
	for (i = 0; i < sc->file->nbroken; i++)
		if (strcmp(sc->file->broken[i], name) == 0)
			return error_type();
	d = diag(ck->ds, E_UNKNOWN_TYPE, loc, name);
	suggest_begin(&sg, name);
	for (i = 0; i < sizeof(builtin_names) / sizeof(builtin_names[0]); i++)
		suggest_consider(&sg, builtin_names[i]);
	for (i = 0; i < sc->types.len; i++)
		suggest_consider(&sg, ((struct named_type *)sc->types.items[i])->name);
	diag_suggest(d, suggest_end(&sg));
	return error_type();
}

static const struct type *
resolve_type(struct checker *ck, struct scope *sc, const struct type_expr *te)
{
	struct type *t;
	size_t i, j;

	switch (te->kind) {
	case TE_NAME:
		return lookup_type(ck, sc, te->name, &te->loc);
	case TE_LIST:
		t = new_type(ck, T_LISTE, &te->loc);
		t->elem = resolve_type(ck, sc, te->elem);
		return t;
	case TE_CHOICE:
		if (te->nvalues == 2 &&
		    ((strcmp(te->values[0].name, "oui") == 0 &&
		    strcmp(te->values[1].name, "non") == 0) ||
		    (strcmp(te->values[0].name, "non") == 0 &&
		    strcmp(te->values[1].name, "oui") == 0))) {
			diag(ck->ds, E_CHOICE_BOOL, &te->loc);
			return error_type();
		}
		t = new_type(ck, T_CHOIX, &te->loc);
		t->nvalues = te->nvalues;
		t->values = xcalloc(te->nvalues ? te->nvalues : 1,
		    sizeof(*t->values));
		for (i = 0; i < te->nvalues; i++) {
			t->values[i].name = xstrdup(te->values[i].name);
			t->values[i].words = te->values[i].words ?
			    xstrdup(te->values[i].words) : NULL;
			t->values[i].loc = te->values[i].loc;
			for (j = 0; j < i; j++)
				if (strcmp(te->values[j].name,
				    te->values[i].name) == 0)
					diag(ck->ds, E_CHOICE_DUP,
					    &te->values[i].loc,
					    te->values[i].name);
		}
		return t;
	}
	return error_type();
}

static bool const_value(struct checker *ck, struct scope *sc,
		    struct expr *e, const struct type *t, struct value *out);

static void
resolve_constraint(struct checker *ck, struct scope *sc,
    const struct cstr_expr *ce, const struct type *t, struct constraint *out)
{
	struct buf b;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (ce == NULL || is_error(t))
		return;
	out->loc = ce->loc;
	buf_init(&b);
	if (ce->kind == CSTR_ENTRE) {
		bool ordered = t->kind == T_ENTIER || t->kind == T_DECIMAL ||
		    t->kind == T_MONTANT || t->kind == T_DATE ||
		    t->kind == T_DUREE || t->kind == T_POURCENTAGE;

		if (!ordered) {
			diag(ck->ds, E_CONSTRAINT_TYPE, &ce->loc, "entre",
			    describe(&b, t));
			buf_free(&b);
			return;
		}
		out->lo = xcalloc(1, sizeof(*out->lo));
		out->hi = xcalloc(1, sizeof(*out->hi));
		if (const_value(ck, sc, ce->lo, t, out->lo) &&
		    const_value(ck, sc, ce->hi, t, out->hi)) {
			bool comparable;

			if (value_compare(out->lo, out->hi, &comparable) > 0 &&
			    comparable)
				diag(ck->ds, E_CONSTRAINT_BOUNDS, &ce->loc);
			else if (!comparable) {
				struct buf text;

				buf_init(&text);
				buf_puts(&text, "entre ");
				value_print_literal(&text, out->lo);
				buf_puts(&text, " et ");
				value_print_literal(&text, out->hi);
				diag_hint(diag(ck->ds, E_DUREE_FAMILY, &ce->loc,
				    buf_cstr(&text)), "un mois compte de 28 à 31 "
				    "jours : exprimez les deux bornes dans la même "
				    "unité, jours et semaines ou mois et ans");
				buf_free(&text);
			}
			out->kind = CSTR_ENTRE;
		} else {
			value_free(out->lo);
			value_free(out->hi);
			free(out->lo);
			free(out->hi);
			out->lo = out->hi = NULL;
		}
	} else if (ce->kind == CSTR_PARMI) {
		if (t->kind == T_RECORD || t->kind == T_LISTE ||
		    t->kind == T_BOOLEEN) {
			diag(ck->ds, E_CONSTRAINT_TYPE, &ce->loc, "parmi",
			    describe(&b, t));
			buf_free(&b);
			return;
		}
		out->set = xcalloc(ce->nset ? ce->nset : 1, sizeof(*out->set));
		for (i = 0; i < ce->nset; i++)
			if (const_value(ck, sc, ce->set[i], t,
			    &out->set[out->nset]))
				out->nset++;
		out->kind = CSTR_PARMI;
	}
	buf_free(&b);
}

static bool
has_field(const struct type *t, const char *name)
{
	return type_field_index(t, name) >= 0;
}

static void
resolve_record(struct checker *ck, struct scope *sc, struct named_type *nt,
    struct type *t)
{
	struct type_decl *td = nt->decl;
	const struct type *parent = NULL;
	size_t i, j, n = 0;

	if (td->parent != NULL) {
		parent = lookup_type(ck, sc, td->parent, &td->parent_loc);
		if (!is_error(parent) && parent->kind != T_RECORD) {
			diag(ck->ds, E_NOT_RECORD_TYPE, &td->parent_loc,
			    td->parent);
			parent = NULL;
		} else if (is_error(parent))
			parent = NULL;
		else if (!parent->resolved) {
			/* Still being built: the parent extends this type. */
			char *msg = strcmp(td->parent, nt->name) == 0 ?
			    xasprintf("« %s » hérite de lui-même", nt->name) :
			    xasprintf("« %s » hérite de lui-même, par « %s »",
			    nt->name, td->parent);

			diag(ck->ds, E_CYCLE, &td->parent_loc, msg);
			free(msg);
			parent = NULL;
		}
	}
	t->parent = parent;
	t->fields = xcalloc((parent ? parent->nfields : 0) + td->nfields + 1,
	    sizeof(*t->fields));
	if (parent != NULL)
		for (i = 0; i < parent->nfields; i++)
			t->fields[n++] = parent->fields[i];
	for (i = 0; i < td->nfields; i++) {
		struct field_decl *fd = &td->fields[i];
		struct field *f;

		if (parent != NULL && has_field(parent, fd->name)) {
			diag(ck->ds, E_FIELD_REDECLARED, &fd->loc, fd->name,
			    parent->name);
			continue;
		}
		for (j = 0; j < i; j++)
			if (strcmp(td->fields[j].name, fd->name) == 0)
				break;
		if (j < i) {
			diag(ck->ds, E_FIELD_DUP, &fd->loc, fd->name);
			continue;
		}
		f = &t->fields[n++];
		memset(f, 0, sizeof(*f));
		f->name = xstrdup(fd->name);
		f->label = fd->label ? xstrdup(fd->label) : NULL;
		f->loc = fd->loc;
		f->owner = t;
		f->type = resolve_type(ck, sc, fd->type);
		resolve_constraint(ck, sc, fd->cstr, f->type, &f->cstr);
		if (fd->def != NULL) {
			struct buf why;

			f->def = xcalloc(1, sizeof(*f->def));
			if (!const_value(ck, sc, fd->def, f->type, f->def)) {
				free(f->def);
				f->def = NULL;
				continue;
			}
			buf_init(&why);
			if (!constraint_holds(&f->cstr, f->def, &why))
				diag(ck->ds, E_DEFAULT_CONSTRAINT, &fd->def->loc,
				    buf_cstr(&why));
			buf_free(&why);
		}
	}
	t->nfields = n;
	t->resolved = true;
}

static void
resolve_type_decl(struct checker *ck, struct scope *sc, struct named_type *nt)
{
	struct type *t;

	if (nt->state == 2 || nt->decl == NULL)
		return;
	if (nt->state == 1) {
		/* A record may refer to itself through its fields; the type
		 * object exists already.  An alias or parent cycle does not. */
		if (nt->type == NULL) {
			diag(ck->ds, E_CYCLE, &nt->decl->loc,
			    "le type se définit par lui-même");
			nt->type = error_type();
		}
		return;
	}
	nt->state = 1;
	if (nt->decl->is_record) {
		t = new_type(ck, T_RECORD, &nt->decl->loc);
		t->name = xstrdup(nt->name);
		nt->type = t;
		resolve_record(ck, sc, nt, t);
	} else {
		const struct type *alias = resolve_type(ck, sc, nt->decl->alias);

		if (alias->kind == T_CHOIX && alias->name == NULL)
			((struct type *)alias)->name = xstrdup(nt->name);
		nt->type = alias;
	}
	nt->decl->type = nt->type;
	nt->state = 2;
}

static void check_types(struct checker *ck, struct scope *sc);

/* Whether a value of FROM must hold a value of TARGET: through required
 * record fields (a list may be empty, a default ends the chain). */
static const struct field *
must_contain(const struct type *from, const struct type *target,
    struct ptrvec *seen)
{
	size_t i;

	for (i = 0; i < seen->len; i++)
		if (seen->items[i] == from)
			return NULL;
	ptrvec_push(seen, (void *)from);
	for (i = 0; i < from->nfields; i++) {
		const struct field *f = &from->fields[i];

		if (f->def != NULL || f->type->kind != T_RECORD)
			continue;
		if (f->type == target || must_contain(f->type, target, seen))
			return f;
	}
	return NULL;
}

/* A record that must contain itself has no finite value: no data could
 * ever fill it (rule 16, a dependency cycle). */
static void
check_finite(struct checker *ck, const struct type *t)
{
	struct ptrvec seen;
	const struct field *f;

	if (t == NULL || t->kind != T_RECORD)
		return;
	memset(&seen, 0, sizeof(seen));
	if ((f = must_contain(t, t, &seen)) != NULL) {
		char *msg = xasprintf("« %s » contient, par son champ « %s », "
		    "un « %s » à son tour : aucune donnée ne peut le remplir",
		    t->name, f->name, t->name);

		diag_hint(diag(ck->ds, E_CYCLE, &f->loc, msg),
		    "une liste peut rester vide : écrivez « %s : liste de "
		    "%s »", f->name, f->type->name);
		free(msg);
	}
	ptrvec_free(&seen);
}

static void
import_types(struct checker *ck, struct scope *sc)
{
	struct file_ast *f = sc->file;
	size_t i, k;

	for (i = 0; i < f->nimports; i++) {
		char *path = find_file(ck, sc->dir, f->imports[i].path);
		struct file_ast *imported;
		struct scope *isc;

		if (path == NULL) {
			diag(ck->ds, E_INCLUDE_NOT_FOUND, &f->imports[i].loc,
			    f->imports[i].path);
			continue;
		}
		imported = load_file(ck, path, display_name(path));
		free(path);
		if (imported == NULL || (isc = scope_of(ck, imported)) == NULL)
			continue;
		if (isc->importing)
			continue;
		check_types(ck, isc);
		for (k = 0; k < imported->ntypes; k++) {
			struct type_decl *td = imported->types[k];
			struct named_type *nt;

			if (td->type == NULL || find_named_type(sc, td->name))
				continue;
			nt = xcalloc(1, sizeof(*nt));
			nt->name = td->name;
			nt->type = td->type;
			nt->state = 2;
			ptrvec_push(&sc->types, nt);
		}
	}
}

static void
check_types(struct checker *ck, struct scope *sc)
{
	struct file_ast *f = sc->file;
	size_t i, j;

	if (sc->types_done)
		return;
	sc->types_done = true;
	sc->importing = true;
	for (i = 0; i < f->ntypes; i++) {
		struct named_type *nt;

		for (j = 0; j < i; j++)
			if (strcmp(f->types[j]->name, f->types[i]->name) == 0)
				break;
		if (j < i || type_builtin_named(f->types[i]->name) != NULL) {
			struct diagnostic *d = diag(ck->ds, E_DUP_NAME,
			    &f->types[i]->loc, f->types[i]->name);

			if (j < i)
				diag_note(d, &f->types[j]->loc,
				    "première déclaration");
			continue;
		}
		nt = xcalloc(1, sizeof(*nt));
		nt->name = f->types[i]->name;
		nt->decl = f->types[i];
		ptrvec_push(&sc->types, nt);
	}
	import_types(ck, sc);
	for (i = 0; i < sc->types.len; i++)
		resolve_type_decl(ck, sc, sc->types.items[i]);
	for (i = 0; i < f->ntypes; i++)
		check_finite(ck, f->types[i]->type);
	sc->importing = false;
}

/* Constants: defaults, bounds, parmi, cas. */

/* « le type partie n'a pas de champ « adrese » » with a suggestion. */
static void
report_unknown_field(struct checker *ck, const struct type *rt,
    const char *name, const struct loc *loc)
{
	struct suggester sg;
	struct diagnostic *d;
	struct buf owner;
	size_t j;

	buf_init(&owner);
	if (rt->kind == T_RECORD)
		buf_printf(&owner, "le type %s", rt->name);
	else
		type_describe(&owner, rt);
	d = diag(ck->ds, E_UNKNOWN_FIELD, loc, buf_cstr(&owner), name);
	buf_free(&owner);
	suggest_begin(&sg, name);
	for (j = 0; j < rt->nfields; j++)
		suggest_consider(&sg, rt->fields[j].name);
	diag_suggest(d, suggest_end(&sg));
}

/* The constraint of what a literal of the template fills (WHAT « NAME »,
 * declared at DECL): checked here rather than left for every client's
 * build. */
static void
check_declared(struct checker *ck, const struct constraint *c,
    const char *what, const char *name, const struct loc *decl,
    const struct value *v, const struct loc *at)
{
	struct buf why;

	if (c->kind == CSTR_NONE)
		return;
	buf_init(&why);
	if (!constraint_holds(c, v, &why)) {
		char *msg = xasprintf("%s « %s » : %s", what, name,
		    buf_cstr(&why));

		diag_note(diag(ck->ds, E_TYPE, at, msg), decl,
		    "%s déclaré ici", what);
		free(msg);
	}
	buf_free(&why);
}

static bool
const_record(struct checker *ck, struct scope *sc, struct expr *e,
    const struct type *t, struct value *out)
{
	const struct type *rt = lookup_type(ck, sc, e->u.record.type_name,
	    &e->loc);
	struct buf b;
	size_t i, j;
	bool ok = true;

	if (is_error(rt))
		return false;
	buf_init(&b);
	if (rt->kind != T_RECORD) {
		diag(ck->ds, E_NOT_RECORD_TYPE, &e->loc, e->u.record.type_name);
		buf_free(&b);
		return false;
	}
	if (t != NULL && !type_accepts(t, rt)) {
		struct buf want;

		buf_init(&want);
		type_describe(&want, t);
		char *msg = xasprintf("il faut %s, pas %s", buf_cstr(&want),
		    describe(&b, rt));

		diag(ck->ds, E_TYPE, &e->loc, msg);
		free(msg);
		buf_free(&want);
		buf_free(&b);
		return false;
	}
	memset(out, 0, sizeof(*out));
	out->kind = T_RECORD;
	out->type = rt;
	out->u.record.len = rt->nfields;
	out->u.record.fields = xcalloc(rt->nfields ? rt->nfields : 1,
	    sizeof(struct value));
	for (i = 0; i < e->u.record.nfields; i++) {
		struct field_init *fi = &e->u.record.fields[i];
		int index = type_field_index(rt, fi->name);

		for (j = 0; j < i; j++)
			if (strcmp(e->u.record.fields[j].name, fi->name) == 0)
				break;
		if (j < i) {
			diag(ck->ds, E_FIELD_DUP, &fi->loc, fi->name);
			ok = false;
			continue;
		}
		if (index < 0) {
			report_unknown_field(ck, rt, fi->name, &fi->loc);
			ok = false;
			continue;
		}
		if (!const_value(ck, sc, fi->value, rt->fields[index].type,
		    &out->u.record.fields[index]))
			ok = false;
		else
			check_declared(ck, &rt->fields[index].cstr, "champ",
			    fi->name, &rt->fields[index].loc,
			    &out->u.record.fields[index], &fi->value->loc);
	}
	for (i = 0; i < rt->nfields; i++) {
		if (out->u.record.fields[i].kind != T_ERROR)
			continue;
		for (j = 0; j < e->u.record.nfields; j++)
			if (strcmp(e->u.record.fields[j].name,
			    rt->fields[i].name) == 0)
				break;
		if (j < e->u.record.nfields)
			continue;
		if (rt->fields[i].def != NULL)
			value_copy(&out->u.record.fields[i], rt->fields[i].def);
		else {
			diag(ck->ds, E_FIELD_MISSING, &e->loc,
			    rt->fields[i].name, rt->name);
			ok = false;
		}
	}
	buf_free(&b);
	if (!ok) {
		value_free(out);
		memset(out, 0, sizeof(*out));
	}
	return ok;
}

/* Evaluates a constant expression of type T into OUT. */
static bool
const_value(struct checker *ck, struct scope *sc, struct expr *e,
    const struct type *t, struct value *out)
{
	struct buf b, want;
	bool negate = false;
	const struct expr *lit = e;

	memset(out, 0, sizeof(*out));
	if (is_error(t))
		return false;
	if (e->kind == EX_RECORD)
		return const_record(ck, sc, e, t, out);
	if (e->kind == EX_NAME && t->kind == T_CHOIX) {
		int index = type_choice_index(t, e->u.name);

		if (index < 0) {
			struct suggester sg;
			struct diagnostic *d;
			size_t i;

			buf_init(&b);
			type_name(&b, t);
			d = diag(ck->ds, E_UNKNOWN_CHOICE, &e->loc, e->u.name,
			    buf_cstr(&b));
			buf_free(&b);
			suggest_begin(&sg, e->u.name);
			for (i = 0; i < t->nvalues; i++)
				suggest_consider(&sg, t->values[i].name);
			diag_suggest(d, suggest_end(&sg));
			return false;
		}
		e->choice = index;
		e->type = t;
		out->kind = T_CHOIX;
		out->type = t;
		out->u.choice = (size_t)index;
		return true;
	}
	if (e->kind == EX_NEG && e->u.operand->kind == EX_LITERAL) {
		negate = true;
		lit = e->u.operand;
	}
	if (lit->kind != EX_LITERAL) {
		diag(ck->ds, ck->nonconst, &e->loc);
		return false;
	}
	value_copy(out, &lit->u.literal);
	/* A whole number is a decimal where one is expected. */
	if (t->kind == T_DECIMAL && out->kind == T_ENTIER) {
		dec_t d;

		dec_from_int(out->u.integer, &d);
		out->kind = T_DECIMAL;
		out->u.dec = d;
	}
	if (out->kind != t->kind) {
		buf_init(&b);
		buf_init(&want);
		type_describe(&want, t);
		type_describe(&b, type_builtin(out->kind));
		if (t->kind == T_MONTANT && (out->kind == T_ENTIER ||
		    out->kind == T_DECIMAL))
			diag_hint(diag(ck->ds, E_TYPE, &e->loc,
			    "montant attendu, nombre trouvé"),
			    "écrivez un montant avec son unité : « 1500 € »");
		else if (t->kind == T_POURCENTAGE && (out->kind == T_ENTIER ||
		    out->kind == T_DECIMAL))
			diag_hint(diag(ck->ds, E_TYPE, &e->loc,
			    "pourcentage attendu, nombre trouvé"),
			    "écrivez « 15 %% »");
		else {
			char *msg = xasprintf("il faut %s, pas %s",
			    buf_cstr(&want), buf_cstr(&b));

			diag(ck->ds, E_TYPE, &e->loc, msg);
			free(msg);
		}
		buf_free(&b);
		buf_free(&want);
		value_free(out);
		memset(out, 0, sizeof(*out));
		return false;
	}
	if (negate) {
		switch (out->kind) {
		case T_ENTIER:
			out->u.integer = -out->u.integer;
			break;
		case T_DECIMAL:
		case T_MONTANT:
		case T_POURCENTAGE:
			out->u.dec.units = -out->u.dec.units;
			break;
		default:
			diag(ck->ds, E_DEFAULT_NOT_CONST, &e->loc);
			value_free(out);
			return false;
		}
	}
	return true;
}

/* Names */

static struct symbol *
scope_symbol(struct scope *sc, const char *name)
{
	return strmap_get(&sc->by_name, name);
}

static struct symbol *
lookup_symbol(struct checker *ck, const char *name)
{
	size_t i;

	for (i = ck->loops.len; i-- > 0;) {
		struct symbol *s = ck->loops.items[i];

		if (strcmp(s->name, name) == 0)
			return s;
	}
	return scope_symbol(ck->scope, name);
}

static void
suggest_names(struct checker *ck, struct diagnostic *d, const char *name,
    const struct type *choice)
{
	struct suggester sg;
	size_t i;

	suggest_begin(&sg, name);
	for (i = 0; i < ck->loops.len; i++)
		suggest_consider(&sg, ((struct symbol *)ck->loops.items[i])->name);
	for (i = 0; i < ck->scope->symbols.len; i++)
		suggest_consider(&sg,
		    ((struct symbol *)ck->scope->symbols.items[i])->name);
	if (choice != NULL && choice->kind == T_CHOIX)
		for (i = 0; i < choice->nvalues; i++)
			suggest_consider(&sg, choice->values[i].name);
	diag_suggest(d, suggest_end(&sg));
}

/* What must hold for NAME (resolved to S) to be used. */
static const struct expr *
requirement_of(struct checker *ck, const struct symbol *s)
{
	switch (s->kind) {
	case SYM_INPUT:
		input_requirement(ck, s->input);
		return s->input->requirement;
	case SYM_SOIT:
		soit_requirement(ck, s->decl);
		return s->decl->requirement;
	case SYM_PARAM:
	case SYM_LOOP:
		return NULL;
	}
	return NULL;
}

/* A long condition is cut in messages: the location says the rest. */
static void
shorten(struct buf *b, size_t max)
{
	size_t n = max;

	if (b->len <= max)
		return;
	while (n > 0 && ((unsigned char)b->data[n] & 0xC0) == 0x80)
		n--;
	b->len = n;
	b->data[n] = '\0';
	buf_puts(b, "…");
}

static void
report_presence(struct checker *ck, struct expr *e, const struct expr *req,
    bool optional)
{
	struct buf cond;
	struct diagnostic *d;

	buf_init(&cond);
	if (optional)
		buf_printf(&cond, "« %s » existe", e->u.name);
	else
		expr_print(&cond, req);
	shorten(&cond, 160);
	if (ck->title) {
		diag(ck->ds, E_TITRE_PRESENCE, &e->loc, e->u.name);
		buf_free(&cond);
		return;
	}
	d = diag(ck->ds, E_PRESENCE, &e->loc, e->u.name, buf_cstr(&cond));
	if (optional)
		diag_hint(d, "utilisez-le à l'intérieur de « {si %s existe} »",
		    e->u.name);
	else
		diag_hint(d, "utilisez-le à l'intérieur de « {si %s} »",
		    buf_cstr(&cond));
	buf_free(&cond);
}

/* Presence (rule 24): the use of E is valid where its requirement is
 * true under K.  In collect mode, unmet requirements are gathered (the
 * existence condition of a soit, rule or input). */
static void
check_presence(struct checker *ck, struct expr *e, struct facts *k)
{
	const struct symbol *s = e->sym;
	const struct expr *req = requirement_of(ck, s);
	bool optional = s->kind == SYM_INPUT && s->input->optional;
	struct expr *exists = NULL;

	if (optional) {
		exists = expr_new(EX_EXISTS, &e->loc);
		exists->u.operand = expr_clone(e);
		exists->type = type_builtin(T_BOOLEEN);
		req = exists;
	}
	if (req != NULL && facts_eval(k, req) != KL_TRUE) {
		if (ck->collect != NULL && !ck->title)
			ptrvec_push(ck->collect, expr_clone(req));
		else
			report_presence(ck, e, req, optional);
	}
	expr_free(exists);
}

static void
mark_used(struct symbol *s)
{
	switch (s->kind) {
	case SYM_INPUT:
		s->input->used = true;
		if (s->decl != NULL)
			s->decl->used = true;
		break;
	case SYM_PARAM:
	case SYM_SOIT:
		s->decl->used = true;
		break;
	case SYM_LOOP:
		break;
	}
}

static const struct type *
check_name(struct checker *ck, struct expr *e, struct facts *k,
    const struct type *expect, bool presence)
{
	struct symbol *s;
	struct diagnostic *d;
	struct input *elsewhere;

	if (expect != NULL && (expect->kind == T_CHOIX)) {
		int index = type_choice_index(expect, e->u.name);

		if (index >= 0) {
			if (lookup_symbol(ck, e->u.name) != NULL)
				diag(ck->ds, W_CHOICE_SHADOWS, &e->loc,
				    e->u.name);
			e->choice = index;
			return e->type = expect;
		}
	}
	s = lookup_symbol(ck, e->u.name);
	if (s == NULL) {
		size_t i;

		for (i = 0; i < ck->scope->file->nbroken; i++)
			if (strcmp(ck->scope->file->broken[i], e->u.name) == 0)
				return e->type = error_type();
		d = diag(ck->ds, E_UNKNOWN_NAME, &e->loc, e->u.name);
		elsewhere = program_input(ck->prog, e->u.name);
		if (elsewhere != NULL && elsewhere->file != ck->scope->file)
			diag_hint(d, "« %s » est une entrée de %s : un fichier "
			    "ne voit que son propre en-tête, déclarez-la aussi "
			    "ici", e->u.name, elsewhere->file->src->path);
		else
			suggest_names(ck, d, e->u.name, expect);
		return e->type = error_type();
	}
	if (ck->inputs_only && s->kind != SYM_INPUT) {
		diag(ck->ds, E_INPUT_COND_PARAM, &e->loc, e->u.name,
		    s->kind == SYM_PARAM ? "un paramètre" :
		    s->kind == SYM_SOIT ? "une valeur calculée" :
		    "une variable de boucle");
		return e->type = error_type();
	}
	e->sym = s;
	mark_used(s);
	if (s->kind == SYM_INPUT && s->input->depth > ck->cond_depth)
		ck->cond_depth = s->input->depth;
	if (s->kind == SYM_SOIT) {
		soit_requirement(ck, s->decl);
		s->type = s->decl->ty;
		if (s->decl->depth > ck->cond_depth)
			ck->cond_depth = s->decl->depth;
	}
	if (presence)
		check_presence(ck, e, k);
	return e->type = s->type != NULL ? s->type : error_type();
}

/* Operators (details, rule 22) */

static bool
numeric_plain(const struct type *t)
{
	return t->kind == T_ENTIER || t->kind == T_DECIMAL;
}

/* The family a constraint fixes: "entre 1 mois et 12 mois" is counted
 * in months whatever the data says, so comparing it with days can be
 * refused before any data is read. */
static int
constraint_family(const struct constraint *c)
{
	int f = -1, g;
	size_t i;

	if (c == NULL)
		return -1;
	switch (c->kind) {
	case CSTR_NONE:
		return -1;
	case CSTR_ENTRE:
		if (c->lo == NULL || c->hi == NULL ||
		    c->lo->kind != T_DUREE || c->hi->kind != T_DUREE)
			return -1;
		f = (int)duree_unit_family(c->lo->u.duree.unit);
		g = (int)duree_unit_family(c->hi->u.duree.unit);
		return f == g ? f : -1;
	case CSTR_PARMI:
		for (i = 0; i < c->nset; i++) {
			if (c->set[i].kind != T_DUREE)
				return -1;
			g = (int)duree_unit_family(c->set[i].u.duree.unit);
			if (f >= 0 && g != f)
				return -1;
			f = g;
		}
		return f;
	}
	return -1;
}

static int
duree_family_of(const struct expr *e)
{
	int a, b;

	if (e->kind == EX_LITERAL && e->u.literal.kind == T_DUREE)
		return (int)duree_unit_family(e->u.literal.u.duree.unit);
	if (e->kind == EX_NAME && e->sym != NULL && e->sym->kind == SYM_INPUT)
		return constraint_family(e->sym->input->cstr);
	if (e->kind == EX_NAME && e->sym != NULL && e->sym->kind == SYM_PARAM)
		return constraint_family(&e->sym->decl->cstr_value);
	if (e->kind == EX_BINARY && (e->u.binary.op == OP_ADD ||
	    e->u.binary.op == OP_SUB)) {
		a = duree_family_of(e->u.binary.lhs);
		b = duree_family_of(e->u.binary.rhs);
		return a == b ? a : -1;
	}
	if (e->kind == EX_NEG)
		return duree_family_of(e->u.operand);
	return -1;
}

static const struct type *
arith_type(enum binop op, const struct type *a, const struct type *b)
{
	enum type_kind ka = a->kind, kb = b->kind;

	switch (op) {
	case OP_ADD:
	case OP_SUB:
		if (ka == T_ENTIER && kb == T_ENTIER)
			return type_builtin(T_ENTIER);
		if (numeric_plain(a) && numeric_plain(b))
			return type_builtin(T_DECIMAL);
		if (ka == kb && (ka == T_MONTANT || ka == T_POURCENTAGE ||
		    ka == T_DUREE))
			return a;
		if (op == OP_ADD && ka == T_TEXTE && kb == T_TEXTE)
			return a;
		if (ka == T_DATE && kb == T_DUREE)
			return a;
		if (op == OP_ADD && ka == T_DUREE && kb == T_DATE)
			return b;
		if (op == OP_SUB && ka == T_DATE && kb == T_DATE)
			return type_builtin(T_DUREE);
		return NULL;
	case OP_MUL:
		if (ka == T_ENTIER && kb == T_ENTIER)
			return type_builtin(T_ENTIER);
		if (numeric_plain(a) && numeric_plain(b))
			return type_builtin(T_DECIMAL);
		if ((ka == T_MONTANT && (numeric_plain(b) ||
		    kb == T_POURCENTAGE)) || (kb == T_MONTANT &&
		    (numeric_plain(a) || ka == T_POURCENTAGE)))
			return type_builtin(T_MONTANT);
		if ((numeric_plain(a) && kb == T_POURCENTAGE) ||
		    (ka == T_POURCENTAGE && numeric_plain(b)))
			return type_builtin(T_DECIMAL);
		if ((ka == T_DUREE && kb == T_ENTIER) ||
		    (ka == T_ENTIER && kb == T_DUREE))
			return type_builtin(T_DUREE);
		return NULL;
	case OP_DIV:
		if (numeric_plain(a) && numeric_plain(b))
			return type_builtin(T_DECIMAL);
		if (ka == T_MONTANT && numeric_plain(b))
			return type_builtin(T_MONTANT);
		if (ka == T_MONTANT && kb == T_MONTANT)
			return type_builtin(T_DECIMAL);
		return NULL;
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT:
	case OP_GE: case OP_AND: case OP_OR:
		return NULL;
	}
	return NULL;
}

static bool
comparable_types(const struct type *a, const struct type *b)
{
	if (numeric_plain(a) && numeric_plain(b))
		return true;
	if (a->kind != b->kind)
		return false;
	/* Each inline choix(…) is its own type (rule 18); a named one is
	 * one type wherever it is used. */
	if (a->kind == T_CHOIX)
		return a == b || (a->name != NULL && b->name != NULL &&
		    strcmp(a->name, b->name) == 0 && type_equal(a, b));
	return a->kind != T_RECORD && a->kind != T_LISTE;
}

/* Whether E is a bare name that is no symbol: maybe a choice value that
 * the other side of "=" will give a type to. */
static bool
unresolved_name(struct checker *ck, const struct expr *e)
{
	return e->kind == EX_NAME && lookup_symbol(ck, e->u.name) == NULL;
}

static const struct type *
check_comparison(struct checker *ck, struct expr *e, struct facts *k)
{
	struct expr *lhs = e->u.binary.lhs, *rhs = e->u.binary.rhs;
	const struct type *lt, *rt;
	struct buf a, b;
	enum binop op = e->u.binary.op;

	if (unresolved_name(ck, lhs) && !unresolved_name(ck, rhs)) {
		rt = check_expr(ck, rhs, k, NULL);
		lt = check_expr(ck, lhs, k, rt);
	} else {
		lt = check_expr(ck, lhs, k, NULL);
		rt = check_expr(ck, rhs, k, lt);
	}
	e->type = type_builtin(T_BOOLEEN);
	if (is_error(lt) || is_error(rt))
		return e->type;
	buf_init(&a);
	buf_init(&b);
	if (lt->kind == T_RECORD || rt->kind == T_RECORD) {
		diag_hint(diag(ck->ds, E_COMPARE, &e->loc, describe(&a, lt),
		    describe(&b, rt)), "des enregistrements ne se comparent "
		    "pas : comparez un de leurs champs");
	} else if (!comparable_types(lt, rt)) {
		struct diagnostic *dg = diag(ck->ds, E_COMPARE, &e->loc,
		    describe(&a, lt), describe(&b, rt));

		/* Two choices with the same values read alike, yet each
		 * choix(…) written in place is a type of its own. */
		if (lt->kind == T_CHOIX && rt->kind == T_CHOIX)
			diag_hint(dg, "chaque « choix(…) » écrit dans une "
			    "déclaration est un type à part : déclarez-le "
			    "une fois (« type NOM = choix(…) ») et "
			    "donnez ce type aux deux côtés");
	} else if (op != OP_EQ && op != OP_NE && !type_is_ordered(lt)) {
		char *msg = xasprintf("« %s » compare des nombres, montants, "
		    "dates ou durées, pas %s", binop_text(op), describe(&a, lt));

		diag(ck->ds, E_TYPE, &e->loc, msg);
		free(msg);
	} else if (lt->kind == T_DUREE && rt->kind == T_DUREE &&
	    duree_family_of(lhs) >= 0 && duree_family_of(rhs) >= 0 &&
	    duree_family_of(lhs) != duree_family_of(rhs)) {
		struct buf text;

		buf_init(&text);
		expr_print(&text, e);
		diag(ck->ds, E_DUREE_FAMILY, &e->loc, buf_cstr(&text));
		buf_free(&text);
	}
	buf_free(&a);
	buf_free(&b);
	return e->type;
}

static const struct type *
check_boolean_operand(struct checker *ck, struct expr *e, const char *op)
{
	struct buf b;
	char *msg;

	if (is_error(e->type) || e->type->kind == T_BOOLEEN)
		return e->type;
	buf_init(&b);
	type_describe(&b, e->type);
	msg = xasprintf("« %s » relie des conditions (booléens), pas %s",
	    op, buf_cstr(&b));
	diag(ck->ds, E_TYPE, &e->loc, msg);
	free(msg);
	buf_free(&b);
	return error_type();
}

static const struct type *
check_binary(struct checker *ck, struct expr *e, struct facts *k)
{
	enum binop op = e->u.binary.op;
	const struct type *lt, *rt, *result;
	struct facts *k2;
	struct buf a, b;

	switch (op) {
	case OP_AND:
	case OP_OR:
		check_expr(ck, e->u.binary.lhs, k, NULL);
		k2 = facts_copy(k);
		facts_assume(k2, e->u.binary.lhs, op == OP_AND);
		check_expr(ck, e->u.binary.rhs, k2, NULL);
		facts_free(k2);
		check_boolean_operand(ck, e->u.binary.lhs, binop_text(op));
		check_boolean_operand(ck, e->u.binary.rhs, binop_text(op));
		return e->type = type_builtin(T_BOOLEEN);
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		return check_comparison(ck, e, k);
	case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
		break;
	}
	lt = check_expr(ck, e->u.binary.lhs, k, NULL);
	rt = check_expr(ck, e->u.binary.rhs, k, NULL);
	if (is_error(lt) || is_error(rt))
		return e->type = error_type();
	result = arith_type(op, lt, rt);
	if (result == NULL) {
		struct diagnostic *d;

		buf_init(&a);
		buf_init(&b);
		d = diag(ck->ds, E_ARITH, &e->loc, binop_text(op), describe(&a, lt),
		    describe(&b, rt));
		if ((lt->kind == T_MONTANT && numeric_plain(rt)) ||
		    (rt->kind == T_MONTANT && numeric_plain(lt))) {
			/* The number as written, with its euro sign. */
			const struct expr *plain = lt->kind == T_MONTANT ?
			    e->u.binary.rhs : e->u.binary.lhs;
			struct buf num;

			buf_init(&num);
			if (plain->kind == EX_LITERAL) {
				expr_print(&num, plain);
				diag_hint(d, "écrivez le nombre comme un montant : "
				    "« %s € »", buf_cstr(&num));
			} else
				diag_hint(d, "multipliez le nombre par « 1 € » "
				    "pour en faire un montant");
			buf_free(&num);
		}
		buf_free(&a);
		buf_free(&b);
		return e->type = error_type();
	}
	if (lt->kind == T_DUREE && rt->kind == T_DUREE) {
		int fa = duree_family_of(e->u.binary.lhs);
		int fb = duree_family_of(e->u.binary.rhs);

		if (fa >= 0 && fb >= 0 && fa != fb) {
			struct buf text;

			buf_init(&text);
			expr_print(&text, e);
			diag(ck->ds, E_DUREE_FAMILY, &e->loc, buf_cstr(&text));
			buf_free(&text);
		}
	}
	return e->type = result;
}

static const struct type *
check_call(struct checker *ck, struct expr *e, struct facts *k)
{
	const struct function *fn = function_find(e->u.call.name);
	const struct type **types;
	const struct type *result;
	struct buf why;
	size_t i;
	int arg = -1;

	types = xcalloc(e->u.call.nargs + 1, sizeof(*types));
	for (i = 0; i < e->u.call.nargs; i++)
		types[i] = check_expr(ck, e->u.call.args[i], k, NULL);
	if (fn == NULL) {
		struct suggester sg;
		struct diagnostic *d = diag(ck->ds, E_UNKNOWN_FUNCTION,
		    &e->u.call.name_loc, e->u.call.name);

		suggest_begin(&sg, e->u.call.name);
		for (i = 0; i < function_count(); i++)
			suggest_consider(&sg, function_at(i)->name);
		diag_suggest(d, suggest_end(&sg));
		free(types);
		return e->type = error_type();
	}
	e->fn = fn;
	if (e->u.call.nargs < fn->min_args || e->u.call.nargs > fn->max_args) {
		/* After "x | f", the author counts what follows the name;
		 * the piped value is the first argument. */
		size_t shift = e->u.call.piped ? 1 : 0;
		size_t lo = fn->min_args - shift, hi = fn->max_args - shift;
		size_t given = e->u.call.nargs - shift;
		const char *after = shift ? " après le nom du filtre" : "";
		char *msg, *got = given == 0 ? xstrdup("aucun donné") :
		    xasprintf("%zu donné%s", given, given > 1 ? "s" : "");

		if (hi == 0)
			msg = xasprintf("aucun argument attendu%s, %s", after,
			    got);
		else if (lo == hi)
			msg = xasprintf("%zu argument%s attendu%s%s, %s", lo,
			    lo > 1 ? "s" : "", lo > 1 ? "s" : "", after, got);
		else
			msg = xasprintf("de %zu à %zu arguments attendus%s, %s",
			    lo, hi, after, got);
		free(got);
		diag(ck->ds, E_FUNCTION_ARGS, &e->u.call.name_loc, fn->name, msg);
		free(msg);
		free(types);
		return e->type = error_type();
	}
	buf_init(&why);
	result = fn->check(types, e->u.call.nargs, &why, &arg);
	if (result == NULL) {
		const struct loc *at = arg >= 0 ?
		    &e->u.call.args[arg]->loc : &e->u.call.name_loc;

		diag(ck->ds, E_FUNCTION_TYPE, at, fn->name, buf_cstr(&why));
		result = error_type();
	}
	buf_free(&why);
	free(types);
	return e->type = result;
}

static const struct type *
check_record(struct checker *ck, struct expr *e, struct facts *k)
{
	const struct type *rt = lookup_type(ck, ck->scope,
	    e->u.record.type_name, &e->loc);
	size_t i, j;

	if (!is_error(rt) && rt->kind != T_RECORD) {
		diag(ck->ds, E_NOT_RECORD_TYPE, &e->loc, e->u.record.type_name);
		rt = error_type();
	}
	for (i = 0; i < e->u.record.nfields; i++) {
		struct field_init *fi = &e->u.record.fields[i];
		int index = is_error(rt) ? -1 : type_field_index(rt, fi->name);
		const struct type *want = index >= 0 ?
		    rt->fields[index].type : NULL;
		const struct type *got = check_expr(ck, fi->value, k, want);

		for (j = 0; j < i; j++)
			if (strcmp(e->u.record.fields[j].name, fi->name) == 0)
				diag(ck->ds, E_FIELD_DUP, &fi->loc, fi->name);
		if (is_error(rt))
			continue;
		if (index < 0) {
			report_unknown_field(ck, rt, fi->name, &fi->loc);
			continue;
		}
		if (!type_accepts(want, got)) {
			struct buf a, b;
			char *msg;

			buf_init(&a);
			buf_init(&b);
			msg = xasprintf("le champ « %s » attend %s, pas %s",
			    fi->name, describe(&a, want), describe(&b, got));
			diag(ck->ds, E_TYPE, &fi->value->loc, msg);
			free(msg);
			buf_free(&a);
			buf_free(&b);
		} else if (fi->value->kind == EX_LITERAL)
			check_declared(ck, &rt->fields[index].cstr, "champ",
			    fi->name, &rt->fields[index].loc,
			    &fi->value->u.literal, &fi->value->loc);
	}
	if (is_error(rt))
		return e->type = error_type();
	for (i = 0; i < rt->nfields; i++) {
		for (j = 0; j < e->u.record.nfields; j++)
			if (strcmp(e->u.record.fields[j].name,
			    rt->fields[i].name) == 0)
				break;
		if (j == e->u.record.nfields && rt->fields[i].def == NULL)
			diag(ck->ds, E_FIELD_MISSING, &e->loc, rt->fields[i].name,
			    rt->name);
	}
	e->record_type = rt;
	return e->type = rt;
}

static const struct type *
check_exists(struct checker *ck, struct expr *e, struct facts *k)
{
	struct expr *x = e->u.operand;
	const struct type *t;

	e->type = type_builtin(T_BOOLEEN);
	if (x->kind != EX_NAME) {
		diag(ck->ds, E_EXISTS_NOT_NAME, &x->loc);
		check_expr(ck, x, k, NULL);
		return e->type;
	}
	t = check_name(ck, x, k, NULL, false);
	if (is_error(t) || x->sym == NULL)
		return e->type;
	if (x->sym->kind != SYM_INPUT && x->sym->kind != SYM_SOIT) {
		diag(ck->ds, E_EXISTS_NOT_NAME, &x->loc);
		return e->type;
	}
	if (requirement_of(ck, x->sym) == NULL &&
	    !(x->sym->kind == SYM_INPUT && x->sym->input->optional))
		diag(ck->ds, W_ALWAYS_TRUE, &e->loc, x->u.name, x->u.name);
	return e->type;
}

static const struct type *
check_expr(struct checker *ck, struct expr *e, struct facts *k,
    const struct type *expect)
{
	const struct type *t;
	struct buf b;

	switch (e->kind) {
	case EX_LITERAL:
		return e->type = type_builtin(e->u.literal.kind);
	case EX_NAME:
		return check_name(ck, e, k, expect, true);
	case EX_FIELD:
		t = check_expr(ck, e->u.field.obj, k, NULL);
		if (is_error(t))
			return e->type = error_type();
		e->field_index = type_field_index(t, e->u.field.name);
		if (e->field_index < 0) {
			report_unknown_field(ck, t, e->u.field.name,
			    &e->u.field.name_loc);
			return e->type = error_type();
		}
		return e->type = t->fields[e->field_index].type;
	case EX_CALL:
		return check_call(ck, e, k);
	case EX_RECORD:
		return check_record(ck, e, k);
	case EX_NEG:
		t = check_expr(ck, e->u.operand, k, NULL);
		if (!is_error(t) && !type_is_numeric(t) && t->kind != T_DUREE) {
			char *msg;

			buf_init(&b);
			msg = xasprintf("« - » s'applique à un nombre, pas à %s",
			    describe(&b, t));
			diag(ck->ds, E_TYPE, &e->loc, msg);
			free(msg);
			buf_free(&b);
			return e->type = error_type();
		}
		return e->type = t;
	case EX_NOT:
		check_expr(ck, e->u.operand, k, NULL);
		check_boolean_operand(ck, e->u.operand, "non");
		return e->type = type_builtin(T_BOOLEEN);
	case EX_EXISTS:
		return check_exists(ck, e, k);
	case EX_BINARY:
		return check_binary(ck, e, k);
	}
	return e->type = error_type();
}

/* A condition: a booléen (rule: "a condition is a booléen"). */
static void
check_condition(struct checker *ck, struct expr *e, struct facts *k)
{
	const struct type *t = check_expr(ck, e, k, NULL);
	struct buf b;

	if (is_error(t) || t->kind == T_BOOLEEN)
		return;
	buf_init(&b);
	diag(ck->ds, E_COND_NOT_BOOL, &e->loc, describe(&b, t));
	buf_free(&b);
}

/* Checks E in collect mode and returns the conjunction of the unmet
 * requirements of its names: where E can be evaluated. */
static struct expr *
collect_requirements(struct checker *ck, struct expr *e, bool condition)
{
	struct ptrvec *saved = ck->collect, collected = { NULL, 0, 0 };
	struct facts *k = facts_new();
	struct expr *req = NULL;
	size_t i;

	ck->collect = &collected;
	if (condition)
		check_condition(ck, e, k);
	else
		check_expr(ck, e, k, NULL);
	ck->collect = saved;
	facts_free(k);
	for (i = 0; i < collected.len; i++) {
		struct expr *r = collected.items[i];
		bool seen = false;
		size_t j;

		for (j = 0; j < i && !seen; j++)
			seen = expr_equal(collected.items[j], r);
		if (seen || (req != NULL && expr_equal(req, r)))
			expr_free(r);
		else
			req = expr_conjunction(req, r);
	}
	ptrvec_free(&collected);
	return req;
}

static void
soit_requirement(struct checker *ck, struct decl *d)
{
	struct scope *saved_scope = ck->scope;
	struct ptrvec saved_loops = ck->loops;
	bool saved_title = ck->title, saved_inputs = ck->inputs_only;
	int saved_depth;

	if (d->visiting == 2)
		return;
	if (d->visiting == 1) {
		char *msg = xasprintf("la valeur « %s » dépend d'elle-même",
		    d->name);

		diag(ck->ds, E_CYCLE, &d->loc, msg);
		free(msg);
		d->ty = error_type();
		return;
	}
	if (ck->chain >= MAX_CHAIN) {
		if (!ck->chain_reported)
			diag(ck->ds, E_NESTING, &d->loc, MAX_CHAIN,
			    "valeurs calculées ou d'entrées conditionnelles "
			    "qui dépendent les unes des autres");
		ck->chain_reported = true;
		d->ty = error_type();
		return;
	}
	ck->chain++;
	d->visiting = 1;
	/* A soit is checked in its own file, outside any loop. */
	memset(&ck->loops, 0, sizeof(ck->loops));
	ck->title = false;
	ck->inputs_only = false;
	saved_depth = ck->cond_depth;
	ck->cond_depth = 0;
	d->requirement = collect_requirements(ck, d->value, false);
	d->ty = d->value->type != NULL ? d->value->type : error_type();
	/* Evaluating a soit evaluates the soits it reads, recursively. */
	d->depth = ck->cond_depth + 1;
	ck->cond_depth = saved_depth;
	if (d->depth > MAX_CHAIN) {
		if (!ck->chain_reported)
			diag(ck->ds, E_NESTING, &d->loc, MAX_CHAIN,
			    "valeurs calculées ou d'entrées conditionnelles "
			    "qui dépendent les unes des autres");
		ck->chain_reported = true;
		d->ty = error_type();
	}
	ptrvec_free(&ck->loops);
	ck->loops = saved_loops;
	ck->scope = saved_scope;
	ck->title = saved_title;
	ck->inputs_only = saved_inputs;
	d->visiting = 2;
	ck->chain--;
}

static void
input_requirement(struct checker *ck, struct input *in)
{
	struct decl *d = (struct decl *)in->decl;
	struct scope *saved_scope = ck->scope, *sc;
	struct ptrvec saved_loops = ck->loops;
	bool saved_inputs = ck->inputs_only, saved_title = ck->title;
	struct expr *collected;
	int errors;

	if (in->visiting == 2 || d->cond == NULL) {
		in->visiting = 2;
		return;
	}
	if (in->visiting == 1) {
		char *msg = xasprintf("la condition de l'entrée « %s » dépend "
		    "d'elle-même", in->name);

		diag(ck->ds, E_CYCLE, &d->loc, msg);
		free(msg);
		return;
	}
	if (ck->chain >= MAX_CHAIN) {
		if (!ck->chain_reported)
			diag(ck->ds, E_NESTING, &d->loc, MAX_CHAIN,
			    "valeurs calculées ou d'entrées conditionnelles "
			    "qui dépendent les unes des autres");
		ck->chain_reported = true;
		return;
	}
	ck->chain++;
	in->visiting = 1;
	sc = scope_of(ck, in->file);
	if (sc != NULL)
		ck->scope = sc;
	memset(&ck->loops, 0, sizeof(ck->loops));
	ck->inputs_only = true;
	ck->title = false;
	ck->cond_depth = 0;
	errors = diags_count(ck->ds, SEV_ERROR);
	collected = collect_requirements(ck, d->cond, true);
	in->depth = ck->cond_depth + 1;
	if (in->depth > MAX_CHAIN) {
		/* A chain this long would make every requirement huge. */
		if (!ck->chain_reported)
			diag(ck->ds, E_NESTING, &d->loc, MAX_CHAIN,
			    "valeurs calculées ou d'entrées conditionnelles "
			    "qui dépendent les unes des autres");
		ck->chain_reported = true;
		expr_free(collected);
		ck->scope = saved_scope;
		ptrvec_free(&ck->loops);
		ck->loops = saved_loops;
		ck->inputs_only = saved_inputs;
		ck->title = saved_title;
		in->visiting = 2;
		ck->chain--;
		return;
	}
	/* The names the condition reads are checked first at run time.  A
	 * condition in error would only cause more errors at each use. */
	if (diags_count(ck->ds, SEV_ERROR) > errors)
		expr_free(collected);
	else
		in->requirement = expr_conjunction(collected,
		    expr_clone(d->cond));
	ck->scope = saved_scope;
	ptrvec_free(&ck->loops);
	ck->loops = saved_loops;
	ck->inputs_only = saved_inputs;
	ck->title = saved_title;
	in->visiting = 2;
	ck->chain--;
}

/* Header */

static const char *
input_difference(const struct input *in, const struct decl *d)
{
	bool same_cstr;
	size_t i;

	if (!type_equal(in->type, d->ty) && !is_error(in->type) &&
	    !is_error(d->ty))
		return "un autre type";
	same_cstr = in->cstr->kind == d->cstr_value.kind;
	if (same_cstr && in->cstr->kind == CSTR_ENTRE)
		same_cstr = in->cstr->lo && d->cstr_value.lo &&
		    value_equal(in->cstr->lo, d->cstr_value.lo) &&
		    value_equal(in->cstr->hi, d->cstr_value.hi);
	if (same_cstr && in->cstr->kind == CSTR_PARMI) {
		same_cstr = in->cstr->nset == d->cstr_value.nset;
		for (i = 0; same_cstr && i < in->cstr->nset; i++)
			same_cstr = value_equal(&in->cstr->set[i],
			    &d->cstr_value.set[i]);
	}
	if (!same_cstr)
		return "une autre contrainte";
	if ((in->def == NULL) != (d->def_value == NULL) ||
	    (in->def != NULL && !value_equal(in->def, d->def_value)))
		return "une autre valeur par défaut";
	if (in->optional != d->optional ||
	    !expr_equal(in->decl->cond, d->cond))
		return "une autre condition";
	return NULL;
}

static void
merge_input(struct checker *ck, struct scope *sc, struct decl *d,
    struct symbol *s)
{
	struct input *in = program_input(ck->prog, d->name);
	const char *difference;

	if (in == NULL) {
		in = xcalloc(1, sizeof(*in));
		in->name = xstrdup(d->name);
		in->decl = d;
		in->file = sc->file;
		in->label = d->label;
		in->type = d->ty;
		in->cstr = &d->cstr_value;
		in->def = d->def_value;
		in->optional = d->optional;
		in->index = ck->prog->inputs.len;
		ptrvec_push(&ck->prog->inputs, in);
	} else if ((difference = input_difference(in, d)) != NULL) {
		struct diagnostic *diagnostic = diag(ck->ds, E_INPUT_CONFLICT,
		    &d->loc, d->name, difference);

		diag_note(diagnostic, &in->decl->loc, "autre déclaration");
	} else if (in->label == NULL)
		in->label = d->label;
	d->input = in;
	s->input = in;
	s->type = in->type;
}

static void check_printable(struct checker *ck, struct expr *e);

static void
check_header(struct checker *ck, struct scope *sc)
{
	struct file_ast *f = sc->file;
	struct scope *saved = ck->scope;
	size_t i, j;

	if (sc->header_done)
		return;
	sc->header_done = true;
	ck->scope = sc;
	check_types(ck, sc);
	for (i = 0; i < f->ndecls; i++) {
		struct decl *d = f->decls[i];
		struct symbol *s, *first;
		enum symbol_kind kind;

		if ((first = scope_symbol(sc, d->name)) != NULL) {
			struct diagnostic *dd = diag(ck->ds, E_DUP_NAME, &d->loc,
			    d->name);

			diag_note(dd, &first->decl->loc, "première déclaration");
			continue;
		}
		kind = d->kind == DECL_ENTREE ? SYM_INPUT :
		    d->kind == DECL_PARAMETRE ? SYM_PARAM : SYM_SOIT;
		s = new_symbol(ck, kind, d->name);
		s->decl = d;
		ptrvec_push(&sc->symbols, s);
		strmap_put(&sc->by_name, s->name, s);
		if (d->kind == DECL_SOIT) {
			d->index = f->nsoits++;
			continue;
		}
		if (d->kind == DECL_PARAMETRE)
			d->index = f->nparams++;
		d->ty = resolve_type(ck, sc, d->type);
		s->type = d->ty;
		resolve_constraint(ck, sc, d->cstr, d->ty, &d->cstr_value);
		if (d->def != NULL) {
			d->def_value = xcalloc(1, sizeof(*d->def_value));
			if (const_value(ck, sc, d->def, d->ty, d->def_value)) {
				struct buf why;

				buf_init(&why);
				if (!constraint_holds(&d->cstr_value,
				    d->def_value, &why))
					diag(ck->ds, E_DEFAULT_CONSTRAINT,
					    &d->def->loc, buf_cstr(&why));
				buf_free(&why);
			} else {
				free(d->def_value);
				d->def_value = NULL;
			}
		}
		if (d->kind == DECL_ENTREE)
			merge_input(ck, sc, d, s);
	}
	for (i = 0; i < f->ndecls; i++) {
		struct decl *d = f->decls[i];

		if (d->kind == DECL_ENTREE && d->input != NULL &&
		    d->input->decl == d)
			input_requirement(ck, d->input);
		else if (d->kind == DECL_ENTREE && d->input != NULL &&
		    d->cond != NULL) {
			/* A merged declaration: its condition is checked
			 * too, so that its names are resolved. */
			struct expr *r = collect_requirements(ck, d->cond, true);

			expr_free(r);
		}
	}
	for (i = 0; i < f->ndecls; i++)
		if (f->decls[i]->kind == DECL_SOIT && f->decls[i]->visiting == 0)
			soit_requirement(ck, f->decls[i]);
	for (i = 0; i < f->nrules; i++) {
		struct rule *r = f->rules[i];
		struct facts *k = facts_new();

		/* The rule is checked where its condition can be evaluated;
		 * its message is printed where, moreover, the condition is
		 * false: the message's values must exist there. */
		r->requirement = collect_requirements(ck, r->cond, true);
		if (r->requirement != NULL)
			facts_assume(k, r->requirement, true);
		facts_assume(k, r->cond, false);
		for (j = 0; j < r->message->len; j++)
			if (r->message->parts[j].expr != NULL) {
				check_expr(ck, r->message->parts[j].expr, k, NULL);
				check_printable(ck, r->message->parts[j].expr);
			}
		facts_free(k);
	}
	if (f->title != NULL) {
		struct facts *k = facts_new();

		ck->title = true;
		for (j = 0; j < f->title->len; j++)
			if (f->title->parts[j].expr != NULL) {
				check_expr(ck, f->title->parts[j].expr, k, NULL);
				check_printable(ck, f->title->parts[j].expr);
			}
		ck->title = false;
		facts_free(k);
	}
	ck->scope = saved;
}

/* Body */

static void
check_printable(struct checker *ck, struct expr *e)
{
	const struct type *t = e->type;
	struct buf b;

	if (is_error(t))
		return;
	if (t->kind == T_LISTE && t->elem->kind == T_RECORD)
		t = t->elem;
	if (t->kind != T_RECORD)
		return;
	buf_init(&b);
	expr_print(&b, e);
	diag(ck->ds, E_PRINT_RECORD, &e->loc, t->name, buf_cstr(&b),
	    t->nfields > 0 ? t->fields[0].name : "nom");
	buf_free(&b);
}

static enum numbered
numbered_merge(enum numbered a, enum numbered b)
{
	return a == b ? a : NUMBERED_MAYBE;
}

static struct numbering
numbering_merge(struct numbering a, struct numbering b)
{
	a.article = numbered_merge(a.article, b.article);
	a.sub = numbered_merge(a.sub, b.sub);
	return a;
}

/* Whether heading N gets a number, and the state it leaves: build.c's
 * number_headings, over what may or may not have been printed. */
static enum numbered
number_heading(struct checker *ck, const struct node *n)
{
	struct numbering *st = &ck->numbering;
	int level = n->u.heading.level < 1 ? 1 : n->u.heading.level > 3 ? 3 :
	    n->u.heading.level;
	enum numbered got;

	if (level == 1) {
		got = n->u.heading.numbered ? NUMBERED_YES : NUMBERED_NO;
		st->article = got;
		st->sub = NUMBERED_NO;
	} else if (level == 2) {
		got = n->u.heading.numbered ? st->article : NUMBERED_NO;
		st->sub = got;
	} else
		got = n->u.heading.numbered ? st->sub : NUMBERED_NO;
	return got;
}

/* Folds together the contexts where a label is set while their union
 * is exact, until none folds: the branches of {si a}{sinon si b}{sinon}
 * end as one context, a label that exists whatever the data. */
static void
merge_label_contexts(struct label *l)
{
	bool merged = true;
	size_t i, j;

	while (merged) {
		struct facts *u;

		merged = false;
		for (i = 0; i < l->alternatives.len && !merged; i++) {
			u = facts_union(l->facts, l->alternatives.items[i]);
			if (u != NULL) {
				facts_free(l->facts);
				l->facts = u;
				facts_free(l->alternatives.items[i]);
				l->alternatives.items[i] = l->alternatives.items[
				    --l->alternatives.len];
				merged = true;
			}
			for (j = i + 1; j < l->alternatives.len && !merged; j++) {
				u = facts_union(l->alternatives.items[i],
				    l->alternatives.items[j]);
				if (u != NULL) {
					facts_free(l->alternatives.items[i]);
					l->alternatives.items[i] = u;
					facts_free(l->alternatives.items[j]);
					l->alternatives.items[j] =
					    l->alternatives.items[
					    --l->alternatives.len];
					merged = true;
				}
			}
		}
	}
}

static void
register_label(struct checker *ck, struct node *n, struct facts *k,
    enum numbered number)
{
	struct label *l;
	size_t i;

	/* Refused, but still known: its references get no second error. */
	if (ck->in_loop > 0)
		diag(ck->ds, E_LABEL_IN_LOOP, &n->u.heading.label_loc);
	for (i = 0; i < ck->prog->labels.len; i++) {
		size_t j;
		bool exclusive;

		l = ck->prog->labels.items[i];
		if (strcmp(l->name, n->u.heading.label) != 0)
			continue;
		exclusive = facts_exclusive(l->facts, k);
		for (j = 0; j < l->alternatives.len && exclusive; j++)
			exclusive = facts_exclusive(l->alternatives.items[j], k);
		if (!exclusive || l->numbered != n->u.heading.numbered) {
			struct diagnostic *d = diag(ck->ds, E_DUP_LABEL,
			    &n->u.heading.label_loc, n->u.heading.label);

			diag_note(d, &l->loc, "déjà posée ici");
			return;
		}
		ptrvec_push(&l->alternatives, facts_copy(k));
		merge_label_contexts(l);
		l->number = numbered_merge(l->number, number);
		return;
	}
	l = xcalloc(1, sizeof(*l));
	l->name = n->u.heading.label;
	l->loc = n->u.heading.label_loc;
	l->numbered = n->u.heading.numbered;
	l->number = number;
	l->level = n->u.heading.level;
	l->facts = facts_copy(k);
	ptrvec_push(&ck->prog->labels, l);
}

static void
check_if(struct checker *ck, struct node *n, struct facts *k)
{
	struct facts *rest = facts_copy(k);
	struct numbering entry = ck->numbering, after = entry;
	size_t i;

	for (i = 0; i < n->u.cond.len; i++) {
		struct branch *b = &n->u.cond.branches[i];
		struct facts *kb = facts_copy(rest);

		if (b->cond != NULL) {
			check_condition(ck, b->cond, rest);
			facts_assume(kb, b->cond, true);
			facts_assume(rest, b->cond, false);
		}
		if (facts_contradiction(kb) && !facts_contradiction(k)) {
			struct buf text;

			buf_init(&text);
			if (b->cond != NULL) {
				buf_puts(&text, "« ");
				expr_print(&text, b->cond);
				buf_puts(&text, " » ne peut pas être vrai ici");
			} else
				buf_puts(&text, "les conditions précédentes "
				    "couvrent tous les cas, « {sinon} » n'est "
				    "jamais pris");
			diag(ck->ds, W_UNREACHABLE, b->cond ? &b->cond->loc :
			    &b->loc, buf_cstr(&text));
			buf_free(&text);
		}
		ck->numbering = entry;
		check_nodes(ck, &b->body, kb);
		after = i == 0 ? ck->numbering :
		    numbering_merge(after, ck->numbering);
		facts_free(kb);
	}
	/* Without {sinon}, nothing of it may be printed. */
	if (n->u.cond.len == 0 ||
	    n->u.cond.branches[n->u.cond.len - 1].cond != NULL)
		after = numbering_merge(after, entry);
	ck->numbering = after;
	facts_free(rest);
}

/* Whether every value of case C is one "parmi" leaves out. */
static bool
case_excluded(const struct selon_case *c, const bool *excluded)
{
	size_t j;
	bool any = false;

	for (j = 0; j < c->nvalues; j++) {
		if (c->indexes[j] < 0)
			return false;
		if (!excluded[c->indexes[j]])
			return false;
		any = true;
	}
	return any;
}

static void
check_selon(struct checker *ck, struct node *n, struct facts *k)
{
	struct expr *subject = n->u.selon.subject;
	const struct type *t = check_expr(ck, subject, k, NULL);
	bool enumerable = !is_error(t) && (t->kind == T_CHOIX ||
	    t->kind == T_BOOLEEN);
	size_t nvalues = t->kind == T_CHOIX ? t->nvalues :
	    t->kind == T_BOOLEEN ? 2 : 0;
	bool *covered = xcalloc(nvalues + 1, sizeof(bool));
	bool *excluded = xcalloc(nvalues + 1, sizeof(bool));
	struct numbering entry = ck->numbering, after = entry;
	int *all = NULL;
	size_t nall = 0, i, j;
	struct buf b;

	struct ptrvec seen = { NULL, 0, 0 };	/* struct value *, non-choice */

	buf_init(&b);
	/* An input restricted by "parmi" can only take those values. */
	if (t->kind == T_CHOIX && subject->kind == EX_NAME &&
	    subject->sym != NULL && subject->sym->kind == SYM_INPUT &&
	    subject->sym->input->cstr->kind == CSTR_PARMI) {
		const struct constraint *c = subject->sym->input->cstr;

		for (i = 0; i < t->nvalues; i++) {
			bool allowed = false;

			for (j = 0; j < c->nset; j++)
				allowed = allowed || (c->set[j].kind == T_CHOIX &&
				    c->set[j].u.choice == i);
			excluded[i] = !allowed;
		}
	}
	if (!is_error(t) && (t->kind == T_RECORD || t->kind == T_LISTE))
		diag(ck->ds, E_TYPE, &subject->loc, "« {selon} » porte sur une "
		    "valeur simple (choix, booléen, nombre, texte…), pas sur un "
		    "enregistrement ou une liste");
	for (i = 0; i < n->u.selon.ncases; i++) {
		struct selon_case *c = &n->u.selon.cases[i];
		struct facts *kc;

		free(c->indexes);
		c->indexes = xcalloc(c->nvalues + 1, sizeof(int));
		for (j = 0; j < c->nvalues; j++) {
			struct value v;
			int index = -1;

			c->indexes[j] = -1;
			if (is_error(t))
				continue;
			ck->nonconst = E_CASE_CONST;
			if (!const_value(ck, ck->scope, c->values[j], t, &v)) {
				ck->nonconst = E_DEFAULT_NOT_CONST;
				continue;
			}
			ck->nonconst = E_DEFAULT_NOT_CONST;
			if (t->kind == T_CHOIX)
				index = (int)v.u.choice;
			else if (t->kind == T_BOOLEEN)
				index = v.u.boolean ? 1 : 0;
			if (index < 0) {
				struct value *keep;
				size_t k;
				bool dup = false;

				for (k = 0; k < seen.len && !dup; k++)
					dup = value_equal(seen.items[k], &v);
				if (dup) {
					buf_reset(&b);
					expr_print(&b, c->values[j]);
					diag(ck->ds, E_CASE_DUP, &c->values[j]->loc,
					    buf_cstr(&b));
					value_free(&v);
				} else {
					keep = xmalloc(sizeof(*keep));
					*keep = v;
					ptrvec_push(&seen, keep);
				}
				continue;
			}
			value_free(&v);
			c->indexes[j] = index;
			if (covered[index]) {
				buf_reset(&b);
				expr_print(&b, c->values[j]);
				diag(ck->ds, E_CASE_DUP, &c->values[j]->loc,
				    buf_cstr(&b));
				continue;
			}
			covered[index] = true;
			all = xgrow(all, nall, sizeof(int));
			all[nall++] = index;
		}
		kc = facts_copy(k);
		if (enumerable)
			facts_assume_values(kc, subject, c->indexes, c->nvalues,
			    true);
		if (facts_contradiction(kc) && !facts_contradiction(k))
			diag(ck->ds, W_UNREACHABLE, &c->loc,
			    "ce « {cas} » ne peut pas se présenter ici");
		else if (case_excluded(c, excluded))
			diag(ck->ds, W_UNREACHABLE, &c->loc, "« parmi » exclut "
			    "les valeurs de ce « {cas} », qui n'est jamais pris");
		ck->numbering = entry;
		check_nodes(ck, &c->body, kc);
		after = i == 0 ? ck->numbering :
		    numbering_merge(after, ck->numbering);
		facts_free(kc);
	}
	ck->numbering = entry;
	if (n->u.selon.other != NULL) {
		struct facts *ko = facts_copy(k);

		if (enumerable)
			facts_assume_values(ko, subject, all, nall, false);
		/* Over a booléen, {autre} is required (rule 28), never idle. */
		if (t->kind != T_BOOLEEN && facts_contradiction(ko) &&
		    !facts_contradiction(k))
			diag(ck->ds, W_UNREACHABLE, &n->u.selon.other_loc,
			    "tous les cas possibles sont traités, « {autre} » "
			    "n'est jamais pris");
		check_nodes(ck, n->u.selon.other, ko);
		facts_free(ko);
		after = n->u.selon.ncases == 0 ? ck->numbering :
		    numbering_merge(after, ck->numbering);
	} else if (enumerable && t->kind == T_CHOIX) {
		struct buf missing;
		size_t count = 0;

		buf_init(&missing);
		for (i = 0; i < nvalues; i++) {
			if (covered[i] || excluded[i])
				continue;
			if (count++ > 0)
				buf_puts(&missing, ", ");
			buf_printf(&missing, "« %s »", t->kind == T_CHOIX ?
			    t->values[i].name : i == 1 ? "vrai" : "faux");
		}
		if (count > 0)
			diag(ck->ds, E_SELON_INCOMPLETE, &n->loc,
			    buf_cstr(&missing));
		buf_free(&missing);
	} else if (!is_error(t)) {
		diag(ck->ds, E_SELON_AUTRE, &n->loc, describe(&b, t));
	}
	for (i = 0; i < seen.len; i++) {
		value_free(seen.items[i]);
		free(seen.items[i]);
	}
	ptrvec_free(&seen);
	free(all);
	free(covered);
	free(excluded);
	/* Without {autre}, no case may be printed (or none covers the
	 * value): the state before stays possible. */
	ck->numbering = n->u.selon.other == NULL ?
	    numbering_merge(after, entry) : after;
	buf_free(&b);
}

static void
check_loop(struct checker *ck, struct node *n, struct facts *k)
{
	const struct type *t = check_expr(ck, n->u.loop.list, k, NULL);
	struct numbering entry = ck->numbering, after;
	struct symbol *s;
	struct buf b;

	if (lookup_symbol(ck, n->u.loop.var) != NULL)
		diag(ck->ds, E_SHADOW, &n->u.loop.var_loc, n->u.loop.var);
	if (!is_error(t) && t->kind != T_LISTE) {
		buf_init(&b);
		diag(ck->ds, E_NOT_LIST, &n->u.loop.list->loc, describe(&b, t));
		buf_free(&b);
		t = error_type();
	}
	s = xcalloc(1, sizeof(*s));
	s->kind = SYM_LOOP;
	s->name = n->u.loop.var;
	s->loop = n;
	s->type = is_error(t) ? error_type() : t->elem;
	free(n->u.loop.sym);
	n->u.loop.sym = s;
	ptrvec_push(&ck->loops, s);
	ck->in_loop++;
	check_nodes(ck, &n->u.loop.body, k);
	ck->in_loop--;
	ck->loops.len--;
	/* The body prints once or more, or {sinon} for an empty list. */
	after = ck->numbering;
	ck->numbering = entry;
	if (n->u.loop.empty != NULL)
		check_nodes(ck, n->u.loop.empty, k);
	ck->numbering = numbering_merge(after, ck->numbering);
}

static bool
file_in_stack(struct checker *ck, const struct file_ast *f)
{
	size_t i;

	for (i = 0; i < ck->include_stack.len; i++)
		if (ck->include_stack.items[i] == f)
			return true;
	return false;
}

static void
report_cycle(struct checker *ck, struct node *n, const struct file_ast *f)
{
	struct buf chain;
	size_t i;
	bool on = false;

	buf_init(&chain);
	for (i = 0; i < ck->include_stack.len; i++) {
		const struct file_ast *g = ck->include_stack.items[i];

		if (g == f)
			on = true;
		if (on)
			buf_printf(&chain, "%s → ", g->src->path);
	}
	buf_puts(&chain, f->src->path);
	diag(ck->ds, E_INCLUDE_CYCLE, &n->u.include.path_loc, buf_cstr(&chain));
	buf_free(&chain);
}

static void
check_include_args(struct checker *ck, struct node *n, struct scope *sc,
    struct facts *k)
{
	struct file_ast *f = sc->file;
	size_t i, j;
	struct buf a, b;

	buf_init(&a);
	buf_init(&b);
	for (i = 0; i < n->u.include.nargs; i++) {
		struct include_arg *arg = &n->u.include.args[i];
		struct symbol *s = scope_symbol(sc, arg->name);
		const struct type *t;

		for (j = 0; j < i; j++)
			if (strcmp(n->u.include.args[j].name, arg->name) == 0)
				diag(ck->ds, E_PARAM_DUP, &arg->loc, arg->name);
		if (s == NULL || s->kind != SYM_PARAM) {
			struct suggester sg;
			struct diagnostic *d = diag(ck->ds, E_PARAM_UNKNOWN,
			    &arg->loc, arg->name, n->u.include.path);

			suggest_begin(&sg, arg->name);
			for (j = 0; j < f->ndecls; j++)
				if (f->decls[j]->kind == DECL_PARAMETRE)
					suggest_consider(&sg, f->decls[j]->name);
			diag_suggest(d, suggest_end(&sg));
			check_expr(ck, arg->value, k, NULL);
			continue;
		}
		arg->param = s->decl;
		t = check_expr(ck, arg->value, k, s->type);
		if (!type_accepts(s->type, t)) {
			bool alike = describe_apart(&a, s->type, &b, t);
			char *msg = xasprintf("le paramètre « %s » attend %s, "
			    "pas %s", arg->name, buf_cstr(&a), buf_cstr(&b));
			struct diagnostic *dg = diag(ck->ds, E_TYPE,
			    &arg->value->loc, msg);

			if (alike)
				diag_hint(dg, "deux types du même nom restent "
				    "distincts : importez celui de la clause "
				    "(« importer »), ne le déclarez pas à nouveau");
			diag_note(dg, &s->decl->loc, "paramètre déclaré ici");
			free(msg);
		} else if (arg->value->kind == EX_LITERAL)
			check_declared(ck, &s->decl->cstr_value, "paramètre",
			    arg->name, &s->decl->loc, &arg->value->u.literal,
			    &arg->value->loc);

	}
	for (j = 0; j < f->ndecls; j++) {
		struct decl *d = f->decls[j];

		if (d->kind != DECL_PARAMETRE || d->def != NULL)
			continue;
		for (i = 0; i < n->u.include.nargs; i++)
			if (strcmp(n->u.include.args[i].name, d->name) == 0)
				break;
		if (i == n->u.include.nargs) {
			char *hint = xasprintf("ajoutez « avec %s = … » à "
			    "l'inclusion", d->name);

			diag_note(diag(ck->ds, E_PARAM_MISSING, &n->loc, d->name,
			    hint), &d->loc, "paramètre déclaré ici");
			free(hint);
		}
	}
	buf_free(&a);
	buf_free(&b);
}

static void
check_include(struct checker *ck, struct node *n, struct facts *k)
{
	char *path;
	struct file_ast *f;
	struct scope *sc, *saved = ck->scope;
	struct ptrvec saved_loops = ck->loops;
	struct facts *kc;

	if (ck->include_stack.len > MAX_INCLUDE_DEPTH) {
		diag(ck->ds, E_INCLUDE_DEPTH, &n->u.include.path_loc,
		    MAX_INCLUDE_DEPTH);
		return;
	}
	path = find_file(ck, ck->scope->dir, n->u.include.path);
	if (path == NULL) {
		struct diagnostic *d = diag(ck->ds, E_INCLUDE_NOT_FOUND,
		    &n->u.include.path_loc, n->u.include.path);
		struct buf where;
		size_t i;

		buf_init(&where);
		if (n->u.include.path[0] == '/')
			buf_printf(&where, "un chemin absolu désigne un fichier "
			    ".lgc : %s%s", n->u.include.path,
			    ends_with(n->u.include.path, ".lgc") ? "" :
			    ".lgc");
		else {
			buf_printf(&where, "cherché dans %s", ck->scope->dir);
			for (i = 0; i < ck->prog->nsearch; i++)
				buf_printf(&where, ", %s", ck->prog->search[i]);
		}
		diag_note(d, NULL, "%s", buf_cstr(&where));
		buf_free(&where);
		for (i = 0; i < n->u.include.nargs; i++)
			check_expr(ck, n->u.include.args[i].value, k, NULL);
		return;
	}
	diags_push_include(ck->ds, &n->loc);
	f = load_file(ck, path, display_name(path));
	free(path);
	if (f == NULL || (sc = scope_of(ck, f)) == NULL) {
		diags_pop_include(ck->ds);
		return;
	}
	if (file_in_stack(ck, f)) {
		diags_pop_include(ck->ds);
		report_cycle(ck, n, f);
		return;
	}
	n->u.include.file = f;
	check_header(ck, sc);
	diags_pop_include(ck->ds);
	check_include_args(ck, n, sc, k);

	diags_push_include(ck->ds, &n->loc);
	ptrvec_push(&ck->include_stack, f);
	kc = facts_for_clause(k);
	ck->scope = sc;
	memset(&ck->loops, 0, sizeof(ck->loops));
	check_nodes(ck, &f->body, kc);
	ptrvec_free(&ck->loops);
	ck->loops = saved_loops;
	ck->scope = saved;
	facts_free(kc);
	ck->include_stack.len--;
	diags_pop_include(ck->ds);
}

static void
check_signatures(struct checker *ck, struct node *n, struct facts *k)
{
	size_t i;
	struct buf b;

	buf_init(&b);
	for (i = 0; i < n->u.signatures.len; i++) {
		struct expr *e = n->u.signatures.parties[i];
		const struct type *t = check_expr(ck, e, k, NULL);

		if (!type_accepts(type_partie(), t)) {
			char *msg = xasprintf("« {signatures} » attend des "
			    "parties (type partie), pas %s", describe(&b, t));

			diag(ck->ds, E_TYPE, &e->loc, msg);
			free(msg);
		}
	}
	buf_free(&b);
}

static void
check_ref(struct checker *ck, struct node *n, struct facts *k)
{
	size_t i;

	if (n->u.ref.bare && n->u.ref.len > 1)
		diag(ck->ds, E_SYNTAX, &n->loc, "« {numero} » prend une seule "
		    "étiquette ; pour plusieurs articles, écrivez « {ref a, b} »");
	for (i = 0; i < n->u.ref.len; i++) {
		struct pending_ref *r = xcalloc(1, sizeof(*r));

		r->name = n->u.ref.labels[i];
		r->loc = n->u.ref.locs[i];
		r->facts = facts_copy(k);
		ptrvec_push(&ck->refs, r);
	}
}

static void
check_node(struct checker *ck, struct node *n, struct facts *k)
{
	switch (n->kind) {
	case N_TEXT:
	case N_LINE:
	case N_SOFTBREAK:
	case N_PARBREAK:
	case N_HARDBREAK:
	case N_BULLET:
	case N_NUMBERED:
	case N_EMPH:
	case N_LABEL:
	case N_UNNUMBERED:
		break;
	case N_HEADING: {
		enum numbered number = number_heading(ck, n);

		if (n->u.heading.label != NULL)
			register_label(ck, n, k, number);
		break;
	}
	case N_INTERP:
		check_expr(ck, n->u.expr, k, NULL);
		check_printable(ck, n->u.expr);
		break;
	case N_REF:
		check_ref(ck, n, k);
		break;
	case N_IF:
		check_if(ck, n, k);
		break;
	case N_SELON:
		check_selon(ck, n, k);
		break;
	case N_LOOP:
		check_loop(ck, n, k);
		break;
	case N_INCLUDE:
		check_include(ck, n, k);
		break;
	case N_SIGNATURES:
		check_signatures(ck, n, k);
		break;
	}
}

static void
check_nodes(struct checker *ck, struct nodes *ns, struct facts *k)
{
	size_t i;

	for (i = 0; i < ns->len; i++)
		check_node(ck, ns->v[i], k);
}

static bool
label_present(const struct facts *k, const struct label *l)
{
	size_t i;

	if (facts_entail(k, l->facts))
		return true;
	for (i = 0; i < l->alternatives.len; i++)
		if (facts_entail(k, l->alternatives.items[i]))
			return true;
	return false;
}

static void
resolve_refs(struct checker *ck)
{
	size_t i, j;

	for (i = 0; i < ck->refs.len; i++) {
		struct pending_ref *r = ck->refs.items[i];
		struct label *l = NULL;

		for (j = 0; j < ck->prog->labels.len && l == NULL; j++)
			if (strcmp(((struct label *)ck->prog->labels.items[j])->name,
			    r->name) == 0)
				l = ck->prog->labels.items[j];
		if (l == NULL) {
			struct suggester sg;
			struct diagnostic *d = diag(ck->ds, E_UNKNOWN_LABEL,
			    &r->loc, r->name);

			suggest_begin(&sg, r->name);
			for (j = 0; j < ck->prog->labels.len; j++)
				suggest_consider(&sg, ((struct label *)
				    ck->prog->labels.items[j])->name);
			diag_suggest(d, suggest_end(&sg));
		} else if (!l->numbered) {
			diag_note(diag(ck->ds, E_REF_UNNUMBERED, &r->loc,
			    r->name), &l->loc, "titre non numéroté ici");
		} else if (l->number != NUMBERED_YES) {
			const char *why = l->level >= 3 ?
			    "un « ### » ne l'est que sous un « ## » numéroté" :
			    "un « ## » ne l'est que sous un « # » numéroté";

			diag_note(diag(ck->ds, E_REF_UNNUMBERED, &r->loc,
			    r->name), &l->loc, "titre posé ici ; à cette place "
			    "du document, il %s : %s", l->number == NUMBERED_NO ?
			    "n'est pas numéroté" : "n'est numéroté que selon les "
			    "données", why);
		} else if (!label_present(r->facts, l)) {
			diag_note(diag(ck->ds, E_LABEL_PRESENCE, &r->loc,
			    r->name), &l->loc, "article posé ici");
		}
		facts_free(r->facts);
		free(r);
	}
	ptrvec_free(&ck->refs);
}

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

struct program *
check_program(const char *path, const char *const *search, size_t nsearch,
    struct diags *ds)
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
	prog->main = load_file(&ck, path, path);
	if (prog->main == NULL) {
		prog->failed = true;
		return prog;
	}
	sc = scope_of(&ck, prog->main);
	check_header(&ck, sc);
	ck.scope = sc;
	ptrvec_push(&ck.include_stack, prog->main);
	k = facts_new();
	check_nodes(&ck, &prog->main->body, k);
	facts_free(k);
	ptrvec_free(&ck.include_stack);
	ptrvec_free(&ck.loops);
	resolve_refs(&ck);
	warn_unused(&ck);
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
