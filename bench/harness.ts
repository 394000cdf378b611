/** Minimal benchmark harness: run N operations with a fixed number in flight, report a rate. */
import { performance } from 'node:perf_hooks';

export interface Figure {
  name: string;
  unit: string;
  value: number;
  detail?: string;
}

export async function measure(
  name: string,
  unit: string,
  operations: number,
  inFlight: number,
  op: (i: number) => Promise<unknown>,
): Promise<Figure> {
  let next = 0;
  const latencies: number[] = [];
  const worker = async () => {
    while (next < operations) {
      const i = next++;
      const t0 = performance.now();
      await op(i);
      latencies.push(performance.now() - t0);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(2);
  return {
    name,
    unit,
    value: operations / seconds,
    detail: `${operations} ops in ${seconds.toFixed(2)} s; p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`,
  };
}

export function printTable(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    console.log(`  ${f.name.padEnd(width)}  ${f.value.toFixed(0).padStart(8)} ${f.unit.padEnd(15)} ${f.detail ?? ''}`);
  }
}

export function printRatio(label: string, numerator: Figure, denominator: Figure): void {
  console.log(`  ratio ${label}: ${(numerator.value / denominator.value).toFixed(2)}`);
}
