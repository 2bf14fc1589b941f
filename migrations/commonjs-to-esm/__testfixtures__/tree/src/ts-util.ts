export interface Options {
  readonly verbose: boolean;
}

export const answer = 42;
export function double(n: number): number {
  return n * 2;
}
