const a = jest.fn<number, [string]>();
const b = jest.fn<Promise<void>, []>();
const c = jest.fn<string>();
const d = jest.fn<(x: number) => string>();
const e = jest.fn<typeof fetch>();
const f = jest.fn<<S>(s: S) => (s?: S, e?: unknown) => void>();
const g = jest.fn<(this: Window, x: number) => void>();
const h = jest.fn<() => void>();
