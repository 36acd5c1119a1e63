# Runs a program as `Rscript main.R` would, with source references kept, and names the line of an error:
# Rscript alone prints "Error in f(1) : boom" with no position. The innermost call that has a source reference
# in the program is where it failed; it is printed as "main.R:LINE:COLUMN: error: MESSAGE" before R's own report.
args <- commandArgs(trailingOnly = TRUE)
program <- args[[1]]
options(keep.source = TRUE, warn = 1)
withCallingHandlers(
  invisible(source(program, keep.source = TRUE)),
  error = function(e) {
    calls <- sys.calls()
    for (i in rev(seq_along(calls))) {
      ref <- attr(calls[[i]], "srcref")
      if (!is.null(ref) && identical(basename(attr(ref, "srcfile")$filename), basename(program))) {
        message(sprintf("%s:%d:%d: error: %s", basename(program), ref[1], ref[5], conditionMessage(e)))
        break
      }
    }
  }
)
