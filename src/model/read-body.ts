// Reads a response body chunk by chunk, reporting progress (for the idle deadline) and stopping
// at a size cap, so that a 50 MB reply is never held in memory.

export type BodyRead = { readonly status: 'complete'; readonly text: string } | { readonly status: 'over-cap'; readonly head: string };

export async function readBodyCapped(response: Response, maxBytes: number, onProgress: () => void): Promise<BodyRead> {
  if (response.body === null) return { status: 'complete', text: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onProgress();
    chunks.push(value);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return { status: 'over-cap', head: decode(chunks.slice(0, 1)).slice(0, 4096) };
    }
  }
  return { status: 'complete', text: decode(chunks) };
}

function decode(chunks: readonly Uint8Array[]): string {
  return Buffer.concat(chunks).toString('utf8');
}
