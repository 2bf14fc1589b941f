// koa's __tests__/application/index.js: the test runs or is skipped by Node version.
(/^v18\./.test(process.version) ? it.skip : it)('should handle socket errors', done => {
  app.on('error', err => {
    expect(err.message).toBe('boom')
    done()
  })
})

;(process.env.CI ? test : test.skip)('hands done on', (done) => {
  server.close(done)
})

// Branches that would hand the callback different arguments stay as they are.
;(flag ? it : beforeEach)('mixed', (done) => {
  done()
})
