import * as ReactDOM from 'react-dom';
import App from './App';

ReactDOM.hydrate(<App />, document.querySelector('#app'));
