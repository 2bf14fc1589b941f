'use strict';

// A new plain object: Vitest takes it as the module namespace, as Jest took it as the module.
vi.mock('process', async (importOriginal) => Object.assign({}, await importOriginal(), { platform: 'linux' }));

// Object.assign onto a function: a function is not a namespace.
vi.mock('../lib/logger', () => Object.assign(vi.fn(), { warn: vi.fn() }));

const processOpenFileDescriptors = require('../lib/metrics/processOpenFileDescriptors');

it('collects', () => {
	expect(processOpenFileDescriptors).toBeDefined();
});
