import { fetchUser, saveUser } from './api';
import { Store } from './store';

const fetchMock = fetchUser as Mock;
const saveMock = saveUser as MockedFunction<typeof saveUser>;
let store: Mocked<Store>;
let StoreClass: MockedClass<typeof Store>;
let spy: MockInstance;

it('types', () => {
  expect(fetchMock).toBeDefined();
});
