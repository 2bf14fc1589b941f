'use strict';

const mockHttp = jest.fn().mockReturnValue({ on: jest.fn(), end: jest.fn() });

jest.mock('http', () => {
	return {
		request: mockHttp,
	};
});

// Automocks and modules Vitest itself reads in the worker are left alone.
jest.mock('child_process');
jest.mock('fs', () => ({ readFileSync: jest.fn() }));

const Pushgateway = require('../lib/pushgateway');

describe('pushgateway', () => {
	it('posts', () => {
		new Pushgateway('http://127.0.0.1:9091').pushAdd({ jobName: 'job' });
		expect(mockHttp).toHaveBeenCalledTimes(1);
	});
});
