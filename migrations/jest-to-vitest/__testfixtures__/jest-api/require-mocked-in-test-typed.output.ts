import { render } from './render';

vi.mock('../src/hooks/useSearchResults');
vi.mock('./svc');

describe('Grid', () => {
  it('renders the loading state', async () => {
    const useSearchResults = (await import('../src/hooks/useSearchResults') as any).default;
    useSearchResults.mockReturnValue({ status: 'fetching' });
    (await import('./svc') as any).default.mockReturnValue(1);
    const svc = await import('./svc') as any;
    expect(render(svc)).toContain('loading');
  });
});
