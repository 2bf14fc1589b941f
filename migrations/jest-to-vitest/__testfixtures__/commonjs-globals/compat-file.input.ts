// Added by codemigrate's jest-to-vitest recipe: behaviours of Jest's that these tests rely on.
// @ts-nocheck
import { chai, vi } from 'vitest';

vi.mock('axios');

const useFakeTimers = vi.useFakeTimers;
chai.use(() => {});
