function a() {}
const c = 3;

// The public API.
export { a, c as b };
