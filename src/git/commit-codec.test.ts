import { describe, expect, it } from 'vitest';
import { parseCommit, parseTrailers, serializeCommit } from './commit-codec.js';
import { parseTree, serializeTree, TREE_MODE } from './tree-codec.js';

describe('parseTrailers', () => {
  it('reads the "Key: value" lines of the last paragraph, the last value winning', () => {
    const message = 'Subject\n\nBody.\n\nA-Key: one\nOther: x y\nA-Key: two\n';
    expect(parseTrailers(message)).toEqual({ 'A-Key': 'two', Other: 'x y' });
  });

  it('finds none in a title alone, or when a line of the last paragraph is prose', () => {
    expect(parseTrailers('Fix: a bug\n')).toEqual({});
    expect(parseTrailers('Subject\n\nKey: value\nand some prose\n')).toEqual({});
    expect(parseTrailers('Subject\n\nBody\n')).toEqual({});
  });

  it('joins folded continuation lines', () => {
    expect(parseTrailers('Subject\n\nNote: first\n  second\n\n\n')).toEqual({ Note: 'first second' });
  });
});

describe('commit objects', () => {
  it('round-trips tree, parents and message, adding the final newline', () => {
    const body = serializeCommit({
      tree: 'a'.repeat(40),
      parents: ['b'.repeat(40), 'c'.repeat(40)],
      author: 'A <a@x> 1 +0000',
      committer: 'C <c@x> 2 -0130',
      message: 'Subject\n\nStep: s1',
    });
    expect(body.toString()).toBe(
      `tree ${'a'.repeat(40)}\nparent ${'b'.repeat(40)}\nparent ${'c'.repeat(40)}\n` +
        'author A <a@x> 1 +0000\ncommitter C <c@x> 2 -0130\n\nSubject\n\nStep: s1\n',
    );
    expect(parseCommit('d'.repeat(40), body)).toEqual({
      oid: 'd'.repeat(40),
      tree: 'a'.repeat(40),
      parents: ['b'.repeat(40), 'c'.repeat(40)],
      message: 'Subject\n\nStep: s1\n',
      author: 'A <a@x>',
      trailers: { Step: 's1' },
    });
  });
});

describe('tree objects', () => {
  it('orders a directory as if its name ended in "/"', () => {
    const oid = '1'.repeat(40);
    const entries = [
      { name: 'a0', mode: '100644', oid },
      { name: 'a', mode: TREE_MODE, oid },
      { name: 'a.b', mode: '100644', oid },
      { name: 'a-b', mode: '100755', oid },
    ];
    expect(parseTree(serializeTree(entries), 20).map((entry) => entry.name)).toEqual(['a-b', 'a.b', 'a', 'a0']);
  });
});
