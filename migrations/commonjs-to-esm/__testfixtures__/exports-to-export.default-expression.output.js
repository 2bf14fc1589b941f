const defaults = { retries: 3 };

const defaultExpression = {
  ...defaults,
  run() {
    return defaults.retries;
  },
};

export default defaultExpression;
export { defaultExpression as 'module.exports' };
