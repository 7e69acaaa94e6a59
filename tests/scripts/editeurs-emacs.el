;;; editeurs-emacs.el --- tests/scripts/editeurs.sh's Emacs part  -*- lexical-binding: t; -*-
;; SPDX-License-Identifier: Apache-2.0
;; Copyright 2026 The lgc authors
;;
;; emacs -Q -batch -l editeurs-emacs.el MODE.el TEMPLATE DIAGNOSTICS...
;; Prints, for TEMPLATE (examples/generation-prospects/contrat.lgc), the
;; face at each place below, « face TEXT FACE »; then, for each file of
;; diagnostics read by compilation-mode, each message it found,
;; « FILE|LINE|COL|E/W/N ».
(let* ((args command-line-args-left)
       (mode (nth 0 args)) (template (nth 1 args)) (diags (nthcdr 2 args)))
  (setq command-line-args-left nil)
  (load (expand-file-name mode) nil t)
  (find-file (expand-file-name template))
  (font-lock-ensure)
  (princ (format "mode %s\n" major-mode))
  (dolist (c '(("^\\(modele\\)" "modele")
               ("^\\(// Durée\\)" "// Durée")
               ("^entree \\(reference\\)" "reference")
               ("\\(\"Référence du contrat\"\\)" "\"Référence du contrat\"")
               ("entree reference : \\(texte\\)" "texte")
               ("{\\(si\\) garantie_resultats}" "si")
               ("^\\(---\\)" "---")
               ("Le \\(Client\\) a pour" "Client")
               ("la recherche \\(et\\) la" "et (prose)")
               ("entier \\(entre\\) 1" "entre")
               ("{\\(-\\)}" "{-}")
               ("| \\(pluriel\\)" "pluriel")
               ("^\\(#\\) Préambule" "#")
               ("\\(1 mois\\)" "1 mois")
               ("texte \\(optionnel\\)" "optionnel")))
    (goto-char (point-min))
    (if (re-search-forward (car c) nil t)
        (let ((f (get-text-property (match-beginning 1) 'face)))
          (princ (format "face %s %s\n" (cadr c) (if (listp f) (car f) f))))
      (princ (format "face %s introuvable\n" (cadr c)))))
  (dolist (d diags)
    (with-current-buffer (get-buffer-create (concat "*" d "*"))
      (insert-file-contents (expand-file-name d))
      (compilation-mode)
      (setq default-directory (file-name-directory (expand-file-name d)))
      (compilation--ensure-parse (point-max))
      (goto-char (point-min))
      (while (not (eobp))
        (let ((m (get-text-property (point) 'compilation-message)))
          (when m
            (let* ((loc (compilation--message->loc m))
                   (file (caar (compilation--loc->file-struct loc))))
              (princ (format "%s|%d|%d|%s\n" (if (consp file) (car file) file)
                             (compilation--loc->line loc)
                             (or (compilation--loc->col loc) 0)
                             (pcase (compilation--message->type m)
                               (2 "E") (1 "W") (0 "N")))))))
        (forward-line 1)))))
