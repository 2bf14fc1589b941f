it('passes done on', (done: jest.DoneCallback) => {
  fs.readFile('x', (error) => {
    if (error) return done(error);
    done();
  });
});

afterAll((cb) => {
  server.close(cb);
});
