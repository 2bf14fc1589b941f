export const spy = typeof jest !== 'undefined' ? jest.fn : undefined;
export const always = jest.fn();
