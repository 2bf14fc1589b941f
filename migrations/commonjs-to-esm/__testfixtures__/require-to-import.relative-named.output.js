import { a, b as bee } from './named.js';
import * as members from './members.js';
import { x } from './members.js';
import { y } from './members.js';

console.log(a, bee, members.x, x, y);
