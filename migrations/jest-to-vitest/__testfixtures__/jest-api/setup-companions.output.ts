import '@testing-library/jest-dom/vitest';
import 'vitest-canvas-mock';
import { mockDeep } from 'vitest-mock-extended';

export const api = mockDeep<{ get(): string }>();
vi.useFakeTimers();
