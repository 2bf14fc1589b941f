import ReactDOM from 'react-dom';
import { Hello } from './hello';

let container;

beforeEach(() => {
  container = document.createElement('div');
});

afterEach(() => {
  ReactDOM.unmountComponentAtNode(container);
});

it('renders with a callback', (done) => {
  ReactDOM.render(<Hello />, container, () => done());
});

it('keeps the instance', () => {
  const instance = ReactDOM.render(<Hello />, container);
  expect(instance).toBeTruthy();
});
