'use strict';
const mockHttp = vi.hoisted(() => vi.fn().mockReturnValue({ on: vi.fn(), end: vi.fn() }));

vi.mock('http', () => {
	return {
		request: mockHttp,

		get default() {
			return this;
		}
	};
});

// vi.mock('http') reaches imports only: what this file requires gets Node's own 'http', so the
// mock's exports are copied onto it while this file's tests run (added by codemigrate).
beforeAll(async () => {
	const actual = require('http');
	const original = new Map();
	for (const [key, value] of Object.entries(await import('http'))) {
		if (actual[key] !== value) {
			original.set(key, actual[key]);
			actual[key] = value;
		}
	}
	return () => original.forEach((value, key) => (actual[key] = value));
});

// Automocks and modules Vitest itself reads in the worker are left alone.
vi.mock('child_process');
vi.mock('fs', () => ({
	readFileSync: vi.fn(),

	get default() {
		return this;
	}
}));

const Pushgateway = require('../lib/pushgateway');

describe('pushgateway', () => {
	it('posts', () => {
		new Pushgateway('http://127.0.0.1:9091').pushAdd({ jobName: 'job' });
		expect(mockHttp).toHaveBeenCalledTimes(1);
	});
});
