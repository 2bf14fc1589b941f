import {
	render,
	screen,
	} from '@testing-library/react';
import { describe, it, expect } from 'vitest';

describe('view', () => {
	it('renders', () => {
		render(null);
		expect(screen).toBeDefined();
	});
});
