/** A benchmark figure: its value, the target it is held to (if any), and whether it holds. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** e.g. "≤ 1.05", "≥ 20"; empty for a figure reported without a target. */
  target: string;
  holds: boolean | null;
  /** How it was measured, or why it does not hold. */
  note?: string;
}

export function atMost(name: string, value: number, unit: string, limit: number, note?: string): Figure {
  return { name, value: round(value), unit, target: `≤ ${limit}`, holds: value <= limit, ...(note ? { note } : {}) };
}

export function atLeast(name: string, value: number, unit: string, limit: number, note?: string): Figure {
  return { name, value: round(value), unit, target: `≥ ${limit}`, holds: value >= limit, ...(note ? { note } : {}) };
}

export function reported(name: string, value: number, unit: string, note?: string): Figure {
  return { name, value: round(value), unit, target: '', holds: null, ...(note ? { note } : {}) };
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function printTable(figures: readonly Figure[], write: (line: string) => void): void {
  const rows = figures.map((f) => [f.name, `${f.value.toLocaleString('en')} ${f.unit}`, f.target, f.holds === null ? '' : f.holds ? 'holds' : 'MISSED', f.note ?? '']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows)
    write(
      `${row
        .slice(0, 4)
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')}  ${row[4]}`.trimEnd(),
    );
}
