// Reads the config.
import fs from 'fs';

import { join, resolve as resolvePath } from 'node:path';
import promises from 'node:fs/promises';
const { readFile = null } = promises;
import 'node:process';

module.exports = { fs, join, resolvePath, readFile };
