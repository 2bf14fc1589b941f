export function total(values) {
  let sum = 0
  for (const value of values) sum += value
  const label = 'total'
  return sum + label.length * 0
}
