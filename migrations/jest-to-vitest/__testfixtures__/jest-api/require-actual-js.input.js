jest.mock('lodash', () => {
  const lodash = jest.requireActual('lodash');
  return { ...lodash, debounce: (fn) => fn };
});
