'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { spawnSync } = require('child_process');
const path = require('path');

const BIN = path.join(__dirname, '..', 'bin', 'recordkit.js');

function run(args, input) {
  const result = spawnSync(process.execPath, [BIN].concat(args), {
    input: new Buffer(input || '', 'utf8'),
    env: Object.assign({}, process.env, { NODE_NO_WARNINGS: '1' }),
  });
  return { code: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

test('recordkit json --lines reads CSV from stdin', () => {
  const result = run(['json', '--lines', '-'], 'name,age\nAda,36\n');
  assert.equal(result.code, 0);
  assert.equal(result.stdout, '{"age":36,"name":"Ada"}\n');
});

test('recordkit hex dumps bytes with a checksum', () => {
  const result = run(['hex', '--width', '4', '-'], 'abc');
  assert.equal(result.stdout, '00000000  61 62 63     |abc|\nsum16 294\n');
});

test('recordkit ids hashes key=value records', () => {
  const result = run(['ids', '--kv', '-'], 'name=Ada\nage=36\n');
  assert.equal(result.stdout.trim(), '683196754f8c');
});

test('recordkit without a command prints usage and exits 2', () => {
  const result = run([]);
  assert.equal(result.code, 2);
  assert.ok(result.stdout.startsWith('usage: recordkit <table|json|hex|ids>'));
});
