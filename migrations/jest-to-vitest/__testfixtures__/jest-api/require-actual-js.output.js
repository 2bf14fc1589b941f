vi.mock('lodash', async () => {
  const lodash = await vi.importActual('lodash');
  return { ...lodash, debounce: (fn) => fn };
});
