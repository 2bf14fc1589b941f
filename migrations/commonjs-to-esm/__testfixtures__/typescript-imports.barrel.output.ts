export * from './ts-util.js';
import * as barrel from './ts-barrel.js';
import * as again from './ts-barrel.js';

export const both = [barrel.answer, again.barrel];
