import View from './ts-view.js';
import { inDir } from './ts-dir/index.js';

export function Page(): JSX.Element {
  return <main>{inDir && <View />}</main>;
}
