import { gone } from './gone';
import { answer } from './ts-util';

export const both = [gone, answer];
