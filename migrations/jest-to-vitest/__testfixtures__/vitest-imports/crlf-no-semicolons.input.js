import * as actions from './actions'
import thunk from 'redux-thunk'

describe('actions', () => {
  it('works', () => {
    expect(actions).toBeDefined()
  })
})
