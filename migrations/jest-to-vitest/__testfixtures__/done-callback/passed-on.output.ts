it('passes done on', () => new Promise<void>((resolve, reject) => {
  const done = (error?: unknown) => error ? reject(error) : resolve();
  fs.readFile('x', (error) => {
    if (error) return done(error);
    done();
  });
}));

afterAll(() => new Promise<void>((resolve, reject) => {
  const cb = (error?: unknown) => error ? reject(error) : resolve();
  server.close(cb);
}));
