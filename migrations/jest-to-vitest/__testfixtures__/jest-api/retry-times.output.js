import { vi } from 'vitest'

vi.setConfig({ testTimeout: 20000 })

describe('lint-staged', {
  retry: 2
}, () => {
  test('commits', async () => {
    expect(1).toBe(1)
  })
})

test.only('alone', {
  retry: 2,
  timeout: 5000
}, () => {})
