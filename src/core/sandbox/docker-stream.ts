// Docker multiplexes a non-TTY container's stdout and stderr on one attach stream: each chunk is
// preceded by [u8 stream][3 zero bytes][u32 big-endian length]. This splits it back, pure and incremental.

export const DOCKER_STREAM_HEADER_BYTES = 8;

export interface DockerStreamChunk {
  /** 0 stdin, 1 stdout, 2 stderr (as Docker numbers them). */
  stream: number;
  data: Buffer;
}

export class DockerStreamDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): DockerStreamChunk[] {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: DockerStreamChunk[] = [];
    // Payload bytes are handed on as soon as they arrive, so a large docker chunk never waits whole here.
    while (buf.length >= DOCKER_STREAM_HEADER_BYTES) {
      const stream = buf[0];
      const length = buf.readUInt32BE(4);
      const available = Math.min(length, buf.length - DOCKER_STREAM_HEADER_BYTES);
      if (available === 0 && length > 0) break;
      out.push({ stream, data: buf.subarray(DOCKER_STREAM_HEADER_BYTES, DOCKER_STREAM_HEADER_BYTES + available) });
      if (available < length) {
        // Rewrite the header in place for the remainder of this docker chunk.
        const rest = Buffer.alloc(DOCKER_STREAM_HEADER_BYTES);
        rest[0] = stream;
        rest.writeUInt32BE(length - available, 4);
        buf = rest;
        break;
      }
      buf = buf.subarray(DOCKER_STREAM_HEADER_BYTES + length);
    }
    this.pending = buf.length ? Buffer.from(buf) : Buffer.alloc(0);
    return out;
  }
}
