// pinia's packages/testing/src/testing.ts, cut down: a helper a library ships picks the runner's spy.
import { createPinia } from 'pinia'
import type { Pinia } from 'pinia'

// Jest's types left with Jest: where Jest runs this, the `typeof jest` check below finds Jest's object.
declare const jest: { fn: (...args: any[]) => any };

declare var vi:
  | undefined
  | {
      fn: (fn?: (...args: any[]) => any) => (...args: any[]) => any
    }

export function createTestingPinia(_createSpy?: (fn?: (...args: any[]) => any) => (...args: any[]) => any): Pinia {
  const pinia = createPinia()
  const createSpy =
    _createSpy ||
    (typeof jest !== 'undefined' && jest.fn) ||
    (typeof vi !== 'undefined' && vi.fn)
  /* istanbul ignore if */
  if (!createSpy) {
    throw new Error('[@pinia/testing]: You must configure the `createSpy` option.')
  }
  return pinia
}
