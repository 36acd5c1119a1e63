// The framed protocol between the host and the sandbox agent (sandbox-images/common/agent/agent.c),
// carried over the container's attached stdin (host -> agent) and stdout (agent -> host).
//
// Frame: [u8 type][u32 request id][u32 payload length][payload], integers big-endian.
//
// host -> agent
//   WRITE_FILE 0x01  [u32 mode][u8 flags: 1 append][u16 path length][path][bytes]      -> ACK | ERROR
//   RUN        0x02  [u32 timeout ms][u32 per-stream output cap][u8 flags: 1 interactive]
//                    [u16 argc][u16 envc][u32 stdin length] cwd\0 argv…\0 "K=V"…\0 [stdin]
//                                                                   -> OUTPUT* then EXIT | ERROR
//   STDIN      0x03  [bytes]   (interactive runs)
//   STDIN_EOF  0x04  []
//   KILL       0x05  []
// agent -> host
//   READY      0x81  [u32 protocol version][u8 oom counter: 0 none, 1 cgroup v1, 2 cgroup v2]  (id 0)
//   OUTPUT     0x82  [u8 stream: 1 stdout, 2 stderr][bytes]
//   EXIT       0x83  [i32 exit code, -1 if signalled][u32 signal][u32 wall ms][u32 cpu ms]
//                    [u64 peak rss bytes][u8 flags: 1 timed out, 2 truncated, 4 oom killed, 8 killed]
//   ERROR      0x84  [utf-8 message]
//   ACK        0x85  []
//
// Everything here is pure (Buffers in, Buffers out) so that it is unit-tested without Docker.

export const AGENT_PROTOCOL_VERSION = 1;
export const FRAME_HEADER_BYTES = 9;
/** The agent refuses larger frames; the host splits files into chunks well below it. */
export const AGENT_MAX_PAYLOAD = 8 * 1024 * 1024;
/** WRITE_FILE chunk size: files larger than this go as one truncating frame plus appending ones. */
export const WRITE_CHUNK_BYTES = 1024 * 1024;

export const MessageType = {
  WriteFile: 0x01,
  Run: 0x02,
  Stdin: 0x03,
  StdinEof: 0x04,
  Kill: 0x05,
  Ready: 0x81,
  Output: 0x82,
  Exit: 0x83,
  Error: 0x84,
  Ack: 0x85,
} as const;

export const ExitFlags = { TimedOut: 1, Truncated: 2, OomKilled: 4, Killed: 8 } as const;

export type OomCounterSource = 'none' | 'cgroup-v1' | 'cgroup-v2';
/** READY's OOM-counter byte. */
export const OomCounterCodes: Readonly<Record<OomCounterSource, number>> = { none: 0, 'cgroup-v1': 1, 'cgroup-v2': 2 };

export interface Frame {
  type: number;
  id: number;
  payload: Buffer;
}

export function encodeFrame(type: number, id: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  if (payload.length > AGENT_MAX_PAYLOAD) throw new RangeError(`frame payload of ${payload.length} bytes exceeds ${AGENT_MAX_PAYLOAD}`);
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(id >>> 0, 1);
  header.writeUInt32BE(payload.length, 5);
  return Buffer.concat([header, payload]);
}

export interface WriteFileMessage {
  path: string;
  mode: number;
  append: boolean;
  data: Buffer;
}

export function encodeWriteFile(id: number, msg: WriteFileMessage): Buffer {
  const path = Buffer.from(msg.path, 'utf8');
  if (path.length > 0xffff) throw new RangeError(`path too long: ${msg.path}`);
  const head = Buffer.alloc(7);
  head.writeUInt32BE(msg.mode & 0o7777, 0);
  head.writeUInt8(msg.append ? 1 : 0, 4);
  head.writeUInt16BE(path.length, 5);
  return encodeFrame(MessageType.WriteFile, id, Buffer.concat([head, path, msg.data]));
}

/** The frames that write one file of any size: the first truncates, the rest append. */
export function encodeWriteFileChunks(firstId: number, path: string, mode: number, data: Buffer, chunkBytes = WRITE_CHUNK_BYTES): Buffer[] {
  const frames: Buffer[] = [];
  let offset = 0;
  do {
    const chunk = data.subarray(offset, offset + chunkBytes);
    frames.push(encodeWriteFile(firstId + frames.length, { path, mode, append: offset > 0, data: chunk }));
    offset += chunk.length;
  } while (offset < data.length);
  return frames;
}

export interface RunMessage {
  argv: string[];
  env: Record<string, string>;
  /** Relative to the work dir, or absolute; '' for the work dir itself. */
  cwd: string;
  timeoutMs: number;
  outputCapBytes: number;
  /** Keep the program's stdin open for STDIN frames until STDIN_EOF. */
  interactive: boolean;
  /** Given to the program's stdin right away (closed after it unless interactive). */
  stdin: Buffer;
}

function cString(value: string, what: string): Buffer {
  if (value.includes('\0')) throw new TypeError(`${what} contains a NUL byte`);
  return Buffer.from(`${value}\0`, 'utf8');
}

export function encodeRun(id: number, msg: RunMessage): Buffer {
  if (msg.argv.length === 0) throw new TypeError('argv is empty');
  const envEntries = Object.entries(msg.env);
  for (const [key] of envEntries) if (!key || key.includes('=')) throw new TypeError(`invalid environment variable name '${key}'`);
  const head = Buffer.alloc(17);
  head.writeUInt32BE(clampU32(msg.timeoutMs), 0);
  head.writeUInt32BE(clampU32(msg.outputCapBytes), 4);
  head.writeUInt8(msg.interactive ? 1 : 0, 8);
  head.writeUInt16BE(msg.argv.length, 9);
  head.writeUInt16BE(envEntries.length, 11);
  head.writeUInt32BE(msg.stdin.length, 13);
  return encodeFrame(MessageType.Run, id, Buffer.concat([
    head,
    cString(msg.cwd, 'cwd'),
    ...msg.argv.map((a) => cString(a, 'argv')),
    ...envEntries.map(([k, v]) => cString(`${k}=${v}`, 'env')),
    msg.stdin,
  ]));
}

function clampU32(n: number): number {
  return Math.max(0, Math.min(0xffffffff, Math.floor(n)));
}

export const encodeStdin = (id: number, data: Buffer) => encodeFrame(MessageType.Stdin, id, data);
export const encodeStdinEof = (id: number) => encodeFrame(MessageType.StdinEof, id);
export const encodeKill = (id: number) => encodeFrame(MessageType.Kill, id);

export interface ReadyMessage {
  version: number;
  oomCounter: OomCounterSource;
}

export function decodeReady(payload: Buffer): ReadyMessage {
  if (payload.length < 5) throw new Error('READY: short payload');
  const source = payload.readUInt8(4);
  const oomCounter = (Object.keys(OomCounterCodes) as OomCounterSource[]).find((k) => OomCounterCodes[k] === source) ?? 'none';
  return { version: payload.readUInt32BE(0), oomCounter };
}

export interface OutputMessage {
  stream: 'stdout' | 'stderr';
  data: Buffer;
}

export function decodeOutput(payload: Buffer): OutputMessage {
  if (payload.length < 1) throw new Error('OUTPUT: empty payload');
  return { stream: payload[0] === 2 ? 'stderr' : 'stdout', data: payload.subarray(1) };
}

export interface ExitMessage {
  /** null when a signal ended the process. */
  exitCode: number | null;
  signal: number;
  wallMs: number;
  cpuMs: number;
  peakRssBytes: number;
  timedOut: boolean;
  truncated: boolean;
  oomKilled: boolean;
  killed: boolean;
}

export function decodeExit(payload: Buffer): ExitMessage {
  if (payload.length < 25) throw new Error('EXIT: short payload');
  const code = payload.readInt32BE(0);
  const flags = payload.readUInt8(24);
  return {
    exitCode: code < 0 ? null : code,
    signal: payload.readUInt32BE(4),
    wallMs: payload.readUInt32BE(8),
    cpuMs: payload.readUInt32BE(12),
    peakRssBytes: payload.readUInt32BE(16) * 2 ** 32 + payload.readUInt32BE(20),
    timedOut: (flags & ExitFlags.TimedOut) !== 0,
    truncated: (flags & ExitFlags.Truncated) !== 0,
    oomKilled: (flags & ExitFlags.OomKilled) !== 0,
    killed: (flags & ExitFlags.Killed) !== 0,
  };
}

/** Splits a byte stream into frames; keeps at most one incomplete frame buffered. */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes needed before the next frame is complete; saves re-joining chunks of a large frame. */
  private needBytes = FRAME_HEADER_BYTES;

  constructor(private readonly maxPayload = AGENT_MAX_PAYLOAD) {}

  /** Feeds bytes; returns every frame they complete. Throws on an oversized frame (the stream is then unusable). */
  push(chunk: Buffer): Frame[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const frames: Frame[] = [];
    if (this.pendingBytes < this.needBytes) return frames;
    let buf = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    let offset = 0;
    this.needBytes = FRAME_HEADER_BYTES;
    while (buf.length - offset >= FRAME_HEADER_BYTES) {
      const length = buf.readUInt32BE(offset + 5);
      if (length > this.maxPayload) throw new Error(`agent frame of ${length} bytes exceeds ${this.maxPayload}`);
      const end = offset + FRAME_HEADER_BYTES + length;
      if (buf.length < end) {
        this.needBytes = FRAME_HEADER_BYTES + length;
        break;
      }
      frames.push({ type: buf[offset], id: buf.readUInt32BE(offset + 1), payload: buf.subarray(offset + FRAME_HEADER_BYTES, end) });
      offset = end;
    }
    buf = buf.subarray(offset);
    this.pending = buf.length ? [buf] : [];
    this.pendingBytes = buf.length;
    return frames;
  }

  get bufferedBytes(): number {
    return this.pendingBytes;
  }
}
