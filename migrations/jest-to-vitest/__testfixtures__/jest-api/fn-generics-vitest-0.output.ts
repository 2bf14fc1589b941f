const a = vi.fn<[string], number>();
const b = vi.fn<[], Promise<void>>();
const c = vi.fn<any[], string>();
const d = vi.fn<[x: number], string>();
const e = vi.fn<Parameters<typeof fetch>, ReturnType<typeof fetch>>();
const f = vi.fn<Parameters<(<S>(s: S) => (s?: S, e?: unknown) => void)>, ReturnType<(<S>(s: S) => (s?: S, e?: unknown) => void)>>();
const g = vi.fn<Parameters<(this: Window, x: number) => void>, ReturnType<(this: Window, x: number) => void>>();
const h = vi.fn<[], any>();
