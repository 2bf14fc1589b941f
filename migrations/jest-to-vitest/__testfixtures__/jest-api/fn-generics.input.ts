const a = jest.fn<number, [string]>();
const b = jest.fn<Promise<void>, []>();
const c = jest.fn<string>();
const d = jest.fn<(x: number) => string>();
const e = jest.fn<typeof fetch>();
