// For the parser tests: a recorded runner output, with the scratch project's path (written
// `/CWD` in the fixtures) put back as the directory the check ran in.
import { readFileSync } from 'node:fs';

export const FIXTURE_CWD = '/work/checkout';

export function readFixture(name: string, cwd: string = FIXTURE_CWD): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8').replaceAll('/CWD', cwd);
}
