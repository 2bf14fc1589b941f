export const Hello = () => <p>Hello</p>;
