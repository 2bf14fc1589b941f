import { gone } from './gone';
import { answer } from './ts-util.js';

export const both = [gone, answer];
