import { render } from '@testing-library/react';
import Grid from '../src/components/Grid';
import useGrid from '../src/hooks/useGrid';

const actualUseGrid = jest.requireActual('../src/hooks/useGrid').default;

jest.mock('../src/hooks/useGrid');

it('renders with the real hook', () => {
  jest.spyOn(require('../src/hooks/useGridContext'), 'useGridContext').mockReturnValue({});
  useGrid.mockImplementation(actualUseGrid);
  render(<Grid />);
});
