import {
	describe,
	expect,
	test,
} from 'vitest';
import { sum } from './sum';

// Added by codemigrate: @types/jest typed the matchers this file's expect.extend adds; Vitest learns them here.
declare module 'vitest' {
  interface Assertion<T = any> {
    toBeEven(...args: any[]): any;
  }
}

expect.extend({
	toBeEven: (received: number) => ({ pass: received % 2 === 0, message: () => 'odd' }),
});

describe('sum', () => {
	test('even', () => {
		expect(sum(1, 1)).toBeEven();
	});
});
