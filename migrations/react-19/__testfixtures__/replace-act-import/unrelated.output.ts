import { act } from '@testing-library/react';

act(() => {});
