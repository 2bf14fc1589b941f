jest.setTimeout(30000);

describe('slow', () => {
  jest.setTimeout(60 * 1000);
  it('waits', async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
