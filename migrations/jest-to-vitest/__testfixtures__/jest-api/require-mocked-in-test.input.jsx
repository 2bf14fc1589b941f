import { renderToString } from 'react-dom/server';
import Grid from '../src/components/Grid';

jest.mock('../src/styles.css', () => ({}));
jest.mock('../src/hooks/useSearchResults');

describe('Grid on the server', () => {
  it('renders the loading state', () => {
    const mockUseSearchResults = require('../src/hooks/useSearchResults').default;
    mockUseSearchResults.mockReturnValue({ status: 'fetching' });
    expect(renderToString(<Grid />)).toContain('loading');
  });

  it('renders the results', (done) => {
    const { default: useSearchResults } = require('../src/hooks/useSearchResults');
    useSearchResults.mockReturnValue({ status: 'success', data: [] });
    expect(renderToString(<Grid />)).not.toContain('loading');
    done();
  });

  it('reads its fixtures', () => {
    const data = require('./fixtures/response.json');
    expect(data).toBeDefined();
  });
});
