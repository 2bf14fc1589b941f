import { vi } from 'vitest'

vi.doMock('../lib/gitWorkflow.js', () => ({
  GitWorkflow: vi.fn(function() {
    return {
      prepare: vi.fn()
    };
  }),
}))

const { GitWorkflow } = await import('../lib/gitWorkflow.js')
const { runAll } = await import('../lib/runAll.js')

it('hands the chunks to the workflow', async () => {
  let expected
  const mockConstructor = vi.fn(function({ matchedFileChunks }) {
    return expected = matchedFileChunks;
  })
  GitWorkflow.mockImplementationOnce(mockConstructor)
  const helper = vi.fn((x) => x + 1)

  await runAll({})
  expect(expected).toEqual([])
  expect(helper(1)).toBe(2)
})
