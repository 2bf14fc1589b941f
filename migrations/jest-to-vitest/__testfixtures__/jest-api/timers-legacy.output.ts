jest.useFakeTimers('legacy');
jest.useFakeTimers({ legacyFakeTimers: true });
jest.useFakeTimers({ doNotFake: ['nextTick'] });
vi.useFakeTimers({ now: 1000 });
jest.runAllImmediates();
