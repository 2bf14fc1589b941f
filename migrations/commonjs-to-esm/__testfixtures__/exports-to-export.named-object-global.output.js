const local = 1;

const ErrorExport = Error;
const JSONExport = JSON;
export { local, ErrorExport as Error, JSONExport as parse };
