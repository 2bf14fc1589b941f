import { jest } from '@jest/globals'

jest.unstable_mockModule('../lib/gitWorkflow.js', () => ({
  GitWorkflow: jest.fn(() => ({ prepare: jest.fn() })),
}))

const { GitWorkflow } = await import('../lib/gitWorkflow.js')
const { runAll } = await import('../lib/runAll.js')

it('hands the chunks to the workflow', async () => {
  let expected
  const mockConstructor = jest.fn(({ matchedFileChunks }) => (expected = matchedFileChunks))
  GitWorkflow.mockImplementationOnce(mockConstructor)
  const helper = jest.fn((x) => x + 1)

  await runAll({})
  expect(expected).toEqual([])
  expect(helper(1)).toBe(2)
})
