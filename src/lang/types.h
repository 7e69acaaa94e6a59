/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Types of the template language and the constant values that
 * constraints and defaults hold. */
#ifndef LGC_TYPES_H
#define LGC_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lang/decimal.h"
#include "base/diag.h"
#include "lang/french.h"

enum type_kind {
	T_ERROR,	/* after a reported error: accepted everywhere */
	T_TEXTE,
	T_ENTIER,
	T_DECIMAL,
	T_MONTANT,
	T_POURCENTAGE,
	T_DATE,
	T_DUREE,
	T_BOOLEEN,
	T_CHOIX,
	T_LISTE,
	T_RECORD
};

struct type;
struct value;

struct choice_value {
	char		*name;
	char		*words;		/* printed form; NULL: name with '_' as ' ' */
	struct loc	 loc;
};

enum constraint_kind {
	CSTR_NONE,
	CSTR_ENTRE,
	CSTR_PARMI
};

struct constraint {
	enum constraint_kind kind;
	struct value	*lo, *hi;	/* CSTR_ENTRE */
	struct value	*set;		/* CSTR_PARMI */
	size_t		 nset;
	struct loc	 loc;
};

struct field {
	char		*name;
	const struct type *type;
	struct constraint cstr;
	struct value	*def;		/* NULL: required */
	char		*label;
	struct loc	 loc;
	const struct type *owner;	/* record type that declared it */
};

struct type {
	enum type_kind	 kind;
	char		*name;		/* record types */
	struct loc	 loc;
	struct choice_value *values;	/* T_CHOIX */
	size_t		 nvalues;
	const struct type *elem;	/* T_LISTE */
	const struct type *parent;	/* T_RECORD: "partie avec {…}" */
	struct field	*fields;	/* T_RECORD, inherited ones first */
	size_t		 nfields;
	bool		 resolved;	/* record fields filled in */
};

enum duree_family {
	FAMILY_DAYS,
	FAMILY_MONTHS
};

struct value {
	enum type_kind	 kind;
	const struct type *type;	/* T_CHOIX, T_LISTE, T_RECORD */
	union {
		char		*text;
		int64_t		 integer;
		dec_t		 dec;		/* decimal, montant, pourcentage (15 = 15 %) */
		struct date	 date;
		struct {
			int64_t		 count;
			enum duree_unit	 unit;
		} duree;
		bool		 boolean;
		size_t		 choice;	/* index in type->values */
		struct {
			struct value	*items;
			size_t		 len;
		} list;
		struct {
			struct value	*fields;	/* parallel to type->fields */
			size_t		 len;
		} record;
	} u;
};

/* Built-in types, shared and never freed. */
const struct type *type_builtin(enum type_kind kind);
/* The predefined record type `partie`. */
const struct type *type_partie(void);
/* By name in the type namespace: texte, entier, decimal (décimal),
 * montant, pourcentage, date, duree (durée), booleen (booléen), partie.
 * NULL when not built in. */
const struct type *type_builtin_named(const char *name);

/* "un montant", "une date", "un choix (commission, horaire…)" */
void	type_describe(struct buf *b, const struct type *t);
/* "montant", "date", "choix(a, b)", record name */
void	type_name(struct buf *b, const struct type *t);
bool	type_equal(const struct type *a, const struct type *b);
/* A is accepted where B is expected (equal, or a record subtype). */
bool	type_accepts(const struct type *expected, const struct type *actual);
bool	type_is_numeric(const struct type *t);
bool	type_is_ordered(const struct type *t);
/* Index of the choice value or field NAME, or -1. */
int	type_choice_index(const struct type *t, const char *name);
int	type_field_index(const struct type *t, const char *name);
void	type_free(struct type *t);

enum duree_family duree_unit_family(enum duree_unit unit);
/* Count in the family's base unit (jours or mois). */
int64_t	duree_base_count(const struct value *v);

void	value_free(struct value *v);
void	value_copy(struct value *dst, const struct value *src);
/* An entier, décimal, montant or pourcentage as an exact decimal (false
 * for other kinds, or an entier too large). */
bool	value_to_dec(const struct value *v, dec_t *out);
/* Structural equality of constants (choices by index). */
bool	value_equal(const struct value *a, const struct value *b);
/* -1, 0, 1; *comparable is false for different duree families. */
int	value_compare(const struct value *a, const struct value *b,
	    bool *comparable);
/* Prints the value the French way, as the body would. */
void	value_print(struct buf *b, const struct value *v);
/* Prints the value as a template literal would be written ("30 jours",
 * "1500 €", "2026-11-26"), for messages. */
void	value_print_literal(struct buf *b, const struct value *v);
/* Whether V satisfies C; *why describes the failure. */
bool	constraint_holds(const struct constraint *c, const struct value *v,
	    struct buf *why);
void	constraint_describe(struct buf *b, const struct constraint *c);
void	constraint_free(struct constraint *c);

#endif
