" SPDX-License-Identifier: Apache-2.0
" Copyright 2026 The lgc authors
" .lgc files are lgc contract templates.
autocmd BufNewFile,BufRead *.lgc setfiletype lgc
