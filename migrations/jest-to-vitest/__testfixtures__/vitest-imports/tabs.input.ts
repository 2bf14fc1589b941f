import {
	render,
	screen,
	} from '@testing-library/react';

describe('view', () => {
	it('renders', () => {
		render(null);
		expect(screen).toBeDefined();
	});
});
