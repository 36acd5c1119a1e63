#lang racket/base
;; Runs a program the way `racket main.rkt` does (the module, then its `main` submodule if it has one), except
;; that a failed rackunit check outside a test case ends the program with status 1: rackunit's default handler
;; only prints the failure, so a program whose checks fail would otherwise pass.
(require rackunit)
(define file (path->complete-path (vector-ref (current-command-line-arguments) 0)))
(define print-failure (current-check-handler))
(current-check-handler
 (lambda (e)
   (print-failure e)
   (exit 1)))
(parameterize ([current-command-line-arguments (vector)])
  (dynamic-require file #f)
  (define main `(submod ,file main))
  (when (module-declared? main #t)
    (dynamic-require main #f)))
