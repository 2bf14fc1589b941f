export default function View(): JSX.Element {
  return <div />;
}
