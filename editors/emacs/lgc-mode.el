;;; lgc-mode.el --- Major mode for lgc contract templates  -*- lexical-binding: t; -*-

;; SPDX-License-Identifier: Apache-2.0
;; Copyright 2026 The lgc authors

;;; Commentary:

;; Colours .lgc templates: the header up to the line `---' is code (its
;; statements, types, keywords, strings, numbers and `//' comments);
;; after it, French prose with code inside `{...}' tags, `{-- --}'
;; comments, headings `#' and the `{-}' and `{#label}' markers.
;; M-x compile (or `lgc check FILE') lists lgc's diagnostics with
;; `next-error', in French (erreur, avertissement, note) and in GCC's
;; words (--format-diagnostics gcc).  The keyword lists are lgc's tables
;; (src/syntax/keywords.c, src/lang/types.c, src/lang/functions.c);
;; tests/scripts/editeurs.sh compares them.
;;
;; Install: (add-to-list 'load-path "/path/to/lgc/editors/emacs")
;;          (require 'lgc-mode)

;;; Code:

(require 'compile)

(defgroup lgc nil
  "Modèles de contrats lgc."
  :group 'languages)

(defcustom lgc-program "lgc"
  "Le programme lgc, pour `compile'."
  :type 'string)

(defconst lgc-statements
  '("modele" "modèle" "titre" "langue" "entree" "entrée" "parametre"
    "paramètre" "soit" "exiger" "recommander" "importer" "type" "genre"
    "lieu" "date" "mention")
  "Header statements.")

(defconst lgc-keywords
  '("si" "sinon" "fin" "selon" "cas" "autre" "pour" "chaque" "dans"
    "inclure" "avec" "signatures" "ref" "numero" "numéro"
    "et" "ou" "non" "existe" "entre" "parmi" "optionnel")
  "Keywords, in the header and inside tags.")

(defconst lgc-constants '("vrai" "faux") "Boolean constants.")

(defconst lgc-types
  '("texte" "entier" "decimal" "décimal" "montant" "pourcentage" "date"
    "duree" "durée" "booleen" "booléen" "partie" "choix" "liste" "de")
  "Types and type constructors.")

(defconst lgc-functions
  '("annee" "brut" "date_courte" "date_longue" "en_lettres"
    "en_toutes_lettres" "jour" "jour_semaine" "jours_ouvrables"
    "jours_ouvres" "liste" "majuscules" "minuscules" "mois" "nombre"
    "ordinal" "ordinal_feminin" "pluriel" "sans_centimes" "somme")
  "Filters and functions.")

(defconst lgc-duration-units
  '("jour" "jours" "semaine" "semaines" "mois" "an" "ans")
  "Duration units.")

(defun lgc--words (words)
  "A regexp matching one of WORDS as a whole word."
  (concat "\\_<" (regexp-opt words t) "\\_>"))

(defun lgc--header-end ()
  "Position of the header's `---' line, or nil for a file without one."
  (save-excursion
    (goto-char (point-min))
    (when (looking-at "[ \t]*\\(?:$\\|//\\|[[:lower:]]\\)")
      (when (re-search-forward "^---[ \t]*$" nil t)
        (match-beginning 0)))))

(defun lgc--in-code-p (pos)
  "Whether POS is code: in the header, or inside a `{...}' tag."
  (let ((end (lgc--header-end)))
    (or (and end (< pos end))
        (save-excursion
          (goto-char pos)
          (let ((open (save-excursion
                        (and (re-search-backward "[{}]" (line-beginning-position -20) t)
                             (eq (char-after) ?{)
                             (not (looking-at "{--"))
                             (point)))))
            (and open
                 (save-excursion (goto-char pos)
                                 (re-search-forward "}" nil t))))))))

(defun lgc--code-matcher (regexp)
  "A font-lock matcher for REGEXP where it is code."
  (lambda (limit)
    (let (found)
      (while (and (not found) (re-search-forward regexp limit t))
        (when (save-match-data (lgc--in-code-p (match-beginning 0)))
          (setq found t)))
      found)))

(defun lgc--header-matcher (regexp)
  "A font-lock matcher for REGEXP in the header only."
  (lambda (limit)
    (let ((end (save-match-data (lgc--header-end))) found)
      (while (and (not found) end (< (point) end)
                  (re-search-forward regexp (min limit end) t))
        (setq found t))
      found)))

(defconst lgc-number "[0-9]+\\(?:[.,][0-9]+\\)?")

(defvar lgc-font-lock-keywords
  `(;; Header: comments, the statement that starts a line, the name
    ;; it declares.
    (,(lgc--header-matcher "//.*$") 0 font-lock-comment-face t)
    (,(lgc--header-matcher (concat "^" (lgc--words lgc-statements)))
     1 font-lock-keyword-face)
    (,(lgc--header-matcher
       "^\\(?:entree\\|entrée\\|parametre\\|paramètre\\|soit\\|type\\)[ \t]+\\([[:alpha:]_][[:alnum:]_]*\\)")
     1 font-lock-variable-name-face)
    ("^---[ \t]*$" 0 font-lock-preprocessor-face)
    ;; Body.
    ("{--\\(?:.\\|\n\\)*?--}" 0 font-lock-comment-face t)
    ("^#\\{1,6\\}[ \t].*$" 0 'bold)
    ("{[ \t]*-[ \t]*}" 0 font-lock-builtin-face t)
    ("{[ \t]*#[[:alnum:]_-]+[ \t]*}" 0 font-lock-constant-face t)
    ("\\\\[[:punct:]]" 0 font-lock-escape-face)
    ;; Code, in the header and in tags.
    (,(lgc--code-matcher "\"[^\"\n]*\"") 0 font-lock-string-face)
    (,(lgc--code-matcher "\\_<[0-9]\\{4\\}-[0-9][0-9]-[0-9][0-9]\\_>") 0 font-lock-constant-face)
    (,(lgc--code-matcher (concat "\\_<" lgc-number "[ \t]*"
                                 (regexp-opt lgc-duration-units) "\\_>"))
     0 font-lock-constant-face)
    (,(lgc--code-matcher (concat "\\_<" lgc-number "[ \t]*[€%]")) 0 font-lock-constant-face)
    (,(lgc--code-matcher (lgc--words lgc-keywords)) 1 font-lock-keyword-face)
    (,(lgc--code-matcher (lgc--words lgc-constants)) 1 font-lock-constant-face)
    (,(lgc--code-matcher (lgc--words lgc-types)) 1 font-lock-type-face)
    (,(lgc--code-matcher "|[ \t]*\\([[:alpha:]_][[:alnum:]_]*\\)") 1 font-lock-function-name-face)
    (,(lgc--code-matcher (lgc--words lgc-functions)) 1 font-lock-function-name-face))
  "Font-lock keywords of `lgc-mode'.")

(defvar lgc-mode-syntax-table
  (let ((st (make-syntax-table)))
    ;; Quotes and slashes are prose in the body: font-lock, not the
    ;; syntax table, finds strings and comments.
    (modify-syntax-entry ?\" "." st)
    (modify-syntax-entry ?/ "." st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?« "(»" st)
    (modify-syntax-entry ?» ")«" st)
    st)
  "Syntax table of `lgc-mode'.")

;; lgc's diagnostics: file:line:col: erreur|avertissement|note: message,
;; or GCC's error|warning|note; a warning and a note are told apart.
(defconst lgc-compilation-regexp
  (concat "^\\([^ \n:][^:\n]*\\):\\([0-9]+\\):\\(?:\\([0-9]+\\):\\)? "
          "\\(?:erreur\\|error\\|fatal error\\|\\(avertissement\\|warning\\)\\|\\(note\\)\\): ")
  "The diagnostics lgc prints.")

(add-to-list 'compilation-error-regexp-alist-alist
             `(lgc ,lgc-compilation-regexp 1 2 3 (4 . 5)))
(add-to-list 'compilation-error-regexp-alist 'lgc)

;;;###autoload
(define-derived-mode lgc-mode text-mode "LGC"
  "Major mode for lgc contract templates."
  :syntax-table lgc-mode-syntax-table
  (setq-local font-lock-defaults '(lgc-font-lock-keywords t))
  (setq-local font-lock-multiline t)
  (setq-local comment-start "// ")
  (setq-local comment-start-skip "//+[ \t]*")
  (setq-local comment-end "")
  (setq-local compile-command
              (concat lgc-program " check "
                      (when buffer-file-name
                        (shell-quote-argument
                         (file-name-nondirectory buffer-file-name))))))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.lgc\\'" . lgc-mode))

(provide 'lgc-mode)
;;; lgc-mode.el ends here
