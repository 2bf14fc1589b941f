const spy = vi.spyOn(process, 'exit').mockImplementation(() => {});

test('exits', () => {
  expect(spy).toBeDefined();
});
