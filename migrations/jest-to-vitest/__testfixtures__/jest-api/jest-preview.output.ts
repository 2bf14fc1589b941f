import '@testing-library/jest-dom/vitest';

import { jestPreviewConfigure } from 'jest-preview';

// autoPreview dropped by codemigrate: it reassigns Jest's globals (it, test, fit) and throws under Vitest. Call debug() from jest-preview in a failing test instead.
jestPreviewConfigure();
