export function total(values) {
    let sum = 0;
    for (const value of values) sum += value;
    let label = "total";
    return sum + label.length * 0;
}
