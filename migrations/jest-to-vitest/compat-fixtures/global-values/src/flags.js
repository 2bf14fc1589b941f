// Read as the module loads, as pinia's rootStore.ts reads __DEV__: the value must be there before any import.
export const mode = __DEV__ ? 'dev' : 'prod';
export const label = __LABEL__;
