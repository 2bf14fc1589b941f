it('js', (done) => {
  request(app).get('/').expect(200, done);
});

it('js plain', (done) => {
  process.nextTick(() => done());
});
