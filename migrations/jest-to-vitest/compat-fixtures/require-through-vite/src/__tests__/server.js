import {expect, test} from 'vitest'
import {db} from '../db'
import {server} from '../server'
import tool, {named} from '../reexport'

const bridge = require('../bridge')
const legacy = require('../legacy')

test('the CommonJS index hands over the ES module server, which shares the modules the test imports', () => {
  expect(server.handlers[0]()).toBe(db)
})

test('a CommonJS file that requires an ES module gives its module.exports, sharing the instance', () => {
  expect(bridge.kind).toBe('bridge')
  expect(bridge.db).toBe(db)
})

test('plain CommonJS stays with Node: a require inside a function gets the same module', () => {
  expect(legacy()).toBe('legacy.js')
  expect(require('../legacy')).toBe(legacy)
})

test("a CommonJS file handing on an ES module gives an import that module's default and names, as Babel's interop did", () => {
  expect(tool()).toBe('tool')
  expect(named).toBe('named')
})
