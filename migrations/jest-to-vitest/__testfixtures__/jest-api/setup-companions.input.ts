import '@testing-library/jest-dom/extend-expect';
import 'jest-canvas-mock';
import { mockDeep } from 'jest-mock-extended';

export const api = mockDeep<{ get(): string }>();
jest.useFakeTimers();
