import { entry } from './pkgdir/lib/entry.js';
import * as again from './pkgdir/lib/entry.js';

module.exports = function load() {
  return [entry, again];
};
