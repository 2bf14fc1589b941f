import { jestPreviewConfigure as configure } from 'jest-preview';

// autoPreview dropped by codemigrate: it reassigns Jest's globals (it, test, fit) and throws under Vitest. Call debug() from jest-preview in a failing test instead.
configure({
  externalCss: ['src/index.css']
});

const options = { autoPreview: true };
configure(options);
