import { describe, expect, it } from 'vitest';
import { chooseVitest, projectFacts } from './versions.js';

const range = (facts: Parameters<typeof chooseVitest>[0]) => {
  const choice = chooseVitest(facts);
  return choice.status === 'chosen' ? choice.line.range : 'none';
};

describe('chooseVitest', () => {
  it.each([
    [{}, '^4.1.0'],
    [{ vite: '^8.0.0' }, '^4.1.0'],
    [{ vite: '^7.1.0', node: { range: '>=22.12.0', from: 'engines' } }, '^5.1.0'],
    [{ vite: '~6.2.0', node: { range: '24', from: '.nvmrc' } }, '^4.1.0'],
    [{ vite: '^6.4.1', node: { range: '24', from: '.nvmrc' } }, '^5.1.0'],
    [{ vite: '^5.4.0' }, '~3.2.4'],
    [{ vite: '4.3.9' }, '^0.34.6'],
    [{ vite: '^5.0.0', node: { range: '>=16', from: 'engines' } }, '^0.34.6'],
    [{ vite: '^2.9.0' }, 'none'],
    [{ node: { range: '>=12', from: 'engines' } }, 'none'],
  ])('%j → %s', (facts, expected) => {
    expect(range(facts)).toBe(expected);
  });

  it('takes a range it cannot read as the newest, and says so', () => {
    const choice = chooseVitest({ vite: 'workspace:*' });
    expect(choice).toMatchObject({ status: 'chosen', line: { range: '^4.1.0' } });
    expect(choice.why).toContain('range not read');
  });
});

describe('projectFacts', () => {
  it('reads engines.node first, then .nvmrc, .node-version and volta; skips what names no version', () => {
    const files: Record<string, string> = { '.nvmrc': 'lts/iron\n', '.node-version': '20.11.1\n' };
    expect(projectFacts({ devDependencies: { vite: '^5.0.0' } }, (path) => files[path])).toEqual({ vite: '^5.0.0', node: { range: '20.11.1', from: '.node-version' } });
    expect(projectFacts({ engines: { node: '>=18' }, volta: { node: '22.1.0' } }, () => undefined)).toEqual({ node: { range: '>=18', from: 'package.json engines.node' } });
    expect(projectFacts({}, () => undefined)).toEqual({});
  });
});
