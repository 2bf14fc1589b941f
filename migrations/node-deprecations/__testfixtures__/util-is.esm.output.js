import fs from "node:fs";

export function size(value) {
  if (typeof value === "string") return value.length;
  if (typeof value === "number") return value;
  return Array.isArray(value) ? value.length : fs.statSync(value).size;
}
