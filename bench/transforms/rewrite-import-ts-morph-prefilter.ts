/** rewrite-import-ts-morph.ts with a text prefilter: only files that contain the string are parsed. */
export { default } from './rewrite-import-ts-morph.js';
export const prefilter = '@theia/core/shared/inversify';
