import { describe, expect, it } from 'vitest';
import { tooOldForVitestTypes } from './package-json.js';

describe('tooOldForVitestTypes', () => {
  it('reports ranges that stay below TypeScript 4.7', () => {
    for (const range of ['~4.5.0', '4.5.2', '=4.6.4', '^3.9.7', '3.x', '~4.6']) expect(tooOldForVitestTypes(range), range).toBe(true);
  });

  it('leaves ranges that reach 4.7 or later, and ranges it cannot read', () => {
    for (const range of ['^4.5.0', '4.x', '^4.7.0', '~4.7.4', '5.4.5', '^5.0.0', 'latest', '>=4.0.0', '4.1 || 5.x', 'workspace:*']) {
      expect(tooOldForVitestTypes(range), range).toBe(false);
    }
  });
});
