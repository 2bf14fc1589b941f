import {setupServer} from 'fake-msw/node'
import {handlers} from './handlers'

export const server = setupServer(...handlers)
