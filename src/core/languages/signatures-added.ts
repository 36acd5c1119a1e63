// Syntax signatures of the languages added from Debian's packages (same units as signatures.ts: ~1 a hint,
// ~3 a strong sign, ~5 near-proof). Each names facts of the language's syntax, with counterweights where a
// pattern also fits an older language (Haskell's `<-`, Pascal's `:=`, Crystal's `puts`).
import type { SyntaxSignature } from './signatures';

const sig = (name: string, pattern: RegExp, weights: SyntaxSignature['weights']): SyntaxSignature => ({ name, pattern, weights });

export const ADDED_SIGNATURES: readonly SyntaxSignature[] = [
  // ── R ─────────────────────────────────────────────────────────────────────
  sig('R function assignment', /(?:<-|=)\s*function\s*\(/, { r: 5, javascript: 0.5 }),
  sig('R arrow assignment', /^\s*[\w.]+\s*<-\s*\S/m, { r: 2.5, haskell: 0.5 }),
  sig('R vectors', /\bc\(\s*[-\d"'A-Za-z]/, { r: 2 }),
  sig('R builtins', /\b(?:paste0?|seq_len|seq_along|sapply|lapply|vapply|stopifnot|is\.null|nchar|unlist|readLines|identical|all\.equal)\s*\(/, { r: 3 }),
  sig('R logical constants', /\b(?:TRUE|FALSE)\b/, { r: 1.5 }),
  sig('R list indexing', /\w\[\[[^\]]+\]\]/, { r: 2 }),

  // ── Scala and Kotlin ──────────────────────────────────────────────────────
  sig('Scala import', /^\s*import\s+scala\./m, { scala: 6 }),
  sig('object definition', /^\s*(?:case\s+)?object\s+\w+(?:\s+extends\s+\w+)?\s*\{/m, { scala: 4, kotlin: 1.5 }),
  sig('Scala typed def with =', /\bdef\s+\w+\s*(?:\[[^\]]*\])?\s*\([^)]*\w\s*:\s*[A-Z][^)]*\)\s*:\s*[\w[\], ]+=/, { scala: 5, python: -2 }),
  sig('Scala generic types', /\b(?:List|Array|Seq|Option|Vector|Map)\[(?:Int|Long|String|Float|Double|Boolean|Char|Any|\()/, { scala: 4 }),
  sig('val declaration', /^\s*val\s+\w+(?:\s*:\s*[\w[\]<>?, ]+)?\s*=/m, { scala: 2, kotlin: 2 }),
  sig('Scala case arrow', /\bcase\s+[^\n]*=>/, { scala: 2, csharp: 0.3 }),
  sig('Scala conversions', /\.to(?:Int|Long|Double|Float|List|Array|Set)\b(?!\s*\()/, { scala: 2.5 }),
  sig('Kotlin fun', /^\s*(?:(?:private|public|internal|override|suspend|inline|tailrec)\s+)*fun\s+(?:<[^>]*>\s*)?[\w.]+\s*\(/m, { kotlin: 5 }),
  sig('Kotlin non-null assertion', /\w(?:\(\))?!!/, { kotlin: 3 }),
  sig('Kotlin collections', /\b(?:listOf|mutableListOf|mapOf|mutableMapOf|setOf|arrayOf|intArrayOf)\s*[(<]/, { kotlin: 4 }),
  sig('Kotlin when', /\bwhen\s*(?:\([^)]*\))?\s*\{/, { kotlin: 3 }),

  // ── D ─────────────────────────────────────────────────────────────────────
  sig('D import std', /^\s*import\s+std\.\w+/m, { d: 6 }),
  sig('D unittest', /^\s*unittest\b/m, { d: 5 }),
  sig('D template instantiation', /\b(?:to|map|filter|reduce|sort|canFind|countUntil|sum|array|joiner|iota|fold)!\s*[("\w]/, { d: 4, rust: -1 }),
  sig('D foreach', /\bforeach\s*\(\s*(?:(?:ref\s+)?\w+\s*,\s*)?(?:\w+\s+)?\w+\s*;/, { d: 5 }),
  sig('D attributes', /\b(?:immutable|@safe|@nogc|nothrow|@property)\b/, { d: 3 }),
  sig('writeln call', /\bwrite(?:f?ln|f)?\s*\(/, { d: 2, pascal: 1 }),

  // ── Lisps ─────────────────────────────────────────────────────────────────
  sig('#lang racket', /^\s*#lang\s+racket/m, { racket: 9 }),
  sig('Scheme-style define', /\(define\s+\(/, { racket: 2, scheme: 3 }),
  sig('Racket forms', /\((?:require|first|rest|empty\?|hash-ref|for\/list|for\/fold|for\/sum|string-join|check-equal\?)\s/, { racket: 3 }),
  sig('square-bracket clauses', /\(cond\s*\[|\[\s*else\b|\(let\*?\s*\(\[/, { racket: 2.5 }),
  sig('Scheme output', /\((?:display|newline)\b/, { scheme: 2, racket: 1 }),
  sig('Guile modules', /\(use-modules\s/, { scheme: 6 }),
  sig('defun', /\(defun\s+[\w-]+/, { commonlisp: 6 }),
  sig('Common Lisp forms', /\((?:format\s+t\s|defvar\s|defparameter\s|setf\s|loop\s+for\s|write-line\s)/, { commonlisp: 4 }),
  sig('defn', /\(defn-?\s+[\w-]+/, { clojure: 6 }),
  sig('Clojure forms', /\((?:ns\s|let\s+\[|println\s|fn\s+\[|->>?\s)/, { clojure: 3 }),

  // ── Elixir and Erlang ─────────────────────────────────────────────────────
  sig('defmodule', /^\s*defmodule\s+[\w.]+\s+do\b/m, { elixir: 6 }),
  sig('Elixir def do:', /\bdefp?\s+\w+[?!]?(?:\([^)]*\))?\s*,\s*do:/, { elixir: 5 }),
  sig('Elixir modules', /\b(?:IO\.(?:puts|inspect|gets)|Enum\.\w+|String\.\w+|Map\.\w+)\s*\(/, { elixir: 4, ruby: -1 }),
  sig('pipe operator', /^\s*\|>\s*\w|\)\s*\|>\s*[A-Z\w]/m, { elixir: 3, ocaml: 1 }),
  sig('Elixir fn', /\bfn\s+[\w, ()]*->/, { elixir: 4 }),
  sig('Erlang module attribute', /^-module\(/m, { erlang: 7 }),
  sig('Erlang export', /^-export\(\[/m, { erlang: 5 }),
  sig('Erlang clause', /^[a-z]\w*\([^)]*\)\s*(?:when\s[^\n]*)?->\s*$/m, { erlang: 3 }),
  sig('Erlang calls', /\b(?:io:format|lists:\w+|string:\w+|io:get_line)\s*\(/, { erlang: 5 }),

  // ── Haskell and OCaml ─────────────────────────────────────────────────────
  sig('Haskell type signature', /^[a-z]\w*'?\s+::\s+\S/m, { haskell: 5 }),
  sig('Haskell imports', /^import\s+(?:qualified\s+)?(?:Data|Control|System|Text|Prelude)\b/m, { haskell: 6 }),
  sig('Haskell main', /^main\s*=\s*/m, { haskell: 3 }),
  sig('Haskell IO', /\b(?:putStrLn|getLine|readLn|mapM_|interact)\b/, { haskell: 4 }),
  sig('module where', /^module\s+[\w.]+(?:\s*\([^)]*\))?\s+where\b/m, { haskell: 5 }),
  sig('OCaml let unit', /^let\s+\(\)\s*=/m, { ocaml: 6 }),
  sig('OCaml let rec', /^\s*let\s+rec\s+\w+/m, { ocaml: 4 }),
  sig('OCaml fun and match', /\(fun\s+[\w ()]+->|\bmatch\s+[^\n]+\s+with\b/, { ocaml: 4 }),
  sig('OCaml standard library', /\b(?:Printf\.printf|print_endline|print_string|print_int|List\.(?:iter|map|fold_left)|String\.concat)\b/, { ocaml: 4 }),
  sig('OCaml let in', /\blet\s+\w+(?:\s+\w+)*\s*=[^\n]*\bin\s*$/m, { ocaml: 3, haskell: 1 }),

  // ── Fortran, Pascal, Ada, COBOL ───────────────────────────────────────────
  sig('Fortran program end', /^\s*end\s+(?:program|subroutine|function|module)\b/im, { fortran: 6 }),
  sig('implicit none', /^\s*implicit\s+none\b/im, { fortran: 6 }),
  sig('Fortran declarations', /^\s*(?:integer|real|character|logical|double precision)(?:\s*\([^)]*\))?\s*(?:,\s*[\w()=:]+\s*)*::/im, { fortran: 5 }),
  sig('Fortran print', /^\s*print\s*(?:\*|'[^']*')\s*,/im, { fortran: 4 }),
  sig('Pascal program', /^\s*program\s+\w+\s*;/im, { pascal: 6 }),
  sig('Pascal final end', /^\s*end\.\s*$/m, { pascal: 6 }),
  sig('begin block', /^\s*begin\s*$/im, { pascal: 3, ada: 2 }),
  sig('Pascal assignment', /\w\s*:=\s*[^=]/, { pascal: 1.5, ada: 1.5 }),
  sig('Pascal declarations', /^\s*(?:var|procedure\s+\w+\s*[;(]|function\s+\w+\s*\([^)]*\)\s*:\s*\w+\s*;)/im, { pascal: 3 }),
  sig('Ada with', /^\s*with\s+Ada\.[\w.]+\s*;/im, { ada: 7 }),
  sig('Ada procedure', /^\s*procedure\s+\w+(?:\s*\([^)]*\))?\s+is\b/im, { ada: 5 }),
  sig('Ada Put_Line', /\bPut_Line\s*\(/, { ada: 4 }),
  sig('COBOL divisions', /^\s*(?:IDENTIFICATION|PROCEDURE|DATA|ENVIRONMENT)\s+DIVISION\s*\./im, { cobol: 9 }),
  sig('COBOL pictures', /\bPIC(?:TURE)?\s+[X9SAV(]/i, { cobol: 4 }),

  // ── Nim, Crystal, Groovy, Tcl ─────────────────────────────────────────────
  sig('Nim proc', /^\s*proc\s+\w+\*?\s*(?:\[[^\]]*\])?\s*\(/m, { nim: 6, tcl: -1 }),
  sig('Nim imports', /^\s*import\s+(?:strutils|sequtils|tables|math|strformat|algorithm|sugar|os)\b/m, { nim: 5, python: -1 }),
  sig('Nim seq type', /\bseq\[\w+\]|@\[/, { nim: 4 }),
  sig('Crystal typed def', /\bdef\s+\w+[?!]?\s*\([^)]*\w\s+:\s+[A-Z]\w*/, { crystal: 6, ruby: -2 }),
  sig('Crystal type annotations', /\w\s+:\s+(?:Int32|Int64|Float64|String|Bool|Array\(|Hash\(|Char)\b|\.not_nil!/, { crystal: 4, ruby: -1 }),
  sig('Groovy def with brace', /^\s*def\s+\w+\s*\([^)]*\)\s*\{/m, { groovy: 4, ruby: -2 }),
  sig('Groovy println', /^\s*println\s+["'\w$]/m, { groovy: 4 }),
  sig('Tcl proc', /^\s*proc\s+[\w:]+\s+\{[^}]*\}\s*\{/m, { tcl: 7 }),
  sig('Tcl set', /^\s*set\s+\w+\s+\S/m, { tcl: 3 }),
  sig('Tcl command substitution', /\[(?:expr|llength|lindex|string|gets|lsort|lappend)\s/, { tcl: 5 }),

  // ── Prolog, Octave, Verilog, AWK ──────────────────────────────────────────
  sig('Prolog rule', /^[a-z]\w*(?:\([^)]*\))?\s*:-/m, { prolog: 6 }),
  sig('Prolog directive', /^:-\s*\w/m, { prolog: 5 }),
  sig('Prolog builtins', /\b(?:writeln|format|nl|is)\b[^\n]*\.\s*$/m, { prolog: 1 }),
  sig('Octave function with output', /^\s*function\s+(?:\[[^\]]*\]|\w+)\s*=\s*\w+\s*\(/m, { octave: 6 }),
  sig('Octave block ends', /^\s*(?:endfunction|endif|endfor|endwhile)\b/m, { octave: 5 }),
  sig('Octave output', /\b(?:disp|fprintf|num2str|mat2str)\s*\(/, { octave: 3 }),
  sig('Octave matrices', /=\s*\[[\d\s.,;-]+\]\s*;|\b(?:zeros|ones|numel|linspace)\s*\(/, { octave: 2 }),
  sig('percent comment', /^\s*%[^{}\n]/m, { octave: 2, prolog: 2, erlang: 2 }),
  sig('Verilog module', /^\s*module\s+\w+\s*(?:#\s*\([^)]*\)\s*)?(?:\([^)]*\))?\s*;/m, { verilog: 5 }),
  sig('endmodule', /^\s*endmodule\b/m, { verilog: 6 }),
  sig('Verilog system tasks', /\$(?:display|finish|monitor|write|fatal|time)\b/, { verilog: 4 }),
  sig('AWK BEGIN/END', /^\s*(?:BEGIN|END)\s*\{/m, { awk: 5, perl: 0.5 }),
  sig('AWK fields and records', /\$(?:NF|\d+)\b[^\n]*|\bNR\s*[=!<>]=?|\bNF\b/, { awk: 2.5, bash: 0.5 }),
];
