const helper = () => 1;
const b = 'taken';

export const a = function () {
  return helper();
};

export { helper };
const bExport = 2;
export { bExport as b };
export const version = '1.0.0';
