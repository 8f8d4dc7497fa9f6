/** "1 code", "2 codes", "1,000 codes": a count with its noun, as the buyer reads it. */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
