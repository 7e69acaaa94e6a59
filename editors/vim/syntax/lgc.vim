" SPDX-License-Identifier: Apache-2.0
" Copyright 2026 The lgc authors
" Vim syntax file for lgc contract templates (.lgc): the header up to
" the line `---` is code; after it, French prose with code in `{…}`.
" The keyword lists are lgc's tables (src/syntax/keywords.c,
" src/lang/types.c, src/lang/functions.c); tests/scripts/editeurs.sh
" compares them.

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syntax case match
syntax iskeyword @,48-57,_,192-255
syntax sync fromstart

" Code, in the header and inside tags.  Of two items that match at one
" place the last defined wins: numbers before amounts, durations, dates.
syntax keyword lgcConditional si sinon fin selon cas autre pour chaque dans contained
syntax keyword lgcKeyword inclure avec signatures ref numero numéro contained
syntax keyword lgcOperatorWord et ou non existe entre parmi optionnel contained
syntax keyword lgcBoolean vrai faux contained
syntax keyword lgcType texte entier decimal décimal montant pourcentage date duree durée booleen booléen partie choix liste de contained
syntax keyword lgcFunction annee brut date_courte date_longue en_lettres en_toutes_lettres jour jour_semaine jours_ouvrables jours_ouvres liste majuscules minuscules mois nombre ordinal ordinal_feminin pluriel sans_centimes somme contained
syntax match lgcNumber /\<\d\+\%([.,]\d\+\)\=\>/ contained
syntax match lgcDate /\<\d\{4}-\d\d-\d\d\>/ contained
syntax match lgcDuration /\<\d\+\%([.,]\d\+\)\=[ \t\u00a0]*\%(jour\|jours\|semaine\|semaines\|mois\|an\|ans\)\>/ contained
syntax match lgcAmount /\<\d\+\%([.,]\d\+\)\=[ \t\u00a0]*[€%]/ contained
syntax match lgcOperator /!=\|<=\|>=\|[=<>+*\/-]/ contained
syntax match lgcPipe /|/ contained nextgroup=lgcFilter skipwhite
syntax match lgcFilter /[[:alpha:]_][[:alnum:]_]*/ contained
syntax region lgcString start=/"/ skip=/\\./ end=/"\|$/ contained contains=lgcInterpolation,lgcStringEscape
syntax match lgcStringEscape /\\./ contained
syntax region lgcInterpolation matchgroup=lgcDelimiter start=/{/ end=/}/ contained contains=@lgcCode
syntax region lgcBraces matchgroup=lgcDelimiter start=/{/ end=/}/ contained contains=@lgcCode,lgcLineComment
syntax cluster lgcCode contains=lgcConditional,lgcKeyword,lgcOperatorWord,lgcBoolean,lgcType,lgcFunction,lgcDate,lgcDuration,lgcAmount,lgcNumber,lgcOperator,lgcPipe,lgcString

" The header: from the first line to `---`, when the file starts with a
" statement, a comment or a blank line (a file without a header starts
" with its text).
syntax keyword lgcStatement modele modèle titre langue entree entrée parametre paramètre soit exiger recommander importer type genre lieu date mention contained
syntax match lgcStatementStart /^\k\+/ contained contains=lgcStatement
syntax match lgcLineComment +//.*$+ contained contains=@Spell
syntax region lgcHeader start=/\%^\%(\s*$\|\s*\/\/\|\l\)/ matchgroup=lgcSeparator end=/^---\s*$/ contains=lgcLineComment,lgcStatementStart,lgcBraces,@lgcCode
syntax match lgcSeparator /^---\s*$/

" The body.
syntax region lgcBlockComment start=/{--/ end=/--}/ contains=@Spell
syntax match lgcEscape /\\[[:punct:]€«»]/
syntax match lgcEscape /\\$/
syntax match lgcUnnumbered /{\s*-\s*}/
syntax match lgcLabel /{\s*#[[:alnum:]_-]\+\s*}/
syntax region lgcTag matchgroup=lgcDelimiter start=/{\%(--\)\@!/ end=/}/ end=/^\s*$/ contains=lgcRef,@lgcCode
syntax match lgcRef /\<\%(ref\|numero\|numéro\)\>\s\+[[:alnum:]_, -]\+/ contained contains=lgcKeyword
syntax match lgcStrayBrace /}/
syntax match lgcHeading /^#\{1,6}\s.*$/ contains=lgcTag,lgcUnnumbered,lgcLabel,lgcBlockComment,lgcEscape
syntax match lgcListItem /^\s*\%(-\|\d\+\.\)\ze\s/
syntax region lgcBold start=/\*\*\S\@=/ end=/\*\*\|$/ oneline contains=lgcTag,lgcEscape
syntax region lgcItalic start=/\%(\\\|\*\)\@<!\*[[:space:]*]\@!/ end=/\%(\\\)\@<!\*\|$/ oneline contains=lgcTag,lgcEscape

highlight default link lgcStatement Statement
highlight default link lgcSeparator PreProc
highlight default link lgcLineComment Comment
highlight default link lgcBlockComment Comment
highlight default link lgcConditional Conditional
highlight default link lgcKeyword Keyword
highlight default link lgcOperatorWord Operator
highlight default link lgcOperator Operator
highlight default link lgcPipe Operator
highlight default link lgcBoolean Boolean
highlight default link lgcType Type
highlight default link lgcFunction Function
highlight default link lgcFilter Function
highlight default link lgcDate Constant
highlight default link lgcDuration Number
highlight default link lgcAmount Number
highlight default link lgcNumber Number
highlight default link lgcString String
highlight default link lgcStringEscape SpecialChar
highlight default link lgcDelimiter Delimiter
highlight default link lgcEscape SpecialChar
highlight default link lgcUnnumbered Special
highlight default link lgcLabel Label
highlight default link lgcRef Label
highlight default link lgcStrayBrace Error
highlight default link lgcHeading Title
highlight default link lgcListItem Special
highlight default htmlBold term=bold cterm=bold gui=bold
highlight default link lgcBold htmlBold
highlight default htmlItalic term=italic cterm=italic gui=italic
highlight default link lgcItalic htmlItalic

let b:current_syntax = 'lgc'

let &cpo = s:cpo_save
unlet s:cpo_save
