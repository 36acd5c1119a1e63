// One warm sandbox container driven through its agent (sandbox-images/common/agent/agent.c).
//
// The container is created with its stdin open and attached BEFORE it starts, so the agent's first
// frame (READY) cannot be missed. Files and runs then travel as frames over that one connection:
// no `docker exec`, no bind mount (works with remote engines and Podman's socket). A container serves
// one run (compile + cases) and is then disposed, so nothing passes from one user's run to the next.
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import {
  AGENT_MAX_PAYLOAD,
  AGENT_PROTOCOL_VERSION,
  FrameDecoder,
  MessageType,
  decodeExit,
  decodeOutput,
  decodeReady,
  encodeKill,
  encodeRun,
  encodeStdin,
  encodeStdinEof,
  encodeWriteFileChunks,
  type ExitMessage,
  type Frame,
  type OomCounterSource,
} from './agent-protocol';
import { abortError } from '../abort';
import { MplSandboxError } from '../errors';
import { managedContainerLabels } from './container-labels';
import { DockerStreamDemuxer } from './docker-stream';
import { linuxSignalName } from './linux-signals';
import type { PhaseLimits, ProcessResult, SandboxLimits } from './types';

export const SANDBOX_WORK_DIR = '/sandbox';
export const SANDBOX_USER = '1000:1000';
const READY_TIMEOUT_MS = 20_000;
/** How long after its own time limit the host waits for the agent's EXIT before it gives up on the container. */
const HOST_GRACE_MS = 3_000;
const STDIN_CHUNK_BYTES = 1024 * 1024;
const REMOVAL_WAIT_MS = 15_000;

export interface ContainerSpec {
  image: string;
  limits: SandboxLimits;
  env?: Record<string, string>;
  labels?: Record<string, string>;
}

export interface ExecRequest {
  argv: string[];
  env?: Record<string, string>;
  /** Relative to the work dir (/sandbox); defaults to it. */
  cwd?: string;
  stdin?: string | Buffer;
  limits: PhaseLimits;
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
  /** Aborting kills the whole container at once; the container is unusable afterwards. */
  signal?: AbortSignal;
  interactive?: boolean;
}

export interface InteractiveProcess {
  write(data: string | Buffer): void;
  end(): void;
  kill(): void;
  result: Promise<ProcessResult>;
}

export interface SandboxContainer {
  readonly id: string;
  writeFiles(files: { path: string; content: string | Buffer; mode?: number }[]): Promise<void>;
  exec(req: ExecRequest): Promise<ProcessResult>;
  startInteractive(req: ExecRequest): InteractiveProcess;
  dispose(): Promise<void>;
  /** True once the container can no longer run anything (its connection closed, it was killed or disposed). */
  isBroken?(): boolean;
}

/** The container or its agent failed (not the user's program). */
export class SandboxContainerError extends MplSandboxError {
  constructor(message: string) {
    super('sandbox-container', message);
  }
}

/** The cgroup settings of one phase, in Docker's terms. */
function resourceSettings(limits: PhaseLimits, withSwap: boolean): Record<string, number> {
  return {
    Memory: limits.memoryBytes,
    // Equal to Memory: no swap. Engines without swap accounting refuse it on update, so it can be dropped.
    ...(withSwap ? { MemorySwap: limits.memoryBytes } : {}),
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
  };
}

function containerOptions(spec: ContainerSpec, initial: PhaseLimits, withSwap: boolean): Dockerode.ContainerCreateOptions {
  const { limits } = spec;
  return {
    Image: spec.image,
    User: SANDBOX_USER,
    WorkingDir: SANDBOX_WORK_DIR,
    Env: Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
    Labels: managedContainerLabels(spec.labels),
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    // Docker closes stdin when our attach connection goes away; the agent then exits and AutoRemove
    // deletes the container, so a host process that dies leaves nothing running behind it.
    StdinOnce: true,
    Tty: false,
    NetworkDisabled: true,
    HostConfig: {
      ...resourceSettings(initial, withSwap),
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      Tmpfs: {
        '/tmp': `rw,noexec,nosuid,nodev,size=${limits.tmpfsBytes}`,
        [SANDBOX_WORK_DIR]: `rw,exec,nosuid,nodev,size=${limits.tmpfsBytes},uid=1000,gid=1000,mode=0755`,
      },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Ulimits: [
        { Name: 'nofile', Soft: limits.nofile, Hard: limits.nofile },
        { Name: 'fsize', Soft: limits.fileSizeBytes, Hard: limits.fileSizeBytes },
      ],
      LogConfig: { Type: 'none', Config: {} },
      // The agent must be pid 1: kill(-1) then spares only it, and orphans are reparented to it.
      Init: false,
      AutoRemove: true,
    },
  };
}

/** Creates the container, attaches, starts it and waits for the agent's READY. Removes it on failure. */
export async function createSandboxContainer(docker: Dockerode, spec: ContainerSpec): Promise<SandboxContainer> {
  // The compile phase comes first whenever a language has one; a run-only language pays one update.
  const initial = spec.limits.compile;
  let withSwap = true;
  let container: Dockerode.Container;
  try {
    container = await docker.createContainer(containerOptions(spec, initial, true));
  } catch (err) {
    // Engines without swap accounting (some Podman and rootless set-ups) refuse MemorySwap outright.
    if (!/swap/i.test((err as Error).message)) throw err;
    withSwap = false;
    container = await docker.createContainer(containerOptions(spec, initial, false));
  }
  try {
    const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as Duplex;
    const sandbox = new AgentContainer(container, stream, initial, withSwap);
    await container.start();
    await sandbox.waitReady(READY_TIMEOUT_MS);
    return sandbox;
  } catch (err) {
    await forceRemove(container);
    throw err;
  }
}

/** Removes the container and returns once the engine no longer lists it. */
async function forceRemove(container: Dockerode.Container): Promise<void> {
  try {
    await container.remove({ force: true });
    return;
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 404) return;
    // 409: AutoRemove (or another caller) is already removing it; wait for that to finish.
    if (status !== 409) throw err;
  }
  const deadline = Date.now() + REMOVAL_WAIT_MS;
  while (Date.now() < deadline) {
    try {
      await container.inspect();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return;
      throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new SandboxContainerError(`sandbox container ${container.id} was still being removed after ${REMOVAL_WAIT_MS} ms`);
}

interface PendingAck {
  resolve(): void;
  reject(err: Error): void;
}

/** A SIGKILL that the agent did not send (time limit, output cap, KILL): in a sandbox, the OOM killer's. */
function unexplainedKill(exit: ExitMessage): boolean {
  return exit.signal === 9 && !exit.timedOut && !exit.truncated && !exit.killed;
}

/** The host side of one RUN: collects output up to the cap and settles on EXIT. */
class RunHandle {
  private readonly stdout: Buffer[] = [];
  private readonly stderr: Buffer[] = [];
  private stdoutBytes = 0;
  private stderrBytes = 0;
  private hostTruncated = false;
  private settled = false;
  private hostTimer: NodeJS.Timeout | undefined;
  readonly result: Promise<ProcessResult>;
  private resolveResult!: (r: ProcessResult) => void;
  private rejectResult!: (e: Error) => void;

  constructor(
    readonly id: number,
    private readonly req: ExecRequest,
    /** Whether the agent can see the memory cgroup's OOM counter; without it a SIGKILL nobody explains is taken for the OOM killer. */
    private readonly oomCounterReadable: boolean,
    private readonly onSettled: () => void,
  ) {
    this.result = new Promise((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
  }

  armHostTimer(onExpired: () => void): void {
    this.hostTimer = setTimeout(onExpired, this.req.limits.timeoutMs + HOST_GRACE_MS);
  }

  output(stream: 'stdout' | 'stderr', data: Buffer): void {
    if (this.settled) return;
    const cap = this.req.limits.outputBytes;
    const held = stream === 'stdout' ? this.stdoutBytes : this.stderrBytes;
    // The agent already cuts at the cap; this guards the host's memory against a misbehaving agent.
    const keep = data.subarray(0, Math.max(0, cap - held));
    if (keep.length < data.length) this.hostTruncated = true;
    if (keep.length === 0) return;
    if (stream === 'stdout') {
      this.stdout.push(keep);
      this.stdoutBytes += keep.length;
    } else {
      this.stderr.push(keep);
      this.stderrBytes += keep.length;
    }
    this.req.onOutput?.(stream, keep);
  }

  exit(payload: Buffer): void {
    const exit = decodeExit(payload);
    this.settle(() =>
      this.resolveResult({
        exitCode: exit.exitCode,
        signal: linuxSignalName(exit.signal),
        stdout: Buffer.concat(this.stdout).toString('utf8'),
        stderr: Buffer.concat(this.stderr).toString('utf8'),
        durationMs: exit.wallMs,
        peakMemoryBytes: exit.peakRssBytes > 0 ? exit.peakRssBytes : null,
        cpuMs: exit.cpuMs,
        truncated: exit.truncated || this.hostTruncated,
        timedOut: exit.timedOut,
        oomKilled: exit.oomKilled || (!this.oomCounterReadable && unexplainedKill(exit)),
      }),
    );
  }

  fail(err: Error): void {
    this.settle(() => this.rejectResult(err));
  }

  private settle(fn: () => void): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.hostTimer);
    this.onSettled();
    fn();
  }
}

class AgentContainer implements SandboxContainer {
  readonly id: string;
  private readonly demuxer = new DockerStreamDemuxer();
  private readonly decoder = new FrameDecoder();
  private readonly acks = new Map<number, PendingAck>();
  private run: RunHandle | null = null;
  private nextId = 1;
  /** Why the container can no longer be used, once it cannot. */
  private broken: Error | null = null;
  private disposed = false;
  private agentStderr = '';
  private ready: { resolve(): void; reject(err: Error): void } | null = null;
  private readyPromise: Promise<void>;
  private applied: PhaseLimits;
  private oomCounter: OomCounterSource = 'none';

  constructor(
    private readonly container: Dockerode.Container,
    private readonly stream: Duplex,
    initial: PhaseLimits,
    /** Whether the engine takes MemorySwap; without it the container may swap (engine's choice, not ours). */
    private swapAccounting: boolean,
  ) {
    this.id = container.id;
    this.applied = initial;
    this.readyPromise = new Promise((resolve, reject) => (this.ready = { resolve, reject }));
    this.readyPromise.catch(() => {}); // observed by waitReady; avoid an unhandled rejection before that
    stream.on('data', (chunk: Buffer) => this.onData(chunk));
    stream.on('error', (err) => this.breakDown(new SandboxContainerError(`sandbox connection failed: ${err.message}`)));
    stream.on('close', () => this.breakDown(this.stoppedError()));
    stream.on('end', () => this.breakDown(this.stoppedError()));
  }

  async waitReady(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SandboxContainerError(`the sandbox agent did not start within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.readyPromise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async writeFiles(files: { path: string; content: string | Buffer; mode?: number }[]): Promise<void> {
    this.assertUsable();
    const waits: Promise<void>[] = [];
    for (const file of files) {
      const data = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
      const frames = encodeWriteFileChunks(this.nextId, file.path, file.mode ?? 0o644, data);
      for (const frame of frames) {
        const id = this.nextId++;
        waits.push(new Promise<void>((resolve, reject) => this.acks.set(id, { resolve, reject })));
        this.stream.write(frame);
      }
    }
    await Promise.all(waits);
  }

  exec(req: ExecRequest): Promise<ProcessResult> {
    return this.start(req).handle.result;
  }

  startInteractive(req: ExecRequest): InteractiveProcess {
    const { handle, sent } = this.start({ ...req, interactive: true });
    const queue: Buffer[] = [];
    let ended = false;
    let runSent = false;
    const send = (frame: Buffer) => {
      if (!this.broken && this.run === handle) this.stream.write(frame);
    };
    const flush = () => {
      runSent = true;
      for (const data of queue.splice(0)) sendStdin(data);
      if (ended) send(encodeStdinEof(handle.id));
    };
    const sendStdin = (data: Buffer) => {
      for (let off = 0; off < data.length; off += STDIN_CHUNK_BYTES) send(encodeStdin(handle.id, data.subarray(off, off + STDIN_CHUNK_BYTES)));
    };
    sent.then(flush, () => {});
    return {
      result: handle.result,
      write: (data) => {
        const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        if (ended) return;
        if (runSent) sendStdin(buf);
        else queue.push(buf);
      },
      end: () => {
        if (ended) return;
        ended = true;
        if (runSent) send(encodeStdinEof(handle.id));
      },
      kill: () => {
        if (runSent) send(encodeKill(handle.id));
        else sent.then(() => send(encodeKill(handle.id)), () => {});
      },
    };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.breakDown(new SandboxContainerError('the sandbox container was disposed'));
    // Remove first: closing the connection first would start AutoRemove and race with our removal.
    try {
      await forceRemove(this.container);
    } finally {
      this.stream.destroy();
    }
  }

  /** Registers a run and sends it once the phase's limits are in place. */
  private start(req: ExecRequest): { handle: RunHandle; sent: Promise<void> } {
    const handle = new RunHandle(this.nextId++, req, this.oomCounter !== 'none', () => {
      if (this.run === handle) this.run = null;
    });
    const sent = this.send(handle, req);
    sent.catch((err: Error) => handle.fail(err));
    return { handle, sent };
  }

  private async send(handle: RunHandle, req: ExecRequest): Promise<void> {
    this.assertUsable();
    if (this.run) throw new SandboxContainerError('a run is already active in this sandbox container');
    if (req.signal?.aborted) throw abortError(req.signal);
    this.run = handle;
    const onAbort = () => {
      // Cancellation must not wait for the agent: stop the whole container now.
      this.container.kill().catch(() => {});
      this.breakDown(abortError(req.signal!));
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    handle.result.then(
      () => req.signal?.removeEventListener('abort', onAbort),
      () => req.signal?.removeEventListener('abort', onAbort),
    );
    await this.applyLimits(req.limits);
    this.assertUsable();
    const stdin = typeof req.stdin === 'string' ? Buffer.from(req.stdin, 'utf8') : (req.stdin ?? Buffer.alloc(0));
    // Large stdin would not fit one frame: it then follows as STDIN frames.
    const inline = stdin.length <= AGENT_MAX_PAYLOAD / 2;
    const interactive = req.interactive === true || !inline;
    this.stream.write(
      encodeRun(handle.id, {
        argv: req.argv,
        env: req.env ?? {},
        cwd: req.cwd ?? '',
        timeoutMs: req.limits.timeoutMs,
        outputCapBytes: req.limits.outputBytes,
        interactive,
        stdin: inline ? stdin : Buffer.alloc(0),
      }),
    );
    if (!inline) {
      for (let off = 0; off < stdin.length; off += STDIN_CHUNK_BYTES) this.stream.write(encodeStdin(handle.id, stdin.subarray(off, off + STDIN_CHUNK_BYTES)));
      if (req.interactive !== true) this.stream.write(encodeStdinEof(handle.id));
    }
    handle.armHostTimer(() => {
      this.container.kill().catch(() => {});
      this.breakDown(new SandboxContainerError(`the sandbox agent did not end the run within ${req.limits.timeoutMs + HOST_GRACE_MS} ms`));
    });
  }

  /** Applies a phase's memory, CPU and pids limits when they differ from what the container has. */
  private async applyLimits(limits: PhaseLimits): Promise<void> {
    const a = this.applied;
    if (a.memoryBytes === limits.memoryBytes && a.cpus === limits.cpus && a.pids === limits.pids) return;
    try {
      await this.container.update(resourceSettings(limits, this.swapAccounting));
    } catch (err) {
      if (!this.swapAccounting || !/swap/i.test((err as Error).message)) throw err;
      this.swapAccounting = false;
      await this.container.update(resourceSettings(limits, false));
    }
    this.applied = limits;
  }

  private onData(chunk: Buffer): void {
    for (const part of this.demuxer.push(chunk)) {
      if (part.stream === 2) {
        this.agentStderr = (this.agentStderr + part.data.toString('utf8')).slice(-2000);
        continue;
      }
      let frames: Frame[];
      try {
        frames = this.decoder.push(part.data);
      } catch (err) {
        this.container.kill().catch(() => {});
        this.breakDown(new SandboxContainerError(`sandbox agent protocol error: ${(err as Error).message}`));
        return;
      }
      for (const frame of frames) this.onFrame(frame);
    }
  }

  private onFrame(frame: Frame): void {
    const run = this.run && this.run.id === frame.id ? this.run : null;
    switch (frame.type) {
      case MessageType.Ready: {
        const ready = decodeReady(frame.payload);
        if (ready.version !== AGENT_PROTOCOL_VERSION) {
          this.ready?.reject(new SandboxContainerError(`sandbox agent speaks protocol ${ready.version}, expected ${AGENT_PROTOCOL_VERSION}: rebuild the image`));
        } else {
          this.oomCounter = ready.oomCounter;
          this.ready?.resolve();
        }
        break;
      }
      case MessageType.Output: {
        const out = decodeOutput(frame.payload);
        run?.output(out.stream, out.data);
        break;
      }
      case MessageType.Exit:
        run?.exit(frame.payload);
        break;
      case MessageType.Ack:
        this.acks.get(frame.id)?.resolve();
        this.acks.delete(frame.id);
        break;
      case MessageType.Error: {
        const err = new SandboxContainerError(`sandbox agent: ${frame.payload.toString('utf8')}`);
        const ack = this.acks.get(frame.id);
        if (ack) {
          this.acks.delete(frame.id);
          ack.reject(err);
        } else if (run) {
          run.fail(err);
        } else {
          this.ready?.reject(err);
        }
        break;
      }
    }
  }

  private stoppedError(): SandboxContainerError {
    const detail = this.agentStderr.trim();
    return new SandboxContainerError(`the sandbox container stopped${detail ? `: ${detail}` : ''}`);
  }

  /** Marks the container unusable and fails everything that waits on it. */
  private breakDown(err: Error): void {
    if (this.broken) return;
    this.broken = err;
    this.ready?.reject(err);
    for (const ack of this.acks.values()) ack.reject(err);
    this.acks.clear();
    this.run?.fail(err);
  }

  private assertUsable(): void {
    if (this.broken) throw this.broken;
  }

  isBroken(): boolean {
    return this.broken !== null;
  }
}
