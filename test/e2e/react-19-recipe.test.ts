// The built-in react-19 recipe through the CLI on a small React 18 TypeScript app (ReactDOM.render
// in its entry, `act` from react-dom/test-utils in its test, a ref-less useRef and the global JSX
// namespace in a component, JSX in a .jsx file), with verification replaced by `true` and no install: no React is
// installed here, and tests make no network calls (the proof on a real app, with its tests and
// tsc, is in migrations/react-19/README.md). Setup raises React to 18.3 and Testing Library to 16
// (with its @testing-library/dom peer); each directory step composes react-codemod's and
// types-react-codemod's transforms, unmodified and resolved by package name beside the recipe,
// with ours; land with every step in applies finish (React 19). A step with a string ref is left
// to the model, and finish waits for it.

import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliHere } from '../helpers/cli.js';
import { HERMETIC_GIT_ENV, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

const show = (dir: string, spec: string) => execFileSync('git', ['show', spec], { cwd: dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, encoding: 'utf8' });
const manifest = (dir: string, ref: string) => JSON.parse(show(dir, `${ref}:package.json`)) as Record<string, Record<string, string>>;

function app(extra: Record<string, string> = {}): TempRepo {
  const repo = makeTempRepo({
    'package.json': `${JSON.stringify({
      name: 'web',
      private: true,
      scripts: { test: 'jest' },
      dependencies: { react: '^18.2.0', 'react-dom': '^18.2.0' },
      devDependencies: { '@testing-library/react': '^14.1.2', '@types/react': '^18.2.45', '@types/react-dom': '^18.2.18', typescript: '^5.4.0' },
    }, null, 2)}\n`,
    'src/index.tsx': "import React from 'react';\nimport ReactDOM from 'react-dom';\nimport { App } from './App';\n\nReactDOM.render(<App />, document.getElementById('root'));\n",
    'src/App.tsx':
      "import React from 'react';\n\nexport function App(): JSX.Element {\n  const input = React.useRef<HTMLInputElement>();\n  return <input ref={input} />;\n}\n",
    // JSX in a .jsx file: types-react-codemod parses it as TypeScript without JSX and throws, so the
    // recipe's `files` keep its preset-19 step to TypeScript files.
    'src/Hello.jsx': "import React from 'react';\n\nexport const Hello = () => <p>Hello</p>;\n",
    'test/App.test.tsx':
      "import { act } from 'react-dom/test-utils';\nimport { createRoot } from 'react-dom/client';\nimport { App } from '../src/App';\n\nit('renders', () => {\n  const container = document.createElement('div');\n  act(() => {\n    createRoot(container).render(<App />);\n  });\n  expect(container.querySelector('input')).not.toBeNull();\n});\n",
    'migration.config.json': JSON.stringify({ verify: [{ run: 'true' }], install: null }),
    ...extra,
  });
  repos.push(repo);
  return repo;
}

describe('react-19 recipe (built in)', () => {
  it('goes through React 18.3 in setup, migrates each directory with the community transforms and ours, and lands React 19', async () => {
    const repo = app();
    const run = await runCliHere(['run', 'react-19', '--repo', repo.dir, '--run-id', 'r19']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^run r19 finished: 2 succeeded; /m);

    const base = manifest(repo.dir, 'codemigrate/r19/base');
    expect(base['dependencies']).toEqual({ react: '^18.3.1', 'react-dom': '^18.3.1' });
    expect(base['devDependencies']).toMatchObject({ '@testing-library/react': '^16.0.0', '@testing-library/dom': '^10.0.0', '@types/react': '^18.3.0', '@types/react-dom': '^18.3.0' });

    // src: update-react-imports (react-codemod), then ours, then preset-19 (types-react-codemod).
    const entry = show(repo.dir, 'codemigrate/r19/src:src/index.tsx');
    expect(entry).toBe("import { createRoot } from 'react-dom/client';\nimport { App } from './App';\n\nconst root = createRoot(document.getElementById('root')!);\nroot.render(<App />);\n");
    const component = show(repo.dir, 'codemigrate/r19/src:src/App.tsx');
    // React.useRef → useRef (update-react-imports); useRef's argument and JSX's import (preset-19).
    expect(component).toBe("import { useRef, type JSX } from 'react';\n\nexport function App(): JSX.Element {\n  const input = useRef<HTMLInputElement>(undefined);\n  return <input ref={input} />;\n}\n");
    expect(show(repo.dir, 'codemigrate/r19/src:src/Hello.jsx')).toBe('export const Hello = () => <p>Hello</p>;\n');
    // test: act from react (React 18.3 exports it, so the step works before finish too).
    const test = show(repo.dir, 'codemigrate/r19/test:test/App.test.tsx');
    expect(test).toMatch(/^import \{ act \} from 'react';\n/);
    expect(test).not.toContain('react-dom/test-utils');

    const land = await runCliHere(['land', 'r19', '--repo', repo.dir]);
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout).toContain("finish: every step has landed; the recipe's finish changed 1 file(s)");
    const result = manifest(repo.dir, 'codemigrate/r19/result');
    expect(result['dependencies']).toEqual({ react: '^19.0.0', 'react-dom': '^19.0.0' });
    expect(result['devDependencies']).toMatchObject({ '@testing-library/react': '^16.0.0', '@types/react': '^19.0.0', '@types/react-dom': '^19.0.0' });
  });

  it('leaves a step with a string ref to the model, and lands the rest on React 18.3 without finish', async () => {
    const repo = app({
      'legacy/Search.tsx':
        "import React from 'react';\n\nexport class Search extends React.Component {\n  componentDidMount() {\n    (this.refs.query as HTMLInputElement).focus();\n  }\n\n  render() {\n    return <input ref=\"query\" />;\n  }\n}\n",
    });
    const run = await runCliHere(['run', 'react-19', '--repo', repo.dir, '--run-id', 'part']);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^step legacy needs-model .*none is configured: legacy\/Search\.tsx:9: string ref "query" is removed in React 19: .*\(and 1 more\)$/m);
    expect(run.stdout).toMatch(/^run part finished: 2 succeeded, 1 needs-model; /m);

    const land = await runCliHere(['land', 'part', '--repo', repo.dir]);
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout).not.toContain('finish: every step has landed');
    expect(manifest(repo.dir, 'codemigrate/part/result')['dependencies']).toEqual({ react: '^18.3.1', 'react-dom': '^18.3.1' });
  });
});
