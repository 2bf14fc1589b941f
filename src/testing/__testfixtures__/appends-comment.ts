// Not idempotent: adds a line every time it runs.

import type { JscodeshiftTransform } from '../../transform.js';

const transform: JscodeshiftTransform = (file, api) => {
  api.report('appended');
  return `${file.source}// touched\n`;
};

export default transform;
