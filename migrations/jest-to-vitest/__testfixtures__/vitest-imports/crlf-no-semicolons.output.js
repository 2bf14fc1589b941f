import * as actions from './actions'
import thunk from 'redux-thunk'
import { describe, it, expect } from 'vitest';

describe('actions', () => {
  it('works', () => {
    expect(actions).toBeDefined()
  })
})
