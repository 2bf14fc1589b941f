// One ts-morph measurement in its own process (so that each has its own peak memory):
//   node ts-morph-task.mjs engine|engine-prefilter <root> <repo> <files.json> — codemigrate's engine, one call per directory
//   node ts-morph-task.mjs project <root> <repo> <files.json>  — new Project({ tsConfigFilePath }), the same files
// Both apply the same edit and print { seconds, modified, files } as JSON.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [mode, root, repo, listFile] = process.argv.slice(2);
const transformPath = join(root, 'bench/transforms', mode === 'engine-prefilter' ? 'rewrite-import-ts-morph-prefilter.ts' : 'rewrite-import-ts-morph.ts');
const started = performance.now();

if (mode === 'engine' || mode === 'engine-prefilter') {
  const { createTsMorphEngine } = await import(join(root, 'dist/codemods/ts-morph-engine.js'));
  const engine = createTsMorphEngine();
  const spec = { kind: 'codemod', name: 'rewrite-import-ts-morph.ts', resolved: transformPath, engine: 'ts-morph', options: {}, field: 'steps[0]' };
  const paths = JSON.parse(readFileSync(listFile, 'utf8'));
  const byDirectory = new Map();
  for (const path of paths) byDirectory.set(dirname(path), [...(byDirectory.get(dirname(path)) ?? []), path]);
  let modified = 0;
  for (const group of byDirectory.values()) {
    const files = group.map((path) => ({ path, text: readFileSync(join(repo, path), 'utf8') }));
    const run = await engine.run(spec, files);
    modified += run.files.filter((file) => file.status === 'modified').length;
  }
  print({ modified, files: paths.length, steps: byDirectory.size });
} else {
  const { Project } = await import(join(root, 'node_modules/ts-morph/dist/ts-morph.js'));
  const { default: transform } = await import(join(root, 'node_modules/jiti/lib/jiti.mjs')).then(({ createJiti }) =>
    createJiti(import.meta.url, { alias: { 'ts-morph': join(root, 'node_modules/ts-morph/dist/ts-morph.js') } }).import(transformPath),
  );
  const project = new Project({ tsConfigFilePath: join(repo, 'tsconfig.json') });
  // The same files as the engine: the Project also holds what they import (.tsx, .d.ts).
  const wanted = new Set(JSON.parse(readFileSync(listFile, 'utf8')).map((path) => join(repo, path)));
  const sourceFiles = project.getSourceFiles().filter((file) => wanted.has(file.getFilePath()));
  let modified = 0;
  for (const sourceFile of sourceFiles) {
    const before = sourceFile.getFullText();
    transform(sourceFile, { options: {} });
    if (sourceFile.getFullText() !== before) modified += 1;
  }
  print({ modified, files: sourceFiles.length, loaded: project.getSourceFiles().length });
}

function print(result) {
  process.stdout.write(`${JSON.stringify({ ...result, seconds: (performance.now() - started) / 1000 })}\n`);
}
