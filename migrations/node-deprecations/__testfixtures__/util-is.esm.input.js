import util from 'node:util';
import { isString, isNumber as isNum } from "util";
import fs from "node:fs";

export function size(value) {
  if (isString(value)) return value.length;
  if (isNum(value)) return value;
  return util.isArray(value) ? value.length : fs.statSync(value).size;
}
