import { Mock } from 'ts-mockito';

declare global {
  namespace jest {
    interface Matchers<R> {
      toBeWithinRange(a: number, b: number): R;
    }
  }
}

let m: jest.Mock;
let config: jest.Config;
it('waits', (done: jest.DoneCallback) => done());
