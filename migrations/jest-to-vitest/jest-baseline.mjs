#!/usr/bin/env node
// The Jest run of a project as its own scripts run it, for the baseline of a Jest → Vitest run:
//   node jest-baseline.mjs REPORT_FILE
// It follows package.json's "test" script (through `npm run x`, `yarn x`, `pnpm x`) to the command
// that runs Jest — `jest [--config file]`, `react-scripts test` or `craco test` — and runs that
// command's runner once over the whole suite with `--ci --json --outputFile=REPORT_FILE`, watch
// mode off. A project whose scripts name no such command gets plain `jest`, which reads
// jest.config.* or package.json's "jest" key as Jest itself does. Its exit code is Jest's.
// Plain JavaScript, because the recipe runs it with `node` in the project's checkout.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const report = process.argv[2];
if (!report) {
  console.error('usage: jest-baseline.mjs REPORT_FILE');
  process.exit(2);
}

/** Scripts of the project's package.json, or none. */
function readScripts() {
  try {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
    return scripts && typeof scripts === 'object' ? scripts : {};
  } catch {
    return {};
  }
}

const RUNNERS = [
  { bin: 'react-scripts', pattern: /\breact-scripts\s+test\b([^;&|]*)/, args: ['test', '--watchAll=false'] },
  { bin: 'craco', pattern: /\bcraco\s+test\b([^;&|]*)/, args: ['test', '--watchAll=false'] },
  { bin: 'jest', pattern: /(?:^|[\s;&|(])(?:npx\s+)?jest\b([^;&|]*)/, args: [] },
];
const NAMED_SCRIPT = /(?:^|[\s;&|])(?:npm\s+run(?:-script)?|yarn(?:\s+run)?|pnpm(?:\s+run)?)\s+([\w:.-]+)/g;

/** The first runner command the script `name` reaches, with the flags it passes that matter. */
function findRunner(scripts, name, seen = new Set()) {
  const script = scripts[name];
  if (typeof script !== 'string' || seen.has(name)) return undefined;
  seen.add(name);
  for (const runner of RUNNERS) {
    const found = runner.pattern.exec(script);
    if (found) return { bin: runner.bin, args: [...runner.args, ...keptFlags(found[1] ?? '')] };
  }
  for (const [, next] of script.matchAll(NAMED_SCRIPT)) {
    const found = findRunner(scripts, next, seen);
    if (found) return found;
  }
  return undefined;
}

/** The flags that choose what runs (config, roots, environment); watch, coverage and reporters go. */
function keptFlags(text) {
  const words = text.trim().split(/\s+/).filter(Boolean).map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
  const kept = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!/^(--config|-c|--rootDir|--roots|--env|--testEnvironment|--selectProjects|--projects)(=|$)/.test(word)) continue;
    kept.push(word);
    if (!word.includes('=') && words[i + 1] !== undefined && !words[i + 1].startsWith('-')) kept.push(words[++i]);
  }
  return kept;
}

const runner = findRunner(readScripts(), 'test') ?? { bin: 'jest', args: [] };
const local = join('node_modules', '.bin', runner.bin);
const command = existsSync(local) ? local : 'npx';
const args = [...(command === 'npx' ? ['--no-install', runner.bin] : []), ...runner.args, '--ci', '--json', `--outputFile=${report}`];
console.log(`[jest-baseline] ${[command, ...args].join(' ')}`);
const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, CI: 'true' } });
if (result.error) {
  console.error(`[jest-baseline] could not run ${command}: ${result.error.message}`);
  process.exit(127);
}
process.exit(result.status ?? 1);
