/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/pdf/fonts.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "base/diag.h"
#include "base/source.h"

/*
 * Finding a face: fontconfig's full configuration takes 10 to 20 ms to
 * parse on a small machine, more than the whole PDF may cost.  So the
 * family is first looked up in a configuration that only names the
 * folders where TrueType fonts are installed (Debian's truetype and
 * opentype trees, /usr/local and the user's folders) and the cache
 * folders of fonts.conf, those that exist (fontconfig tries every cache
 * folder for every font folder, a missing one costing as much as the
 * others): 1 to 2 ms, the caches doing the rest.  Only when
 * that finds nothing is the system's full configuration loaded.  A
 * family name is matched exactly either way, so both give the same file
 * for any font installed in the usual places.  FONTCONFIG_FILE or
 * FONTCONFIG_PATH in the environment mean a custom configuration: then
 * only the full one is used.
 *
 * Reading a face: the file is read into memory once, whole, up to
 * FONT_READ_MAX (Liberation Serif: 400 KB); mapped beyond, where most of
 * the file is never touched (a CJK collection: 20 MB and more).  A
 * mapping costs a page fault per 64 KB read and an munmap, each dear on
 * a virtual machine, more than reading a small file.  FreeType, given
 * those bytes, says which glyph a character has (coverage: a missing
 * glyph is an error, never a blank box); the advance widths are read
 * from the hmtx table of the same bytes, as libharu reads them for
 * /Widths, so that measuring and drawing agree.
 *
 * Subsetting: libharu embeds a TrueType font whole except for the
 * outlines of unused glyphs, which leaves about 60 KB per face (glyph
 * names, metrics and locations of all 2 600 glyphs of Liberation Serif)
 * that must then be deflated.  Building a real subset here (only the
 * glyphs used, renumbered) makes each embedded face a few kilobytes and
 * the PDF several times faster to write.
 */


/* The largest face read whole; a larger one is mapped (see above). */
#define FONT_READ_MAX	((size_t)4 << 20)

struct table {
	uint32_t	 tag;
	const uint8_t	*data;
	size_t		 len;
};

/* In the order of the subset's table directory, which must be sorted
 * by tag as a big-endian number: upper case first. */
enum {
	T_OS2, T_CMAP, T_CVT, T_FPGM, T_GLYF, T_HEAD, T_HHEA, T_HMTX,
	T_LOCA, T_MAXP, T_NAME, T_POST, T_PREP,
	T__COUNT
};

static const char table_tags[T__COUNT][5] = {
	"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx",
	"loca", "maxp", "name", "post", "prep"
};

/* Latin-1, Latin Extended-A and -B, then General Punctuation (’ – …). */
#define ADV_LATIN	0x250
#define ADV_CACHE	(ADV_LATIN + 0x80)

/* CP's place in a face's cache, or ADV_CACHE when it has none. */
static size_t
adv_slot(uint32_t cp)
{
	if (cp < ADV_LATIN)
		return cp;
	if (cp >= 0x2000 && cp < 0x2080)
		return ADV_LATIN + (cp - 0x2000);
	return ADV_CACHE;
}

struct face {
	bool		 tried;
	bool		 ok;
	char		*path;
	void		*map;		/* the file's bytes */
	size_t		 map_len;
	bool		 mapped;	/* mmap'd, else read (malloc'd) */
	FT_Face		 ft;		/* FreeType's view: glyph lookup */
	struct table	 t[T__COUNT];
	unsigned	 units_per_em;
	unsigned	 num_glyphs;
	unsigned	 num_hmetrics;
	bool		 long_loca;
	/* Glyph and width of the common code points, asked for each
	 * character measured, checked and drawn. */
	struct {
		int16_t	 adv;		/* -1: not looked up yet */
		uint16_t gid;
	}		 cache[ADV_CACHE];
};

struct fonts {
	char		*family;
	struct diags	*ds;
	FT_Library	 ft;
	FcConfig	*fc;
	bool		 fc_fast;
	/* The family's faces in FC, listed once for all the faces opened
	 * (FcFontList runs over every installed font), or NULL. */
	FcFontSet	*listed;
	struct face	 faces[FACE_COUNT];
};

static uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
put16(struct buf *b, unsigned v)
{
	buf_putc(b, (char)(v >> 8 & 0xFF));
	buf_putc(b, (char)(v & 0xFF));
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, v >> 16);
	put16(b, v & 0xFFFF);
}

static void
set16(struct buf *b, size_t off, unsigned v)
{
	b->data[off] = (char)(v >> 8 & 0xFF);
	b->data[off + 1] = (char)(v & 0xFF);
}

static void
set32(struct buf *b, size_t off, uint32_t v)
{
	set16(b, off, v >> 16);
	set16(b, off + 2, v & 0xFFFF);
}

static uint32_t
tag32(const char *s)
{
	return (uint32_t)(unsigned char)s[0] << 24 |
	    (uint32_t)(unsigned char)s[1] << 16 |
	    (uint32_t)(unsigned char)s[2] << 8 | (unsigned char)s[3];
}

struct fonts *
fonts_new(const char *family, struct diags *ds)
{
	struct fonts *f = xcalloc(1, sizeof(*f));

	f->family = xstrdup(family != NULL && *family != '\0' ? family :
	    FONTS_DEFAULT_FAMILY);
	f->ds = ds;
	return f;
}

void
fonts_free(struct fonts *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < FACE_COUNT; i++) {
		struct face *fc = &f->faces[i];

		if (fc->ft != NULL)
			FT_Done_Face(fc->ft);
		if (fc->mapped)
			munmap(fc->map, fc->map_len);
		else
			free(fc->map);
		free(fc->path);
	}
	if (f->ft != NULL)
		FT_Done_FreeType(f->ft);
	if (f->listed != NULL)
		FcFontSetDestroy(f->listed);
	if (f->fc != NULL)
		FcConfigDestroy(f->fc);
	free(f->family);
	free(f);
}

const char *
fonts_family(const struct fonts *f)
{
	return f->family;
}

const char *
fonts_face_label(enum font_face face)
{
	switch (face) {
	case FACE_REGULAR:
		return "romain";
	case FACE_ITALIC:
		return "italique";
	case FACE_BOLD:
		return "gras";
	case FACE_BOLD_ITALIC:
		return "gras italique";
	}
	return "?";
}

/* Adds <TAG>DIR</TAG> when DIR (HOME/SUB with HOME set) is a folder. */
static bool
add_dir(struct buf *b, const char *tag, const char *home, const char *sub)
{
	struct stat st;
	char *path;
	const char *p;
	bool ok;

	if (home != NULL && *home == '\0')
		return false;
	path = home != NULL ? xasprintf("%s/%s", home, sub) : xstrdup(sub);
	ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	if (ok) {
		buf_printf(b, "<%s>", tag);
		for (p = path; *p != '\0'; p++)
			switch (*p) {
			case '&':
				buf_puts(b, "&amp;");
				break;
			case '<':
				buf_puts(b, "&lt;");
				break;
			case '>':
				buf_puts(b, "&gt;");
				break;
			default:
				buf_putc(b, *p);
				break;
			}
		buf_printf(b, "</%s>\n", tag);
	}
	free(path);
	return ok;
}

/* The folders of Debian's fonts.conf where a TrueType font may be, and
 * its cache folders; NULL without any cache folder (fontconfig would
 * then scan every font file). */
static char *
fast_config(void)
{
	const char *home = getenv("HOME"), *data = getenv("XDG_DATA_HOME");
	const char *cache = getenv("XDG_CACHE_HOME");
	struct buf b;
	bool caches = false;

	if (data == NULL || *data == '\0')
		data = NULL;
	if (cache == NULL || *cache == '\0')
		cache = NULL;
	buf_init(&b);
	buf_puts(&b, "<?xml version=\"1.0\"?>\n<fontconfig>\n");
	add_dir(&b, "dir", NULL, "/usr/share/fonts/truetype");
	add_dir(&b, "dir", NULL, "/usr/share/fonts/opentype");
	add_dir(&b, "dir", NULL, "/usr/local/share/fonts");
	if (data != NULL)
		add_dir(&b, "dir", data, "fonts");
	else
		add_dir(&b, "dir", home, ".local/share/fonts");
	add_dir(&b, "dir", home, ".fonts");
	caches |= add_dir(&b, "cachedir", NULL, "/var/cache/fontconfig");
	if (cache != NULL)
		caches |= add_dir(&b, "cachedir", cache, "fontconfig");
	else
		caches |= add_dir(&b, "cachedir", home, ".cache/fontconfig");
	caches |= add_dir(&b, "cachedir", home, ".fontconfig");
	buf_puts(&b, "</fontconfig>\n");
	if (!caches) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static FcConfig *
config_load(bool fast)
{
	FcConfig *c;
	char *xml;
	bool ok;

	if (!fast)
		return FcInitLoadConfigAndFonts();
	if ((xml = fast_config()) == NULL)
		return NULL;
	if ((c = FcConfigCreate()) == NULL) {
		free(xml);
		return NULL;
	}
	ok = FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)xml,
	    FcFalse) && FcConfigBuildFonts(c);
	free(xml);
	if (!ok) {
		FcConfigDestroy(c);
		return NULL;
	}
	return c;
}

enum match_result {
	MATCH_OK,
	MATCH_NO_FAMILY,
	MATCH_NO_STYLE
};

/* Family names compare as fontconfig does: ASCII case and blanks
 * ignored ("liberation serif" is "LiberationSerif"). */
static bool
same_family(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if ((*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) !=
		    (*b >= 'A' && *b <= 'Z' ? *b + 32 : *b))
			return false;
		a++;
		b++;
	}
}

static bool
family_matches(FcPattern *m, const char *family)
{
	FcChar8 *name;
	int i;

	for (i = 0; FcPatternGetString(m, FC_FAMILY, i, &name) ==
	    FcResultMatch; i++)
		if (same_family((const char *)name, family))
			return true;
	return false;
}

/*
 * The face of FAMILY in the wanted style, among the family's faces that
 * FcFontList gives (a match against every installed font, FcFontMatch,
 * costs several times more and may answer with another family): the
 * closest weight on the right side of semi-bold and the right slant, a
 * TrueType file rather than CFF, then the latest version of the face (two
 * releases of a family may be installed side by side, as fonts-liberation
 * 1.07, which Chromium brings, and fonts-liberation2, whose faces have
 * more letters), ties broken by path so that the choice does not depend
 * on cache order.  Variable fonts are skipped: their
 * instances would need instancing that libharu cannot do.
 */
static FcFontSet *
list_family(FcConfig *c, const char *family)
{
	FcPattern *p;
	FcObjectSet *os;
	FcFontSet *fs;

	if ((p = FcPatternCreate()) == NULL)
		return NULL;
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	os = FcObjectSetBuild(FC_FAMILY, FC_FILE, FC_INDEX, FC_WEIGHT,
	    FC_SLANT, FC_VARIABLE, FC_FONTFORMAT, FC_FONTVERSION, (char *)0);
	fs = os != NULL ? FcFontList(c, p, os) : NULL;
	FcPatternDestroy(p);
	if (os != NULL)
		FcObjectSetDestroy(os);
	return fs;
}

/* Among FS, FAMILY's faces as list_family lists them. */
static enum match_result
match_face(const FcFontSet *fs, const char *family, enum font_face face,
    char **path, int *index)
{
	FcPattern *m;
	FcChar8 *file, *format, *best_file = NULL;
	FcBool variable;
	int weight, slant, idx, i, score, best_score = 0, best_index = 0;
	int version, best_version = 0;
	bool bold = face == FACE_BOLD || face == FACE_BOLD_ITALIC;
	bool italic = face == FACE_ITALIC || face == FACE_BOLD_ITALIC;
	bool any = false;

	if (fs == NULL)
		return MATCH_NO_FAMILY;
	for (i = 0; i < fs->nfont; i++) {
		m = fs->fonts[i];
		if (!family_matches(m, family) ||
		    FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
			continue;
		if (FcPatternGetInteger(m, FC_INDEX, 0, &idx) != FcResultMatch)
			idx = 0;
		if ((FcPatternGetBool(m, FC_VARIABLE, 0, &variable) ==
		    FcResultMatch && variable) || idx < 0 || idx > 0xFFFF)
			continue;
		if (FcPatternGetInteger(m, FC_WEIGHT, 0, &weight) !=
		    FcResultMatch)
			weight = FC_WEIGHT_REGULAR;
		if (FcPatternGetInteger(m, FC_SLANT, 0, &slant) !=
		    FcResultMatch)
			slant = FC_SLANT_ROMAN;
		any = true;
		if ((weight >= FC_WEIGHT_DEMIBOLD) != bold ||
		    (slant != FC_SLANT_ROMAN) != italic)
			continue;
		score = 4 * abs(weight - (bold ? FC_WEIGHT_BOLD :
		    FC_WEIGHT_REGULAR)) + (slant == FC_SLANT_OBLIQUE);
		if (FcPatternGetString(m, FC_FONTFORMAT, 0, &format) ==
		    FcResultMatch && strcmp((const char *)format,
		    "TrueType") != 0)
			score += 10000;
		if (FcPatternGetInteger(m, FC_FONTVERSION, 0, &version) !=
		    FcResultMatch)
			version = 0;
		if (best_file == NULL || score < best_score ||
		    (score == best_score && (version > best_version ||
		    (version == best_version && strcmp((const char *)file,
		    (const char *)best_file) < 0)))) {
			best_file = file;
			best_score = score;
			best_index = idx;
			best_version = version;
		}
	}
	if (best_file != NULL) {
		*path = xstrdup((const char *)best_file);
		*index = best_index;
	}
	return best_file != NULL ? MATCH_OK : any ? MATCH_NO_STYLE :
	    MATCH_NO_FAMILY;
}

static enum match_result
find_face(struct fonts *f, enum font_face face, char **path, int *index)
{
	enum match_result r = MATCH_NO_FAMILY;

	if (f->fc == NULL) {
		f->fc_fast = getenv("FONTCONFIG_FILE") == NULL &&
		    getenv("FONTCONFIG_PATH") == NULL;
		f->fc = config_load(f->fc_fast);
		if (f->fc == NULL && f->fc_fast) {
			f->fc_fast = false;
			f->fc = config_load(false);
		}
	}
	if (f->fc != NULL) {
		if (f->listed == NULL)
			f->listed = list_family(f->fc, f->family);
		r = match_face(f->listed, f->family, face, path, index);
	}
	if (r != MATCH_OK && f->fc_fast) {
		if (f->listed != NULL)
			FcFontSetDestroy(f->listed);
		f->listed = NULL;
		FcConfigDestroy(f->fc);
		f->fc_fast = false;
		f->fc = config_load(false);
		if (f->fc != NULL) {
			f->listed = list_family(f->fc, f->family);
			r = match_face(f->listed, f->family, face, path, index);
		}
	}
	return r;
}

static bool
invalid(struct fonts *f, struct face *fc, const char *why)
{
	diag(f->ds, F_FONT_INVALID, NULL, f->family, fc->path, why);
	return false;
}

/* The table directory of the face at INDEX (a collection has several). */
static bool
read_tables(struct fonts *f, struct face *fc, int index)
{
	const uint8_t *d = fc->map, *rec;
	size_t len = fc->map_len, dir = 0, i, k;
	unsigned ntables;
	uint32_t tag, off, tlen;

	if (len < 12)
		return invalid(f, fc, "fichier tronqué");
	if (be32(d) == tag32("ttcf")) {
		if (index < 0 || len < 12 + 4 * ((size_t)index + 1) ||
		    (uint32_t)index >= be32(d + 8))
			return invalid(f, fc, "collection sans cette police");
		dir = be32(d + 12 + 4 * (size_t)index);
	}
	if (dir > len - 12)
		return invalid(f, fc, "fichier tronqué");
	if (be32(d + dir) != 0x00010000 && be32(d + dir) != tag32("true"))
		return invalid(f, fc, "ce n'est pas une police TrueType "
		    "(contours « glyf » attendus, pas CFF)");
	ntables = be16(d + dir + 4);
	if (ntables > (len - dir - 12) / 16)
		return invalid(f, fc, "fichier tronqué");
	for (i = 0; i < ntables; i++) {
		rec = d + dir + 12 + 16 * i;
		tag = be32(rec);
		off = be32(rec + 8);
		tlen = be32(rec + 12);
		if (off > len || tlen > len - off)
			return invalid(f, fc, "table hors du fichier");
		for (k = 0; k < T__COUNT; k++)
			if (tag == tag32(table_tags[k])) {
				fc->t[k].tag = tag;
				fc->t[k].data = d + off;
				fc->t[k].len = tlen;
			}
	}
	for (k = 0; k < T__COUNT; k++) {
		if (fc->t[k].data != NULL || k == T_CVT || k == T_FPGM ||
		    k == T_PREP)
			continue;
		if (k == T_GLYF || k == T_LOCA)
			return invalid(f, fc, "ce n'est pas une police TrueType "
			    "(contours « glyf » attendus, pas CFF)");
		return invalid(f, fc, "table obligatoire absente");
	}
	if (fc->t[T_HEAD].len < 54 || fc->t[T_HHEA].len < 36 ||
	    fc->t[T_MAXP].len < 32 || fc->t[T_POST].len < 32 ||
	    fc->t[T_OS2].len < 10)
		return invalid(f, fc, "table trop courte");
	fc->units_per_em = be16(fc->t[T_HEAD].data + 18);
	fc->long_loca = be16(fc->t[T_HEAD].data + 50) != 0;
	fc->num_glyphs = be16(fc->t[T_MAXP].data + 4);
	fc->num_hmetrics = be16(fc->t[T_HHEA].data + 34);
	if (fc->units_per_em < 16 || fc->num_glyphs == 0 ||
	    fc->num_hmetrics == 0 || fc->num_hmetrics > fc->num_glyphs ||
	    fc->t[T_HMTX].len < 4 * (size_t)fc->num_hmetrics +
	    2 * (size_t)(fc->num_glyphs - fc->num_hmetrics) ||
	    fc->t[T_LOCA].len < (fc->long_loca ? 4u : 2u) *
	    ((size_t)fc->num_glyphs + 1))
		return invalid(f, fc, "métriques incohérentes");
	/* Bit 1 of fsType: restricted licence, no embedding. */
	if ((be16(fc->t[T_OS2].data + 8) & 0x000F) == 0x0002)
		return invalid(f, fc, "sa licence interdit de l'incorporer "
		    "à un PDF");
	return true;
}


bool
fonts_open(struct fonts *f, enum font_face face)
{
	struct face *fc = &f->faces[face];
	struct stat st;
	int fd, index = 0;
	size_t i;

	if (fc->tried)
		return fc->ok;
	fc->tried = true;
	switch (find_face(f, face, &fc->path, &index)) {
	case MATCH_OK:
		break;
	case MATCH_NO_FAMILY:
		diag(f->ds, F_FONT_NOT_FOUND, NULL, f->family);
		return false;
	case MATCH_NO_STYLE:
		diag(f->ds, F_FONT_STYLE, NULL, f->family,
		    fonts_face_label(face));
		return false;
	}
	if ((fd = open(fc->path, O_RDONLY | O_CLOEXEC)) < 0)
		return invalid(f, fc, "illisible");
	if (fstat(fd, &st) != 0 || st.st_size <= 0) {
		close(fd);
		return invalid(f, fc, "illisible");
	}
	if ((uintmax_t)st.st_size <= FONT_READ_MAX) {
		fc->map = read_fd_stat(fd, &st, FONT_READ_MAX, &fc->map_len,
		    NULL);
		if (fc->map != NULL && fc->map_len == 0) {
			free(fc->map);
			fc->map = NULL;
		}
	} else {
		fc->map_len = (size_t)st.st_size;
		fc->map = mmap(NULL, fc->map_len, PROT_READ, MAP_PRIVATE, fd,
		    0);
		if (fc->map == MAP_FAILED)
			fc->map = NULL;
		else
			fc->mapped = true;
	}
	close(fd);
	if (fc->map == NULL)
		return invalid(f, fc, "illisible");
	if (!read_tables(f, fc, index))
		return false;
	/* Which characters the face has: FreeType's answer, from the
	 * same bytes. */
	if ((f->ft == NULL && FT_Init_FreeType(&f->ft) != 0) ||
	    FT_New_Memory_Face(f->ft, fc->map, (FT_Long)fc->map_len, index,
	    &fc->ft) != 0)
		return invalid(f, fc, "FreeType ne peut pas l'ouvrir");
	if (FT_Select_Charmap(fc->ft, FT_ENCODING_UNICODE) != 0)
		return invalid(f, fc, "pas de table de caractères Unicode "
		    "lisible");
	for (i = 0; i < ADV_CACHE; i++)
		fc->cache[i].adv = -1;
	fc->ok = true;
	return true;
}

static unsigned
advance_units(const struct face *fc, unsigned gid)
{
	const uint8_t *h = fc->t[T_HMTX].data;

	if (gid >= fc->num_hmetrics)
		gid = fc->num_hmetrics - 1;
	return be16(h + 4 * (size_t)gid);
}

/* As libharu writes /Widths and /W: truncated, not rounded. */
static int
advance_1000(const struct face *fc, unsigned gid)
{
	unsigned w = gid == 0 ? 0 : advance_units(fc, gid) * 1000u /
	    fc->units_per_em;

	return w > INT16_MAX ? INT16_MAX : (int)w;
}

static unsigned
glyph_index(struct face *fc, uint32_t cp)
{
	size_t s = adv_slot(cp);
	unsigned g;

	if (s < ADV_CACHE && fc->cache[s].adv >= 0)
		return fc->cache[s].gid;
	g = FT_Get_Char_Index(fc->ft, cp);
	if (g >= fc->num_glyphs)
		g = 0;
	if (s < ADV_CACHE) {
		fc->cache[s].gid = (uint16_t)g;
		fc->cache[s].adv = (int16_t)advance_1000(fc, g);
	}
	return g;
}

bool
fonts_ready(const struct fonts *f, enum font_face face)
{
	return f->faces[face].ok;
}

bool
fonts_has_glyph(struct fonts *f, enum font_face face, uint32_t cp)
{
	struct face *fc = &f->faces[face];

	return fc->ok && glyph_index(fc, cp) != 0;
}

int
fonts_advance(struct fonts *f, enum font_face face, uint32_t cp)
{
	struct face *fc = &f->faces[face];
	size_t s = adv_slot(cp);
	unsigned gid;

	if (!fc->ok)
		return 0;
	gid = glyph_index(fc, cp);
	if (s < ADV_CACHE)
		return fc->cache[s].adv;
	return advance_1000(fc, gid);
}

/* Subsetting */

#define MAX_COMPONENTS	64

struct glyphs {
	int32_t		*new_id;	/* by old id; -1 when not kept */
	uint32_t	*old_id;	/* by new id */
	size_t		 len;
};

static void
glyph_keep(struct glyphs *g, unsigned old)
{
	if (g->new_id[old] >= 0)
		return;
	g->new_id[old] = (int32_t)g->len;
	g->old_id[g->len++] = old;
}

static bool
glyph_data(const struct face *fc, unsigned gid, const uint8_t **data,
    size_t *len)
{
	const uint8_t *loca = fc->t[T_LOCA].data;
	size_t a, b;

	if (fc->long_loca) {
		a = be32(loca + 4 * (size_t)gid);
		b = be32(loca + 4 * (size_t)gid + 4);
	} else {
		a = 2 * (size_t)be16(loca + 2 * (size_t)gid);
		b = 2 * (size_t)be16(loca + 2 * (size_t)gid + 2);
	}
	if (a > b || b > fc->t[T_GLYF].len)
		return false;
	*data = fc->t[T_GLYF].data + a;
	*len = b - a;
	return true;
}

#define ARG_1_AND_2_ARE_WORDS	0x0001
#define WE_HAVE_A_SCALE		0x0008
#define MORE_COMPONENTS		0x0020
#define WE_HAVE_AN_X_AND_Y_SCALE 0x0040
#define WE_HAVE_A_TWO_BY_TWO	0x0080
#define WE_HAVE_INSTRUCTIONS	0x0100

/* The offsets of each component's glyph index in a composite glyph,
 * and where its components end; false when the data is damaged. */
static bool
components(const uint8_t *d, size_t len, size_t *offs, size_t *n,
    size_t max, size_t *end)
{
	size_t p = 10;
	unsigned flags;

	*n = 0;
	*end = len;
	if (len < 10 || (int16_t)be16(d) >= 0)
		return true;
	do {
		if (p + 4 > len || *n == max)
			return false;
		flags = be16(d + p);
		offs[(*n)++] = p + 2;
		p += 4;
		p += flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2;
		if (flags & WE_HAVE_A_SCALE)
			p += 2;
		else if (flags & WE_HAVE_AN_X_AND_Y_SCALE)
			p += 4;
		else if (flags & WE_HAVE_A_TWO_BY_TWO)
			p += 8;
	} while (flags & MORE_COMPONENTS);
	*end = p;
	return p <= len;
}

/*
 * A glyph without its hinting instructions, components renumbered.
 * PDF viewers rasterise at any size without TrueType hints (Acrobat
 * and pdf.js ignore them); dropping them, with the fpgm, prep and cvt
 * programs they call, halves the embedded font.
 */
static bool
put_glyph(struct buf *out, const uint8_t *d, size_t len,
    const struct glyphs *g)
{
	size_t offs[MAX_COMPONENTS], n, end, i, start = out->len, ilen;
	int contours;

	if (len == 0)
		return true;
	if (len < 10)
		return false;
	contours = (int16_t)be16(d);
	if (contours >= 0) {
		i = 10 + 2 * (size_t)contours;
		if (i + 2 > len)
			return false;
		ilen = be16(d + i);
		if (i + 2 + ilen > len)
			return false;
		buf_put(out, (const char *)d, i);
		put16(out, 0);
		buf_put(out, (const char *)d + i + 2 + ilen, len - i - 2 - ilen);
		return true;
	}
	if (!components(d, len, offs, &n, MAX_COMPONENTS, &end) || n == 0)
		return false;
	buf_put(out, (const char *)d, end);
	for (i = 0; i < n; i++) {
		set16(out, start + offs[i], (unsigned)g->new_id[be16(d +
		    offs[i])]);
		/* The flags word precedes the glyph index. */
		set16(out, start + offs[i] - 2, be16(d + offs[i] - 2) &
		    ~(unsigned)WE_HAVE_INSTRUCTIONS);
	}
	return true;
}

static void
put_table_copy(struct buf *b, const struct table *t)
{
	if (t->data != NULL)
		buf_put(b, (const char *)t->data, t->len);
}

/* The name table reduced to what identifies the font: family, style,
 * unique and full names, version and PostScript name, in the Windows
 * Unicode records that PDF tools read (and the Macintosh ones when
 * there are no others). */
static void
put_name(struct buf *b, const struct table *t)
{
	const uint8_t *d = t->data, *rec;
	size_t count, soff, i, start, nrec = 0, hdr, pass;
	unsigned platform, id, len, off;
	struct buf strings;

	if (t->len < 6)
		goto copy;
	count = be16(d + 2);
	soff = be16(d + 4);
	if (6 + 12 * count > t->len || soff > t->len)
		goto copy;
	buf_init(&strings);
	start = b->len;
	put16(b, 0);
	put16(b, 0);		/* count, set below */
	put16(b, 0);		/* string offset, set below */
	hdr = b->len;
	for (pass = 0; pass < 2 && nrec == 0; pass++)
		for (i = 0; i < count; i++) {
			rec = d + 6 + 12 * i;
			platform = be16(rec);
			id = be16(rec + 6);
			len = be16(rec + 8);
			off = be16(rec + 10);
			if (platform != (pass == 0 ? 3u : 1u) || id > 6 ||
			    id == 0 || soff + off + len > t->len)
				continue;
			buf_put(b, (const char *)rec, 8);
			put16(b, len);
			put16(b, (unsigned)strings.len);
			buf_put(&strings, (const char *)d + soff + off, len);
			nrec++;
		}
	set16(b, start + 2, (unsigned)nrec);
	set16(b, start + 4, (unsigned)(6 + 12 * nrec));
	(void)hdr;
	buf_put(b, strings.data != NULL ? strings.data : "", strings.len);
	buf_free(&strings);
	return;
copy:
	put_table_copy(b, t);
}

struct cmap_pair {
	uint32_t	cp;
	uint32_t	gid;
};

/* Format 4, the one libharu reads: one segment per run of code points
 * whose glyphs are consecutive too, then the final 0xFFFF segment. */
static void
put_cmap(struct buf *b, const struct cmap_pair *pairs, size_t n)
{
	size_t i, j, nseg = 0, sub;
	uint16_t *ends, *starts, *deltas;
	unsigned seg2, range, sel;

	ends = xcalloc(n + 1, sizeof(*ends));
	starts = xcalloc(n + 1, sizeof(*starts));
	deltas = xcalloc(n + 1, sizeof(*deltas));
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && pairs[j].cp == pairs[j - 1].cp + 1 &&
		    pairs[j].gid == pairs[j - 1].gid + 1; j++)
			;
		starts[nseg] = (uint16_t)pairs[i].cp;
		ends[nseg] = (uint16_t)pairs[j - 1].cp;
		deltas[nseg] = (uint16_t)(pairs[i].gid - pairs[i].cp);
		nseg++;
	}
	starts[nseg] = ends[nseg] = 0xFFFF;
	deltas[nseg] = 1;
	nseg++;
	for (range = 1, sel = 0; range * 2 <= nseg; range *= 2, sel++)
		;
	seg2 = (unsigned)nseg * 2;
	put16(b, 0);		/* version */
	put16(b, 1);		/* one subtable */
	put16(b, 3);		/* Windows */
	put16(b, 1);		/* Unicode BMP */
	put32(b, 12);
	sub = b->len;
	put16(b, 4);
	put16(b, 0);		/* length, set below */
	put16(b, 0);		/* language */
	put16(b, seg2);
	put16(b, range * 2);
	put16(b, sel);
	put16(b, seg2 - range * 2);
	for (i = 0; i < nseg; i++)
		put16(b, ends[i]);
	put16(b, 0);
	for (i = 0; i < nseg; i++)
		put16(b, starts[i]);
	for (i = 0; i < nseg; i++)
		put16(b, deltas[i]);
	for (i = 0; i < nseg; i++)
		put16(b, 0);
	set16(b, sub + 2, (unsigned)(b->len - sub));
	free(ends);
	free(starts);
	free(deltas);
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct cmap_pair *x = a, *y = b;

	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

static uint32_t
checksum(const char *data, size_t len)
{
	const uint8_t *d = (const uint8_t *)data;
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4)
		sum += be32(d + i);
	if (i < len) {
		uint8_t last[4] = { 0, 0, 0, 0 };

		memcpy(last, d + i, len - i);
		sum += be32(last);
	}
	return sum;
}

bool
fonts_subset(struct fonts *f, enum font_face face, const uint32_t *cps,
    size_t n, struct buf *out)
{
	struct face *fc = &f->faces[face];
	struct glyphs g;
	struct cmap_pair *pairs;
	struct buf tb[T__COUNT];
	size_t npairs = 0, i, k, todo, offs[MAX_COMPONENTS], ncomp, dir, end;
	const uint8_t *gd;
	size_t glen;
	unsigned gid, nglyphs, adv;
	const uint8_t *hmtx;
	uint32_t total;
	bool ok = true;

	if (!fc->ok)
		return false;
	g.new_id = xreallocarray(NULL, fc->num_glyphs, sizeof(*g.new_id));
	g.old_id = xreallocarray(NULL, fc->num_glyphs, sizeof(*g.old_id));
	g.len = 0;
	for (i = 0; i < fc->num_glyphs; i++)
		g.new_id[i] = -1;
	glyph_keep(&g, 0);
	/* Mapped glyphs in code point order, so that runs of letters get
	 * consecutive ids and the cmap few segments. */
	pairs = xcalloc(n + 2, sizeof(*pairs));
	for (i = 0; i < n; i++)
		if (cps[i] <= 0xFFFF) {
			pairs[npairs].cp = cps[i];
			pairs[npairs].gid = glyph_index(fc, cps[i]);
			npairs++;
		}
	/* libharu measures H and x for the descriptor's cap and x-heights. */
	pairs[npairs].cp = 'H';
	pairs[npairs].gid = glyph_index(fc, 'H');
	npairs++;
	pairs[npairs].cp = 'x';
	pairs[npairs].gid = glyph_index(fc, 'x');
	npairs++;
	qsort(pairs, npairs, sizeof(*pairs), cmp_pair);
	for (i = 0, k = 0; i < npairs; i++) {
		if (pairs[i].gid == 0 || (k > 0 && pairs[k - 1].cp ==
		    pairs[i].cp))
			continue;
		glyph_keep(&g, pairs[i].gid);
		pairs[k].cp = pairs[i].cp;
		pairs[k].gid = (uint32_t)g.new_id[pairs[i].gid];
		k++;
	}
	npairs = k;
	/* Components of composite glyphs, transitively. */
	for (todo = 0; todo < g.len && ok; todo++) {
		if (!glyph_data(fc, g.old_id[todo], &gd, &glen) ||
		    !components(gd, glen, offs, &ncomp, MAX_COMPONENTS,
		    &end)) {
			ok = false;
			break;
		}
		for (k = 0; k < ncomp; k++) {
			gid = be16(gd + offs[k]);
			if (gid >= fc->num_glyphs) {
				ok = false;
				break;
			}
			glyph_keep(&g, gid);
		}
	}
	nglyphs = (unsigned)g.len;
	for (i = 0; i < T__COUNT; i++)
		buf_init(&tb[i]);
	if (ok) {
		/* glyf and loca (long offsets), component ids renumbered. */
		for (i = 0; i < nglyphs; i++) {
			put32(&tb[T_LOCA], (uint32_t)tb[T_GLYF].len);
			glyph_data(fc, g.old_id[i], &gd, &glen);
			if (!put_glyph(&tb[T_GLYF], gd, glen, &g)) {
				ok = false;
				break;
			}
			while (tb[T_GLYF].len % 4 != 0)
				buf_putc(&tb[T_GLYF], 0);
		}
		put32(&tb[T_LOCA], (uint32_t)tb[T_GLYF].len);
		/* hmtx: every glyph with its own advance. */
		hmtx = fc->t[T_HMTX].data;
		for (i = 0; i < nglyphs; i++) {
			gid = g.old_id[i];
			adv = advance_units(fc, gid);
			put16(&tb[T_HMTX], adv);
			if (gid < fc->num_hmetrics)
				put16(&tb[T_HMTX], be16(hmtx + 4 * (size_t)gid + 2));
			else
				put16(&tb[T_HMTX], be16(hmtx + 4 *
				    (size_t)fc->num_hmetrics + 2 *
				    (size_t)(gid - fc->num_hmetrics)));
		}
		put_cmap(&tb[T_CMAP], pairs, npairs);
		put_table_copy(&tb[T_HEAD], &fc->t[T_HEAD]);
		set32(&tb[T_HEAD], 8, 0);		/* checkSumAdjustment */
		set16(&tb[T_HEAD], 50, 1);		/* long loca */
		put_table_copy(&tb[T_HHEA], &fc->t[T_HHEA]);
		set16(&tb[T_HHEA], 34, nglyphs);
		put_table_copy(&tb[T_MAXP], &fc->t[T_MAXP]);
		set16(&tb[T_MAXP], 4, nglyphs);
		/* post format 3: no glyph names. */
		buf_put(&tb[T_POST], (const char *)fc->t[T_POST].data, 32);
		set32(&tb[T_POST], 0, 0x00030000);
		for (i = 16; i < 32; i++)
			tb[T_POST].data[i] = 0;
		put_table_copy(&tb[T_OS2], &fc->t[T_OS2]);
		put_name(&tb[T_NAME], &fc->t[T_NAME]);
		/* cvt, fpgm and prep stay empty: no hints (put_glyph).
		 * libharu 2.3.0 wants the three tables all the same. */

		/* The file: offset table, directory, tables padded to 4. */
		dir = out->len;
		put32(out, 0x00010000);
		put16(out, T__COUNT);
		put16(out, 128);	/* searchRange: 8 * 16 */
		put16(out, 3);		/* entrySelector */
		put16(out, T__COUNT * 16 - 128);
		total = 12 + 16 * T__COUNT;
		for (i = 0; i < T__COUNT; i++) {
			put32(out, tag32(table_tags[i]));
			put32(out, checksum(tb[i].data, tb[i].len));
			/* An empty table points inside the file all the
			 * same: readers seek there before reading nothing. */
			put32(out, tb[i].len > 0 ? total : 12 + 16 * T__COUNT);
			put32(out, (uint32_t)tb[i].len);
			total += (uint32_t)((tb[i].len + 3) & ~(size_t)3);
		}
		for (i = 0; i < T__COUNT; i++) {
			buf_put(out, tb[i].data != NULL ? tb[i].data : "",
			    tb[i].len);
			while ((out->len - dir) % 4 != 0)
				buf_putc(out, 0);
		}
		/* head.checkSumAdjustment over the whole file. */
		for (i = 0; i < T__COUNT; i++)
			if (i == T_HEAD)
				set32(out, dir + be32((const uint8_t *)out->data +
				    dir + 12 + 16 * i + 8) + 8, 0xB1B0AFBA -
				    checksum(out->data + dir, out->len - dir));
	}
	for (i = 0; i < T__COUNT; i++)
		buf_free(&tb[i]);
	free(pairs);
	free(g.new_id);
	free(g.old_id);
	if (!ok)
		return invalid(f, fc, "contours de caractères endommagés");
	return true;
}
