// Which TS files TypeScript reads as CommonJS, and when their import of 'vitest' is charged with
// TS1479 (commonjs-typed.ts). The modes' answers were measured with a real tsc (commonjs-globals.test.ts).
import { describe, expect, it } from 'vitest';
import { formatOf, readTypeCheck, refusesRequireOfEsm, tsconfigOf, type ReadFile } from './commonjs-typed.js';

function project(files: Record<string, unknown>): ReadFile {
  return (path) => {
    const value = files[path];
    return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
  };
}

const node16 = { compilerOptions: { module: 'node16', types: ['node', 'jest'] } };

describe('readTypeCheck', () => {
  it("charges a .ts test of a package without \"type\": \"module\" under module node16 (commander's case)", () => {
    const read = project({ 'package.json': { type: 'commonjs' }, 'tsconfig.json': '{ /* comment */ "compilerOptions": { "module": "Node16", "skipLibCheck": false, }, }' });
    expect(readTypeCheck('tests/ts-imports.test.ts', read, '5.8.3')).toMatchObject({ format: 'commonjs', charged: true, tsconfig: { path: 'tsconfig.json', module: 'node16' } });
    expect(readTypeCheck('tests/a.test.tsx', project({ 'package.json': {}, 'tsconfig.json': node16 }), undefined).charged).toBe(true);
  });

  it('reads the format from the nearest package.json: "type": "module" makes .ts files ESM, a nested one without it CommonJS again', () => {
    const read = project({ 'package.json': { type: 'module' }, 'tsconfig.json': node16, 'legacy/package.json': { name: 'legacy' } });
    expect(readTypeCheck('src/a.test.ts', read, '5.8.3')).toMatchObject({ format: 'module', charged: false });
    expect(readTypeCheck('legacy/a.test.ts', read, '5.8.3')).toMatchObject({ format: 'commonjs', charged: true });
    expect(readTypeCheck('src/a.test.ts', project({ 'package.json': '{ broken', 'tsconfig.json': node16 }), '5.8.3')).toMatchObject({ format: 'unknown', charged: false });
  });

  it('takes .cts as CommonJS and .mts as ESM whatever package.json says; declaration files are left alone', () => {
    const esm = project({ 'package.json': { type: 'module' }, 'tsconfig.json': node16 });
    expect(readTypeCheck('src/a.test.cts', esm, '5.8.3')).toMatchObject({ format: 'commonjs', charged: true });
    const cjs = project({ 'package.json': {}, 'tsconfig.json': node16 });
    expect(readTypeCheck('src/a.test.mts', cjs, '5.8.3')).toMatchObject({ format: 'module', charged: false });
    expect(readTypeCheck('src/vitest.d.ts', cjs, '5.8.3').charged).toBe(false);
  });

  it('charges nothing with skipLibCheck: true, where TypeScript does not report a library file', () => {
    const read = project({ 'package.json': {}, 'tsconfig.json': { compilerOptions: { module: 'node16', skipLibCheck: true } } });
    expect(readTypeCheck('a.test.ts', read, '5.8.3')).toMatchObject({ format: 'commonjs', charged: false });
  });

  it('reads module commonjs as CommonJS but charges nothing: its resolution does not refuse the ESM behind the require types', () => {
    const read = project({ 'package.json': {}, 'tsconfig.json': { compilerOptions: { module: 'commonjs' } } });
    expect(readTypeCheck('a.test.ts', read, '5.8.3')).toMatchObject({ format: 'commonjs', charged: false });
    const esnext = project({ 'package.json': {}, 'tsconfig.json': { compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } } });
    expect(readTypeCheck('a.test.ts', esnext, '5.8.3')).toMatchObject({ format: 'module', charged: false });
  });

  it('follows extends through the files of the project, the nearest tsconfig.json first; a base from a package leaves the answer unknown', () => {
    const read = project({
      'package.json': {},
      'tsconfig.base.json': { compilerOptions: { module: 'node16', skipLibCheck: true } },
      'tsconfig.json': { extends: './tsconfig.base.json', compilerOptions: { skipLibCheck: false } },
      'packages/a/tsconfig.json': { extends: ['../../tsconfig.json'], compilerOptions: { types: ['jest'] } },
      'packages/b/tsconfig.json': { extends: '@tsconfig/node16/tsconfig.json' },
    });
    expect(tsconfigOf('packages/a/src/x.test.ts', read)).toEqual({ path: 'packages/a/tsconfig.json', module: 'node16', skipLibCheck: false, types: ['jest'] });
    expect(readTypeCheck('packages/a/src/x.test.ts', read, '5.8.3').charged).toBe(true);
    expect(readTypeCheck('packages/b/x.test.ts', read, '5.8.3')).toMatchObject({ format: 'unknown', charged: false, tsconfig: { unreadBase: '@tsconfig/node16/tsconfig.json' } });
    expect(readTypeCheck('x.test.ts', project({ 'package.json': {} }), '5.8.3')).toEqual({ format: 'unknown', charged: false });
  });

  it('survives an extends cycle', () => {
    const read = project({ 'package.json': {}, 'tsconfig.json': { extends: './b.json', compilerOptions: { module: 'node16' } }, 'b.json': { extends: './tsconfig.json' } });
    expect(readTypeCheck('x.test.ts', read, undefined).charged).toBe(true);
  });
});

describe('refusesRequireOfEsm', () => {
  it('refuses under node16 and node18, under nodenext before TypeScript 5.8 (or an unknown one), never under node20 or the others', () => {
    expect(refusesRequireOfEsm('node16', '6.0.3')).toBe(true);
    expect(refusesRequireOfEsm('node18', '5.9.2')).toBe(true);
    expect(refusesRequireOfEsm('nodenext', '5.7.3')).toBe(true);
    expect(refusesRequireOfEsm('nodenext', '^5.0.4')).toBe(true);
    expect(refusesRequireOfEsm('nodenext', undefined)).toBe(true);
    expect(refusesRequireOfEsm('nodenext', '5.8.3')).toBe(false);
    expect(refusesRequireOfEsm('node20', '5.9.2')).toBe(false);
    expect(refusesRequireOfEsm('commonjs', '5.8.3')).toBe(false);
    expect(refusesRequireOfEsm(undefined, '5.8.3')).toBe(false);
  });
});

describe('formatOf', () => {
  it('gives a file no tsconfig covers no format, and a .js file none (only TS files are read)', () => {
    const read = project({ 'package.json': {} });
    expect(formatOf('a.test.ts', undefined, read)).toBe('unknown');
    expect(formatOf('a.test.js', { path: 'tsconfig.json', module: 'node16' }, read)).toBe('unknown');
    expect(formatOf('a.test.ts', { path: 'tsconfig.json' }, read)).toBe('module');
  });
});
