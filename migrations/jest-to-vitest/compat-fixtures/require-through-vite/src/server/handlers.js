// 'db' is found through Jest's moduleDirectories (src), which only the Vitest config knows.
import {db} from 'db'

export const handlers = [() => db]
