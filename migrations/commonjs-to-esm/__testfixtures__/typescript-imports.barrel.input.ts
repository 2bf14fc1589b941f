export * from './ts-util';
import barrel = require('./ts-barrel');
const again = require('./ts-barrel');

export const both = [barrel.answer, again.barrel];
