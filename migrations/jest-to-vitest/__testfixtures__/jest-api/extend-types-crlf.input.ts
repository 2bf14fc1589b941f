import {
	describe,
	expect,
	test,
} from 'vitest';
import { sum } from './sum';

expect.extend({
	toBeEven: (received: number) => ({ pass: received % 2 === 0, message: () => 'odd' }),
});

describe('sum', () => {
	test('even', () => {
		expect(sum(1, 1)).toBeEven();
	});
});
