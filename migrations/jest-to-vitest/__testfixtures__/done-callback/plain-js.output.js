it('js', () => new Promise((resolve, reject) => {
  const done = (error) => error ? reject(error) : resolve();
  request(app).get('/').expect(200, done);
}));

it('js plain', () => new Promise((done) => {
  process.nextTick(() => done());
}));
