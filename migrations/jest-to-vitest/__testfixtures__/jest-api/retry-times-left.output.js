describe.each([[1], [2]])('table %i', (n) => {
  jest.retryTimes(3, { logErrorsBeforeRetry: true })
  it('runs', () => expect(n).toBeGreaterThan(0))
})
