const ErrorExport = Error;
export { ErrorExport as Error };
const setTimeoutExport = (fn) => setTimeout(fn, 0);
export { setTimeoutExport as setTimeout };
export const parse = JSON.parse;
