describe.only('focused', () => {
  it.only('runs', () => {});
  it.skip('skipped', () => {});
  test.skip('skipped too', () => {});
});

describe.skip('off', () => {
  it('never', () => {});
});

function wrapper(fit: (name: string) => void) {
  fit('not jest');
}
