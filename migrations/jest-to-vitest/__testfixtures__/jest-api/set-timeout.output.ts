vi.setConfig({ testTimeout: 30000 });

describe('slow', () => {
  vi.setConfig({ testTimeout: 60 * 1000 });
  it('waits', async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
