function greet(name) {
  return `hi ${name}`;
}

export default greet;
export { greet as 'module.exports' };
