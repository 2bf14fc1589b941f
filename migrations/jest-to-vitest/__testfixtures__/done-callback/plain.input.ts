it('calls back', (done) => {
  setTimeout(() => {
    expect(1).toBe(1);
    done();
  }, 10);
});

beforeEach((done) => {
  server.start(() => done());
});

test.only('expression body', (done) => emitter.once('ready', () => done()));

it('function', function (done) {
  this.timeout;
  done();
}, 5000);
