import { fetchUser, saveUser } from './api';
import { Store } from './store';

const fetchMock = fetchUser as jest.Mock;
const saveMock = saveUser as jest.MockedFunction<typeof saveUser>;
let store: jest.Mocked<Store>;
let StoreClass: jest.MockedClass<typeof Store>;
let spy: jest.SpyInstance;

it('types', () => {
  expect(fetchMock).toBeDefined();
});
