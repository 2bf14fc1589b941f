const a = vi.fn<(...args: [string]) => number>();
const b = vi.fn<(...args: []) => Promise<void>>();
const c = vi.fn<(...args: any[]) => string>();
const d = vi.fn<(x: number) => string>();
const e = vi.fn<typeof fetch>();
