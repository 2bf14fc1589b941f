import { join } from 'node:path';

export const config = join(__dirname, 'config.json');
export const me = { __filename, dir: __dirname };

function inner(__dirname) {
  return __dirname;
}
export { inner };
