import { join } from 'node:path';

export const here = join(__dirname, 'x');
export function load(name: string): unknown {
  return require(name);
}
