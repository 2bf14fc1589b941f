vi.mock('lodash', async (importOriginal) => {
  const lodash = await importOriginal();
  return {
    ...lodash,
    debounce: (fn) => fn,

    get default() {
      return this;
    }
  };
});
