/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The JSON text of a data file (json.h): jansson's errors in French,
 * and the places of its values. */
#include "data/json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"

/* Deeper than jansson's own limit: a text it accepted never gets there. */
#define PLACES_MAX_DEPTH	4096

/* ---------------------------------------------------------------- */
/* Errors                                                            */

const char *
json_error_french(int code)
{
	switch ((enum json_error_code)code) {
	case json_error_unknown:
		return "erreur de syntaxe";
	case json_error_out_of_memory:
		return "mémoire insuffisante pour lire les données";
	case json_error_stack_overflow:
		return "imbrication trop profonde";
	case json_error_cannot_open_file:
		return "fichier illisible";
	case json_error_invalid_argument:
		return "lecture impossible";
	case json_error_invalid_utf8:
		return "texte qui n'est pas en UTF-8";
	case json_error_premature_end_of_input:
		return "fin du fichier inattendue";
	case json_error_end_of_input_expected:
		return "fin du fichier attendue après l'objet";
	case json_error_invalid_syntax:
		return "erreur de syntaxe";
	case json_error_invalid_format:
		return "format invalide";
	case json_error_wrong_type:
		return "valeur d'un type inattendu";
	case json_error_null_character:
		return "caractère nul \\u0000 interdit";
	case json_error_null_value:
		return "valeur absente";
	case json_error_null_byte_in_key:
		return "caractère nul \\u0000 interdit dans une clé";
	case json_error_duplicate_key:
		return "clé en double";
	case json_error_numeric_overflow:
		return "nombre trop grand";
	case json_error_item_not_found:
		return "élément introuvable";
	case json_error_index_out_of_range:
		return "élément hors limites";
	}
	return "erreur de syntaxe";
}

/*
 * jansson's English, when it says more than its code (which « ':' » or
 * « '}' » it wanted), else the code's French.  The English is matched
 * by its beginning only; it is never shown.
 */
void
json_error_describe(struct buf *b, const json_error_t *err,
    const char **hint)
{
	static const struct {
		const char	*en;
		const char	*fr;
	} messages[] = {
		{ "string or '}' expected", "clé entre guillemets ou « } » "
		    "attendue" },
		{ "':' expected", "« : » attendu après la clé" },
		{ "'}' expected", "« } » ou « , » attendu" },
		{ "']' expected", "« ] » ou « , » attendu" },
		{ "'[' or '{' expected", "« { » attendu" },
		{ "end of file expected", "fin du fichier attendue après "
		    "l'objet" },
		{ "unexpected newline", "retour à la ligne dans un texte "
		    "(écrivez \\n)" },
		{ "unexpected token", "symbole inattendu" },
		{ "invalid token", "mot inconnu" },
		{ "invalid escape", "échappement invalide dans un texte" },
		{ "invalid Unicode", "code Unicode invalide" },
		{ "duplicate object key", "clé en double" },
		{ "too big negative integer", "nombre entier négatif trop "
		    "grand" },
		{ "too big integer", "nombre entier trop grand" },
		{ "real number overflow", "nombre trop grand" },
		{ "\\u0000 is not allowed", "caractère nul \\u0000 interdit" },
		{ "NUL byte in object key", "caractère nul \\u0000 interdit "
		    "dans une clé" },
		{ "control character", "caractère de contrôle dans un texte" },
		{ "unable to decode byte", "octet invalide : le fichier doit "
		    "être en UTF-8" },
		{ "premature end of input", "fin du fichier inattendue" },
		{ "maximum parsing depth reached", "imbrication trop "
		    "profonde" },
	};
	const char *near = strstr(err->text, " near ");
	size_t i, n;
	bool known = false;

	*hint = NULL;
	for (i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
		if (strncmp(err->text, messages[i].en,
		    strlen(messages[i].en)) == 0) {
			buf_puts(b, messages[i].fr);
			known = true;
			break;
		}
	if (!known)
		buf_puts(b, json_error_french(json_error_code(err)));
	if (near == NULL)
		return;
	near += strlen(" near ");
	if (strcmp(near, "end of file") == 0) {
		buf_puts(b, " avant la fin du fichier");
		return;
	}
	if (near[0] == '\'' && strlen(near) >= 2) {
		n = strlen(near) - 2;
		near++;
	} else
		n = strlen(near);
	/* The token is the client's own text: quoted as such. */
	buf_puts(b, " près de « ");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)near[i];

		if (c < 0x20 || c == 0x7F)
			buf_printf(b, "\\x%02X", c);
		else
			buf_putc(b, (char)c);
	}
	buf_puts(b, " »");
	if (n == 1 && (near[0] == '}' || near[0] == ']'))
		*hint = "une virgule en trop avant la fermeture ?";
	else if (n >= 1 && (near[0] == '\'' ||
	    strncmp(near, "\xe2\x80\x9c", 3) == 0 ||
	    strncmp(near, "\xe2\x80\x9d", 3) == 0 ||
	    strncmp(near, "\xc2\xab", 2) == 0))
		*hint = "les clés et les textes s'écrivent entre guillemets "
		    "droits \"…\"";
	else if (strncmp(err->text, "invalid token", 13) == 0)
		*hint = "les mots JSON sont true, false et null ; un texte "
		    "s'écrit entre guillemets \"…\"";
}

/* ---------------------------------------------------------------- */
/* Steps                                                             */

static void
steps_push(struct json_steps *s, const char *key, size_t index)
{
	s->v = xreserve(s->v, &s->cap, s->len + 1, sizeof(*s->v));
	s->v[s->len].key = key;
	s->v[s->len].index = index;
	s->len++;
}

void
json_steps_push_key(struct json_steps *s, const char *key)
{
	steps_push(s, key, 0);
}

void
json_steps_push_index(struct json_steps *s, size_t index)
{
	steps_push(s, NULL, index);
}

void
json_steps_pop(struct json_steps *s)
{
	if (s->len > 0)
		s->len--;
}

void
json_steps_free(struct json_steps *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* ---------------------------------------------------------------- */
/* Places                                                            */

#define MARK_BYTES	128

struct mark {
	size_t	 off;
	int	 col;
};

/* One value: its first and last byte, the opening quote of its key (a
 * member of an object) and its members, KIDS[FIRST..FIRST+N). */
struct node {
	size_t	 start, end;
	size_t	 key;		/* SIZE_MAX: not a member */
	size_t	 first, n;
	char	 kind;		/* '{', '[' or 0 */
};

struct json_places {
	const struct source *src;
	bool	 scanned;
	/* Only the root's members were scanned, not what they hold: the
	 * place of a top-level key, which every loop over an input's list
	 * asks for, is found without a node for each item of the list. */
	bool	 shallow;
	bool	 failed;	/* not the JSON jansson read: no places */
	struct node *nodes;
	size_t	 nnodes;
	size_t	*kids;
	size_t	 nkids;
	/* The column at every MARK_BYTES of the text (at the character
	 * that starts there or just after), so that a place is counted
	 * from the mark before it, not from the start of its line: a
	 * client file written on one line has a list of N items looked up
	 * N times, each a column in that line. */
	struct mark	*marks;
	size_t		 nmarks;
	/* The root's members by key, when every key is plain ASCII (then
	 * its bytes are what key_is compares): each printed value asks
	 * for its input's place, once a lookup among all the root's keys.
	 * ROOT_KEYS holds them, each ended by a NUL. */
	enum { INDEX_UNTRIED, INDEX_BUILT, INDEX_NONE } root_state;
	struct strmap	 root_index;
	char		*root_keys;
};

struct json_places *
json_places_new(const struct source *src)
{
	struct json_places *p = xcalloc(1, sizeof(*p));

	p->src = src;
	return p;
}

void
json_places_free(struct json_places *p)
{
	if (p == NULL)
		return;
	free(p->nodes);
	free(p->kids);
	free(p->marks);
	strmap_free(&p->root_index);
	free(p->root_keys);
	free(p);
}

static size_t
skip_blank(const char *t, size_t len, size_t i)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' ||
	    t[i] == '\r'))
		i++;
	return i;
}

/* The closing quote of the string opening at I, or LEN. */
static size_t
string_end(const char *t, size_t len, size_t i)
{
	for (i++; i < len && t[i] != '"'; i++)
		if (t[i] == '\\')
			i++;
	return i < len ? i : len;
}

static size_t
new_node(struct json_places *p, size_t start, char kind)
{
	struct node *n;

	p->nodes = xgrow(p->nodes, p->nnodes, sizeof(*p->nodes));
	n = &p->nodes[p->nnodes];
	n->start = n->end = start;
	n->key = SIZE_MAX;
	n->first = n->n = 0;
	n->kind = kind;
	return p->nnodes++;
}

/* Past the value at I (which jansson read, so brackets match). */
static size_t
skip_value(const char *t, size_t len, size_t i)
{
	size_t open = 0;

	for (; i < len; i++) {
		if (t[i] == '"') {
			i = string_end(t, len, i);
			if (open == 0)
				return i < len ? i + 1 : len;
		} else if (t[i] == '{' || t[i] == '[')
			open++;
		else if (t[i] == '}' || t[i] == ']') {
			if (open == 0)
				return i;
			if (--open == 0)
				return i + 1;
		} else if (open == 0 && strchr(", \t\r\n", t[i]) != NULL)
			return i;
	}
	return len;
}

/* The value at *I: its node, *I past it; SIZE_MAX on what is not JSON.
 * In a shallow scan, the members of a value deeper than the root's
 * members get no node. */
static size_t
scan_value(struct json_places *p, size_t *i, int depth)
{
	const char *t = p->src->text;
	size_t len = p->src->len, self, k, key = SIZE_MAX;
	size_t *kids = NULL, nkids = 0;
	char close;

	*i = skip_blank(t, len, *i);
	if (*i >= len || depth > PLACES_MAX_DEPTH)
		return SIZE_MAX;
	if (t[*i] == '"') {
		self = new_node(p, *i, 0);
		*i = string_end(t, len, *i);
		if (*i >= len)
			return SIZE_MAX;
		p->nodes[self].end = (*i)++;
		return self;
	}
	if (t[*i] != '{' && t[*i] != '[') {
		self = new_node(p, *i, 0);
		while (*i < len && strchr(",]}: \t\r\n", t[*i]) == NULL)
			(*i)++;
		if (*i == p->nodes[self].start)
			return SIZE_MAX;
		p->nodes[self].end = *i - 1;
		return self;
	}
	self = new_node(p, *i, t[*i]);
	if (p->shallow && depth >= 2) {
		*i = skip_value(t, len, *i);
		if (*i == 0 || *i > len || (t[*i - 1] != '}' && t[*i - 1] != ']'))
			return SIZE_MAX;
		p->nodes[self].end = *i - 1;
		return self;
	}
	close = t[*i] == '{' ? '}' : ']';
	*i = skip_blank(t, len, *i + 1);
	if (*i < len && t[*i] == close) {
		p->nodes[self].end = (*i)++;
		return self;
	}
	for (;;) {
		if (close == '}') {
			*i = skip_blank(t, len, *i);
			if (*i >= len || t[*i] != '"')
				goto bad;
			key = *i;
			*i = skip_blank(t, len, string_end(t, len, *i) + 1);
			if (*i >= len || t[*i] != ':')
				goto bad;
			(*i)++;
		}
		if ((k = scan_value(p, i, depth + 1)) == SIZE_MAX)
			goto bad;
		p->nodes[k].key = key;
		kids = xgrow(kids, nkids, sizeof(*kids));
		kids[nkids++] = k;
		*i = skip_blank(t, len, *i);
		if (*i < len && t[*i] == ',') {
			(*i)++;
			continue;
		}
		if (*i < len && t[*i] == close)
			break;
		goto bad;
	}
	p->nodes[self].end = (*i)++;
	p->nodes[self].first = p->nkids;
	p->nodes[self].n = nkids;
	for (k = 0; k < nkids; k++) {
		p->kids = xgrow(p->kids, p->nkids, sizeof(*p->kids));
		p->kids[p->nkids++] = kids[k];
	}
	free(kids);
	return self;
bad:
	free(kids);
	return SIZE_MAX;
}

/* SHALLOW: the root's members only (json_places.shallow). */
static void
scan(struct json_places *p, bool shallow)
{
	size_t i = 0;

	free(p->nodes);
	free(p->kids);
	p->nodes = NULL;
	p->kids = NULL;
	p->nnodes = p->nkids = 0;
	strmap_free(&p->root_index);
	free(p->root_keys);
	p->root_keys = NULL;
	p->root_state = INDEX_UNTRIED;
	p->failed = false;
	p->scanned = true;
	p->shallow = shallow;
	if (!p->src->has_text || scan_value(p, &i, 1) != 0 ||
	    p->nodes[0].kind != '{')
		p->failed = true;
}

/* Whether the key whose opening quote is at AT reads WANT once decoded
 * and composed (compose_json did the same to the data's keys). */
static bool
key_is(const struct json_places *p, size_t at, const char *want)
{
	const char *t = p->src->text, *s = t + at + 1;
	size_t end, n, i, len;
	bool plain = true, ascii = true, same;
	json_error_t err;
	json_t *j;
	char *nfc;

	/* Most keys differ from WANT at their first character: an ASCII
	 * byte other than a backslash or the closing quote is that
	 * character (composed with a mark, it would no longer be ASCII,
	 * and still not WANT's), found before the key's end is. */
	if (at + 1 < p->src->len && (unsigned char)s[0] < 0x80 &&
	    s[0] != '\\' && s[0] != '"' && (unsigned char)want[0] < 0x80 &&
	    s[0] != want[0])
		return false;
	end = string_end(t, p->src->len, at);
	n = end - at - 1;
	for (i = 0; i < n; i++) {
		if (s[i] == '\\')
			plain = false;
		if ((unsigned char)s[i] >= 0x80)
			ascii = false;
	}
	if (plain && ascii)
		return strlen(want) == n && memcmp(s, want, n) == 0;
	if (plain) {
		nfc = utf8_nfc(s, n, &len);
		if (nfc == NULL)
			return strlen(want) == n && memcmp(s, want, n) == 0;
		same = strcmp(nfc, want) == 0;
		free(nfc);
		return same;
	}
	j = json_loadb(t + at, end - at + 1, JSON_DECODE_ANY, &err);
	if (!json_is_string(j)) {
		json_decref(j);
		return false;
	}
	nfc = utf8_nfc(json_string_value(j), json_string_length(j), NULL);
	same = strcmp(nfc != NULL ? nfc : json_string_value(j), want) == 0;
	free(nfc);
	json_decref(j);
	return same;
}

/* Indexes the root's keys (see struct json_places), or says it cannot. */
static void
index_root(struct json_places *p)
{
	const struct node *root = &p->nodes[0];
	const char *t = p->src->text;
	size_t k, i, at, end, total = 0;
	char *out;

	p->root_state = INDEX_NONE;
	for (k = 0; k < root->n; k++) {
		at = p->nodes[p->kids[root->first + k]].key;
		end = string_end(t, p->src->len, at);
		for (i = at + 1; i < end; i++)
			if (t[i] == '\\' || (unsigned char)t[i] >= 0x80 ||
			    t[i] == '\0')
				return;
		total += end - at;
	}
	p->root_keys = out = xmalloc(total + 1);
	memset(&p->root_index, 0, sizeof(p->root_index));
	/* The last of equal keys is the one jansson kept, and strmap_put
	 * keeps the first it is given. */
	for (k = root->n; k-- > 0;) {
		at = p->nodes[p->kids[root->first + k]].key;
		end = string_end(t, p->src->len, at);
		memcpy(out, t + at + 1, end - at - 1);
		out[end - at - 1] = '\0';
		strmap_put(&p->root_index, out,
		    (void *)&p->kids[root->first + k]);
		out += end - at;
	}
	p->root_state = INDEX_BUILT;
}

static size_t
member(struct json_places *p, size_t node, const struct json_step *st)
{
	const struct node *n = &p->nodes[node];
	const size_t *kid;
	size_t k;

	if (st->key == NULL)
		return n->kind == '[' && st->index < n->n ?
		    p->kids[n->first + st->index] : SIZE_MAX;
	if (n->kind != '{')
		return SIZE_MAX;
	if (node == 0 && n->n > 8 && p->root_state == INDEX_UNTRIED)
		index_root(p);
	if (node == 0 && p->root_state == INDEX_BUILT) {
		kid = strmap_get(&p->root_index, st->key);
		return kid != NULL ? *kid : SIZE_MAX;
	}
	/* The last of equal keys is the one jansson kept; keys that differ
	 * only in their composition are refused before any lookup. */
	for (k = n->n; k-- > 0;)
		if (key_is(p, p->nodes[p->kids[n->first + k]].key, st->key))
			return p->kids[n->first + k];
	return SIZE_MAX;
}

static void
make_marks(struct json_places *p)
{
	const struct source *s = p->src;
	size_t k, off, line = 0, from = 0;
	int col = 1;

	p->nmarks = s->len / MARK_BYTES + 1;
	p->marks = xcalloc(p->nmarks, sizeof(*p->marks));
	for (k = 0; k < p->nmarks; k++) {
		off = k * MARK_BYTES;
		while (off < s->len && ((unsigned char)s->text[off] & 0xC0) ==
		    0x80)
			off++;
		if (line + 1 < s->nlines && s->lines[line + 1] <= off) {
			while (line + 1 < s->nlines && s->lines[line + 1] <= off)
				line++;
			from = s->lines[line];
			col = 1;
		}
		col += (int)utf8_count(s->text + from, off - from);
		from = off;
		p->marks[k].off = off;
		p->marks[k].col = col;
	}
}

/* Byte OFF as a line and a column in characters. */
static void
place(struct json_places *p, size_t off, int *line, int *col)
{
	const struct source *s = p->src;
	size_t lo = 0, hi = s->nlines, from, k;
	int c;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (s->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	from = s->lines[lo];
	c = 1;
	if (p->marks == NULL)
		make_marks(p);
	k = off / MARK_BYTES < p->nmarks ? off / MARK_BYTES : p->nmarks - 1;
	if (k > 0 && p->marks[k].off > off)
		k--;	/* OFF is in the character the mark skipped */
	if (p->marks[k].off >= from && p->marks[k].off <= off) {
		from = p->marks[k].off;
		c = p->marks[k].col;
	}
	c += (int)utf8_count(s->text + from, off - from);
	*line = (int)lo + 1;
	*col = c;
}

bool
json_places_member(struct json_places *p, const char *key, size_t *start,
    size_t *end)
{
	struct json_step st = { key, 0 };
	size_t node;

	if (p == NULL)
		return false;
	if (!p->scanned)
		scan(p, true);
	if (p->failed || (node = member(p, 0, &st)) == SIZE_MAX)
		return false;
	*start = p->nodes[node].start;
	*end = p->nodes[node].end;
	return true;
}

bool
json_places_find(struct json_places *p, const struct json_steps *s,
    bool key, struct loc *out)
{
	size_t node = 0, next, i, start, end;

	if (p == NULL)
		return false;
	if (!p->scanned || (p->shallow && s->len > 1))
		scan(p, s->len <= 1);
	if (p->failed)
		return false;
	for (i = 0; i < s->len; i++) {
		if ((next = member(p, node, &s->v[i])) == SIZE_MAX) {
			if (node == 0)
				return false;
			key = false;
			break;
		}
		node = next;
	}
	start = p->nodes[node].start;
	end = p->nodes[node].end;
	if (key && p->nodes[node].key != SIZE_MAX) {
		start = p->nodes[node].key;
		end = string_end(p->src->text, p->src->len, start);
	}
	out->src = p->src;
	place(p, start, &out->line, &out->col);
	place(p, end, &out->end_line, &out->end_col);
	return true;
}
