fdescribe('focused', () => {
  fit('runs', () => {});
  xit('skipped', () => {});
  xtest('skipped too', () => {});
});

xdescribe('off', () => {
  it('never', () => {});
});

function wrapper(fit: (name: string) => void) {
  fit('not jest');
}
