const spy = jest.spyOn(process, 'exit').mockImplementation();

test('exits', () => {
  expect(spy).toBeDefined();
});
