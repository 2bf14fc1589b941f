let a: Mock<(...args: [string]) => number>;
let b: Mock<(...args: any[]) => Promise<void>>;
let c: MockInstance<(...args: [string, number]) => void>;
let d: Mock<(x: number) => string>;
let e: MockInstance<typeof console.log>;
let f: MockedObject<{ a: () => void }>;
