import '@testing-library/jest-dom/vitest';

import { jestPreviewConfigure } from 'jest-preview';

jestPreviewConfigure({
  autoPreview: true,
});
