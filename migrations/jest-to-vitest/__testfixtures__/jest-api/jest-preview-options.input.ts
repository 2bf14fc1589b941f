import { jestPreviewConfigure as configure } from 'jest-preview';

configure({
  externalCss: ['src/index.css'],
  autoPreview: true,
});

const options = { autoPreview: true };
configure(options);
