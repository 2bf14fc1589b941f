// A testing helper a library ships: it asks which runner it is in and takes that runner's spy.
// Jest's types left with Jest: where Jest runs this, the `typeof jest` check below finds Jest's object.
declare const jest: { clearAllMocks: (...args: any[]) => any; fn: (...args: any[]) => any };
export function createSpyFactory(custom?: (...args: any[]) => any) {
  const createSpy =
    custom ||
    (typeof jest !== 'undefined' && jest.fn) ||
    (typeof vi !== 'undefined' && vi.fn);
  if (!createSpy) throw new Error('no spy');
  return createSpy;
}

export const stub = typeof jest === 'object' ? jest.fn() : () => undefined;

export function reset() {
  if (typeof jest !== 'undefined') {
    jest.clearAllMocks();
  }
  const spy = vi.fn();
  return spy;
}
