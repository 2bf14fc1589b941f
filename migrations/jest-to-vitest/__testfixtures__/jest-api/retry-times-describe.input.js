import { fetchFlaky } from './flaky'

describe('network', () => {
	jest.retryTimes(3)

	it('fetches', async () => {
		expect(await fetchFlaky()).toBe(1)
	})

	describe('again', () => {
		it('fetches twice', async () => {
			expect(await fetchFlaky()).toBe(1)
		})
	})
})

test('alone', () => {
	expect(1).toBe(1)
}, 5000)
