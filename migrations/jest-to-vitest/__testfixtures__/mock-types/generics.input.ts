let a: jest.Mock<number, [string]>;
let b: jest.Mock<Promise<void>>;
let c: jest.SpyInstance<void, [string, number]>;
let d: jest.Mock<(x: number) => string>;
let e: jest.SpiedFunction<typeof console.log>;
let f: jest.MockedObject<{ a: () => void }>;
