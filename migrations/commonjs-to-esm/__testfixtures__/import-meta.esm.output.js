import { join } from 'node:path';

export const config = join(import.meta.dirname, 'config.json');
export const me = { __filename: import.meta.filename, dir: import.meta.dirname };

function inner(__dirname) {
  return __dirname;
}
export { inner };
