const defaultGlobal = Error;
export default defaultGlobal;
export { defaultGlobal as 'module.exports' };
