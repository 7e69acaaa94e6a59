" SPDX-License-Identifier: Apache-2.0
" Copyright 2026 The lgc authors
" Vim compiler plugin for lgc: `:compiler lgc`, then `:make` checks the
" current template and fills the quickfix list with lgc's diagnostics.
" It reads them as lgc prints them, `fichier:ligne:col: erreur: message`
" (avertissement, note), and as `--format-diagnostics gcc` prints them
" (error, warning, note); a diagnostic without a column, or without a
" place, is read too.  The quoted line and the caret under it are
" skipped.  tests/scripts/editeurs.sh runs it on lgc's own output.

if exists('current_compiler')
  finish
endif
let current_compiler = 'lgc'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=lgc\ check\ %:S

" Each kind of line starts a one-line entry of its type (%E, %W, %I;
" %N for a note); the quoted line ` 12 | …` and the caret line `   | ^`
" are dropped (%-G).
CompilerSet errorformat=
      \%E%f:%l:%c:\ erreur:\ %m,
      \%E%f:%l:%c:\ error:\ %m,
      \%E%f:%l:%c:\ fatal\ error:\ %m,
      \%W%f:%l:%c:\ avertissement:\ %m,
      \%W%f:%l:%c:\ warning:\ %m,
      \%N%f:%l:%c:\ note:\ %m,
      \%E%f:%l:\ erreur:\ %m,
      \%E%f:%l:\ error:\ %m,
      \%W%f:%l:\ avertissement:\ %m,
      \%W%f:%l:\ warning:\ %m,
      \%N%f:%l:\ note:\ %m,
      \%E%f:\ erreur:\ %m,
      \%E%f:\ error:\ %m,
      \%W%f:\ avertissement:\ %m,
      \%W%f:\ warning:\ %m,
      \%-G\ %#%\\d%#\ \|%.%#,
      \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
