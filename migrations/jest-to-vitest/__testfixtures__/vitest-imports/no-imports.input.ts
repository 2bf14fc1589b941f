/**
 * @jest-environment jsdom
 */

test('document', () => {
  expect(document.body).toBeDefined();
});
