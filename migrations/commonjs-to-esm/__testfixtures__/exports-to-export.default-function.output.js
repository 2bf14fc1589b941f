export default function greet(name) {
  return `hi ${name}`;
}

export { greet as 'module.exports' };
