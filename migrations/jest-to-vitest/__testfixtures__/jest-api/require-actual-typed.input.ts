jest.mock('./config', () => ({
  ...jest.requireActual<typeof import('./config')>('./config'),
  debug: true,
}));

jest.mock('./store', () => ({ ...jest.requireActual('./store').default, reset: jest.fn() }));
