jest.retryTimes(3);
const mod = jest.createMockFromModule('./mod');
jest.setMock('./mod', mod);
jest.replaceProperty(process, 'env', { A: '1' });
jest.enableAutomock();
jest.somethingNew();
const fn = jest.mockFunctionThing;
