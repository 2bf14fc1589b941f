export const inDir = true;
