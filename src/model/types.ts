// The model adapter's API lives in the core port (src/core/model.ts) so that the runner need not
// import this adapter; re-exported here for the adapter's own files.

export * from '../core/model.js';
