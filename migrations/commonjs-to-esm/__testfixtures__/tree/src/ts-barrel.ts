export * from './ts-util';
export const barrel = true;
