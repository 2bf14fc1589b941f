import View from './ts-view';
import { inDir } from './ts-dir';

export function Page(): JSX.Element {
  return <main>{inDir && <View />}</main>;
}
