'use strict';

// A new plain object: Vitest takes it as the module namespace, as Jest took it as the module.
jest.mock('process', () => Object.assign({}, jest.requireActual('process'), { platform: 'linux' }));

// Object.assign onto a function: a function is not a namespace.
jest.mock('../lib/logger', () => Object.assign(jest.fn(), { warn: jest.fn() }));

const processOpenFileDescriptors = require('../lib/metrics/processOpenFileDescriptors');

it('collects', () => {
	expect(processOpenFileDescriptors).toBeDefined();
});
