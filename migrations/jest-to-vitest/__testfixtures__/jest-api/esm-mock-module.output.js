import { vi } from 'vitest'

vi.doMock('../lib/execGit.js', () => ({
  execGit: vi.fn(async () => ''),
}))

vi.doMock('nano-spawn', () => ({
  default: vi.fn(() => Promise.resolve({ output: '' })),
}))

const { execGit } = await import('../lib/execGit.js')
const { default: spawn } = await import('nano-spawn')

describe('getStagedFiles', () => {
  afterEach(() => {
    vi.doUnmock('nano-spawn')
  })

  it('mocks a module created elsewhere', async () => {
    jest.unstable_mockModule('./virtual.js', () => ({ value: 1 }), { virtual: true })
    expect(await execGit()).toBe('')
    expect(spawn).not.toHaveBeenCalled()
  })
})
