import { fetchUser, saveUser } from './api';
import { Store } from './store';

const fetchMock = fetchUser as Mock<(...args: any) => any>;
const saveMock = saveUser as MockedFunction<typeof saveUser>;
let store: Mocked<Store>;
let StoreClass: MockedClass<typeof Store>;
let spy: MockInstance<(...args: any) => any>;

it('types', () => {
  expect(fetchMock).toBeDefined();
});
