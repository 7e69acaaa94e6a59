" SPDX-License-Identifier: Apache-2.0
" Copyright 2026 The lgc authors
" lgc templates: `//` comments in the header, `{-- … --}` in the body;
" `gq` keeps French prose, `:make` checks the template (compiler/lgc.vim).

if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal comments=://,s:{--,e:--}
setlocal commentstring=//\ %s
setlocal formatoptions-=t formatoptions+=croql
setlocal suffixesadd=.lgc
setlocal iskeyword=@,48-57,_,192-255
setlocal matchpairs+=«:»
compiler lgc

let b:undo_ftplugin = 'setlocal comments< commentstring< formatoptions< '
      \ . 'suffixesadd< iskeyword< matchpairs< makeprg< errorformat<'
