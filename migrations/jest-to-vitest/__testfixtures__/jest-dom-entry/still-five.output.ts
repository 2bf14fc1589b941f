import '@testing-library/jest-dom/extend-expect';
import { sum } from './sum';

it('adds', () => expect(sum(1, 2)).toBe(3));
