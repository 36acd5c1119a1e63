import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AGENT_MAX_PAYLOAD,
  FRAME_HEADER_BYTES,
  FrameDecoder,
  MessageType,
  decodeExit,
  decodeOutput,
  decodeReady,
  encodeFrame,
  encodeKill,
  encodeRun,
  encodeWriteFile,
  encodeWriteFileChunks,
} from '../../../src/core/sandbox/agent-protocol';
import { DockerStreamDemuxer } from '../../../src/core/sandbox/docker-stream';
import { linuxSignalName } from '../../../src/core/sandbox/linux-signals';
import { parseOwner, formatOwner } from '../../../src/core/sandbox/container-labels';

function exitPayload(code: number, signal: number, wall: number, cpu: number, rss: bigint, flags: number): Buffer {
  const p = Buffer.alloc(25);
  p.writeInt32BE(code, 0);
  p.writeUInt32BE(signal, 4);
  p.writeUInt32BE(wall, 8);
  p.writeUInt32BE(cpu, 12);
  p.writeBigUInt64BE(rss, 16);
  p.writeUInt8(flags, 24);
  return p;
}

describe('agent frames', () => {
  it('encodes the header as [u8 type][u32 id][u32 length] big-endian', () => {
    const f = encodeFrame(0x82, 0x01020304, Buffer.from('ab'));
    assert.deepEqual([...f], [0x82, 1, 2, 3, 4, 0, 0, 0, 2, 0x61, 0x62]);
    assert.deepEqual([...encodeKill(7)], [MessageType.Kill, 0, 0, 0, 7, 0, 0, 0, 0]);
  });

  it('refuses payloads the agent would refuse', () => {
    assert.throws(() => encodeFrame(1, 1, Buffer.alloc(AGENT_MAX_PAYLOAD + 1)), RangeError);
  });

  it('decodes frames split at every byte boundary and glued together', () => {
    const frames = [encodeFrame(0x82, 1, Buffer.from('\x01hello')), encodeFrame(0x85, 2), encodeFrame(0x84, 3, Buffer.from('boom'))];
    const wire = Buffer.concat(frames);
    for (let cut = 0; cut <= wire.length; cut++) {
      const d = new FrameDecoder();
      const got = [...d.push(wire.subarray(0, cut)), ...d.push(wire.subarray(cut))];
      assert.deepEqual(got.map((f) => [f.type, f.id, f.payload.toString('latin1')]), [
        [0x82, 1, '\x01hello'],
        [0x85, 2, ''],
        [0x84, 3, 'boom'],
      ]);
      assert.equal(d.bufferedBytes, 0);
    }
  });

  it('delivers a large frame fed one byte at a time only once it is complete', () => {
    const payload = Buffer.alloc(70_000, 7);
    const wire = encodeFrame(0x82, 9, payload);
    const d = new FrameDecoder();
    for (let i = 0; i < wire.length - 1; i++) assert.equal(d.push(wire.subarray(i, i + 1)).length, 0);
    const [frame] = d.push(wire.subarray(wire.length - 1));
    assert.equal(frame.id, 9);
    assert.ok(frame.payload.equals(payload));
  });

  it('throws on a frame longer than its limit instead of buffering it', () => {
    const header = Buffer.alloc(FRAME_HEADER_BYTES);
    header[0] = 0x82;
    header.writeUInt32BE(1025, 5);
    assert.throws(() => new FrameDecoder(1024).push(header), /exceeds/);
  });
});

describe('agent messages', () => {
  it('lays out WRITE_FILE as [u32 mode][u8 flags][u16 path length][path][bytes]', () => {
    const f = encodeWriteFile(5, { path: 'src/ä.py', mode: 0o755, append: true, data: Buffer.from('x=1') });
    const p = f.subarray(FRAME_HEADER_BYTES);
    assert.equal(p.readUInt32BE(0), 0o755);
    assert.equal(p[4], 1);
    const pathLen = p.readUInt16BE(5);
    assert.equal(p.subarray(7, 7 + pathLen).toString('utf8'), 'src/ä.py');
    assert.equal(p.subarray(7 + pathLen).toString(), 'x=1');
  });

  it('splits a large file into one truncating frame and appending ones with consecutive ids', () => {
    const data = Buffer.alloc(2500, 1);
    const frames = encodeWriteFileChunks(10, 'big.bin', 0o644, data, 1000);
    assert.equal(frames.length, 3);
    assert.deepEqual(frames.map((f) => f.readUInt32BE(1)), [10, 11, 12]);
    assert.deepEqual(frames.map((f) => f[FRAME_HEADER_BYTES + 4]), [0, 1, 1]);
    const sizes = frames.map((f) => f.length - FRAME_HEADER_BYTES - 7 - 'big.bin'.length);
    assert.deepEqual(sizes, [1000, 1000, 500]);
    // An empty file is still written (and truncated) once.
    assert.equal(encodeWriteFileChunks(1, 'empty', 0o644, Buffer.alloc(0)).length, 1);
  });

  it('lays out RUN with NUL-terminated cwd, argv and env, then the stdin bytes', () => {
    const f = encodeRun(3, {
      argv: ['python3', 'main.py'],
      env: { A: '1', B: 'x=y' },
      cwd: 'sub',
      timeoutMs: 1500,
      outputCapBytes: 4096,
      interactive: true,
      stdin: Buffer.from('in\n'),
    });
    const p = f.subarray(FRAME_HEADER_BYTES);
    assert.equal(p.readUInt32BE(0), 1500);
    assert.equal(p.readUInt32BE(4), 4096);
    assert.equal(p[8], 1);
    assert.equal(p.readUInt16BE(9), 2);
    assert.equal(p.readUInt16BE(11), 2);
    assert.equal(p.readUInt32BE(13), 3);
    assert.equal(p.subarray(17).toString(), 'sub\0python3\0main.py\0A=1\0B=x=y\0in\n');
  });

  it('refuses what cannot be represented: empty argv, NUL bytes, bad variable names', () => {
    const base = { argv: ['x'], env: {}, cwd: '', timeoutMs: 1, outputCapBytes: 1, interactive: false, stdin: Buffer.alloc(0) };
    assert.throws(() => encodeRun(1, { ...base, argv: [] }), /argv is empty/);
    assert.throws(() => encodeRun(1, { ...base, argv: ['a\0b'] }), /NUL/);
    assert.throws(() => encodeRun(1, { ...base, env: { 'A=B': '1' } }), /variable name/);
  });

  it('decodes READY, OUTPUT and EXIT', () => {
    assert.deepEqual(decodeReady(Buffer.from([0, 0, 0, 1, 1])), { version: 1, oomCounter: 'cgroup-v1' });
    assert.deepEqual(decodeReady(Buffer.from([0, 0, 0, 1, 2])).oomCounter, 'cgroup-v2');
    const out = decodeOutput(Buffer.from('\x02err'));
    assert.equal(out.stream, 'stderr');
    assert.equal(out.data.toString(), 'err');
    assert.deepEqual(decodeExit(exitPayload(-1, 9, 1234, 567, 5n * 2n ** 32n + 7n, 1 | 4)), {
      exitCode: null,
      signal: 9,
      wallMs: 1234,
      cpuMs: 567,
      peakRssBytes: 5 * 2 ** 32 + 7,
      timedOut: true,
      truncated: false,
      oomKilled: true,
      killed: false,
    });
    const ok = decodeExit(exitPayload(3, 0, 1, 0, 0n, 2 | 8));
    assert.equal(ok.exitCode, 3);
    assert.equal(ok.truncated, true);
    assert.equal(ok.killed, true);
  });
});

describe('docker stream demultiplexing', () => {
  const dockerChunk = (stream: number, data: string) => {
    const h = Buffer.alloc(8);
    h[0] = stream;
    h.writeUInt32BE(Buffer.byteLength(data), 4);
    return Buffer.concat([h, Buffer.from(data)]);
  };

  it('recovers each stream across any split, passing partial payloads on at once', () => {
    const wire = Buffer.concat([dockerChunk(1, 'hello'), dockerChunk(2, 'oops'), dockerChunk(1, '!')]);
    for (let cut = 0; cut <= wire.length; cut++) {
      const d = new DockerStreamDemuxer();
      const parts = [...d.push(wire.subarray(0, cut)), ...d.push(wire.subarray(cut))];
      const joined = (s: number) => parts.filter((p) => p.stream === s).map((p) => p.data.toString()).join('');
      assert.equal(joined(1), 'hello!');
      assert.equal(joined(2), 'oops');
    }
    const d = new DockerStreamDemuxer();
    const first = d.push(dockerChunk(1, 'abcdef').subarray(0, 10));
    assert.deepEqual(first.map((p) => p.data.toString()), ['ab']);
  });
});

describe('helpers', () => {
  it('names Linux signals by their container-side numbers', () => {
    assert.equal(linuxSignalName(9), 'SIGKILL');
    assert.equal(linuxSignalName(15), 'SIGTERM');
    assert.equal(linuxSignalName(11), 'SIGSEGV');
    assert.equal(linuxSignalName(0), null);
    assert.equal(linuxSignalName(36), 'SIGRTMIN+2');
  });

  it('round-trips owner labels, including host names with colons', () => {
    assert.deepEqual(parseOwner(formatOwner({ hostname: 'a:b', pid: 42 })), { hostname: 'a:b', pid: 42 });
    assert.equal(parseOwner('garbage'), null);
    assert.equal(parseOwner(undefined), null);
  });
});
