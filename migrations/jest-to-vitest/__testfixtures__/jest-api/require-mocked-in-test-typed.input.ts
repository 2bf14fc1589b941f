import { render } from './render';

jest.mock('../src/hooks/useSearchResults');
jest.mock('./svc');

describe('Grid', () => {
  it('renders the loading state', () => {
    const useSearchResults = require('../src/hooks/useSearchResults').default;
    useSearchResults.mockReturnValue({ status: 'fetching' });
    require('./svc').default.mockReturnValue(1);
    const svc = require('./svc');
    expect(render(svc)).toContain('loading');
  });
});
