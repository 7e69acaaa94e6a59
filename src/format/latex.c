/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/latex.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "base/diag.h"
#include "format/backend.h"

/*
 * LaTeX backend: the same walk over the document as the HTML one, one
 * function per block kind.  The output is meant to be kept and edited
 * by an agency, so the body only uses a handful of \lgc... commands
 * (headings, cross-references, signatures) that are defined with
 * \providecommand: a host document or a --preambule file may define
 * them first to change the layout.
 *
 * Every string from the document goes through latex_escape, since
 * names and texts are client data: nothing in them can become a TeX
 * command.  The .tex compiles with pdflatex (texlive-latex-base,
 * texlive-lang-french, lmodern), xelatex and lualatex.
 *
 * Characters: pdflatex stops with "Unicode character not set up" on
 * any code point its input encodings do not declare, and xelatex and
 * lualatex silently drop those the font lacks.  So latex_escape writes
 * as is only the code points checked to work in all three engines with
 * the default fonts (table below), maps spaces, dashes and invisible
 * characters to their LaTeX forms, and writes every other code point
 * as \lgcchar{HEX}{c}.  lgc decides at build time what the engines
 * will print: by default (--moteur pdflatex) the .tex is for all three
 * engines and any other code point is an error, once per value, with
 * the value's JSON path (the document's runs carry their origin); with
 * --moteur xelatex or lualatex, fontspec is loaded and each code point
 * Latin Modern lacks is set in a font fontconfig finds (\lgcpolice),
 * right-to-left scripts in \lgcrtl; what no installed font has is an
 * error.  A contract never comes out with codes in place of a name.
 * \lgcchar's own fallback, [U+HEX], is for hand-edited files.
 */

/* The main font of xelatex and lualatex with fontspec, whose coverage
 * decides which characters need another font. */
#define LATEX_MAIN_FONT	"Latin Modern Roman"

/* Characters listed in one error; more are counted. */
#define MAX_BAD		8

enum script {
	SCRIPT_NONE,
	SCRIPT_ARABIC,
	SCRIPT_HEBREW
};

/* A font for what Latin Modern lacks: \lgcpolice{A}, \lgcpolice{B}… */
struct family {
	char		*name;
	int		 script;	/* enum script: a right-to-left one */
};

/* The family fontconfig chose for a code point (-2: none). */
struct chosen {
	uint32_t	 cp;
	int		 family;
};

/* How text is escaped for the chosen engines, and what it could not
 * print. */
struct esc {
	bool		 unicode;	/* --moteur xelatex or lualatex */
	FcConfig	*fc;		/* on first need */
	bool		 fc_failed;
	FcCharSet	*main;		/* Latin Modern's characters */
	bool		 main_failed;
	struct family	*families;
	size_t		 nfamilies;
	struct chosen	*cache;
	size_t		 ncache;
	int		 open;		/* the font group open, or -1 */
	uint32_t	 bad[MAX_BAD];	/* of the value being escaped */
	size_t		 nbad;
	bool		 more_bad;
};

struct latex {
	bool	 fragment;
	char	*preamble;	/* --preambule contents, or NULL */
	char	*generator;
	struct esc esc;
	struct diags *ds;
	struct ptrvec reported;	/* values already reported (their path) */
	bool	 failed;
};

/* What the body walk needs besides the output. */
struct lctx {
	struct buf		*out;
	struct latex		*l;
	struct esc		*esc;
	const struct doc	*doc;
	int			 itemize;	/* open itemize environments */
	int			 enumerate;	/* open enumerate environments */
};

enum inline_style {
	INLINE_BOLD,
	INLINE_ITALIC,
	INLINE_DRAFT,
	INLINE_SUP
};

/*
 * Code points written as UTF-8: declared by LaTeX's utf8 input encoding
 * for T1/TS1 under pdflatex, and present in Latin Modern for xelatex
 * and lualatex (checked in regular, bold and italic).  Sorted ranges.
 */
static const struct {
	uint32_t	lo, hi;
} verbatim_ranges[] = {
	{ 0x00A1, 0x00AC }, { 0x00AE, 0x0125 }, { 0x0128, 0x0137 },
	{ 0x0139, 0x013E }, { 0x0141, 0x0148 }, { 0x014A, 0x0165 },
	{ 0x0168, 0x017E }, { 0x0192, 0x0192 }, { 0x01CD, 0x01D4 },
	{ 0x01E6, 0x01E7 }, { 0x01EA, 0x01EB }, { 0x01F0, 0x01F0 },
	{ 0x01F4, 0x01F5 }, { 0x0218, 0x021B }, { 0x0237, 0x0237 },
	{ 0x02C6, 0x02C7 }, { 0x02D8, 0x02D9 }, { 0x02DB, 0x02DD },
	{ 0x1E0D, 0x1E0D }, { 0x1E25, 0x1E25 }, { 0x1E37, 0x1E37 },
	{ 0x1E43, 0x1E43 }, { 0x1E45, 0x1E45 }, { 0x1E47, 0x1E47 },
	{ 0x1E5B, 0x1E5B }, { 0x1E63, 0x1E63 }, { 0x1E6D, 0x1E6D },
	{ 0x1EF2, 0x1EF3 }, { 0x2013, 0x2014 }, { 0x2016, 0x2016 },
	{ 0x2018, 0x201A }, { 0x201C, 0x201E }, { 0x2020, 0x2022 },
	{ 0x2026, 0x2026 }, { 0x2030, 0x2031 }, { 0x2039, 0x203B },
	{ 0x203D, 0x203D }, { 0x2044, 0x2044 }, { 0x2052, 0x2052 },
	{ 0x20A1, 0x20A1 }, { 0x20A4, 0x20A4 }, { 0x20A6, 0x20A6 },
	{ 0x20A9, 0x20A9 }, { 0x20AB, 0x20AC }, { 0x20B1, 0x20B1 },
	{ 0x2103, 0x2103 }, { 0x2116, 0x2117 }, { 0x211E, 0x211E },
	{ 0x2120, 0x2120 }, { 0x2122, 0x2122 }, { 0x2126, 0x2127 },
	{ 0x212E, 0x212E }, { 0x2190, 0x2193 }, { 0x2329, 0x232A },
	{ 0x2422, 0x2423 }, { 0x25E6, 0x25E6 }, { 0x266A, 0x266A },
	{ 0xFB00, 0xFB04 },
};

/* Combining accents after an ASCII letter (decomposed input, as macOS
 * writes it) become the LaTeX accent commands, which every engine and
 * encoding knows. */
static const struct {
	uint32_t	 cp;
	const char	*command;
} accents[] = {
	{ 0x0300, "\\`" }, { 0x0301, "\\'" }, { 0x0302, "\\^" },
	{ 0x0303, "\\~" }, { 0x0304, "\\=" }, { 0x0306, "\\u" },
	{ 0x0307, "\\." }, { 0x0308, "\\\"" }, { 0x030A, "\\r" },
	{ 0x030B, "\\H" }, { 0x030C, "\\v" }, { 0x0323, "\\d" },
	{ 0x0327, "\\c" }, { 0x0328, "\\k" }, { 0x0331, "\\b" },
};

/* At most this many accents on one letter; more is not text. */
#define MAX_ACCENTS 4

/*
 * The lgc commands, shared by the standalone document, a --preambule
 * one and a fragment.  \providecommand lets a class or preamble that
 * defined them first win.
 */
static const char lgc_commands[] =
"% Commandes lgc. Pour changer la mise en page, d\xc3\xa9" "finissez-les\n"
"% avant ce bloc (classe, pr\xc3\xa9" "ambule) : celles d\xc3\xa9j\xc3\xa0 "
"d\xc3\xa9" "finies sont gard\xc3\xa9" "es.\n"
"\\makeatletter\n"
"\\providecommand\\lgctitre[1]{{\\centering\\LARGE\\bfseries #1\\par}"
"\\bigskip}\n"
"% {num\xc3\xa9ro}{\xc3\xa9tiquette} : cible des renvois ; \\ref donne le "
"num\xc3\xa9ro.\n"
"\\providecommand*\\lgcancre[2]{\\protected@edef\\@currentlabel{#1}%\n"
"  \\ifdefined\\phantomsection\\phantomsection\\fi\\label{#2}}\n"
"% {1, 2 ou 3}{texte}{\xc3\xa9tiquette} : le signet du PDF (hyperref), avant le titre.\n"
"\\providecommand\\lgcsignet[3]{\\ifdefined\\pdfbookmark\\pdfbookmark[#1]{#2}{#3}\\fi}\n"
"% {libell\xc3\xa9}{s\xc3\xa9parateur}{titre} : le s\xc3\xa9parateur "
"seulement entre les deux.\n"
"\\providecommand\\lgcnumero[3]{#1\\if\\relax\\detokenize{#1}\\relax\\else\n"
"  \\if\\relax\\detokenize{#3}\\relax\\else#2\\fi\\fi#3}\n"
"% {libell\xc3\xa9}{num\xc3\xa9ro}{\xc3\xa9tiquette}{titre} ; libell\xc3\xa9 "
"et num\xc3\xa9ro vides : titre non num\xc3\xa9rot\xc3\xa9.\n"
"\\providecommand\\lgcarticle[4]{\\section*{\\lgcancre{#2}{#3}%\n"
"  \\lgcnumero{#1}{~\\textendash\\ }{#4}}}\n"
"\\providecommand\\lgcsousarticle[4]{\\subsection*{\\lgcancre{#2}{#3}%\n"
"  \\lgcnumero{#1}{ }{#4}}}\n"
"\\providecommand\\lgcsoussousarticle[4]{\\subsubsection*{"
"\\lgcancre{#2}{#3}%\n"
"  \\lgcnumero{#1}{ }{#4}}}\n"
"% {\xc3\xa9tiquette}{texte} : le texte, puis le num\xc3\xa9ro de "
"l'article vis\xc3\xa9.\n"
"\\providecommand\\lgcrenvoi[2]{\\ifdefined\\hyperref\n"
"  \\expandafter\\@firstoftwo\\else\\expandafter\\@secondoftwo\\fi\n"
"  {\\hyperref[#1]{#2\\ref*{#1}}}{#2\\ref{#1}}}\n"
"% {partie}{repr\xc3\xa9sentant} : un bloc de signature ; "
"\\lgcsignatures les garde\n"
"% ensemble, sur une seule page.\n"
"\\providecommand\\lgcpartie[2]{\\begin{minipage}[t]{0.47\\linewidth}"
"\\raggedright\n"
"  \\textbf{#1}\\par\\if\\relax\\detokenize{#2}\\relax\\else#2\\par\\fi\n"
"  \\medskip Signature~:\\par\\vspace{4\\baselineskip}\n"
"  \\noindent\\rule{\\linewidth}{0.4pt}\\par\\medskip Date~:"
"\\end{minipage}}\n"
"\\providecommand\\lgcsignatures[1]{\\par\\bigskip\\noindent\n"
"  \\begin{minipage}{\\linewidth}\\setlength{\\parskip}{0pt}#1"
"\\end{minipage}\\par}\n"
"% {code hexad\xc3\xa9" "cimal}{caract\xc3\xa8re} : un caract\xc3\xa8re "
"que la police ou pdflatex\n"
"% peut ne pas conna\xc3\xae" "tre ; \\lgcmanquant s'imprime \xc3\xa0 "
"sa place.\n"
"\\providecommand\\lgcmanquant[1]{[U+#1]}\n"
"% Coupure sans tiret dans un mot trop long pour la ligne (jeton, IBAN).\n"
"\\providecommand\\lgccoupure{\\penalty100\\relax}\n"
"% --brouillon : valeur manquante ou branche, encadr\xc3\xa9" "e pour la relecture.\n"
"\\providecommand\\lgcbrouillon[1]{\\fbox{\\sffamily\\small #1}}\n"
"\\ifx\\lgcchar\\undefined\\ifx\\XeTeXrevision\\undefined"
"\\ifx\\directlua\\undefined\n"
"  \\def\\lgcchar#1#2{\\ifcsname u8:\\detokenize{#2}\\endcsname#2"
"\\else\\lgcmanquant{#1}\\fi}\n"
"\\fi\\fi\\fi\n"
"\\providecommand\\lgcchar[2]{\\iffontchar\\font\"#1\\relax"
"\\char\"#1\\relax\n"
"  \\else\\lgcmanquant{#1}\\fi}\n"
"\\makeatother\n";

/*
 * The commands of the letter layout, only in a document that uses them,
 * so that a contract's LaTeX stays as it was.
 */
static const char letter_commands[] =
"% Lettre : lieu et date \xc3\xa0 droite, \xc2\xab Fait \xc3\xa0 \xe2\x80\xa6 "
"\xc2\xbb au-dessus des signatures,\n"
"% signature pr\xc3\xa9" "c\xc3\xa9" "d\xc3\xa9" "e d'une mention "
"manuscrite.\n"
"\\providecommand\\lgcdroite[1]{{\\raggedleft #1\\par}\\bigskip}\n"
"\\providecommand\\lgcfait[1]{#1\\par\\medskip}\n"
"% {partie}{repr\xc3\xa9sentant}{signature et mention} : \\lgcpartie "
"avec sa mention.\n"
"\\providecommand\\lgcpartiemention[3]{\\begin{minipage}[t]"
"{0.47\\linewidth}\\raggedright\n"
"  \\textbf{#1}\\par\\if\\relax\\detokenize{#2}\\relax\\else#2\\par\\fi\n"
"  \\medskip #3~:\\par\\vspace{4\\baselineskip}\n"
"  \\noindent\\rule{\\linewidth}{0.4pt}\\par\\medskip Date~:"
"\\end{minipage}}\n";

/*
 * The default preamble: only packages of texlive-latex-base,
 * texlive-lang-french and lmodern under pdflatex; xelatex and lualatex
 * use the kernel's Unicode fonts (Latin Modern) without fontspec.
 * The title is inserted between the two halves.
 */
static const char preamble_head[] =
"\\documentclass[a4paper,11pt]{article}\n"
"\\usepackage{iftex}\n"
"\\ifPDFTeX\n"
"  \\usepackage[T1]{fontenc}\n"
"  \\usepackage[utf8]{inputenc}\n"
"  \\usepackage{lmodern}\n"
"  % Espaces et signes que pdflatex ne conna\xc3\xaet pas d'office "
"(texte saisi \xc3\xa0 la main).\n"
"  \\DeclareUnicodeCharacter{2002}{\\enspace}\n"
"  \\DeclareUnicodeCharacter{2003}{\\quad}\n"
"  \\DeclareUnicodeCharacter{2007}{~}\n"
"  \\DeclareUnicodeCharacter{2009}{\\,}\n"
"  \\DeclareUnicodeCharacter{200A}{\\,}\n"
"  \\DeclareUnicodeCharacter{200B}{\\hspace{0pt}}\n"
"  \\DeclareUnicodeCharacter{200D}{}\n"
"  \\DeclareUnicodeCharacter{202F}{\\,}\n"
"  \\DeclareUnicodeCharacter{2060}{\\nobreak}\n"
"  \\DeclareUnicodeCharacter{2212}{\\textminus}\n"
"  \\DeclareUnicodeCharacter{FEFF}{}\n"
"\\fi\n"
"\\usepackage[french]{babel}\n"
"% lgc place d\xc3\xa9j\xc3\xa0 les espaces ins\xc3\xa9" "cables "
"de la typographie fran\xc3\xa7" "aise.\n"
"\\frenchsetup{AutoSpacePunctuation=false, StandardLists=true}\n"
"\\usepackage[a4paper,top=2.5cm,bottom=2.5cm,left=2.2cm,right=2.2cm,\n"
"  headheight=14pt]{geometry}\n"
"\\setlength{\\parindent}{0pt}\n"
"\\setlength{\\parskip}{0.6\\baselineskip plus 2pt}\n"
"\\emergencystretch=2em\n"
"\\makeatletter\n"
"% Listes serr\xc3\xa9" "es comme dans le PDF de lgc : un \xc3\xa9l\xc3\xa9ment "
"d'une ligne tous les\n% 17,6 pt (13,6 + 4 ; le PDF : 14,6 + 3), un tiret\n"
"% demi-cadratin (usage fran\xc3\xa7" "ais) \xc3\xa0 toute profondeur.\n"
"\\def\\lgc@liste{\\topsep\\z@\\partopsep\\z@\\parsep\\z@"
"\\itemsep4pt\\relax}\n"
"\\def\\@listi{\\leftmargin\\leftmargini\\lgc@liste}\\let\\@listI\\@listi\n"
"\\def\\@listii{\\leftmargin\\leftmarginii\\labelwidth\\leftmarginii\n"
"  \\advance\\labelwidth-\\labelsep\\lgc@liste}\n"
"\\def\\@listiii{\\leftmargin\\leftmarginiii\\labelwidth\\leftmarginiii\n"
"  \\advance\\labelwidth-\\labelsep\\lgc@liste}\n"
"\\renewcommand\\labelitemi{\\textendash}\n"
"\\renewcommand\\labelitemii{\\textendash}\n"
"\\renewcommand\\labelitemiii{\\textendash}\n"
"\\renewcommand\\labelitemiv{\\textendash}\n"
"\\renewcommand\\section{\\@startsection{section}{1}{\\z@}"
"{-3ex \\@plus -1ex \\@minus -.2ex}\n"
"  {1ex \\@plus .2ex}{\\normalfont\\large\\bfseries}}\n"
"\\renewcommand\\subsection{\\@startsection{subsection}{2}{\\z@}"
"{-2.5ex \\@plus -1ex \\@minus -.2ex}\n"
"  {.8ex \\@plus .2ex}{\\normalfont\\normalsize\\bfseries}}\n"
"\\renewcommand\\subsubsection{\\@startsection{subsubsection}{3}{\\z@}"
"{-2ex \\@plus -1ex \\@minus -.2ex}\n"
"  {.5ex \\@plus .2ex}{\\normalfont\\normalsize\\itshape}}\n"
"\\makeatother\n"
"\\newcommand\\lgctitrecourant{";

static const char preamble_tail[] =
"}\n"
"\\usepackage{fancyhdr}\n"
"\\pagestyle{fancy}\n"
"\\fancyhf{}\n"
"\\fancyhead[C]{\\small\\itshape\\lgcentete}\n"
"\\fancyfoot[C]{\\small Page~\\thepage{} sur~\\pageref{lgc-derniere-page}}\n"
"% Comme le PDF de lgc : pas d'en-t\xc3\xaate sur la premi\xc3\xa8re page, "
"qui porte le titre.\n"
"\\fancypagestyle{lgcpremiere}{\\fancyhf{}\\renewcommand\\headrulewidth{0pt}%\n"
"  \\fancyfoot[C]{\\small Page~\\thepage{} sur~\\pageref{lgc-derniere-page}}}\n"
"\\AtBeginDocument{\\thispagestyle{lgcpremiere}}\n"
"% Sous xelatex, hyperref demande la police pzdr "
"(texlive-fonts-recommended) :\n"
"% sans elle, le contrat se compile sans liens, son titre gard\xc3\xa9 "
"dans le PDF.\n"
"\\newif\\iflgcliens\\lgclienstrue\n"
"\\ifXeTeX{\\suppressfontnotfounderror=1 \\font\\lgcpzdr=pzdr at 1sp\\relax\n"
"  \\ifx\\lgcpzdr\\nullfont\\global\\lgcliensfalse\\fi}\\fi\n"
"\\iflgcliens\n"
"  \\usepackage[unicode]{hyperref}\n"
"  \\pdfstringdefDisableCommands{\\def\\lgcchar#1#2{#2}\\def\\,{ }"
"\\def\\mbox#1{#1}%\n"
"    \\def\\lgcpolice#1#2{#2}\\def\\lgcrtl#1{#1}\\def\\lgccoupure{}"
"\\def\\allowbreak{}%\n"
"    \\def\\-{}}\n"
"  \\hypersetup{pdftitle={\\lgctitrecourant}, pdflang={fr-FR}, "
"hidelinks,\n"
"    bookmarksopen, pdfcreator={";

static void	render_blocks(struct lctx *, const struct doc_blocks *);

static bool
is_verbatim(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(verbatim_ranges) / sizeof(verbatim_ranges[0]);
	size_t mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < verbatim_ranges[mid].lo)
			hi = mid;
		else if (cp > verbatim_ranges[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static const char *
accent_command(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof(accents) / sizeof(accents[0]); i++)
		if (accents[i].cp == cp)
			return accents[i].command;
	return NULL;
}

/* Invisible characters: direction marks, joiners, variation selectors,
 * controls.  HTML does not show them either. */
static bool
is_dropped(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	    (cp >= 0x200C && cp <= 0x200F) ||
	    (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x2066 && cp <= 0x206F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
	    (cp >= 0xE0000 && cp <= 0xE0FFF);
}

/* The character a code point is typeset as, for ligature checks. */
static uint32_t
typeset_as(uint32_t cp)
{
	switch (cp) {
	case 0x2010:
		return '-';
	case 0x2012:
		return 0x2013;
	default:
		return cp;
	}
}

/* Pairs that the T1 fonts or the engines' TeX ligatures ("tlig") would
 * merge: -- ,, << >> ‘‘ ’’ !‘ ?‘ –-.  Data must print as written. */
static bool
forms_ligature(uint32_t a, uint32_t b)
{
	a = typeset_as(a);
	b = typeset_as(b);
	if (a == b)
		return a == '-' || a == ',' || a == '<' || a == '>' ||
		    a == 0x2018 || a == 0x2019;
	return (b == 0x2018 && (a == '!' || a == '?')) ||
	    (a == 0x2013 && b == '-');
}

/* Returns false when CP is dropped (nothing written). */
static bool
escape_cp(struct buf *b, uint32_t cp, const char *raw, size_t rawlen,
    bool in_font)
{
	const char *rep = NULL;

	if (cp < 0x80) {
		switch (cp) {
		case '\\':
			rep = "\\textbackslash{}";
			break;
		case '{':
			rep = "\\{";
			break;
		case '}':
			rep = "\\}";
			break;
		case '$':
			rep = "\\$";
			break;
		case '&':
			rep = "\\&";
			break;
		case '#':
			rep = "\\#";
			break;
		case '%':
			rep = "\\%";
			break;
		case '_':
			rep = "\\_";
			break;
		case '^':
			rep = "\\textasciicircum{}";
			break;
		case '~':
			rep = "\\textasciitilde{}";
			break;
		case '<':
			rep = "\\textless{}";
			break;
		case '>':
			rep = "\\textgreater{}";
			break;
		case '|':
			rep = "\\textbar{}";
			break;
		case '"':
			rep = "\\textquotedbl{}";
			break;
		case '\'':
			rep = "\\textquotesingle{}";
			break;
		case '`':
			rep = "\\textasciigrave{}";
			break;
		case '[':
			/* Never an optional argument of what precedes. */
			rep = "{[}";
			break;
		case ']':
			rep = "{]}";
			break;
		case '\t':
		case '\n':
		case '\v':
		case '\f':
		case '\r':
			/* A blank line would end the paragraph. */
			rep = " ";
			break;
		default:
			if (is_dropped(cp))
				return false;
			buf_putc(b, (char)cp);
			return true;
		}
		buf_puts(b, rep);
		return true;
	}
	switch (cp) {
	case 0x85:
		rep = " ";
		break;
	case 0xA0:
	case 0x2007:
		rep = "~";
		break;
	case 0xAD:
		rep = "\\-";
		break;
	case 0x2000:
	case 0x2001:
	case 0x2002:
	case 0x2003:
	case 0x2004:
	case 0x2005:
	case 0x2006:
	case 0x2008:
	case 0x205F:
	case 0x3000:
		rep = " ";
		break;
	case 0x2009:
	case 0x200A:
	case 0x202F:
		rep = "\\,";
		break;
	case 0x200B:
		rep = "\\hspace{0pt}";
		break;
	case 0x2010:
		rep = "-";
		break;
	case 0x2011:
		rep = "\\mbox{-}";
		break;
	case 0x2012:
		rep = "\\textendash{}";
		break;
	case 0x2015:
		rep = "\\textemdash{}";
		break;
	case 0x2212:
		rep = "\\textminus{}";
		break;
	default:
		break;
	}
	if (rep != NULL) {
		buf_puts(b, rep);
		return true;
	}
	if (is_dropped(cp))
		return false;
	if (is_verbatim(cp) || in_font) {
		buf_put(b, raw, rawlen);
		return true;
	}
	buf_printf(b, "\\lgcchar{%04X}{", (unsigned)cp);
	/* LuaTeX reads a U+FFFD in its input as an encoding error, even
	 * in an argument that is never printed. */
	if (cp != 0xFFFD)
		buf_put(b, raw, rawlen);
	buf_putc(b, '}');
	return true;
}

/* An ASCII letter followed by combining accents: \'{e}, \^{\'{e}}.
 * Returns the bytes consumed after the letter, 0 when no accent. */
static size_t
escape_accented(struct buf *b, char letter, const char *s, size_t len)
{
	const char *cmd[MAX_ACCENTS];
	size_t n = 0, used = 0, k, i;
	uint32_t cp;

	while (n < MAX_ACCENTS && used < len) {
		k = utf8_decode(s + used, len - used, &cp);
		if (k == 0 || (cmd[n] = accent_command(cp)) == NULL)
			break;
		n++;
		used += k;
	}
	if (n == 0)
		return 0;
	for (i = n; i > 0; i--)
		buf_printf(b, "%s{", cmd[i - 1]);
	buf_putc(b, letter);
	for (i = 0; i < n; i++)
		buf_putc(b, '}');
	return used;
}

static bool
is_ascii_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Where a word ends: TeX breaks lines there already. */
static bool
is_word_end(uint32_t cp)
{
	return cp <= 0x20 || cp == 0x85 || cp == 0xA0 ||
	    (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
	    cp == 0x205F || cp == 0x3000;
}

/* What follows these in a URL or a long token may start a new line,
 * as \url breaks them; never between two of them ("//"). */
static bool
is_break_after(uint32_t cp)
{
	return cp == '/' || cp == '.' || cp == '-' || cp == '_' ||
	    cp == '?' || cp == '&' || cp == '=' || cp == '#' || cp == '@' ||
	    cp == ':' || cp == ',' || cp == ';' || cp == '+' || cp == '%' ||
	    cp == '~' || cp == '|';
}

/* Longer words are tokens, never French (« anticonstitutionnellement »
 * has 25 letters): TeX's hyphenation has nothing to say about them. */
#define LONG_WORD	30
#define URL_PART	12

enum word_kind {
	WORD_PLAIN,	/* TeX's own hyphenation */
	WORD_URL,	/* breaks after / . - _ and the like, and inside
			 * a part longer than URL_PART */
	WORD_TOKEN	/* those, and between any two characters */
};

/* The word starting at S: a URL or an e-mail address, a token longer
 * than LONG_WORD code points (an IBAN without spaces, a key), or
 * ordinary text. */
static enum word_kind
word_kind(const char *s, size_t len)
{
	size_t i = 0, k, n = 0, end;
	uint32_t cp;
	bool at = false, dot = false;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		else if (is_word_end(cp))
			break;
		at |= cp == '@';
		dot |= at && cp == '.';
		i += k;
		n++;
	}
	end = i;
	for (i = 0; i + 3 <= end; i++)
		if (memcmp(s + i, "://", 3) == 0)
			return WORD_URL;
	/* An e-mail address: a letter or digit first, a dot after '@'. */
	if ((end >= 4 && memcmp(s, "www.", 4) == 0) ||
	    (at && dot && end > 0 && isalnum((unsigned char)s[0])))
		return WORD_URL;
	return n >= LONG_WORD ? WORD_TOKEN : WORD_PLAIN;
}

/* fontspec reads a family name in braces: nothing in it may be TeX. */
static bool
is_font_name(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == ' ' || *s == '-'))
			return false;
	return true;
}

/* A family's letters: A … Z, then BA, BB … */
static void
put_family_id(struct buf *b, size_t i)
{
	if (i >= 26)
		put_family_id(b, i / 26);
	buf_putc(b, (char)('A' + i % 26));
}

/* Code points escape_cp writes some other way than as themselves. */
static bool
is_mapped(uint32_t cp)
{
	return cp < 0x80 || cp == 0x85 || cp == 0xA0 || cp == 0xAD ||
	    (cp >= 0x2000 && cp <= 0x2012) || cp == 0x2015 ||
	    cp == 0x202F || cp == 0x205F || cp == 0x2212 || cp == 0x3000;
}

/* Beyond what the three engines print with their default fonts. */
static bool
is_foreign(uint32_t cp)
{
	return !is_mapped(cp) && !is_dropped(cp) && !is_verbatim(cp);
}

/* Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
 * presentation forms): their words are set right to left. */
static int
rtl_script(uint32_t cp)
{
	if ((cp >= 0x0590 && cp <= 0x05FF) || (cp >= 0xFB1D && cp <= 0xFB4F))
		return SCRIPT_HEBREW;
	if ((cp >= 0x0600 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
	    (cp >= 0xFE70 && cp <= 0xFEFF))
		return SCRIPT_ARABIC;
	return SCRIPT_NONE;
}

/* The family, found through fontconfig, that prints CP: -1 for the main
 * font (Latin Modern, as fontspec loads it), else an index into
 * E->families (added on first use), or -2 when no installed font has
 * it. */
static int
font_for(struct esc *e, uint32_t cp)
{
	FcPattern *p, *m;
	FcCharSet *cs, *have;
	FcResult res;
	FcChar8 *name;
	int script = rtl_script(cp), found = -2;
	size_t i;

	if (e->fc == NULL && !e->fc_failed) {
		if ((e->fc = FcInitLoadConfigAndFonts()) == NULL)
			e->fc_failed = true;
	}
	if (e->fc == NULL)
		return -2;
	if (e->main == NULL && !e->main_failed) {
		p = FcNameParse((const FcChar8 *)LATEX_MAIN_FONT);
		m = p != NULL && FcConfigSubstitute(e->fc, p, FcMatchPattern) ?
		    (FcDefaultSubstitute(p), FcFontMatch(e->fc, p, &res)) : NULL;
		if (m != NULL && FcPatternGetString(m, FC_FAMILY, 0, &name) ==
		    FcResultMatch && strcmp((char *)name, LATEX_MAIN_FONT) == 0 &&
		    FcPatternGetCharSet(m, FC_CHARSET, 0, &have) == FcResultMatch)
			e->main = FcCharSetCopy(have);
		else
			e->main_failed = true;
		if (m != NULL)
			FcPatternDestroy(m);
		if (p != NULL)
			FcPatternDestroy(p);
	}
	if (script == SCRIPT_NONE && e->main != NULL &&
	    FcCharSetHasChar(e->main, cp))
		return -1;
	for (i = 0; i < e->ncache; i++)
		if (e->cache[i].cp == cp)
			return e->cache[i].family;
	p = FcPatternCreate();
	cs = FcCharSetCreate();
	if (p == NULL || cs == NULL || !FcCharSetAddChar(cs, cp) ||
	    !FcPatternAddCharSet(p, FC_CHARSET, cs) ||
	    !FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)"serif") ||
	    !FcConfigSubstitute(e->fc, p, FcMatchPattern))
		m = NULL;
	else {
		FcDefaultSubstitute(p);
		m = FcFontMatch(e->fc, p, &res);
	}
	if (m != NULL && FcPatternGetCharSet(m, FC_CHARSET, 0, &have) ==
	    FcResultMatch && FcCharSetHasChar(have, cp) &&
	    FcPatternGetString(m, FC_FAMILY, 0, &name) == FcResultMatch &&
	    is_font_name((const char *)name)) {
		for (i = 0; i < e->nfamilies; i++)
			if (e->families[i].script == script &&
			    strcmp(e->families[i].name, (char *)name) == 0)
				break;
		if (i == e->nfamilies) {
			e->families = xgrow(e->families, e->nfamilies,
			    sizeof(*e->families));
			e->families[i].name = xstrdup((const char *)name);
			e->families[i].script = script;
			e->nfamilies++;
		}
		found = (int)i;
	}
	e->cache = xgrow(e->cache, e->ncache, sizeof(*e->cache));
	e->cache[e->ncache].cp = cp;
	e->cache[e->ncache++].family = found;
	if (m != NULL)
		FcPatternDestroy(m);
	if (cs != NULL)
		FcCharSetDestroy(cs);
	if (p != NULL)
		FcPatternDestroy(p);
	return found;
}

/* CP could not be printed: kept for the value's error, once each. */
static void
note_bad(struct esc *e, uint32_t cp)
{
	size_t i;

	for (i = 0; i < e->nbad; i++)
		if (e->bad[i] == cp)
			return;
	if (e->nbad < MAX_BAD)
		e->bad[e->nbad++] = cp;
	else
		e->more_bad = true;
}

/* The font group (index into E->families, or -1) that CP goes in, for
 * a foreign code point; -2 when it cannot be printed. */
static int
group_for(struct esc *e, uint32_t cp)
{
	int f;

	if (!e->unicode) {
		note_bad(e, cp);
		return -2;
	}
	if ((f = font_for(e, cp)) == -2)
		note_bad(e, cp);
	return f;
}

/* Whether a neutral character at S (a space, punctuation or digits
 * between two words of a script) stays in the open group F: the next
 * letter goes in F too. */
static bool
continues_group(struct esc *e, const char *s, size_t len, int f)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			return false;
		if (is_foreign(cp))
			return e->unicode && font_for(e, cp) == f;
		if (cp >= 0x80 || isalpha((int)cp))
			return false;
		i += k;
	}
	return false;
}

static void
group_close(struct esc *e, struct buf *b)
{
	if (e->open < 0)
		return;
	buf_puts(b, e->families[e->open].script != SCRIPT_NONE ? "}}" : "}");
	e->open = -1;
}

static void
group_open(struct esc *e, struct buf *b, int f)
{
	size_t i = (size_t)f;

	if (e->open == f)
		return;
	group_close(e, b);
	buf_puts(b, e->families[i].script != SCRIPT_NONE ?
	    "\\lgcrtl{\\lgcpolice{" : "\\lgcpolice{");
	put_family_id(b, i);
	buf_puts(b, "}{");
	e->open = f;
}

/* Text from the document: E says for which engines (NULL: all three,
 * unprintable code points as \lgcchar, as latex_escape does). */
static void
escape_text(struct esc *e, struct buf *b, const char *s, size_t len)
{
	size_t i = 0, k, more;
	uint32_t cp, prev = 0, wprev = 0;
	enum word_kind word = WORD_PLAIN;
	size_t part = 0;	/* characters since the last break */
	int f;
	bool in_font;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			/* Never raw: not UTF-8, the engines would stop. */
			k = 1;
			cp = 0xFFFD;
		}
		if (is_word_end(cp))
			wprev = 0;
		else if (wprev == 0) {
			word = word_kind(s + i, len - i);
			wprev = cp;
			part = 1;
		} else {
			/* Break points of lgc's PDF (linebreak.c): after
			 * punctuation in a URL, anywhere in a long token at
			 * a cost; the line is never broken with a hyphen
			 * that is not in the text. */
			if (word != WORD_PLAIN && is_break_after(wprev) &&
			    !is_break_after(cp)) {
				buf_puts(b, "\\allowbreak{}");
				part = 0;
			} else if (word == WORD_TOKEN ||
			    (word == WORD_URL && part >= URL_PART)) {
				buf_puts(b, "\\lgccoupure{}");
				part = 0;
			}
			wprev = cp;
			part++;
		}
		in_font = false;
		if (e != NULL && cp == 0xFFFD) {
			/* An encoding error to LuaTeX; a hole in any case. */
			group_close(e, b);
			note_bad(e, cp);
		} else if (e != NULL && is_foreign(cp)) {
			if ((f = group_for(e, cp)) >= 0) {
				group_open(e, b, f);
				in_font = true;
			} else {
				group_close(e, b);
				in_font = f == -1;
			}
		} else if (e != NULL && e->open >= 0 &&
		    !continues_group(e, s + i, len - i, e->open))
			group_close(e, b);
		if (prev != 0 && forms_ligature(prev, cp))
			buf_puts(b, "\\/");
		if (is_ascii_letter(cp) &&
		    (more = escape_accented(b, s[i], s + i + 1,
		    len - i - 1)) > 0) {
			prev = cp;
			i += 1 + more;
			continue;
		}
		if (escape_cp(b, cp, s + i, k, in_font))
			prev = cp;
		i += k;
	}
	if (e != NULL)
		group_close(e, b);
}

void
latex_escape(struct buf *b, const char *s, size_t len)
{
	escape_text(NULL, b, s, len);
}

static void
escape_str(struct esc *e, struct buf *b, const char *s)
{
	if (s != NULL)
		escape_text(e, b, s, strlen(s));
}

static void	report_bad(struct latex *, const struct doc_origin *,
		    const char *, const char *);

/* A field of a party's value: its own expression and JSON path. */
static void
report_field(struct latex *l, const struct doc_origin *o, const char *field,
    const char *text)
{
	struct doc_origin f;
	struct buf expr, path;

	if (l->esc.nbad == 0)
		return;
	if (o == NULL) {
		report_bad(l, NULL, "le bloc de signatures", text);
		return;
	}
	buf_init(&expr);
	buf_init(&path);
	f = *o;
	buf_printf(&expr, "%s.%s", o->expr, field);
	f.expr = expr.data;
	if (o->path != NULL) {
		buf_printf(&path, "%s.%s", o->path, field);
		f.path = path.data;
	}
	report_bad(l, &f, NULL, text);
	buf_free(&expr);
	buf_free(&path);
}

/* The value in a message: one line, cut after VALUE_SHOWN characters. */
#define VALUE_SHOWN	60

static void
put_shown(struct buf *b, const char *s)
{
	size_t len = strlen(s), i = 0, k, n = 0;
	uint32_t cp;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		if (n++ == VALUE_SHOWN) {
			buf_puts(b, "\xe2\x80\xa6");
			return;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			buf_putc(b, ' ');
		else
			buf_put(b, s + i, k);
		i += k;
	}
}

/*
 * The characters of TEXT that the chosen engines cannot print (in
 * l->esc.bad) make one error for the value, located where the template
 * prints it, with a note on the data that gives it (its JSON path); a
 * value printed again is not reported again.  WHAT says what TEXT is
 * when it is not a client's value ("le titre").
 */
static void
report_bad(struct latex *l, const struct doc_origin *o, const char *what,
    const char *text)
{
	struct esc *e = &l->esc;
	struct diagnostic *dg;
	struct buf chars, shown;
	const char *key;
	size_t i;

	if (e->nbad == 0)
		return;
	key = o != NULL ? (o->path != NULL ? o->path : o->expr) : text;
	for (i = 0; i < l->reported.len; i++)
		if (strcmp(l->reported.items[i], key) == 0)
			break;
	l->failed = true;
	if (i < l->reported.len) {
		e->nbad = 0;
		e->more_bad = false;
		return;
	}
	ptrvec_push(&l->reported, xstrdup(key));
	buf_init(&chars);
	buf_init(&shown);
	buf_puts(&chars, e->nbad > 1 ? "les caract\xc3\xa8res " :
	    "le caract\xc3\xa8re ");
	for (i = 0; i < e->nbad; i++) {
		if (i > 0)
			buf_puts(&chars, ", ");
		buf_puts(&chars, "\xc2\xab ");
		buf_put_utf8(&chars, e->bad[i]);
		buf_printf(&chars, " \xc2\xbb (U+%04X)",
		    (unsigned)e->bad[i]);
	}
	if (e->more_bad)
		buf_puts(&chars, ", entre autres,");
	put_shown(&shown, text);
	if (o != NULL)
		what = "la valeur";
	dg = diag(l->ds, E_LATEX_CHAR, o != NULL ? &o->loc : NULL, what,
	    buf_cstr(&shown), buf_cstr(&chars), e->unicode ?
	    "aucune police install\xc3\xa9" "e ne contient" :
	    "pdflatex ne sait pas imprimer");
	if (dg != NULL && o != NULL) {
		if (o->path != NULL)
			diag_note(dg, &o->data, "valeur de \xc2\xab %s"
			    " \xc2\xbb ; chemin JSON : %s", o->expr,
			    o->path);
		else
			diag_note(dg, NULL, "valeur de \xc2\xab %s"
			    " \xc2\xbb", o->expr);
	}
	if (dg != NULL)
		diag_hint(dg, "%s", e->unicode ? "installez une police qui "
		    "les contient (fontconfig la trouvera) ou remplacez-les "
		    "dans les donn\xc3\xa9" "es" : "produisez le LaTeX avec "
		    "--moteur xelatex ou --moteur lualatex, qui les impriment "
		    "avec les polices install\xc3\xa9" "es, ou remplacez-les "
		    "dans les donn\xc3\xa9" "es");
	buf_free(&chars);
	buf_free(&shown);
	e->nbad = 0;
	e->more_bad = false;
}

/* A \label name from a document anchor: letters, digits and '-' kept,
 * any other byte as .XX, so that distinct anchors stay distinct and
 * nothing in a name is special to TeX or babel. */
static void
put_label(struct buf *b, const char *anchor)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c;

	buf_puts(b, "lgc-");
	for (; anchor != NULL && *anchor != '\0'; anchor++) {
		c = (unsigned char)*anchor;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-')
			buf_putc(b, (char)c);
		else {
			buf_putc(b, '.');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 0xF]);
		}
	}
}

/* A TeX comment line: a line break in it would end the comment. */
static void
put_comment_text(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		buf_putc(b, (unsigned char)*s < 0x20 ? ' ' : *s);
}

/* A PDF text string in UTF-16BE hex, for the document information
 * written without hyperref: nothing in it is special to TeX or PDF. */
static void
put_pdf_string(struct buf *b, const char *s)
{
	size_t i, k, len = s != NULL ? strlen(s) : 0;
	uint32_t cp;

	buf_puts(b, "<FEFF");
	for (i = 0; i < len; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			buf_printf(b, "%04X%04X", 0xD800 + (unsigned)(cp >> 10),
			    0xDC00 + (unsigned)(cp & 0x3FF));
		} else
			buf_printf(b, "%04X", (unsigned)cp);
	}
	buf_putc(b, '>');
}

static const struct doc_heading *
find_heading(const struct doc_blocks *bs, const char *anchor)
{
	const struct doc_heading *h;
	size_t i, j;

	for (i = 0; i < bs->len; i++) {
		switch (bs->v[i].kind) {
		case BLOCK_HEADING:
			h = &bs->v[i].u.heading;
			if (h->anchor != NULL && strcmp(h->anchor, anchor) == 0)
				return h;
			break;
		case BLOCK_LIST:
			for (j = 0; j < bs->v[i].u.list.len; j++)
				if ((h = find_heading(&bs->v[i].u.list.items[j],
				    anchor)) != NULL)
					return h;
			break;
		case BLOCK_PARAGRAPH:
		case BLOCK_SIGNATURES:
			break;
		}
	}
	return NULL;
}

/* A reference: its number comes from \ref, so that it follows the
 * heading's \lgcancre; the rest of the text is written as is. */
static void
render_link(struct lctx *c, const struct doc_run *r)
{
	const struct doc_heading *h = find_heading(&c->doc->blocks, r->link);
	size_t tlen = strlen(r->text), nlen;

	if (h == NULL || h->number == NULL ||
	    (nlen = strlen(h->number)) > tlen ||
	    strcmp(r->text + tlen - nlen, h->number) != 0) {
		/* Not a heading's number: keep the text, drop the link. */
		escape_str(c->esc, c->out, r->text);
		return;
	}
	buf_puts(c->out, "\\lgcrenvoi{");
	put_label(c->out, h->anchor);
	buf_puts(c->out, "}{");
	escape_text(c->esc, c->out, r->text, tlen - nlen);
	buf_puts(c->out, "}");
}

static void
style_open(struct buf *out, enum inline_style s)
{
	switch (s) {
	case INLINE_BOLD:
		buf_puts(out, "\\textbf{");
		break;
	case INLINE_ITALIC:
		buf_puts(out, "\\textit{");
		break;
	case INLINE_DRAFT:
		buf_puts(out, "\\lgcbrouillon{");
		break;
	case INLINE_SUP:
		buf_puts(out, "\\textsuperscript{");
		break;
	}
}

/* Runs share their open \textbf and \textit groups, outermost first,
 * as the HTML backend shares its elements. */
static void
render_runs(struct lctx *c, const struct doc_runs *rs)
{
	const struct doc_run *r;
	enum inline_style open[4] = { INLINE_BOLD, INLINE_BOLD, INLINE_BOLD,
	    INLINE_BOLD };
	enum inline_style want[4] = { INLINE_BOLD, INLINE_BOLD, INLINE_BOLD,
	    INLINE_BOLD };
	size_t nopen = 0, nwant, i, k;
	bool started = false;

	for (i = 0; i < rs->len; i++) {
		r = &rs->v[i];
		if (r->line_break) {
			/* \newline needs a line to end. */
			buf_puts(c->out, started ? "\\newline " :
			    "\\leavevmode\\newline ");
			started = true;
			continue;
		}
		nwant = 0;
		if (r->style & STYLE_BOLD)
			want[nwant++] = INLINE_BOLD;
		if (r->style & STYLE_ITALIC)
			want[nwant++] = INLINE_ITALIC;
		if (r->style & STYLE_DRAFT)
			want[nwant++] = INLINE_DRAFT;
		if (r->style & STYLE_SUPERSCRIPT)
			want[nwant++] = INLINE_SUP;
		for (k = 0; k < nopen && k < nwant; k++)
			if (open[k] != want[k])
				break;
		for (; nopen > k; nopen--)
			buf_putc(c->out, '}');
		for (; k < nwant; k++)
			style_open(c->out, want[k]);
		memcpy(open, want, sizeof(want));
		nopen = nwant;
		if (r->link != NULL)
			render_link(c, r);
		else
			escape_str(c->esc, c->out, r->text);
		report_bad(c->l, r->origin, "le texte", r->text);
		started = true;
	}
	for (; nopen > 0; nopen--)
		buf_putc(c->out, '}');
}

static void
render_paragraph(struct lctx *c, const struct doc_runs *rs)
{
	if (rs->len == 0)
		return;
	render_runs(c, rs);
	buf_puts(c->out, "\n\n");
}

/* A bookmark's text: the heading's label and title as plain text, with
 * the separator lgc's PDF puts between them. */
static void
put_bookmark(struct esc *e, struct buf *b, const struct buf *label,
    const struct doc_runs *title, bool article)
{
	size_t i;
	bool any = false;

	for (i = 0; i < title->len; i++)
		if (!title->v[i].line_break && title->v[i].text[0] != '\0')
			any = true;
	escape_text(e, b, label->data, label->len);
	if (label->len > 0 && any)
		buf_puts(b, article ? " \\textendash{} " : " ");
	for (i = 0; i < title->len; i++)
		if (title->v[i].line_break)
			buf_putc(b, ' ');
		else
			escape_str(e, b, title->v[i].text);
}

static void
render_heading(struct lctx *c, const struct doc_heading *h)
{
	struct buf label;

	buf_init(&label);
	doc_heading_label(&label, h);
	/* The outline of lgc's own PDF: "Article 1 – Objet", "3.2 Détail". */
	buf_printf(c->out, "\\lgcsignet{%d}{", h->level <= 1 ? 1 :
	    h->level == 2 ? 2 : 3);
	put_bookmark(c->esc, c->out, &label, &h->title, h->level <= 1);
	/* Reported with the title itself. */
	c->esc->nbad = 0;
	c->esc->more_bad = false;
	buf_puts(c->out, "}{");
	put_label(c->out, h->anchor);
	buf_puts(c->out, "}\n");
	buf_puts(c->out, h->level <= 1 ? "\\lgcarticle{" :
	    h->level == 2 ? "\\lgcsousarticle{" : "\\lgcsoussousarticle{");
	escape_text(c->esc, c->out, label.data, label.len);
	buf_puts(c->out, "}{");
	escape_str(c->esc, c->out, h->number);
	buf_puts(c->out, "}{");
	put_label(c->out, h->anchor);
	buf_puts(c->out, "}{");
	render_runs(c, &h->title);
	buf_puts(c->out, "}\n\n");
	buf_free(&label);
}

/* An item's blocks: a first paragraph on the \item line, the others
 * after it as paragraphs of the item. */
static void
render_item(struct lctx *c, const struct doc_blocks *item)
{
	size_t first = 0;

	if (item->len > 0 && item->v[0].kind == BLOCK_PARAGRAPH &&
	    item->v[0].u.paragraph.len > 0) {
		render_runs(c, &item->v[0].u.paragraph);
		first = 1;
	}
	buf_puts(c->out, "\n");
	if (first < item->len) {
		struct doc_blocks rest;

		buf_puts(c->out, "\n");
		rest = *item;
		rest.v += first;
		rest.len -= first;
		render_blocks(c, &rest);
	}
}

/*
 * LaTeX nests itemize and enumerate four deep each, and lists six deep
 * in all; deeper lists would stop the compile ("Too deeply nested"),
 * so their items become paragraphs with the marker written out.
 */
static void
render_list(struct lctx *c, const struct doc_list *l)
{
	const char *env = l->ordered ? "enumerate" : "itemize";
	int *open = l->ordered ? &c->enumerate : &c->itemize;
	size_t i;

	if (l->len == 0)
		return;
	if (*open >= 4 || c->itemize + c->enumerate >= 6) {
		for (i = 0; i < l->len; i++) {
			if (l->ordered)
				buf_printf(c->out, "\\par\\noindent %zu.~",
				    i + 1);
			else
				buf_puts(c->out,
				    "\\par\\noindent\\textendash~");
			render_item(c, &l->items[i]);
		}
		buf_puts(c->out, "\\par\n\n");
		return;
	}
	(*open)++;
	buf_printf(c->out, "\\begin{%s}\n", env);
	for (i = 0; i < l->len; i++) {
		buf_puts(c->out, "\\item ");
		render_item(c, &l->items[i]);
	}
	buf_printf(c->out, "\\end{%s}\n\n", env);
	(*open)--;
}

static void
render_party(struct lctx *c, const struct doc_party *p,
    const struct doc_signatures *s)
{
	struct buf label;

	buf_puts(c->out, s->mention != NULL ? "\\lgcpartiemention{" :
	    "\\lgcpartie{");
	escape_str(c->esc, c->out, p->name);
	report_field(c->l, p->origin, "nom", p->name);
	buf_puts(c->out, "}{");
	if (p->representant != NULL && p->representant[0] != '\0') {
		buf_puts(c->out, "repr\xc3\xa9sent\xc3\xa9" "e par ");
		escape_str(c->esc, c->out, p->representant);
		report_field(c->l, p->origin, "representant", p->representant);
		if (p->qualite != NULL && p->qualite[0] != '\0') {
			buf_puts(c->out, ", ");
			escape_str(c->esc, c->out, p->qualite);
			report_field(c->l, p->origin, "qualite", p->qualite);
		}
	}
	buf_puts(c->out, "}");
	if (s->mention != NULL) {
		buf_init(&label);
		doc_signature_label(&label, s);
		buf_puts(c->out, "{");
		escape_str(c->esc, c->out, buf_cstr(&label));
		report_bad(c->l, NULL, "la mention", buf_cstr(&label));
		buf_puts(c->out, "}");
		buf_free(&label);
	}
}

/* Two parties a row, the whole block in one unbreakable box. */
static void
render_signatures(struct lctx *c, const struct doc_signatures *s)
{
	size_t i;

	if (s->len == 0)
		return;
	buf_puts(c->out, "\\lgcsignatures{%\n");
	if (s->made.len > 0) {
		buf_puts(c->out, "\\lgcfait{");
		render_runs(c, &s->made);
		buf_puts(c->out, "}\n");
	}
	for (i = 0; i < s->len; i++) {
		if (i > 0 && i % 2 == 0)
			buf_puts(c->out, "\\bigskip\n");
		render_party(c, &s->parties[i], s);
		buf_puts(c->out, i % 2 == 0 && i + 1 < s->len ? "\\hfill\n" :
		    "\\par\n");
	}
	buf_puts(c->out, "}\n\n");
}

static void
render_block(struct lctx *c, const struct doc_block *b)
{
	switch (b->kind) {
	case BLOCK_HEADING:
		render_heading(c, &b->u.heading);
		break;
	case BLOCK_PARAGRAPH:
		switch (b->align) {
		case ALIGN_JUSTIFY:
			render_paragraph(c, &b->u.paragraph);
			break;
		case ALIGN_RIGHT:
			buf_puts(c->out, "\\lgcdroite{");
			render_runs(c, &b->u.paragraph);
			buf_puts(c->out, "}\n\n");
			break;
		}
		break;
	case BLOCK_LIST:
		render_list(c, &b->u.list);
		break;
	case BLOCK_SIGNATURES:
		render_signatures(c, &b->u.signatures);
		break;
	}
}

static void
render_blocks(struct lctx *c, const struct doc_blocks *bs)
{
	size_t i;

	for (i = 0; i < bs->len; i++)
		render_block(c, &bs->v[i]);
}

static void
render_body(struct lctx *c)
{
	if (c->doc->title != NULL && c->doc->title[0] != '\0' &&
	    !c->doc->letter) {
		buf_puts(c->out, "\\lgctitre{");
		escape_str(c->esc, c->out, c->doc->title);
		report_bad(c->l, NULL, "le titre", c->doc->title);
		buf_puts(c->out, "}\n\n");
	}
	render_blocks(c, &c->doc->blocks);
}

static void
render_comment(const struct latex *l, struct buf *out)
{
	buf_puts(out, "% Contrat produit par ");
	put_comment_text(out, l->generator);
	if (l->fragment) {
		buf_puts(out, " : corps seul, \xc3\xa0 inclure avec \\input "
		    "dans un document\n% en fran\xc3\xa7" "ais (avec pdflatex : "
		    "\\usepackage[T1]{fontenc} et \\usepackage{lmodern}).\n");
		if (l->esc.unicode)
			buf_puts(out, "% Avec xelatex ou lualatex seulement, "
			    "apr\xc3\xa8s \\usepackage{fontspec}.\n");
		return;
	}
	buf_puts(out, l->esc.unicode ? ". Compiler deux fois (xelatex ou "
	    "lualatex)\n" : ". Compiler deux fois (pdflatex, xelatex ou "
	    "lualatex)\n");
	buf_puts(out, "% pour les renvois et le \xc2\xab Page X sur "
	    "Y \xc2\xbb.\n");
}

/* The running title: the printed one, else the template's name. */
static const char *
running_title(const struct doc *d)
{
	if (d->title != NULL && d->title[0] != '\0')
		return d->title;
	if (d->model != NULL && d->model[0] != '\0')
		return d->model;
	return "Contrat";
}

/* An agency's preamble, as is, after the title it may use. */
static void
render_custom_preamble(struct latex *l, const struct doc *d,
    struct buf *out)
{
	buf_puts(out, "% Pour le pr\xc3\xa9" "ambule : \\lgctitrecourant, le "
	    "titre du contrat, et\n% \\pageref{lgc-derniere-page}, son "
	    "nombre de pages.\n\\providecommand\\lgctitrecourant{");
	escape_str(&l->esc, out, running_title(d));
	buf_puts(out, "}\n");
	buf_puts(out, l->preamble);
	if (out->len > 0 && out->data[out->len - 1] != '\n')
		buf_putc(out, '\n');
}

/* The running header holds one line: a long title is cut after its
 * last whole word within HEADER_MAX code points, with "…", as the PDF
 * backend cuts it (the full title stays in the PDF's metadata). */
#define HEADER_MAX	80

static char *
header_title(const char *title)
{
	size_t len = strlen(title), i = 0, count = 0, cut = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(title + i, len - i, &cp);
		if (n == 0)
			n = 1;
		if (count == HEADER_MAX) {
			char *s;

			if (cut == 0)
				cut = i;
			s = xmalloc(cut + sizeof("\xe2\x80\xa6"));
			memcpy(s, title, cut);
			memcpy(s + cut, "\xe2\x80\xa6", sizeof("\xe2\x80\xa6"));
			return s;
		}
		if (cp == ' ')
			cut = i;
		i += n;
		count++;
	}
	return xstrdup(title);
}

static void
render_preamble(struct latex *l, const struct doc *d,
    struct buf *out)
{
	const char *title = running_title(d);
	char *header = header_title(title);

	buf_puts(out, preamble_head);
	escape_str(&l->esc, out, title);
	buf_puts(out, "}\n\\newcommand\\lgcentete{");
	escape_str(&l->esc, out, header);
	free(header);
	buf_puts(out, preamble_tail);
	escape_str(&l->esc, out, l->generator);
	buf_puts(out, "}}\n\\else\n  \\AtBeginDocument{\\special{"
	    "pdf:docinfo<</Title");
	put_pdf_string(out, title);
	buf_puts(out, "/Creator");
	put_pdf_string(out, l->generator);
	buf_puts(out, ">>}\\special{pdf:put @catalog<</Lang(fr-FR)>>}}\n"
	    "\\fi\n");
	if (d->letter)
		buf_puts(out, "% Une lettre : ni titre imprim\xc3\xa9, ni "
		    "en-t\xc3\xaate courant.\n\\pagestyle{lgcpremiere}\n");
}

/*
 * --moteur xelatex or lualatex: the fonts found for what Latin Modern
 * lacks, each a family of fontspec (right-to-left ones with their
 * script, for the joining of Arabic letters), and \lgcrtl for the
 * engine's right-to-left typesetting.
 */
static void
render_fonts(const struct latex *l, struct buf *out)
{
	size_t i;

	buf_puts(out, "% --moteur : ce contrat se compile avec xelatex ou "
	    "lualatex (fontspec).\n"
	    "\\ifx\\XeTeXrevision\\undefined\\ifx\\directlua\\undefined\n"
	    "  \\errmessage{Ce contrat se compile avec xelatex ou lualatex "
	    "(lgc --moteur)}\\fi\\fi\n");
	if (!l->fragment)
		buf_puts(out, "\\usepackage{fontspec}\n");
	buf_puts(out, "\\ifx\\XeTeXrevision\\undefined\n"
	    "  \\providecommand\\lgcrtl[1]{\\leavevmode{\\textdir TRT #1}}\n"
	    "\\else\n"
	    "  \\TeXXeTstate=1\n"
	    "  \\providecommand\\lgcrtl[1]{\\beginR #1\\endR}\n"
	    "\\fi\n"
	    "% {lettre}{texte} : le texte dans une police trouv\xc3\xa9" "e par "
	    "lgc (fontconfig).\n"
	    "\\providecommand\\lgcpolice[2]{{\\csname lgcpolice#1\\endcsname "
	    "#2}}\n");
	for (i = 0; i < l->esc.nfamilies; i++) {
		buf_puts(out, "\\newfontfamily\\lgcpolice");
		put_family_id(out, i);
		buf_printf(out, "{%s}", l->esc.families[i].name);
		if (l->esc.families[i].script == SCRIPT_ARABIC)
			buf_puts(out, "[Script=Arabic]");
		else if (l->esc.families[i].script == SCRIPT_HEBREW)
			buf_puts(out, "[Script=Hebrew]");
		buf_putc(out, '\n');
	}
}

static void *
latex_new(const struct render_opts *opts, struct diags *ds)
{
	const struct option_value *preamble = render_option(opts, "preambule");
	const struct option_value *engine = render_option(opts, "moteur");
	bool fragment = render_flag(opts, "fragment");
	bool unicode = false;
	struct latex *l;

	if (engine != NULL && engine->text != NULL) {
		if (strcmp(engine->text, "xelatex") == 0 ||
		    strcmp(engine->text, "lualatex") == 0)
			unicode = true;
		else if (strcmp(engine->text, "pdflatex") != 0) {
			if (ds != NULL)
				diag(ds, F_USAGE, NULL, "--moteur : "
				    "\xc2\xab pdflatex \xc2\xbb, \xc2\xab xelatex "
				    "\xc2\xbb ou \xc2\xab lualatex \xc2\xbb attendu");
			return NULL;
		}
	}

	/* A fragment has no preamble to replace. */
	if (preamble != NULL && !fragment &&
	    memchr(preamble->text, '\0', preamble->len) != NULL) {
		if (ds != NULL)
			diag(ds, F_RENDER, NULL, "le pr\xc3\xa9"
			    "ambule contient un octet nul");
		return NULL;
	}
	l = xcalloc(1, sizeof(*l));
	l->fragment = fragment;
	l->ds = ds;
	l->esc.unicode = unicode;
	l->esc.open = -1;
	l->generator = xstrdup(opts != NULL && opts->generator != NULL ?
	    opts->generator : "lgc");
	if (preamble != NULL && !fragment)
		l->preamble = xstrdup(preamble->text);
	return l;
}

/* The body first: it finds the fonts that the preamble declares.  A
 * character that cannot be printed fails the render, after every value
 * holding one was reported. */
static bool
latex_render(void *state, const struct doc *d, struct buf *out)
{
	struct latex *l = state;
	struct lctx c;
	struct buf body;

	buf_init(&body);
	memset(&c, 0, sizeof(c));
	c.out = &body;
	c.doc = d;
	c.l = l;
	c.esc = &l->esc;
	render_body(&c);
	render_comment(l, out);
	if (l->fragment) {
		buf_puts(out, lgc_commands);
		if (doc_letter_layout(&d->blocks))
			buf_puts(out, letter_commands);
		if (l->esc.unicode)
			render_fonts(l, out);
		buf_putc(out, '\n');
	} else {
		if (l->preamble != NULL)
			render_custom_preamble(l, d, out);
		else
			render_preamble(l, d, out);
		/* The title in the preamble was reported in the body. */
		l->esc.nbad = 0;
		if (l->esc.unicode)
			render_fonts(l, out);
		buf_puts(out, lgc_commands);
		if (doc_letter_layout(&d->blocks))
			buf_puts(out, letter_commands);
		buf_puts(out, "\n\\begin{document}\n\n");
	}
	buf_put(out, body.data != NULL ? body.data : "", body.len);
	buf_free(&body);
	/* Read back by "Page X sur Y". */
	if (!l->fragment)
		buf_puts(out, "\\label{lgc-derniere-page}\n\\end{document}\n");
	return !l->failed;
}

static void
latex_free(void *state)
{
	struct latex *l = state;
	size_t i;

	if (l == NULL)
		return;
	free(l->preamble);
	free(l->generator);
	for (i = 0; i < l->esc.nfamilies; i++)
		free(l->esc.families[i].name);
	free(l->esc.families);
	free(l->esc.cache);
	if (l->esc.main != NULL)
		FcCharSetDestroy(l->esc.main);
	if (l->esc.fc != NULL)
		FcConfigDestroy(l->esc.fc);
	for (i = 0; i < l->reported.len; i++)
		free(l->reported.items[i]);
	ptrvec_free(&l->reported);
	free(l);
}

static const char *const latex_extensions[] = { ".tex", NULL };

static const struct backend_option latex_options[] = {
	{ .name = "fragment", .kind = OPTION_FLAG,
	  .help = "LaTeX : le corps seul, sans pr\xc3\xa9" "ambule" },
	{ .name = "preambule", .kind = OPTION_FILE, .arg = "FICHIER",
	  .help = "LaTeX : remplace le pr\xc3\xa9" "ambule par FICHIER",
	  .what = "pr\xc3\xa9" "ambule", .unless = "fragment" },
	{ .name = "moteur", .kind = OPTION_TEXT, .arg = "MOTEUR",
	  .help = "LaTeX : pdflatex (d\xc3\xa9" "faut, les trois moteurs), "
	  "xelatex ou lualatex (toute \xc3\xa9" "criture)" },
	{ .name = NULL }
};

const struct backend latex_backend = {
	.name = "latex",
	.description = "source LaTeX (pdflatex, xelatex ou lualatex)",
	.extensions = latex_extensions,
	.options = latex_options,
	.new = latex_new,
	.render = latex_render,
	.free = latex_free,
};
