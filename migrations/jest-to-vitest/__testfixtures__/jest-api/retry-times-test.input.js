describe('parser', () => {
  it('parses', () => {
    jest.retryTimes(2)
    expect(1).toBe(1)
  })

  test('parses slowly', () => {
    jest.retryTimes(4)
    expect(1).toBe(1)
  }, 9000)

  it('parses once', () => {
    expect(1).toBe(1)
  })

  it('waits', () => {
    if (process.env.CI) jest.retryTimes(2)
  })
})
