// The module under test: it default-imports the package, as `import axios from 'axios'` does.
import fake from 'fakepkg';
import * as namespace from 'fakepkg';

export const viaDefault = () => fake.readThing();
export const viaNamespace = () => `${namespace.default.readThing()}/${namespace.readThing()}`;
