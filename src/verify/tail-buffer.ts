// A bounded sink for a command's output: a ring of `limit` bytes that keeps only the last bytes,
// however much arrives. Chunks are copied in, so no stream buffer stays referenced.

export interface TailBuffer {
  push(chunk: Uint8Array): void;
  /** The kept bytes as text; a character cut in half at the start is dropped. */
  text(): string;
  /** Whether anything was dropped. */
  readonly truncated: boolean;
}

export function createTailBuffer(limit: number): TailBuffer {
  const ring = Buffer.alloc(limit);
  let end = 0; // next write position
  let full = false; // the ring has wrapped at least once
  let truncated = false;
  return {
    push(chunk) {
      if (limit === 0) {
        truncated ||= chunk.length > 0;
        return;
      }
      let data = chunk;
      if (data.length >= limit) {
        truncated ||= data.length > limit || end > 0 || full;
        data = data.subarray(data.length - limit);
        ring.set(data, 0);
        end = 0;
        full = true;
        return;
      }
      // Once full, every new byte overwrites an old one; before that, only bytes past the end do.
      truncated ||= (full && data.length > 0) || end + data.length > limit;
      const first = Math.min(data.length, limit - end);
      ring.set(data.subarray(0, first), end);
      ring.set(data.subarray(first), 0);
      if (end + data.length >= limit) full = true;
      end = (end + data.length) % limit;
    },
    text() {
      let bytes = full ? Buffer.concat([ring.subarray(end), ring.subarray(0, end)]) : ring.subarray(0, end);
      if (truncated) {
        // Skip UTF-8 continuation bytes (10xxxxxx) left over from a character cut at the start.
        let start = 0;
        while (start < bytes.length && start < 3 && (bytes[start]! & 0xc0) === 0x80) start++;
        bytes = bytes.subarray(start);
      }
      return bytes.toString('utf8');
    },
    get truncated() {
      return truncated;
    },
  };
}
