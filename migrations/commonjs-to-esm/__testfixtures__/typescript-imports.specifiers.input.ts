import { answer, double } from './ts-util';
import type { Options } from './ts-util';
import { inDir } from './ts-dir';
import View from './ts-view';
import { esm } from './ts-esm.mjs';
import { a } from './named';
import data from './data.json';
import lodash from 'lodash';
import { double as again } from './ts-util.js';
export * from './ts-util';
export type { Options as Settings } from './ts-util';
export * as utilNamespace from './ts-util';
import './ts-dir';
export { inDir as fromDir } from "./ts-dir/";

type Util = typeof import('./ts-util');

export async function load(options: Options): Promise<Util> {
  console.log(answer, double(2), inDir, View, esm, a, data, lodash, again, options);
  return import('./ts-util');
}
