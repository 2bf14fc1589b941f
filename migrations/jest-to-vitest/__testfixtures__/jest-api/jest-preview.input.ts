import '@testing-library/jest-dom';

import { jestPreviewConfigure } from 'jest-preview';

jestPreviewConfigure({
  autoPreview: true,
});
