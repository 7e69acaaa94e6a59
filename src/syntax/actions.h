/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The grammar's actions (grammar/parser.y): the builders of the syntax
 * tree, called as rules are reduced, and the helpers that free the
 * grammar's intermediate values (its %destructor). */
#ifndef LGC_SYNTAX_ACTIONS_H
#define LGC_SYNTAX_ACTIONS_H

#include <stdbool.h>

#include "syntax/ast.h"
#include "syntax/state.h"
#include "base/util.h"

void	p_set_body(struct parser *p, struct nodes *body);
void	p_model(struct parser *p, char *s, const struct loc *l);
void	p_title(struct parser *p, struct tstring *t, const struct loc *l);
void	p_langue(struct parser *p, char *s, const struct loc *l);
void	p_genre(struct parser *p, char *s, const struct loc *l);
void	p_lieu(struct parser *p, struct tstring *t, const struct loc *l);
void	p_letter_date(struct parser *p, struct expr *e, const struct loc *l);
void	p_mention(struct parser *p, char *s, const struct loc *l);
void	p_import(struct parser *p, char *s, const struct loc *l);
void	p_entree(struct parser *p, char *name, const struct loc *l,
	    struct type_expr *t, struct cstr_expr *c, struct expr *def,
	    struct expr *cond, int optional, char *label,
	    const struct loc *optional_loc);
void	p_parametre(struct parser *p, char *name, const struct loc *l,
	    struct type_expr *t, struct cstr_expr *c, struct expr *def,
	    char *label);
void	p_soit(struct parser *p, char *name, const struct loc *l,
	    struct expr *value);
void	p_rule(struct parser *p, bool warning, struct expr *cond,
	    const struct loc *l, struct tstring *message);
void	p_type_record(struct parser *p, char *name, const struct loc *l,
	    char *parent, const struct loc *parent_loc, struct ptrvec *fields);
void	p_type_alias(struct parser *p, char *name, const struct loc *l,
	    struct type_expr *t);
void	p_reserved(struct parser *p, const char *word, const struct loc *l);
char	*p_plain_string(struct parser *p, char *raw, const struct loc *l);

struct type_expr *p_type_name(char *name, const struct loc *l);
struct type_expr *p_type_choice(struct parser *p, char *kw,
	    const struct loc *l, struct ptrvec *choices);
struct type_expr *p_type_list(struct type_expr *elem, const struct loc *l);
struct ptrvec *p_choice(struct ptrvec *v, char *name, const struct loc *l,
	    char *words);
struct cstr_expr *p_cstr_entre(struct expr *lo, struct expr *hi,
	    const struct loc *l);
struct cstr_expr *p_cstr_parmi(struct ptrvec *set, const struct loc *l);
struct ptrvec *p_field(struct ptrvec *v, char *name, const struct loc *l,
	    struct type_expr *t, struct cstr_expr *c, struct expr *def,
	    char *label);

struct expr *p_pipe(struct parser *p, struct expr *subject, char *fn,
	    const struct loc *fn_loc, struct ptrvec *args, const struct loc *l);
struct expr *p_binary(struct parser *p, enum binop op, struct expr *a,
	    struct expr *b, const struct loc *l);
struct expr *p_negative_arg(struct parser *p, struct expr *lit,
		    const struct loc *minus);
struct expr *p_unary(struct parser *p, enum expr_kind kind,
	    struct expr *a, const struct loc *l);
struct expr *p_field_access(struct parser *p, struct expr *obj, char *name,
	    const struct loc *name_loc, const struct loc *l);
struct expr *p_name(struct parser *p, char *name, const struct loc *l);
struct expr *p_call(struct parser *p, char *name, const struct loc *name_loc,
	    struct ptrvec *args, const struct loc *l);
struct expr *p_record(struct parser *p, char *type, struct ptrvec *fields,
	    const struct loc *l);
struct expr *p_list(struct parser *p, struct ptrvec *items,
	    const struct loc *l);
struct expr *p_number(struct parser *p, char *digits, const struct loc *l);
struct expr *p_montant(struct parser *p, char *digits, const struct loc *l,
	    enum type_kind kind);
struct expr *p_duree(struct parser *p, char *digits, int unit,
	    const struct loc *l);
struct expr *p_date(struct parser *p, char *text, const struct loc *l);
struct expr *p_text(struct parser *p, char *raw, const struct loc *l);
struct expr *p_bool(struct parser *p, bool b, const struct loc *l);
struct ptrvec *p_exprs(struct ptrvec *v, struct expr *e);
struct ptrvec *p_finit(struct ptrvec *v, char *name, const struct loc *l,
	    struct expr *e);

struct node *p_text_node(struct parser *p, char *text, const struct loc *l);
struct node *p_indent_node(struct parser *p, enum node_kind kind, int indent,
	    const struct loc *l);
struct node *p_heading(struct parser *p, int level, const struct loc *l);
struct node *p_emph(struct parser *p, int len, bool can_open, bool can_close,
	    const struct loc *l);
struct node *p_label_node(struct parser *p, char *name,
	    const struct loc *l);
struct node *p_interp(struct parser *p, struct expr *e, const struct loc *l);
void	p_empty_tag(struct parser *p, const struct loc *l,
	    const struct loc *close);
/* Whether the "}" at L is the one made up for a tag left open at the
 * end of the input (already reported as balise-non-fermee). */
bool	p_made_up_close(const struct parser *p, const struct loc *l);
struct node *p_ref(struct parser *p, struct ptrvec *labels, bool bare, const struct loc *l);
struct node *p_if(struct parser *p, struct expr *cond, const struct loc *l,
	    struct nodes *body, struct ptrvec *elifs, struct ptrvec *other);
struct ptrvec *p_branch(struct ptrvec *v, struct expr *cond,
	    const struct loc *l, struct nodes *body);
struct node *p_selon(struct parser *p, struct expr *subject,
	    const struct loc *l, struct ptrvec *cases, struct nodes *other);
void	p_selon_filler(struct parser *p, char *text, const struct loc *l);
struct ptrvec *p_case(struct ptrvec *v, struct ptrvec *values,
	    const struct loc *l, struct nodes *body);
struct node *p_loop(struct parser *p, char *var, const struct loc *var_loc,
	    struct expr *list, struct nodes *body, struct nodes *empty,
	    const struct loc *l);
struct node *p_include(struct parser *p, char *path, const struct loc *path_loc,
	    struct ptrvec *args, const struct loc *l);
struct node *p_signatures(struct parser *p, struct ptrvec *parties, const struct loc *l);
struct ptrvec *p_labels(struct ptrvec *v, char *name, const struct loc *l);
struct ptrvec *p_arg(struct ptrvec *v, char *name, const struct loc *l,
	    struct expr *e);
void	p_tstring_text(struct parser *p, char *text);
void	p_tstring_expr(struct parser *p, struct expr *e);

/* The %destructor of each kind of list the grammar builds. */
void	exprs_free(struct ptrvec *v);
void	strs_free(struct ptrvec *v);
void	branches_free(struct ptrvec *v);
void	cases_free(struct ptrvec *v);
void	fields_free(struct ptrvec *v);
void	finits_free(struct ptrvec *v);
void	args_free(struct ptrvec *v);
void	choices_free(struct ptrvec *v);

#endif
