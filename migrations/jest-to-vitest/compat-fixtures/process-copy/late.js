// Imported by fake-clock.test.js while its fake clock is installed: Vitest's worker fetches it
// from the main process over IPC.
export const answer = 42;
