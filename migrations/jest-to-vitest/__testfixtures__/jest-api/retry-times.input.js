import { jest } from '@jest/globals'

jest.setTimeout(20000)
jest.retryTimes(2)

describe('lint-staged', () => {
  test('commits', async () => {
    expect(1).toBe(1)
  })
})

test.only('alone', () => {}, 5000)
