import { render } from '@testing-library/react';
import Grid from '../src/components/Grid';
import useGrid from '../src/hooks/useGrid';

const actualUseGrid = (await vi.importActual('../src/hooks/useGrid')).default;

vi.mock('../src/hooks/useGrid');

it('renders with the real hook', () => {
  vi.spyOn(require('../src/hooks/useGridContext'), 'useGridContext').mockReturnValue({});
  useGrid.mockImplementation(actualUseGrid);
  render(<Grid />);
});
