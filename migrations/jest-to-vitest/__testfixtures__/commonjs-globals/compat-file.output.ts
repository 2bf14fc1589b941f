// Added by codemigrate's jest-to-vitest recipe: behaviours of Jest's that these tests rely on.
// @ts-nocheck

vi.mock('axios');

const useFakeTimers = vi.useFakeTimers;
chai.use(() => {});
