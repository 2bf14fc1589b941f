describe('parser', () => {
  it('parses', {
    retry: 2
  }, () => {
    expect(1).toBe(1)
  })

  test('parses slowly', {
    retry: 4,
    timeout: 9000
  }, () => {
    expect(1).toBe(1)
  })

  it('parses once', () => {
    expect(1).toBe(1)
  })

  it('waits', () => {
    if (process.env.CI) jest.retryTimes(2)
  })
})
