/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Grammar of .lgc files: a pure, reentrant parser with locations.  The
 * token wrapper in src/syntax/scan.c has already applied the line rules,
 * so the body is a flat sequence of items nested only by control tags.
 * Its header, build/gen/syntax/tokens.h, holds the token kinds and the
 * semantic values that the scanner, the wrapper and the actions share. */
%define api.pure full
%define api.prefix {lgc_yy}
%define api.header.include {"syntax/tokens.h"}
%define api.location.type {struct loc}
%define parse.error custom
%define lr.default-reduction accepting
%locations
%expect 0
%param {struct parser *p}

%code requires {
#include "syntax/ast.h"
#include "base/util.h"
struct parser;
}

%code {
#include <stdlib.h>
#include <string.h>

#include "syntax/actions.h"
#include "syntax/errors.h"
#include "syntax/lexer.h"
#include "syntax/scan.h"
#include "syntax/state.h"

#define YYLLOC_DEFAULT(Cur, Rhs, N) do {				\
	if (N) {							\
		(Cur).src = YYRHSLOC(Rhs, 1).src;			\
		(Cur).line = YYRHSLOC(Rhs, 1).line;			\
		(Cur).col = YYRHSLOC(Rhs, 1).col;			\
		(Cur).end_line = YYRHSLOC(Rhs, N).end_line;		\
		(Cur).end_col = YYRHSLOC(Rhs, N).end_col;		\
	} else {							\
		(Cur).src = YYRHSLOC(Rhs, 0).src;			\
		(Cur).line = (Cur).end_line = YYRHSLOC(Rhs, 0).end_line; \
		(Cur).col = (Cur).end_col = YYRHSLOC(Rhs, 0).end_col;	\
	}								\
} while (0)
#define YYMAXDEPTH MAX_PARSE_STACK
/* The parser's stacks start small, all three within a page or two of
 * stack: bison's 200 entries spread them over three (8 KB), each a page
 * fault for every parse of a file or string, where a template's parse
 * seldom goes 32 deep.  Deeper, bison doubles them on the heap, up to
 * YYMAXDEPTH as before. */
#define YYINITDEPTH 32

static struct tstring	*parse_tstring(struct parser *outer, char *raw,
			    const struct loc *l);
}

%union {
	char			*str;
	int			 num;
	struct { int col; long n; } marker;
	struct { int len; bool can_open, can_close; } emph;
	struct { char *digits; int unit; } dur;
	struct expr		*expr;
	struct ptrvec		*exprs;		/* struct expr * */
	struct ptrvec		*strs;		/* char * with locations */
	struct ptrvec		*branches;	/* struct branch * */
	struct ptrvec		*cases;		/* struct selon_case * */
	struct ptrvec		*fields;	/* struct field_decl * */
	struct ptrvec		*finits;	/* struct field_init * */
	struct ptrvec		*args;		/* struct include_arg * */
	struct ptrvec		*choices;	/* struct choice_value * */
	struct nodes		*nodes;
	struct node		*node;
	struct type_expr	*texpr;
	struct cstr_expr	*cstr;
}

%token START_FILE START_TSTRING
%token <str> IDENT "nom" STRING "chaîne" NUM "nombre" MONTANT "montant"
%token <str> POURCENT "pourcentage" DATE "date" TEXT "texte" LABEL "étiquette"
%token <dur> DUREE "durée"
%token <num> HEADING "#" BULLET "-" LINE "début de ligne"
%token <marker> NUMBERED "numéro de liste"
%token <emph> EMPH "astérisque"
%token SEP "---" EOL "fin de ligne" SOFTNL "saut de ligne" PARBREAK "ligne vide"
%token HARDBREAK "\\" UNNUM "{-}" TAG_OPEN "{" TAG_CLOSE "}"
%token LBRACE "« { » d'enregistrement" RBRACE "« } » d'enregistrement"
%token NEWLINE BLANKLINE COMMENT
%token T_SI "{si" T_SINON_SI "{sinon si" T_SINON "{sinon" T_FIN "{fin"
%token T_SELON "{selon" T_CAS "{cas" T_AUTRE "{autre" T_POUR "{pour chaque"
%token T_INCLURE "{inclure" T_SIGNATURES "{signatures" T_REF "{ref"
%token T_NUMERO "{numero"
%token KW_MODELE "modele" KW_TITRE "titre" KW_LANGUE "langue"
%token KW_ENTREE "entree" KW_PARAMETRE "parametre" KW_SOIT "soit"
%token KW_EXIGER "exiger" KW_RECOMMANDER "recommander"
%token KW_IMPORTER "importer" KW_TYPE "type"
%token KW_GENRE "genre" KW_LIEU "lieu" KW_DATE "date de la lettre" KW_MENTION "mention"
%token KW_SI "si" KW_SINON "sinon" KW_FIN "fin" KW_SELON "selon" KW_CAS "cas"
%token KW_AUTRE "autre" KW_DANS "dans" KW_INCLURE "inclure" KW_AVEC "avec"
%token KW_SIGNATURES "signatures" KW_REF "ref" KW_NUMERO "numero"
%token KW_ET "et" KW_OU "ou" KW_NON "non" KW_EXISTE "existe"
%token KW_VRAI "vrai" KW_FAUX "faux" KW_ENTRE "entre" KW_PARMI "parmi"
%token KW_OPTIONNEL "optionnel" KW_LISTE_DE "liste de" KW_SINON_SI "sinon si"
%token KW_POUR_CHAQUE "pour chaque"
%token LE "<=" GE ">=" NE "!="

%type <expr> expr orx andx notx rel sum prod unary post prim lit cond_opt
%type <expr> default_opt si_head sinon_si_head
%type <exprs> args args_opt lits exprs case_values
%type <strs> labels
%type <branches> elifs if_else_opt
%type <cases> cases
%type <fields> fields field_list
%type <finits> finits finit_list
%type <args> named_args
%type <choices> choices
%type <nodes> body else_opt other_opt
%type <node> item
%type <texpr> type
%type <cstr> cstr_opt
%type <str> name label_opt reserved choice_name
%type <num> opt_optionnel

%destructor { free($$); } <str>
%destructor { free($$.digits); } <dur>
%destructor { expr_free($$); } <expr>
%destructor { exprs_free($$); } <exprs>
%destructor { strs_free($$); } <strs>
%destructor { branches_free($$); } <branches>
%destructor { cases_free($$); } <cases>
%destructor { fields_free($$); } <fields>
%destructor { finits_free($$); } <finits>
%destructor { args_free($$); } <args>
%destructor { choices_free($$); } <choices>
%destructor { nodes_free($$); free($$); } <nodes>
%destructor { node_free($$); } <node>
%destructor { type_expr_free($$); } <texpr>
%destructor { cstr_expr_free($$); } <cstr>

%%

start
	: START_FILE file
	| START_TSTRING tparts
	;

file
	: header SEP body		{ p_set_body(p, $3); }
	| body				{ p_set_body(p, $1); }
	;

header
	: %empty
	| header stmt EOL
	| header error EOL		{ yyerrok; }
	;

stmt
	: KW_MODELE STRING		{ p_model(p, $2, &@2); }
	| KW_TITRE STRING		{ p_title(p, parse_tstring(p, $2, &@2), &@2); }
	| KW_LANGUE IDENT		{ p_langue(p, $2, &@2); }
	| KW_GENRE IDENT		{ p_genre(p, $2, &@2); }
	| KW_LIEU STRING		{ p_lieu(p, parse_tstring(p, $2, &@2), &@2); }
	| KW_DATE expr			{ p_letter_date(p, $2, &@2); }
	| KW_MENTION STRING		{ p_mention(p, $2, &@2); }
	| KW_IMPORTER STRING		{ p_import(p, $2, &@2); }
	| KW_ENTREE name ':' type cstr_opt default_opt cond_opt opt_optionnel label_opt
		{ p_entree(p, $2, &@2, $4, $5, $6, $7, $8, $9, &@8); }
	| KW_PARAMETRE name ':' type cstr_opt default_opt label_opt
		{ p_parametre(p, $2, &@2, $4, $5, $6, $7); }
	| KW_SOIT name '=' expr		{ p_soit(p, $2, &@2, $4); }
	| KW_EXIGER expr KW_SINON STRING
		{ p_rule(p, false, $2, &@1, parse_tstring(p, $4, &@4)); }
	| KW_RECOMMANDER expr KW_SINON STRING
		{ p_rule(p, true, $2, &@1, parse_tstring(p, $4, &@4)); }
	| KW_TYPE name '=' LBRACE fields RBRACE
		{ p_type_record(p, $2, &@2, NULL, NULL, $5); }
	| KW_TYPE name '=' IDENT KW_AVEC LBRACE fields RBRACE
		{ p_type_record(p, $2, &@2, $4, &@4, $7); }
	| KW_TYPE name '=' type		{ p_type_alias(p, $2, &@2, $4); }
	;

name
	: IDENT				{ $$ = $1; }
	| reserved			{ $$ = $1; p_reserved(p, $1, &@1); }
	;

/* "non" is reserved, but choix(oui, non) deserves its own message. */
choice_name
	: IDENT				{ $$ = $1; }
	| reserved
		{ $$ = $1; if (strcmp($1, "non") != 0) p_reserved(p, $1, &@1); }
	;

reserved
	: KW_SI { $$ = xstrdup("si"); } | KW_SINON { $$ = xstrdup("sinon"); }
	| KW_FIN { $$ = xstrdup("fin"); } | KW_SELON { $$ = xstrdup("selon"); }
	| KW_CAS { $$ = xstrdup("cas"); } | KW_AUTRE { $$ = xstrdup("autre"); }
	| KW_DANS { $$ = xstrdup("dans"); } | KW_INCLURE { $$ = xstrdup("inclure"); }
	| KW_AVEC { $$ = xstrdup("avec"); }
	| KW_SIGNATURES { $$ = xstrdup("signatures"); }
	| KW_REF { $$ = xstrdup("ref"); } | KW_NUMERO { $$ = xstrdup("numero"); }
	| KW_ET { $$ = xstrdup("et"); } | KW_OU { $$ = xstrdup("ou"); }
	| KW_NON { $$ = xstrdup("non"); } | KW_EXISTE { $$ = xstrdup("existe"); }
	| KW_VRAI { $$ = xstrdup("vrai"); } | KW_FAUX { $$ = xstrdup("faux"); }
	| KW_ENTRE { $$ = xstrdup("entre"); } | KW_PARMI { $$ = xstrdup("parmi"); }
	| KW_OPTIONNEL { $$ = xstrdup("optionnel"); }
	;

type
	: IDENT				{ $$ = p_type_name($1, &@1); }
	| IDENT '(' choices ')'		{ $$ = p_type_choice(p, $1, &@1, $3); }
	| KW_LISTE_DE type		{ $$ = p_type_list($2, &@$); }
	;

choices
	: choice_name			{ $$ = p_choice(NULL, $1, &@1, NULL); }
	| choice_name STRING
		{ $$ = p_choice(NULL, $1, &@1, p_plain_string(p, $2, &@2)); }
	| choices ',' choice_name	{ $$ = p_choice($1, $3, &@3, NULL); }
	| choices ',' choice_name STRING
		{ $$ = p_choice($1, $3, &@3, p_plain_string(p, $4, &@4)); }
	;

cstr_opt
	: %empty			{ $$ = NULL; }
	| KW_ENTRE unary KW_ET unary	{ $$ = p_cstr_entre($2, $4, &@$); }
	| KW_PARMI '(' exprs ')'	{ $$ = p_cstr_parmi($3, &@$); }
	;

default_opt
	: %empty			{ $$ = NULL; }
	| '=' sum			{ $$ = $2; }
	;

cond_opt
	: %empty			{ $$ = NULL; }
	| KW_SI orx			{ $$ = $2; }
	;

opt_optionnel
	: %empty			{ $$ = 0; }
	| KW_OPTIONNEL			{ $$ = 1; }
	;

label_opt
	: %empty			{ $$ = NULL; }
	| STRING			{ $$ = p_plain_string(p, $1, &@1); }
	;

fields
	: field_list			{ $$ = $1; }
	| field_list ','		{ $$ = $1; }
	;

field_list
	: name ':' type cstr_opt default_opt label_opt
		{ $$ = p_field(NULL, $1, &@1, $3, $4, $5, $6); }
	| field_list ',' name ':' type cstr_opt default_opt label_opt
		{ $$ = p_field($1, $3, &@3, $5, $6, $7, $8); }
	;

/* Expressions, lowest precedence first (details, rule 20). */
expr
	: orx				{ $$ = $1; }
	| expr '|' IDENT '(' args_opt ')'
		{ $$ = p_pipe(p, $1, $3, &@3, $5, &@$); }
	| expr '|' IDENT lits		{ $$ = p_pipe(p, $1, $3, &@3, $4, &@$); }
	;

lits
	: %empty			{ $$ = xcalloc(1, sizeof(struct ptrvec)); }
	| lits lit			{ ptrvec_push($1, $2); $$ = $1; }
	| lits '-' lit
		{ ptrvec_push($1, p_negative_arg(p, $3, &@2)); $$ = $1; }
	;

orx
	: andx				{ $$ = $1; }
	| orx KW_OU andx		{ $$ = p_binary(p, OP_OR, $1, $3, &@$); }
	;

andx
	: notx				{ $$ = $1; }
	| andx KW_ET notx		{ $$ = p_binary(p, OP_AND, $1, $3, &@$); }
	;

notx
	: KW_NON notx			{ $$ = p_unary(p, EX_NOT, $2, &@$); }
	| rel				{ $$ = $1; }
	;

rel
	: sum				{ $$ = $1; }
	| sum '=' sum			{ $$ = p_binary(p, OP_EQ, $1, $3, &@$); }
	| sum NE sum			{ $$ = p_binary(p, OP_NE, $1, $3, &@$); }
	| sum '<' sum			{ $$ = p_binary(p, OP_LT, $1, $3, &@$); }
	| sum LE sum			{ $$ = p_binary(p, OP_LE, $1, $3, &@$); }
	| sum '>' sum			{ $$ = p_binary(p, OP_GT, $1, $3, &@$); }
	| sum GE sum			{ $$ = p_binary(p, OP_GE, $1, $3, &@$); }
	| sum KW_EXISTE			{ $$ = p_unary(p, EX_EXISTS, $1, &@$); }
	;

sum
	: prod				{ $$ = $1; }
	| sum '+' prod			{ $$ = p_binary(p, OP_ADD, $1, $3, &@$); }
	| sum '-' prod			{ $$ = p_binary(p, OP_SUB, $1, $3, &@$); }
	;

prod
	: unary				{ $$ = $1; }
	| prod '*' unary		{ $$ = p_binary(p, OP_MUL, $1, $3, &@$); }
	| prod '/' unary		{ $$ = p_binary(p, OP_DIV, $1, $3, &@$); }
	;

unary
	: '-' unary			{ $$ = p_unary(p, EX_NEG, $2, &@$); }
	| post				{ $$ = $1; }
	;

post
	: prim				{ $$ = $1; }
	| post '.' IDENT		{ $$ = p_field_access(p, $1, $3, &@3, &@$); }
	;

prim
	: lit				{ $$ = $1; }
	| IDENT				{ $$ = p_name(p, $1, &@1); }
	| IDENT '(' args_opt ')'	{ $$ = p_call(p, $1, &@1, $3, &@$); }
	| IDENT LBRACE finits RBRACE	{ $$ = p_record(p, $1, $3, &@$); }
	| '(' expr ')'			{ $$ = $2; $$->loc = @$; }
	| '[' ']'
		{ $$ = p_list(p, xcalloc(1, sizeof(struct ptrvec)), &@$); }
	| '[' args ']'			{ $$ = p_list(p, $2, &@$); }
	| '[' args ',' ']'		{ $$ = p_list(p, $2, &@$); }
	;

lit
	: NUM				{ $$ = p_number(p, $1, &@1); }
	| MONTANT			{ $$ = p_montant(p, $1, &@1, T_MONTANT); }
	| POURCENT			{ $$ = p_montant(p, $1, &@1, T_POURCENTAGE); }
	| DUREE				{ $$ = p_duree(p, $1.digits, $1.unit, &@1); }
	| DATE				{ $$ = p_date(p, $1, &@1); }
	| STRING			{ $$ = p_text(p, $1, &@1); }
	| KW_VRAI			{ $$ = p_bool(p, true, &@1); }
	| KW_FAUX			{ $$ = p_bool(p, false, &@1); }
	;

args_opt
	: %empty			{ $$ = xcalloc(1, sizeof(struct ptrvec)); }
	| args				{ $$ = $1; }
	;

args
	: expr				{ $$ = p_exprs(NULL, $1); }
	| args ',' expr			{ $$ = p_exprs($1, $3); }
	;

exprs
	: unary				{ $$ = p_exprs(NULL, $1); }
	| exprs ',' unary		{ $$ = p_exprs($1, $3); }
	;

finits
	: %empty			{ $$ = xcalloc(1, sizeof(struct ptrvec)); }
	| finit_list			{ $$ = $1; }
	| finit_list ','		{ $$ = $1; }
	;

finit_list
	: IDENT '=' expr		{ $$ = p_finit(NULL, $1, &@1, $3); }
	| finit_list ',' IDENT '=' expr	{ $$ = p_finit($1, $3, &@3, $5); }
	;

/* Body */
body
	: %empty			{ $$ = xcalloc(1, sizeof(struct nodes)); }
	| body item			{ if ($2 != NULL) nodes_push($1, $2); $$ = $1; }
	;

item
	: TEXT				{ $$ = p_text_node(p, $1, &@1); }
	| LINE				{ $$ = p_indent_node(p, N_LINE, $1, &@1); }
	| SOFTNL			{ $$ = node_new(p->pool, N_SOFTBREAK, &@1); }
	| PARBREAK			{ $$ = node_new(p->pool, N_PARBREAK, &@1); }
	| HARDBREAK			{ $$ = node_new(p->pool, N_HARDBREAK, &@1); }
	| HEADING			{ $$ = p_heading(p, $1, &@1); }
	| BULLET			{ $$ = p_indent_node(p, N_BULLET, $1, &@1); }
	| NUMBERED			{ $$ = p_indent_node(p, N_NUMBERED, $1.col, &@1); }
	| EMPH				{ $$ = p_emph(p, $1.len, $1.can_open, $1.can_close, &@1); }
	| LABEL				{ $$ = p_label_node(p, $1, &@1); }
	| UNNUM				{ $$ = node_new(p->pool, N_UNNUMBERED, &@1); }
	| TAG_OPEN expr TAG_CLOSE	{ $$ = p_interp(p, $2, &@$); }
	| TAG_OPEN TAG_CLOSE		{ $$ = NULL; p_empty_tag(p, &@$, &@2); }
	| TAG_OPEN error TAG_CLOSE	{ $$ = NULL; }
	| T_REF labels TAG_CLOSE	{ $$ = p_ref(p, $2, false, &@$); }
	| T_REF error TAG_CLOSE		{ $$ = NULL; }
	| T_NUMERO labels TAG_CLOSE	{ $$ = p_ref(p, $2, true, &@$); }
	| T_NUMERO error TAG_CLOSE	{ $$ = NULL; }
	| si_head body elifs if_else_opt end
		{ $$ = p_if(p, $1, &@1, $2, $3, $4); }
	| T_SELON expr TAG_CLOSE selon_fill cases other_opt end
		{ $$ = p_selon(p, $2, &@$, $5, $6); }
	| T_SELON error TAG_CLOSE selon_fill cases other_opt end
		{ $$ = NULL; cases_free($5); if ($6) { nodes_free($6); free($6); } }
	| T_POUR name KW_DANS expr TAG_CLOSE body else_opt end
		{ $$ = p_loop(p, $2, &@2, $4, $6, $7, &@1); }
	| T_POUR error TAG_CLOSE body else_opt end
		{ $$ = NULL; nodes_free($4); free($4); if ($5) { nodes_free($5); free($5); } }
	| T_INCLURE STRING TAG_CLOSE
		{ $$ = p_include(p, $2, &@2, NULL, &@$); }
	| T_INCLURE STRING KW_AVEC named_args TAG_CLOSE
		{ $$ = p_include(p, $2, &@2, $4, &@$); }
	| T_INCLURE error TAG_CLOSE	{ $$ = NULL; }
	| T_SIGNATURES args TAG_CLOSE	{ $$ = p_signatures(p, $2, &@$); }
	| T_SIGNATURES error TAG_CLOSE	{ $$ = NULL; }
	;

si_head
	: T_SI expr TAG_CLOSE		{ $$ = $2; }
	| T_SI error TAG_CLOSE		{ $$ = NULL; }
	;

sinon_si_head
	: T_SINON_SI expr TAG_CLOSE	{ $$ = $2; }
	| T_SINON_SI error TAG_CLOSE	{ $$ = NULL; }
	;

elifs
	: %empty			{ $$ = xcalloc(1, sizeof(struct ptrvec)); }
	| elifs sinon_si_head body	{ $$ = p_branch($1, $2, &@2, $3); }
	;

if_else_opt
	: %empty			{ $$ = NULL; }
	| T_SINON TAG_CLOSE body
		{ $$ = p_branch(xcalloc(1, sizeof(struct ptrvec)), NULL, &@1, $3); }
	;

else_opt
	: %empty			{ $$ = NULL; }
	| T_SINON TAG_CLOSE body	{ $$ = $3; }
	;

end
	: T_FIN TAG_CLOSE
	| T_FIN KW_SI TAG_CLOSE
	| T_FIN KW_SELON TAG_CLOSE
	| T_FIN IDENT TAG_CLOSE		{ free($2); }
	;

selon_fill
	: %empty
	| selon_fill TEXT		{ p_selon_filler(p, $2, &@2); }
	| selon_fill SOFTNL
	| selon_fill PARBREAK
	| selon_fill LINE
	;

cases
	: %empty			{ $$ = xcalloc(1, sizeof(struct ptrvec)); }
	| cases T_CAS case_values TAG_CLOSE body
		{ $$ = p_case($1, $3, &@2, $5); }
	| cases T_CAS error TAG_CLOSE body
		{ $$ = $1; nodes_free($5); free($5); }
	;

case_values
	: unary				{ $$ = p_exprs(NULL, $1); }
	| case_values ',' unary		{ $$ = p_exprs($1, $3); }
	;

other_opt
	: %empty			{ $$ = NULL; }
	| T_AUTRE TAG_CLOSE body	{ $$ = $3; p->other_loc = @1; }
	;

/* A reserved word is reported as such, as it is on the {#…} line.  Not
 * through "name": its state after IDENT is shared with the header's
 * declarations, whose tokens would then be listed as expected here. */
labels
	: IDENT				{ $$ = p_labels(NULL, $1, &@1); }
	| reserved
		{ p_reserved(p, $1, &@1); $$ = p_labels(NULL, $1, &@1); }
	| labels ',' IDENT		{ $$ = p_labels($1, $3, &@3); }
	| labels ',' reserved
		{ p_reserved(p, $3, &@3); $$ = p_labels($1, $3, &@3); }
	;

named_args
	: IDENT '=' expr		{ $$ = p_arg(NULL, $1, &@1, $3); }
	| named_args ',' IDENT '=' expr	{ $$ = p_arg($1, $3, &@3, $5); }
	;

tparts
	: %empty
	| tparts TEXT			{ p_tstring_text(p, $2); }
	| tparts TAG_OPEN expr TAG_CLOSE	{ p_tstring_expr(p, $3); }
	| tparts TAG_OPEN TAG_CLOSE
		{ struct loc l = @2; l.end_line = @3.end_line;
		  l.end_col = @3.end_col; p_empty_tag(p, &l, &@3); }
	| tparts TAG_OPEN error TAG_CLOSE
	;

%%

/* The name a message may quote for SYMBOL; the end of the input has
 * none. */
static const char *
symbol_name(yysymbol_kind_t symbol)
{
	return symbol == YYSYMBOL_YYEOF ? NULL : yysymbol_name(symbol);
}

static int
yyreport_syntax_error(const yypcontext_t *ctx, struct parser *p)
{
	/* All of them: bison gives none when they outnumber the array, and
	 * the hints look for one among many. */
	yysymbol_kind_t expected[YYNTOKENS];
	const char *names[YYNTOKENS];
	int i, n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);

	/* The "}" made up for a tag that the input left open was reported
	 * as such (balise-non-fermee); an error about it would repeat that. */
	if (yypcontext_token(ctx) == YYSYMBOL_TAG_CLOSE &&
	    p_made_up_close(p, yypcontext_location(ctx)))
		return 0;
	for (i = 0; i < n; i++)
		names[i] = symbol_name(expected[i]);
	p_syntax_error(p, yypcontext_location(ctx),
	    symbol_name(yypcontext_token(ctx)), names, n < 0 ? 0 : n);
	return 0;
}

/* The inside of a string with {expr} parts (a titre, an exiger or
 * recommander message), read by this same automaton from its own start
 * token: an action runs it, so it lives here, beside the automaton it
 * runs again.  RAW, the text as written, is freed; L is the string's
 * location, quotes included. */
static struct tstring *
parse_tstring(struct parser *outer, char *raw, const struct loc *l)
{
	struct parser p;
	struct loc inner = *l;
	struct tstring *t;

	inner.col++;
	scan_begin(&p, outer->src, outer->ds, raw, strlen(raw), &inner,
	    LEX_START_TSTRING);
	p.pool = outer->pool;
	p.tstring = t = xcalloc(1, sizeof(*t));
	t->loc = *l;
	yyparse(&p);
	scan_end(&p);
	free(raw);
	return t;
}
