// Signal numbers as Linux numbers them inside the container (x86-64 and arm64 agree on these).
// The host's own table (os.constants.signals) would be wrong on a macOS or Windows host.
const LINUX_SIGNALS: readonly string[] = [
  '', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1',
  'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP',
  'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];

/** `SIGKILL` for 9; `SIGRTMIN+n` for real-time signals; null for 0. */
export function linuxSignalName(signal: number): string | null {
  if (signal <= 0) return null;
  if (signal < LINUX_SIGNALS.length) return LINUX_SIGNALS[signal];
  return `SIGRTMIN+${signal - 34}`;
}
