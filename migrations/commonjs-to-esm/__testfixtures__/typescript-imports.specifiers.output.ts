import { answer, double } from './ts-util.js';
import type { Options } from './ts-util.js';
import { inDir } from './ts-dir/index.js';
import View from './ts-view.js';
import { esm } from './ts-esm.mjs';
import { a } from './named.js';
import data from './data.json';
import lodash from 'lodash';
import { double as again } from './ts-util.js';
export * from './ts-util.js';
export type { Options as Settings } from './ts-util.js';
export * as utilNamespace from './ts-util.js';
import './ts-dir/index.js';
export { inDir as fromDir } from "./ts-dir/index.js";

type Util = typeof import('./ts-util.js');

export async function load(options: Options): Promise<Util> {
  console.log(answer, double(2), inDir, View, esm, a, data, lodash, again, options);
  return import('./ts-util.js');
}
