it('calls back', () => new Promise<void>((done) => {
  setTimeout(() => {
    expect(1).toBe(1);
    done();
  }, 10);
}));

beforeEach(() => new Promise<void>((done) => {
  server.start(() => done());
}));

test.only('expression body', () => new Promise<void>((done) => {
  emitter.once('ready', () => done());
}));

it('function', function() {
  return new Promise<void>((done) => {
    this.timeout;
    done();
  });
}, 5000);
