/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The preamble of a standalone .tex (for each engine, with the fonts
 * found for what Latin Modern lacks), an agency's --preambule in its
 * place, and the lgc commands every output defines. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format/latex/render.h"

/*
 * The lgc commands, shared by the standalone document, a --preambule
 * one and a fragment.  \providecommand lets a class or preamble that
 * defined them first win.
 */
const char lgc_commands[] =
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
const char letter_commands[] =
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

void
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
void
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

void
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
void
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
