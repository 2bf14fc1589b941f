vi.mock('./config', async () => ({
  ...(await vi.importActual<typeof import('./config')>('./config')),
  debug: true
}));

vi.mock('./store', async () => ({
  ...(await vi.importActual<typeof import('./store')>('./store')).default,
  reset: vi.fn()
}));
