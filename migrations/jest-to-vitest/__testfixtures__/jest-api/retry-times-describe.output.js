import { fetchFlaky } from './flaky'

describe('network', {
	retry: 3
}, () => {
	it('fetches', async () => {
		expect(await fetchFlaky()).toBe(1)
	})

	describe('again', () => {
		it('fetches twice', async () => {
			expect(await fetchFlaky()).toBe(1)
		})
	})
})

test('alone', {
	retry: 3,
	timeout: 5000
}, () => {
	expect(1).toBe(1)
})
