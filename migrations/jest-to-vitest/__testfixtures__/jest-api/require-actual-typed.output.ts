vi.mock('./config', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./config')>()),
  debug: true,

  get default() {
    return this;
  }
}));

vi.mock('./store', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./store')>()).default,
  reset: vi.fn(),

  get default() {
    return this;
  }
}));
