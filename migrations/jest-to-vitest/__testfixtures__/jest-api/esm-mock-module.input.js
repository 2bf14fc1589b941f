import { jest } from '@jest/globals'

jest.unstable_mockModule('../lib/execGit.js', () => ({
  execGit: jest.fn(async () => ''),
}))

jest.unstable_mockModule('nano-spawn', () => ({
  default: jest.fn(() => Promise.resolve({ output: '' })),
}))

const { execGit } = await import('../lib/execGit.js')
const { default: spawn } = await import('nano-spawn')

describe('getStagedFiles', () => {
  afterEach(() => {
    jest.unstable_unmockModule('nano-spawn')
  })

  it('mocks a module created elsewhere', async () => {
    jest.unstable_mockModule('./virtual.js', () => ({ value: 1 }), { virtual: true })
    expect(await execGit()).toBe('')
    expect(spawn).not.toHaveBeenCalled()
  })
})
