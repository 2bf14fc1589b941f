import { it as spec, expect } from 'vitest';
import * as vitest from 'vitest';
import { bench, describe } from 'vitest';

describe('x', () => {
  spec('y', () => expect(vitest).toBeDefined());
  bench('z', () => {});
});
