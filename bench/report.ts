/** One figure per line, as `bench <name> <value> <unit>` beside its target, so scripts can read them. */
export function report(name: string, value: number, unit: string, target?: string): void {
  const rounded = Number.isInteger(value) ? value : Number(value.toFixed(2));
  process.stdout.write(`bench ${name} ${rounded} ${unit}${target ? `  (target ${target})` : ''}\n`);
}

/** Peak resident memory of this process so far, in MB (the kernel's high-water mark). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
