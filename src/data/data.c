/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The client's data (data.h): JSON files and strings merged into one
 * object, -D definitions on top, each top-level key remembering the
 * file (or command line) that gave it; one input's value converted on
 * demand (convert.c). */
#include "data/data.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "data/convert.h"
#include "data/json.h"
#include "base/source.h"
#include "base/suggest.h"
#include "base/util.h"

#define DATA_MAX_BYTES	(16u * 1024 * 1024)
#define DATA_MAX_DEPTH	32
#define CMDLINE_NAME	"<ligne de commande>"

struct data {
	const struct program *prog;
	struct diags	*ds;
	json_t		*root;		/* the merged object, or NULL */
	/* Where each top-level key came from: key → index in sources. */
	json_t		*origins;
	struct ptrvec	 sources;	/* const struct source *, owned by ds */
	struct ptrvec	 places;	/* struct json_places * (or NULL) of
					 * each source */
	long		 last_file;	/* index in sources, or -1 */
	long		 cmdline;	/* index in sources, or -1 */
	struct ptrvec	 defines;	/* char *: JSON paths set by -D */
	bool		 broken;	/* a load failed: the data is unknown */
	struct converted *converted;	/* parallel to prog->inputs */
};

/* An input's value as data_value converted it. */
struct converted {
	struct value	 value;
	bool		 held;		/* VALUE holds a conversion */
	bool		 final;		/* VALUE stands until the data changes */
	bool		 dropped;	/* the root's JSON for the input is a
					 * placeholder: VALUE is all there is,
					 * and the file's text */
	/* data_input_loc, found once: every value the contract prints
	 * asks for it, and finding it walks the file's keys. */
	bool		 loc_known;
	struct loc	 loc;
};

/* Any load or -D may move where an input comes from. */
static void
forget_locs(struct data *d)
{
	size_t i;

	for (i = 0; i < d->prog->inputs.len; i++)
		d->converted[i].loc_known = false;
}

/* ---------------------------------------------------------------- */
/* Small helpers                                                     */

static const struct input *
find_input(const struct program *prog, const char *name)
{
	size_t i;

	for (i = 0; i < prog->inputs.len; i++) {
		const struct input *in = prog->inputs.items[i];

		/* The first byte first: each root key of every record of
		 * a batch is looked up here. */
		if (in->name[0] == name[0] && strcmp(in->name, name) == 0)
			return in;
	}
	return NULL;
}

static const char *
suggest_input(const struct program *prog, const char *word)
{
	struct suggester s;
	size_t i;

	suggest_begin(&s, word);
	for (i = 0; i < prog->inputs.len; i++)
		suggest_consider(&s, ((const struct input *)
		    prog->inputs.items[i])->name);
	return suggest_end(&s);
}

/* Root keys that are not inputs, closest to NAME (a likely typo). */
static const char *
suggest_stray_root_key(const struct data *d, const char *name)
{
	struct suggester sg;
	const char *key;
	json_t *value;

	suggest_begin(&sg, name);
	json_object_foreach(d->root, key, value) {
		if (find_input(d->prog, key) == NULL && !json_is_null(value))
			suggest_consider(&sg, key);
	}
	return suggest_end(&sg);
}

/* ---------------------------------------------------------------- */
/* Locations                                                         */

static long
add_source(struct data *d, struct source *s)
{
	diags_adopt_source(d->ds, s);
	ptrvec_push(&d->sources, s);
	ptrvec_push(&d->places, NULL);
	return (long)d->sources.len - 1;
}

static long
cmdline_source(struct data *d)
{
	if (d->cmdline < 0)
		d->cmdline = add_source(d, source_named(CMDLINE_NAME));
	return d->cmdline;
}

static struct loc
source_loc(const struct data *d, long index)
{
	struct loc l = { NULL, 0, 0, 0, 0 };

	if (index >= 0)
		l.src = d->sources.items[index];
	return l;
}

/* Where the values under KEY came from; for a missing key, the last
 * data file. */
static struct origin
key_origin(const struct data *d, const char *key)
{
	struct origin o;
	json_t *index;
	long file;

	if ((index = json_object_get(d->origins, key)) != NULL)
		file = (long)json_integer_value(index);
	else
		file = d->last_file >= 0 ? d->last_file : d->cmdline;
	o.file = file >= 0 ? d->sources.items[file] : NULL;
	o.places = file >= 0 ? d->places.items[file] : NULL;
	o.cmdline = d->cmdline >= 0 ? d->sources.items[d->cmdline] : NULL;
	o.defines = &d->defines;
	return o;
}

/* ---------------------------------------------------------------- */
/* Values converted once                                             */

static char *compose_json(json_t *j);

/* KEY's value is about to change (a file that gives it, a -D): its
 * conversion no longer stands, and when its JSON was dropped, it is
 * read again from the text of the file that gave it — a -D may change
 * one field of it. */
static void
forget_converted(struct data *d, const char *key)
{
	const struct input *in = find_input(d->prog, key);
	struct converted *cv;
	struct origin o;
	json_error_t err;
	size_t start, end;
	json_t *j = NULL;
	char *clash;

	if (in == NULL)
		return;
	cv = &d->converted[in->index];
	if (cv->held)
		value_free(&cv->value);
	cv->held = cv->final = false;
	if (!cv->dropped)
		return;
	cv->dropped = false;
	o = key_origin(d, key);
	if (json_places_member(o.places, key, &start, &end))
		j = json_loadb(o.file->text + start, end - start + 1,
		    JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
	/* The file was read as JSON already: its part reads again. */
	if (j != NULL && (clash = compose_json(j)) != NULL) {
		free(clash);
		json_decref(j);
		j = NULL;
	}
	json_object_set_new(d->root, key, j != NULL ? j : json_null());
}

/* Whether KEY's JSON, J, is worth dropping once converted, and can
 * be: a list, a record or a long text (a number or a short text saves
 * too little to pay for its replacing, which each record of a batch
 * paid for every key), read again from its file's text (FROM, where
 * KEY comes from), where -D changed nothing under it. */
#define DROP_TEXT_MIN	256

static bool
droppable(const struct data *d, const char *key, const json_t *j,
    const struct origin *from)
{
	const struct origin o = *from;
	size_t i, n = strlen(key);

	if (!json_is_array(j) && !json_is_object(j) && !(json_is_string(j) &&
	    json_string_length(j) >= DROP_TEXT_MIN))
		return false;

	if (o.places == NULL || o.file == NULL ||
	    json_object_get(d->origins, key) == NULL ||
	    (d->cmdline >= 0 && o.file == d->sources.items[d->cmdline]))
		return false;
	for (i = 0; i < d->defines.len; i++) {
		const char *def = d->defines.items[i];

		if (strncmp(def, key, n) == 0 && (def[n] == '\0' ||
		    def[n] == '.' || def[n] == '['))
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------- */
/* Loading                                                           */

static const char *
json_kind_name(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return "un objet";
	case JSON_ARRAY:
		return "un tableau";
	case JSON_STRING:
		return "un texte";
	case JSON_INTEGER:
	case JSON_REAL:
		return "un nombre";
	case JSON_TRUE:
	case JSON_FALSE:
		return "un booléen";
	case JSON_NULL:
		return "null";
	}
	return "null";
}

/* Whether no container under J (itself at DEPTH) is nested deeper than
 * DATA_MAX_DEPTH; the recursion stops there, so it is bounded. */
static bool
depth_ok(json_t *j, int depth)
{
	const char *key;
	json_t *value;
	size_t i;

	if (!json_is_object(j) && !json_is_array(j))
		return true;
	if (depth > DATA_MAX_DEPTH)
		return false;
	if (json_is_array(j)) {
		json_array_foreach(j, i, value)
			if (!depth_ok(value, depth + 1))
				return false;
		return true;
	}
	json_object_foreach(j, key, value)
		if (!depth_ok(value, depth + 1))
			return false;
	return true;
}

/*
 * Client texts and keys in NFC (see utf8_nfc): a name typed with
 * combining accents must print with its accents in every format, and a
 * key « durée_mois » match the declaration however it was typed.
 * Returns the message for the first key that two keys became (to be
 * freed), or NULL.
 */
static char *
compose_json(json_t *j)
{
	const char *key;
	json_t *value;
	struct ptrvec renamed;		/* old key, then its NFC, in pairs */
	char *nfc, *clash = NULL;
	size_t i, len;

	switch (json_typeof(j)) {
	case JSON_STRING:
		nfc = utf8_nfc(json_string_value(j), json_string_length(j),
		    &len);
		if (nfc != NULL)
			json_string_setn(j, nfc, len);
		free(nfc);
		return NULL;
	case JSON_ARRAY:
		for (i = 0; i < json_array_size(j) && clash == NULL; i++)
			clash = compose_json(json_array_get(j, i));
		return clash;
	case JSON_OBJECT:
		break;
	case JSON_INTEGER:
	case JSON_REAL:
	case JSON_TRUE:
	case JSON_FALSE:
	case JSON_NULL:
		return NULL;
	}
	memset(&renamed, 0, sizeof(renamed));
	json_object_foreach(j, key, value) {
		if (clash == NULL)
			clash = compose_json(value);
		if ((nfc = utf8_nfc(key, strlen(key), NULL)) != NULL) {
			ptrvec_push(&renamed, xstrdup(key));
			ptrvec_push(&renamed, nfc);
		}
	}
	for (i = 0; i + 1 < renamed.len; i += 2) {
		const char *old = renamed.items[i];

		nfc = renamed.items[i + 1];
		value = json_incref(json_object_get(j, old));
		json_object_del(j, old);
		if (json_object_get(j, nfc) != NULL) {
			json_decref(value);
			if (clash == NULL)
				clash = xasprintf("la clé « %s » figure deux "
				    "fois, l'une écrite avec des accents "
				    "décomposés", nfc);
		} else
			json_object_set_new(j, nfc, value);
		free(renamed.items[i]);
		free(nfc);
	}
	ptrvec_free(&renamed);
	return clash;
}

/* Keys of OBJ now come from source INDEX; -D paths under them are
 * overridden. */
static void
merge_root(struct data *d, json_t *obj, long index)
{
	const char *key;
	json_t *value;
	size_t i, k;

	json_object_foreach(obj, key, value) {
		if (d->root != NULL && json_object_get(d->root, key) != NULL)
			forget_converted(d, key);
		json_object_set_new(d->origins, key, json_integer(index));
		for (i = k = 0; i < d->defines.len; i++) {
			char *def = d->defines.items[i];
			size_t n = strlen(key);

			if (strncmp(def, key, n) == 0 && (def[n] == '\0' ||
			    def[n] == '.' || def[n] == '[')) {
				free(def);
				continue;
			}
			d->defines.items[k++] = def;
		}
		d->defines.len = k;
	}
	if (d->root == NULL)
		d->root = json_incref(obj);
	else
		json_object_update(d->root, obj);
}

static void
report_syntax(struct data *d, const struct source *src,
    const json_error_t *err)
{
	struct loc at = { src, 0, 0, 0, 0 };
	struct diagnostic *dg;
	const char *hint;
	struct buf msg;

	if (err->line >= 1) {
		at.line = at.end_line = err->line;
		at.col = at.end_col = err->column >= 1 ? err->column : 1;
	}
	buf_init(&msg);
	json_error_describe(&msg, err, &hint);
	dg = diag(d->ds, E_DATA_JSON, &at, buf_cstr(&msg));
	if (hint != NULL)
		diag_hint(dg, "%s", hint);
	buf_free(&msg);
}

static bool
load(struct data *d, const char *name, const char *text, size_t len)
{
	struct source *src;
	struct loc l;
	json_error_t err;
	json_t *j;
	long index;
	char *clash;

	forget_locs(d);
	if (len > DATA_MAX_BYTES) {
		index = add_source(d, source_named(name));
		l = source_loc(d, index);
		char n1[32], n2[32];

		snprintf(n1, sizeof(n1), "%zu", len);
		snprintf(n2, sizeof(n2), "%u", DATA_MAX_BYTES);
		diag(d->ds, F_DATA_TOO_BIG, &l, n1, n2);
		d->broken = true;
		return false;
	}
	/* A byte order mark is what some editors on Windows write. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	/* The text is kept to quote the line of each error. */
	src = source_from_text(name, text, len);
	index = add_source(d, src);
	l = source_loc(d, index);
	j = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &err);
	if (j == NULL) {
		d->broken = true;
		if (json_error_code(&err) == json_error_stack_overflow)
			diag(d->ds, E_DATA_TOO_DEEP, &l, DATA_MAX_DEPTH);
		else
			report_syntax(d, src, &err);
		return false;
	}
	if (!json_is_object(j)) {
		diag(d->ds, E_DATA_NOT_OBJECT, &l, json_kind_name(j));
		d->broken = true;
		json_decref(j);
		return false;
	}
	if (!depth_ok(j, 1)) {
		diag(d->ds, E_DATA_TOO_DEEP, &l, DATA_MAX_DEPTH);
		d->broken = true;
		json_decref(j);
		return false;
	}
	if ((clash = compose_json(j)) != NULL) {
		diag(d->ds, E_DATA_JSON, &l, clash);
		free(clash);
		d->broken = true;
		json_decref(j);
		return false;
	}
	d->last_file = index;
	d->places.items[index] = json_places_new(src);
	merge_root(d, j, index);
	json_decref(j);
	return true;
}

struct data *
data_new(const struct program *prog, struct diags *ds)
{
	struct data *d = xcalloc(1, sizeof(*d));

	d->prog = prog;
	d->ds = ds;
	d->converted = xcalloc(prog->inputs.len + 1, sizeof(*d->converted));
	d->origins = json_object();
	d->last_file = -1;
	d->cmdline = -1;
	return d;
}

void
data_reset(struct data *d)
{
	size_t i;

	for (i = 0; i < d->prog->inputs.len; i++)
		if (d->converted[i].held)
			value_free(&d->converted[i].value);
	memset(d->converted, 0, (d->prog->inputs.len + 1) *
	    sizeof(*d->converted));
	json_decref(d->root);
	d->root = NULL;
	json_object_clear(d->origins);
	d->sources.len = 0;
	for (i = 0; i < d->places.len; i++)
		json_places_free(d->places.items[i]);
	d->places.len = 0;
	ptrvec_clear(&d->defines);
	d->last_file = -1;
	d->cmdline = -1;
	d->broken = false;
}

void
data_free(struct data *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->prog->inputs.len; i++)
		if (d->converted[i].held)
			value_free(&d->converted[i].value);
	free(d->converted);
	json_decref(d->root);
	json_decref(d->origins);
	ptrvec_free(&d->sources);
	for (i = 0; i < d->places.len; i++)
		json_places_free(d->places.items[i]);
	ptrvec_free(&d->places);
	for (i = 0; i < d->defines.len; i++)
		free(d->defines.items[i]);
	ptrvec_free(&d->defines);
	free(d);
}

bool
data_load_file(struct data *d, const char *path)
{
	char *text;
	size_t len;
	bool ok;

	text = read_file(path, DATA_MAX_BYTES, &len);
	if (text == NULL) {
		if (errno == EFBIG) {
			struct loc l = source_loc(d, add_source(d,
			    source_named(path)));
			char n1[32], n2[32];

			snprintf(n1, sizeof(n1), "%zu", len);
			snprintf(n2, sizeof(n2), "%u", DATA_MAX_BYTES);
			diag(d->ds, F_DATA_TOO_BIG, &l, n1, n2);
		} else
			diag(d->ds, F_IO, NULL, path, fr_strerror(errno));
		d->broken = true;
		return false;
	}
	ok = load(d, path, text, len);
	free(text);
	return ok;
}

bool
data_load_text(struct data *d, const char *name, const char *text,
    size_t len)
{
	return load(d, name, text, len);
}

/* ---------------------------------------------------------------- */
/* -D nom=valeur                                                     */

/* TEXT as the JSON the data file would hold for type T, or NULL with
 * *WHY set (to be freed). */
static json_t *
define_json(const struct type *t, const char *text, int depth, char **why)
{
	static const char *const yes[] = { "vrai", "oui", "true", "1" };
	static const char *const no[] = { "faux", "non", "false", "0" };
	json_error_t err;
	json_t *j = NULL;
	char *folded;
	size_t i;

	*why = NULL;
	/* As in a data file, null is no value: an optional input is
	 * unset, a required one refused as missing. */
	if (strcmp(text, "null") == 0)
		return json_null();
	switch (t->kind) {
	case T_ENTIER:
		if (parses_as_integer(text))
			return json_integer(strtoll(text, NULL, 10));
		/* Another number is one, as in a data file, so that validation
		 * says what is wrong with it rather than « pas un texte ». */
		if ((j = json_loads(text, JSON_DECODE_ANY, &err)) != NULL &&
		    json_is_number(j))
			return j;
		json_decref(j);
		/* Kept as text: validation then says what is wrong. */
		break;
	case T_BOOLEEN:
		folded = fold_word(text);
		for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
			if (strcmp(folded, yes[i]) == 0)
				j = json_true();
			else if (strcmp(folded, no[i]) == 0)
				j = json_false();
		}
		free(folded);
		if (j == NULL) {
			char *quoted = shown(text);

			*why = xasprintf("« %s » n'est pas un booléen : écrivez "
			    "vrai ou faux", quoted);
			free(quoted);
		}
		return j;
	case T_LISTE:
	case T_RECORD:
		j = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
		    &err);
		if (j == NULL) {
			struct buf b;
			const char *hint;

			buf_init(&b);
			buf_puts(&b, "JSON invalide : ");
			json_error_describe(&b, &err, &hint);
			buf_printf(&b, " (colonne %d) ; %s", err.column,
			    t->kind == T_LISTE ? "une liste s'écrit "
			    "'[\"a\", \"b\"]'" : "un enregistrement s'écrit "
			    "'{\"champ\": valeur, …}'");
			*why = buf_detach(&b);
			return NULL;
		}
		if (!depth_ok(j, depth)) {
			*why = xasprintf("données imbriquées sur plus de %d "
			    "niveaux", DATA_MAX_DEPTH);
			json_decref(j);
			return NULL;
		}
		if ((*why = compose_json(j)) != NULL) {
			json_decref(j);
			return NULL;
		}
		return j;
	case T_ERROR:
	case T_TEXTE:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
	case T_CHOIX:
		break;
	}
	j = json_string(text);
	if (j == NULL)
		*why = xstrdup("la valeur n'est pas en UTF-8");
	else
		free(compose_json(j));
	return j;
}

static bool
define_error(struct data *d, const char *assignment, const char *why,
    const char *suggestion)
{
	struct loc l = source_loc(d, cmdline_source(d));
	struct diagnostic *dg;
	char *quoted = shown(assignment);

	dg = diag(d->ds, E_DEFINE, &l, quoted, why);
	diag_suggest(dg, suggestion);
	free(quoted);
	return false;
}

/* "-D" written wrong is a usage error (exit 2), as any bad option is;
 * a well-formed one with a wrong value is the data's (exit 1). */
static bool
define_usage(struct data *d, const char *assignment, const char *why)
{
	struct loc l = source_loc(d, cmdline_source(d));
	char *quoted = shown(assignment);
	char *msg = xasprintf("« -D %s » : %s", quoted, why);

	diag(d->ds, F_USAGE, &l, msg);
	free(msg);
	free(quoted);
	return false;
}

bool
data_define(struct data *d, const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	const struct input *in;
	const struct type *t;
	struct ptrvec segs = { NULL, 0, 0 };
	struct buf path;
	char *name, *p, *why = NULL;
	json_t *j, *obj, *child;
	bool ok = false;
	size_t i;
	int index;

	forget_locs(d);
	if (eq == NULL)
		return define_usage(d, assignment, "il manque « = » : écrivez "
		    "-D nom=valeur");
	name = xstrndup(assignment, (size_t)(eq - assignment));
	for (p = name;; p++) {
		char *dot = strchr(p, '.');

		ptrvec_push(&segs, p);
		if (dot == NULL)
			break;
		*dot = '\0';
		p = dot;
	}
	buf_init(&path);
	for (i = 0; i < segs.len; i++)
		if (((char *)segs.items[i])[0] == '\0') {
			define_usage(d, assignment, "nom vide : écrivez "
			    "-D nom=valeur ou -D nom.champ=valeur");
			goto out;
		}
	in = find_input(d->prog, segs.items[0]);
	if (in == NULL) {
		char *quoted = shown(segs.items[0]);

		why = xasprintf("« %s » n'est pas une entrée du modèle",
		    quoted);
		free(quoted);
		define_error(d, assignment, why, suggest_input(d->prog,
		    segs.items[0]));
		goto out;
	}
	t = in->type;
	path_push_key(&path, in->name);
	for (i = 1; i < segs.len; i++) {
		const char *seg = segs.items[i];
		struct buf tn;

		buf_init(&tn);
		type_describe(&tn, t);
		if (t->kind != T_RECORD) {
			why = xasprintf("« %s » est %s : il n'a pas de "
			    "champs", buf_cstr(&path), buf_cstr(&tn));
			buf_free(&tn);
			define_error(d, assignment, why, NULL);
			goto out;
		}
		index = type_field_index(t, seg);
		if (index < 0) {
			char *quoted = shown(seg);

			why = xasprintf("le type %s n'a pas de champ « %s »",
			    t->name, quoted);
			free(quoted);
			buf_free(&tn);
			define_error(d, assignment, why, suggest_field(t, seg));
			goto out;
		}
		buf_free(&tn);
		path_push_key(&path, seg);
		t = t->fields[index].type;
	}
	j = define_json(t, eq + 1, (int)segs.len + 1, &why);
	if (j == NULL) {
		define_error(d, assignment, why, NULL);
		goto out;
	}
	if (d->root == NULL)
		d->root = json_object();
	else
		forget_converted(d, in->name);
	if (json_object_get(d->origins, in->name) == NULL ||
	    segs.len == 1)
		json_object_set_new(d->origins, in->name,
		    json_integer(cmdline_source(d)));
	/* The command line wins: an intermediate value that is not an
	 * object is replaced. */
	obj = d->root;
	for (i = 0; i + 1 < segs.len; i++) {
		child = json_object_get(obj, segs.items[i]);
		if (!json_is_object(child)) {
			child = json_object();
			json_object_set_new(obj, segs.items[i], child);
		}
		obj = child;
	}
	json_object_set_new(obj, segs.items[segs.len - 1], j);
	ptrvec_push(&d->defines, buf_detach(&path));
	ok = true;
out:
	buf_free(&path);
	free(why);
	free(name);
	ptrvec_free(&segs);
	return ok;
}

/* ---------------------------------------------------------------- */
/* Inputs                                                            */

bool
data_broken(const struct data *d)
{
	return d->broken;
}

bool
data_gives(const struct data *d, const struct input *in)
{
	json_t *j = d->root != NULL ? json_object_get(d->root, in->name) :
	    NULL;

	return j != NULL && !json_is_null(j);
}

static int
diags_said(const struct diags *ds)
{
	return diags_count(ds, SEV_NOTE) + diags_count(ds, SEV_WARNING) +
	    diags_count(ds, SEV_ERROR) + diags_count(ds, SEV_FATAL);
}

const struct value *
data_value(struct data *d, const struct input *in)
{
	struct converted *cv = &d->converted[in->index];
	struct origin from = key_origin(d, in->name);
	struct json_steps steps = { NULL, 0, 0 };
	struct buf path;
	struct at a = { d->ds, &from, &path, &steps, in->label };
	int said = diags_said(d->ds);
	json_t *j;
	bool ok;

	if (cv->final)
		return &cv->value;
	if (cv->held)
		value_free(&cv->value);
	cv->held = false;
	buf_init(&path);
	path_push_key(&path, in->name);
	json_steps_push_key(&steps, in->name);
	j = json_object_get(d->root, in->name);
	ok = convert_value(&a, in->type, j, in->cstr, &cv->value);
	json_steps_free(&steps);
	buf_free(&path);
	if (!ok)
		return NULL;
	cv->held = true;
	if (diags_said(d->ds) == said) {
		cv->final = true;
		if (droppable(d, in->name, j, &from)) {
			/* true: data_gives still sees a value. */
			json_object_set_new(d->root, in->name, json_true());
			cv->dropped = true;
		}
	}
	return &cv->value;
}

void
data_report_missing(struct data *d, const struct input *in)
{
	struct origin from = key_origin(d, in->name);
	struct json_steps steps = { NULL, 0, 0 };
	struct buf path;
	struct at a = { d->ds, &from, &path, &steps, in->label };
	const char *typo = NULL;
	char *how;

	buf_init(&path);
	path_push_key(&path, in->name);
	json_steps_push_key(&steps, in->name);
	if (d->root != NULL)
		typo = suggest_stray_root_key(d, in->name);
	if (d->root != NULL && json_is_null(json_object_get(d->root,
	    in->name)))
		how = null_key(in->name);
	else if (d->last_file >= 0)
		how = xasprintf(" : ajoutez la clé \"%s\" aux données",
		    in->name);
	else
		how = xasprintf(" : donnez-le dans un fichier de données (-d) "
		    "ou par -D %s=…", in->name);
	report_missing(&a, in->type, how, in->requirement, typo);
	free(how);
	json_steps_free(&steps);
	buf_free(&path);
}

struct loc
data_input_loc(const struct data *d, const struct input *in)
{
	struct converted *cv = &d->converted[in->index];
	struct origin from;
	struct json_steps steps = { NULL, 0, 0 };

	if (cv->loc_known)
		return cv->loc;
	from = key_origin(d, in->name);
	json_steps_push_key(&steps, in->name);
	cv->loc = origin_loc(&from, in->name, &steps, false);
	cv->loc_known = true;
	json_steps_free(&steps);
	return cv->loc;
}

void
data_warn_unknown_keys(struct data *d)
{
	const char *key;
	json_t *value;

	if (d->root == NULL || d->broken)
		return;
	json_object_foreach(d->root, key, value) {
		struct json_steps steps = { NULL, 0, 0 };
		struct diagnostic *dg;
		struct origin from;
		struct loc l;
		char *quoted;

		if (find_input(d->prog, key) != NULL)
			continue;
		from = key_origin(d, key);
		json_steps_push_key(&steps, key);
		l = origin_loc(&from, NULL, &steps, true);
		json_steps_free(&steps);
		quoted = shown(key);
		dg = diag(d->ds, W_DATA_UNKNOWN_KEY, &l, quoted);
		diag_suggest(dg, suggest_input(d->prog, key));
		free(quoted);
	}
}
