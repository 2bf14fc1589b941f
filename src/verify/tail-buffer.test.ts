import { describe, expect, it } from 'vitest';
import { createTailBuffer } from './tail-buffer.js';

describe('createTailBuffer', () => {
  it('keeps exactly the last bytes for any chunking', () => {
    const limit = 10;
    const data = Buffer.from('abcdefghijklmnopqrstuvwxyz0123456789');
    for (const sizes of [[1], [3], [7], [10], [11], [25], [4, 9, 1, 30]]) {
      for (let total = 0; total <= data.length; total++) {
        const tail = createTailBuffer(limit);
        let offset = 0;
        for (let i = 0; offset < total; i++) {
          const size = sizes[i % sizes.length]!;
          tail.push(data.subarray(offset, Math.min(total, offset + size)));
          offset += size;
        }
        const expected = data.subarray(Math.max(0, total - limit), total).toString();
        expect(tail.text(), `sizes ${sizes} total ${total}`).toBe(expected);
        expect(tail.truncated, `sizes ${sizes} total ${total}`).toBe(total > limit);
      }
    }
  });

  it('drops a character cut in half at the start', () => {
    const tail = createTailBuffer(5);
    tail.push(Buffer.from('x€€')); // € is 3 bytes: the kept 5 bytes start inside the first one
    expect(tail.text()).toBe('€');
  });
});
