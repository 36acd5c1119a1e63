/*
 * mplsandbox agent: the main process (pid 1) of a warm sandbox container.
 *
 * The host attaches to the container's stdin/stdout before it starts and talks to this agent with
 * framed messages, so a run costs one message plus fork/exec here instead of a `docker exec`.
 * Each container serves one run (a compile and some test cases) and is then removed.
 *
 * Wire format (both directions), all integers big-endian:
 *   [u8 type][u32 request id][u32 payload length][payload]
 * Payload length is at most AGENT_MAX_PAYLOAD; larger frames are a protocol error.
 *
 * host -> agent
 *   0x01 WRITE_FILE  [u32 mode][u8 flags: 1=append][u16 path length][path][bytes]
 *                    path is relative to the work dir (the agent's cwd); absolute paths and `..`
 *                    are refused; every component is opened with O_NOFOLLOW; missing parent
 *                    directories are created. Answered by ACK or ERROR with the same id.
 *   0x02 RUN         [u32 timeout ms][u32 per-stream output cap bytes][u8 flags: 1=interactive]
 *                    [u16 argc][u16 envc][u32 stdin length]
 *                    then NUL-terminated strings: cwd, argv[0..argc), env "K=V"[0..envc)
 *                    then `stdin length` bytes given to the program's stdin. Without the
 *                    interactive flag stdin is closed after them; with it, stdin stays open for
 *                    STDIN frames until STDIN_EOF. Answered by OUTPUT frames, then EXIT (or ERROR).
 *   0x03 STDIN       [bytes]      more stdin for the interactive run with this id
 *   0x04 STDIN_EOF   []           close the interactive run's stdin
 *   0x05 KILL        []           kill the run with this id now
 *
 * agent -> host
 *   0x81 READY       [u32 protocol version][u8 oom counter source: 0 none, 1 cgroup v1, 2 cgroup v2]
 *                    sent once at start-up with id 0
 *   0x82 OUTPUT      [u8 stream: 1 stdout, 2 stderr][bytes]
 *   0x83 EXIT        [i32 exit code, -1 when killed by a signal][u32 signal][u32 wall ms]
 *                    [u32 user+sys cpu ms][u64 peak rss bytes]
 *                    [u8 flags: 1 timed out, 2 output truncated, 4 oom killed, 8 killed on request]
 *   0x84 ERROR       [utf-8 message]
 *   0x85 ACK         []
 *
 * Containment: every command runs in its own session/process group. When the main process exits,
 * the wall-clock limit passes, an output cap is passed or KILL arrives, the agent sends SIGKILL to
 * the group and to every other process it may signal (kill(-1) spares the caller and pid 1), then
 * reaps until no child is left; so background children and SIGTERM-ignoring processes never outlive
 * a RUN. As pid 1 of the container's pid namespace the agent is immune to signals sent from inside
 * it, and it is not dumpable so the sandbox user cannot ptrace it or read its pipes via /proc.
 *
 * Keep this file free of dependencies beyond libc: it is built with `gcc -O2 -static`.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PROTOCOL_VERSION 1
#define HEADER_BYTES 9
#define AGENT_MAX_PAYLOAD (8u << 20)
#define READ_CHUNK (64u << 10)

enum {
  MSG_WRITE_FILE = 0x01,
  MSG_RUN = 0x02,
  MSG_STDIN = 0x03,
  MSG_STDIN_EOF = 0x04,
  MSG_KILL = 0x05,
  MSG_READY = 0x81,
  MSG_OUTPUT = 0x82,
  MSG_EXIT = 0x83,
  MSG_ERROR = 0x84,
  MSG_ACK = 0x85,
};

enum { EXIT_TIMED_OUT = 1, EXIT_TRUNCATED = 2, EXIT_OOM_KILLED = 4, EXIT_KILLED = 8 };
enum { OOM_NONE = 0, OOM_CGROUP_V1 = 1, OOM_CGROUP_V2 = 2 };

static const char *const OOM_COUNTER_FILES[] = {
    [OOM_CGROUP_V1] = "/sys/fs/cgroup/memory/memory.oom_control",
    [OOM_CGROUP_V2] = "/sys/fs/cgroup/memory.events",
};

/* One output pipe of the running command. */
struct out_stream {
  int fd; /* -1 once at EOF */
  uint64_t forwarded;
};

/* The RUN in progress; active == 0 between runs. */
struct run_state {
  int active;
  uint32_t id;
  pid_t pid;
  int main_done;
  int main_status;
  struct rusage main_usage;
  uint64_t orphan_cpu_us; /* processes reparented to us and reaped during this run */
  long orphan_max_rss_kb;
  struct out_stream out[2];
  int stdin_fd; /* -1 once closed */
  char *stdin_buf;
  size_t stdin_len, stdin_off, stdin_cap; /* pending stdin is stdin_buf[stdin_off, stdin_len) */
  int stdin_eof_requested;
  uint32_t output_cap;
  int64_t deadline_ms;
  int64_t started_ms;
  int flags;
  int killed; /* the process tree has been SIGKILLed */
  long oom_before;
};

static struct run_state run;
static int oom_source = OOM_NONE;
static int signal_fd = -1;

/* ---------- small helpers ---------- */

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void put_u32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

static uint32_t get_u32(const unsigned char *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint16_t get_u16(const unsigned char *p) { return (uint16_t)((p[0] << 8) | p[1]); }

static void write_all(int fd, const void *data, size_t len) {
  const char *p = data;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      _exit(3); /* the host is gone: nothing left to serve */
    }
    p += n;
    len -= (size_t)n;
  }
}

static void send_frame(uint8_t type, uint32_t id, const void *payload, size_t len) {
  unsigned char header[HEADER_BYTES];
  header[0] = type;
  put_u32(header + 1, id);
  put_u32(header + 5, (uint32_t)len);
  /* One write per frame keeps frames whole even if a later write fails. */
  if (len <= READ_CHUNK + 1) {
    unsigned char buf[HEADER_BYTES + READ_CHUNK + 1];
    memcpy(buf, header, HEADER_BYTES);
    if (len) memcpy(buf + HEADER_BYTES, payload, len);
    write_all(STDOUT_FILENO, buf, HEADER_BYTES + len);
  } else {
    write_all(STDOUT_FILENO, header, HEADER_BYTES);
    write_all(STDOUT_FILENO, payload, len);
  }
}

static void send_error(uint32_t id, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if ((size_t)n >= sizeof msg) n = sizeof msg - 1;
  send_frame(MSG_ERROR, id, msg, (size_t)n);
}

/* ---------- memory cgroup OOM counter ---------- */

static void detect_oom_source(void) {
  for (int s = OOM_CGROUP_V2; s >= OOM_CGROUP_V1; s--) {
    if (access(OOM_COUNTER_FILES[s], R_OK) == 0) {
      oom_source = s;
      return;
    }
  }
}

/* The cgroup's `oom_kill` count (both v1 oom_control and v2 memory.events have that line), or -1. */
static long read_oom_kills(void) {
  if (oom_source == OOM_NONE) return -1;
  int fd = open(OOM_COUNTER_FILES[oom_source], O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buf[1024];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return -1;
  buf[n] = '\0';
  for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    if (strncmp(line, "oom_kill ", 9) == 0) return strtol(line + 9, NULL, 10);
  }
  return -1;
}

/* ---------- WRITE_FILE ---------- */

/* Opens (creating when missing) each directory of `path` below the work dir without following links. */
static int open_parent_dir(char *path, const char **leaf) {
  int dirfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) return -1;
  char *component = path;
  for (char *slash; (slash = strchr(component, '/')) != NULL; component = slash + 1) {
    *slash = '\0';
    if (*component != '\0') {
      if (mkdirat(dirfd, component, 0755) < 0 && errno != EEXIST) goto fail;
      int next = openat(dirfd, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (next < 0) goto fail;
      close(dirfd);
      dirfd = next;
    }
  }
  *leaf = component;
  return dirfd;
fail: {
  int saved = errno;
  close(dirfd);
  errno = saved;
  return -1;
}
}

static int path_is_safe(const char *path) {
  if (path[0] == '\0' || path[0] == '/') return 0;
  for (const char *c = path; *c;) {
    const char *end = strchrnul(c, '/');
    size_t len = (size_t)(end - c);
    if (len == 2 && c[0] == '.' && c[1] == '.') return 0;
    c = *end ? end + 1 : end;
  }
  return path[strlen(path) - 1] != '/';
}

static void handle_write_file(uint32_t id, const unsigned char *p, uint32_t len) {
  if (len < 7) return send_error(id, "WRITE_FILE: short payload");
  mode_t mode = get_u32(p) & 07777;
  int append = p[4] & 1;
  uint16_t path_len = get_u16(p + 5);
  if ((uint32_t)path_len + 7 > len) return send_error(id, "WRITE_FILE: bad path length");
  char path[4096];
  if (path_len >= sizeof path) return send_error(id, "WRITE_FILE: path too long");
  memcpy(path, p + 7, path_len);
  path[path_len] = '\0';
  if (strlen(path) != path_len || !path_is_safe(path)) return send_error(id, "WRITE_FILE: refused path '%s'", path);
  char display[4096];
  memcpy(display, path, path_len + 1);

  const char *leaf;
  int dirfd = open_parent_dir(path, &leaf);
  if (dirfd < 0) return send_error(id, "WRITE_FILE %s: %s", display, strerror(errno));
  int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
  int fd = openat(dirfd, leaf, flags, mode);
  int saved = errno;
  close(dirfd);
  if (fd < 0) return send_error(id, "WRITE_FILE %s: %s", display, strerror(saved));
  if (fchmod(fd, mode) < 0) { /* the umask must not strip an executable bit the host asked for */
    saved = errno;
    close(fd);
    return send_error(id, "WRITE_FILE %s: chmod: %s", display, strerror(saved));
  }
  const unsigned char *data = p + 7 + path_len;
  size_t remaining = len - 7 - path_len;
  while (remaining > 0) {
    ssize_t n = write(fd, data, remaining);
    if (n < 0) {
      if (errno == EINTR) continue;
      saved = errno;
      close(fd);
      return send_error(id, "WRITE_FILE %s: %s", display, strerror(saved));
    }
    data += n;
    remaining -= (size_t)n;
  }
  close(fd);
  send_frame(MSG_ACK, id, NULL, 0);
}

/* ---------- process control ---------- */

static void kill_everything(void) {
  if (run.pid > 0) kill(-run.pid, SIGKILL);
  /* Every process we may signal except ourselves and pid 1: background children, daemons, fork bombs. */
  kill(-1, SIGKILL);
  run.killed = 1;
}

static void account_reaped(pid_t pid, int status, const struct rusage *ru) {
  if (run.active && pid == run.pid) {
    run.main_done = 1;
    run.main_status = status;
    run.main_usage = *ru;
  } else if (run.active) {
    run.orphan_cpu_us += (uint64_t)ru->ru_utime.tv_sec * 1000000 + ru->ru_utime.tv_usec +
                         (uint64_t)ru->ru_stime.tv_sec * 1000000 + ru->ru_stime.tv_usec;
    if (ru->ru_maxrss > run.orphan_max_rss_kb) run.orphan_max_rss_kb = ru->ru_maxrss;
  }
}

static void reap_ready(void) {
  for (;;) {
    int status;
    struct rusage ru;
    pid_t pid = wait4(-1, &status, WNOHANG, &ru);
    if (pid <= 0) return;
    account_reaped(pid, status, &ru);
  }
}

/* Kills and reaps until we have no child left, so nothing of this run survives into the next. */
static void kill_and_reap_all(void) {
  for (;;) {
    kill_everything();
    int status;
    struct rusage ru;
    pid_t pid = wait4(-1, &status, 0, &ru);
    if (pid < 0) {
      if (errno == EINTR) continue;
      return; /* ECHILD */
    }
    account_reaped(pid, status, &ru);
  }
}

static void close_fd(int *fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

static void close_stdin(void) {
  close_fd(&run.stdin_fd);
  free(run.stdin_buf);
  run.stdin_buf = NULL;
  run.stdin_len = run.stdin_off = run.stdin_cap = 0;
}

static void finish_run(void) {
  kill_and_reap_all();
  close_stdin();
  close_fd(&run.out[0].fd);
  close_fd(&run.out[1].fd);
  long oom_after = read_oom_kills();
  if (run.oom_before >= 0 && oom_after > run.oom_before) run.flags |= EXIT_OOM_KILLED;

  int status = run.main_status;
  int32_t exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  uint32_t sig = WIFSIGNALED(status) ? (uint32_t)WTERMSIG(status) : 0;
  const struct rusage *ru = &run.main_usage;
  uint64_t cpu_us = (uint64_t)ru->ru_utime.tv_sec * 1000000 + ru->ru_utime.tv_usec +
                    (uint64_t)ru->ru_stime.tv_sec * 1000000 + ru->ru_stime.tv_usec + run.orphan_cpu_us;
  long rss_kb = ru->ru_maxrss > run.orphan_max_rss_kb ? ru->ru_maxrss : run.orphan_max_rss_kb;
  uint64_t rss = (uint64_t)rss_kb * 1024;
  int64_t wall = now_ms() - run.started_ms;

  unsigned char p[25];
  put_u32(p, (uint32_t)exit_code);
  put_u32(p + 4, sig);
  put_u32(p + 8, (uint32_t)(wall < 0 ? 0 : wall));
  put_u32(p + 12, (uint32_t)(cpu_us / 1000));
  put_u32(p + 16, (uint32_t)(rss >> 32));
  put_u32(p + 20, (uint32_t)rss);
  p[24] = (unsigned char)run.flags;
  uint32_t id = run.id;
  memset(&run, 0, sizeof run);
  run.stdin_fd = run.out[0].fd = run.out[1].fd = -1;
  send_frame(MSG_EXIT, id, p, sizeof p);
}

/* In the forked child: becomes the command. Never returns. */
static void exec_child(int in_fd, int out_fd, int err_fd, const char *cwd, char **argv, char **env) {
  setsid();
  dup2(in_fd, STDIN_FILENO);
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  /* Everything else we hold is O_CLOEXEC. */
  signal(SIGPIPE, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  /* Make the program, not the agent, the OOM killer's choice (raising our own score needs no privilege). */
  int oom_fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
  if (oom_fd >= 0) {
    if (write(oom_fd, "1000", 4) < 0) { /* best effort */
    }
    close(oom_fd);
  }
  if (*cwd && chdir(cwd) < 0) {
    dprintf(STDERR_FILENO, "mplsandbox: cannot enter %s: %s\n", cwd, strerror(errno));
    _exit(126);
  }
  /* The request's variables override the container's (PATH from the image stays unless given). */
  for (char **e = env; *e; e++) putenv(*e);
  execvp(argv[0], argv);
  int err = errno;
  dprintf(STDERR_FILENO, "mplsandbox: cannot run %s: %s\n", argv[0], strerror(err));
  _exit(err == ENOENT ? 127 : 126);
}

static void handle_run(uint32_t id, const unsigned char *p, uint32_t len) {
  if (run.active) return send_error(id, "RUN: run %u is still active", run.id);
  if (len < 17) return send_error(id, "RUN: short payload");
  uint32_t timeout_ms = get_u32(p);
  uint32_t cap = get_u32(p + 4);
  int interactive = p[8] & 1;
  uint16_t argc = get_u16(p + 9), envc = get_u16(p + 11);
  uint32_t stdin_len = get_u32(p + 13);
  if (argc == 0) return send_error(id, "RUN: empty argv");
  if (stdin_len > len - 17) return send_error(id, "RUN: bad stdin length");
  const char *strings = (const char *)p + 17;
  const char *strings_end = (const char *)p + len - stdin_len;

  char **argv = calloc((size_t)argc + 1, sizeof *argv);
  char **env = calloc((size_t)envc + 1, sizeof *env);
  const char *cwd = NULL;
  const char *s = strings;
  int ok = argv && env;
  for (int i = 0; ok && i < 1 + argc + envc; i++) {
    const char *nul = memchr(s, '\0', (size_t)(strings_end - s));
    if (!nul) {
      ok = 0;
      break;
    }
    if (i == 0) cwd = s;
    else if (i <= argc) argv[i - 1] = (char *)s;
    else env[i - 1 - argc] = (char *)s;
    s = nul + 1;
  }
  if (!ok) {
    free(argv);
    free(env);
    return send_error(id, "RUN: malformed strings");
  }

  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) < 0) goto pipe_fail;
  if (pipe2(out_pipe, O_CLOEXEC) < 0) goto pipe_fail_in;
  if (pipe2(err_pipe, O_CLOEXEC) < 0) goto pipe_fail_out;

  long oom_before = read_oom_kills();
  int64_t started = now_ms();
  pid_t pid = fork();
  if (pid < 0) {
    int saved = errno;
    close(err_pipe[0]);
    close(err_pipe[1]);
    close(out_pipe[0]);
    close(out_pipe[1]);
    close(in_pipe[0]);
    close(in_pipe[1]);
    free(argv);
    free(env);
    return send_error(id, "RUN: fork: %s", strerror(saved));
  }
  if (pid == 0) exec_child(in_pipe[0], out_pipe[1], err_pipe[1], cwd, argv, env);
  free(argv);
  free(env);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);

  memset(&run, 0, sizeof run);
  run.active = 1;
  run.id = id;
  run.pid = pid;
  run.started_ms = started;
  run.deadline_ms = started + (timeout_ms ? timeout_ms : 1);
  run.output_cap = cap;
  run.oom_before = oom_before;
  run.out[0].fd = out_pipe[0];
  run.out[1].fd = err_pipe[0];
  run.stdin_fd = in_pipe[1];
  fcntl(run.stdin_fd, F_SETFL, O_NONBLOCK);
  fcntl(run.out[0].fd, F_SETFL, O_NONBLOCK);
  fcntl(run.out[1].fd, F_SETFL, O_NONBLOCK);
  if (stdin_len > 0) {
    run.stdin_buf = malloc(stdin_len);
    if (!run.stdin_buf) {
      kill_everything();
      send_error(id, "RUN: out of memory for stdin");
    } else {
      memcpy(run.stdin_buf, strings_end, stdin_len);
      run.stdin_len = run.stdin_cap = stdin_len;
    }
  }
  run.stdin_eof_requested = !interactive;
  if (run.stdin_eof_requested && run.stdin_len == 0) close_stdin();
  return;

pipe_fail_out:
  close(out_pipe[0]);
  close(out_pipe[1]);
pipe_fail_in:
  close(in_pipe[0]);
  close(in_pipe[1]);
pipe_fail:
  free(argv);
  free(env);
  send_error(id, "RUN: pipe: %s", strerror(errno));
}

static void handle_stdin(uint32_t id, const unsigned char *p, uint32_t len) {
  if (!run.active || run.id != id || run.stdin_fd < 0 || run.stdin_eof_requested) return; /* late data: drop */
  size_t pending = run.stdin_len - run.stdin_off;
  if (run.stdin_off > 0 && run.stdin_off >= pending) { /* compact once the consumed part dominates */
    memmove(run.stdin_buf, run.stdin_buf + run.stdin_off, pending);
    run.stdin_off = 0;
    run.stdin_len = pending;
  }
  if (run.stdin_len + len > run.stdin_cap) {
    size_t cap = run.stdin_cap ? run.stdin_cap : READ_CHUNK;
    while (cap < run.stdin_len + len) cap *= 2;
    char *buf = realloc(run.stdin_buf, cap);
    if (!buf) {
      kill_everything();
      return send_error(id, "STDIN: out of memory");
    }
    run.stdin_buf = buf;
    run.stdin_cap = cap;
  }
  memcpy(run.stdin_buf + run.stdin_len, p, len);
  run.stdin_len += len;
}

static void flush_stdin(void) {
  while (run.stdin_fd >= 0 && run.stdin_off < run.stdin_len) {
    ssize_t n = write(run.stdin_fd, run.stdin_buf + run.stdin_off, run.stdin_len - run.stdin_off);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) return;
      close_stdin(); /* EPIPE: the program stopped reading */
      return;
    }
    run.stdin_off += (size_t)n;
  }
  if (run.stdin_fd >= 0 && run.stdin_eof_requested) close_stdin();
}

/* ---------- output ---------- */

static void pump_output(int index) {
  struct out_stream *o = &run.out[index];
  unsigned char buf[1 + READ_CHUNK];
  buf[0] = (unsigned char)(index + 1);
  ssize_t n = read(o->fd, buf + 1, READ_CHUNK);
  if (n < 0) {
    if (errno == EINTR || errno == EAGAIN) return;
    close_fd(&o->fd);
    return;
  }
  if (n == 0) {
    close_fd(&o->fd);
    return;
  }
  if (run.flags & EXIT_TRUNCATED) return; /* drain without keeping anything */
  uint64_t room = run.output_cap > o->forwarded ? run.output_cap - o->forwarded : 0;
  size_t keep = (uint64_t)n > room ? (size_t)room : (size_t)n;
  if (keep > 0) send_frame(MSG_OUTPUT, run.id, buf, keep + 1);
  o->forwarded += keep;
  if (keep < (size_t)n) {
    /* Past the cap: stop the flood now rather than draining it for the whole time limit. */
    run.flags |= EXIT_TRUNCATED;
    kill_everything();
  }
}

/* ---------- host messages ---------- */

static void handle_frame(uint8_t type, uint32_t id, const unsigned char *p, uint32_t len) {
  switch (type) {
    case MSG_WRITE_FILE:
      handle_write_file(id, p, len);
      break;
    case MSG_RUN:
      handle_run(id, p, len);
      break;
    case MSG_STDIN:
      handle_stdin(id, p, len);
      break;
    case MSG_STDIN_EOF:
      if (run.active && run.id == id) run.stdin_eof_requested = 1;
      break;
    case MSG_KILL:
      if (run.active && run.id == id) {
        run.flags |= EXIT_KILLED;
        kill_everything();
      }
      break;
    default:
      send_error(id, "unknown message type 0x%02x", type);
  }
}

struct input {
  unsigned char *buf;
  size_t len, cap;
};

/* Reads what the host sent and handles every complete frame; returns 0 at EOF. */
static int read_host(struct input *in) {
  if (in->cap - in->len < READ_CHUNK) {
    size_t cap = in->cap ? in->cap * 2 : 2 * READ_CHUNK;
    unsigned char *buf = realloc(in->buf, cap);
    if (!buf) _exit(4);
    in->buf = buf;
    in->cap = cap;
  }
  ssize_t n = read(STDIN_FILENO, in->buf + in->len, in->cap - in->len);
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return 0;
  in->len += (size_t)n;
  size_t off = 0;
  while (in->len - off >= HEADER_BYTES) {
    const unsigned char *h = in->buf + off;
    uint32_t len = get_u32(h + 5);
    if (len > AGENT_MAX_PAYLOAD) {
      send_error(get_u32(h + 1), "frame of %u bytes exceeds the limit", len);
      _exit(5); /* the stream is out of sync: nothing after this can be trusted */
    }
    if (in->len - off < HEADER_BYTES + (size_t)len) {
      size_t need = HEADER_BYTES + (size_t)len;
      if (need > in->cap) {
        memmove(in->buf, in->buf + off, in->len - off);
        in->len -= off;
        off = 0;
        unsigned char *buf = realloc(in->buf, need + READ_CHUNK);
        if (!buf) _exit(4);
        in->buf = buf;
        in->cap = need + READ_CHUNK;
      }
      break;
    }
    handle_frame(h[0], get_u32(h + 1), h + HEADER_BYTES, len);
    off += HEADER_BYTES + len;
  }
  memmove(in->buf, in->buf + off, in->len - off);
  in->len -= off;
  return 1;
}

/* ---------- main loop ---------- */

int main(void) {
  prctl(PR_SET_DUMPABLE, 0);
  signal(SIGPIPE, SIG_IGN);
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, NULL);
  signal_fd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
  if (signal_fd < 0) {
    perror("mplsandbox agent: signalfd");
    return 2;
  }
  fcntl(STDIN_FILENO, F_SETFD, FD_CLOEXEC);
  fcntl(STDOUT_FILENO, F_SETFD, FD_CLOEXEC);
  run.stdin_fd = run.out[0].fd = run.out[1].fd = -1;
  detect_oom_source();

  unsigned char ready[5];
  put_u32(ready, PROTOCOL_VERSION);
  ready[4] = (unsigned char)oom_source;
  send_frame(MSG_READY, 0, ready, sizeof ready);

  struct input in = {0};
  int host_open = 1;
  while (host_open || run.active) {
    struct pollfd fds[5];
    int nfds = 0, host_i = -1, sig_i, out_i[2] = {-1, -1}, in_i = -1;
    if (host_open) {
      host_i = nfds;
      fds[nfds++] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
    }
    sig_i = nfds;
    fds[nfds++] = (struct pollfd){.fd = signal_fd, .events = POLLIN};
    if (run.active) {
      for (int s = 0; s < 2; s++) {
        if (run.out[s].fd >= 0) {
          out_i[s] = nfds;
          fds[nfds++] = (struct pollfd){.fd = run.out[s].fd, .events = POLLIN};
        }
      }
      if (run.stdin_fd >= 0 && run.stdin_off < run.stdin_len) {
        in_i = nfds;
        fds[nfds++] = (struct pollfd){.fd = run.stdin_fd, .events = POLLOUT};
      }
    }
    int timeout = -1;
    if (run.active && !run.killed) {
      int64_t left = run.deadline_ms - now_ms();
      timeout = left < 0 ? 0 : (int)left;
    } else if (run.active) {
      timeout = 100; /* killed, waiting for pipes to close: re-kill anything that slipped through */
    }
    int ready_count = poll(fds, (nfds_t)nfds, timeout);
    if (ready_count < 0 && errno != EINTR) {
      perror("mplsandbox agent: poll");
      return 2;
    }

    if (ready_count > 0 && (fds[sig_i].revents & POLLIN)) {
      struct signalfd_siginfo info;
      while (read(signal_fd, &info, sizeof info) > 0) {
      }
      reap_ready();
    }
    if (run.active) {
      for (int s = 0; s < 2; s++) {
        if (out_i[s] >= 0 && fds[out_i[s]].revents) pump_output(s);
      }
      if (in_i >= 0 && fds[in_i].revents) flush_stdin();
    }
    if (host_i >= 0 && fds[host_i].revents) {
      if (!read_host(&in)) host_open = 0;
    }
    if (run.active) {
      if (!host_open && !run.killed) kill_everything();
      if (run.stdin_fd >= 0 && run.stdin_off < run.stdin_len) flush_stdin();
      else if (run.stdin_fd >= 0 && run.stdin_eof_requested) close_stdin();
      if (!run.killed && now_ms() >= run.deadline_ms) {
        run.flags |= EXIT_TIMED_OUT;
        kill_everything();
      }
      /* Main is gone: whatever it left behind dies now, so its pipes reach EOF promptly. */
      if (run.main_done && !run.killed) kill_everything();
      else if (run.killed && ready_count == 0) kill_everything();
      if (run.main_done && run.out[0].fd < 0 && run.out[1].fd < 0) finish_run();
    }
  }
  return 0;
}
