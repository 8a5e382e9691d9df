import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';

/**
 * Small helpers shared by the benchmark parts: timing, medians and a plain-text table printer.
 * Figures only: nothing here passes or fails a run.
 */

export const now = () => performance.now();

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Runs `fn` `runs` times (after `warmup` unrecorded runs) and returns each run's duration in ms. */
export async function timeRuns(runs: number, fn: (run: number) => unknown, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await fn(-1 - i);
  const durations: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = now();
    await fn(i);
    durations.push(now() - start);
  }
  return durations;
}

const group = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/,/g, ' ');

/** Documents per second, rounded to hundreds: `118 400`. */
export const perSecond = (docs: number, ms: number) => group(Math.round(docs / (ms / 1000) / 100) * 100);
export const ms = (value: number) => (value >= 100 ? group(value, 0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)) + ' ms';
export const us = (valueMs: number) => (valueMs * 1000 >= 100 ? group(valueMs * 1000, 0) : (valueMs * 1000).toFixed(1)) + ' µs';
export const ratio = (value: number) => value.toFixed(2) + '×';
export const bytes = (value: number) =>
  value >= 1024 * 1024 ? (value / 1024 / 1024).toFixed(1) + ' MiB' : value >= 1024 ? (value / 1024).toFixed(1) + ' KiB' : `${Math.round(value)} B`;
export const count = (value: number) => group(value);

/** Prints a table with a title, left-aligned first column and right-aligned figures. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[], notes: readonly string[] = []): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const note of notes) console.log(`  · ${note}`);
}

export function printHeading(text: string): void {
  console.log(`\n${'='.repeat(text.length)}\n${text}\n${'='.repeat(text.length)}`);
}

export function machineDescription(): string[] {
  const cores = cpus();
  return [
    `cpu      ${cores[0]?.model.trim() ?? 'unknown'} × ${cores.length}`,
    `memory   ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `node     ${process.version} (${process.platform}/${process.arch})`,
  ];
}
