# Sourced by the provisioning scripts (bash): run_step runs one named step, shows its output as it
# comes, and when it fails ends with one line that says which step failed, why (the step's last line
# of output and its exit code) and what to do. The line is also written to $MPLSANDBOX_PROVISION_REPORT
# when that is set, so that `npm start` / `npm test` can repeat it as their own last line.
#   run_step "installing apt packages" "check the apt mirror in /etc/apt/sources.list" apt-get install …
STEP_PREFIX="${STEP_PREFIX:-[provision]}"

step_log() { printf '%s %s\n' "$STEP_PREFIX" "$*"; }

step_failed() {   # step_failed NAME WHY HINT
  local line
  line=$(printf '%s FAILED: %s: %s. %s' "$STEP_PREFIX" "$1" "$2" "$3")
  printf '%s\n' "$line" >&2
  if [ -n "${MPLSANDBOX_PROVISION_REPORT:-}" ]; then printf '%s\n' "$line" > "$MPLSANDBOX_PROVISION_REPORT"; fi
  return 0
}

# The line of a failed step's output that says why: its last line, passing over the lines that only
# point at a log or repeat an exit status (npm ends every failure with "A complete log of this run can
# be found in …", after the line with the reason).
reason_line() {   # reason_line LOGFILE
  grep -v -E '^[[:space:]]*$|A complete log of this run can be found in|^npm (error|ERR!)[[:space:]]*$|^npm (error|ERR!) (code|errno|path|syscall|command|signal) ' "$1" \
    | tail -n 1 | cut -c1-300
}

run_step() {      # run_step NAME HINT COMMAND...
  local name="$1" hint="$2"
  shift 2
  local log rc last started=$SECONDS
  log=$(mktemp "${TMPDIR:-/tmp}/mplsandbox-step.XXXXXX")
  step_log "$name"
  set +e
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -ne 0 ]; then
    last=$(reason_line "$log")
    step_failed "$name" "exit $rc${last:+, last output: \"$last\"}" "$hint (full output: $log)"
    exit "$rc"
  fi
  rm -f "$log"
  step_log "$name: done in $((SECONDS - started)) s"
}
