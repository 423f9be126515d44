/** One measured number, printed as `name: value unit`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** How it was measured, printed as a `#` line above it. */
  note?: string;
}

/** A group of figures; later issues add modules (store, outbox, cards) to the list in run.ts. */
export interface BenchModule {
  name: string;
  run(): Promise<Figure[]>;
}

export function formatFigure(figure: Figure): string[] {
  const line = `${figure.name}: ${figure.value} ${figure.unit}`;
  return figure.note === undefined ? [line] : [`# ${figure.name}: ${figure.note}`, line];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
