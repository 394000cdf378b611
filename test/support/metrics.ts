/** What the functions counted (shared/observability.ts), collected from the flushed documents. */
import { captureMetrics } from '../../shared/observability.js';

export interface MetricsRecorder {
  /** Sum of a metric over the documents flushed since the recorder started (or was cleared). */
  total(name: string): number;
  readonly documents: Record<string, unknown>[];
  clear(): void;
  stop(): void;
}

export function recordMetrics(): MetricsRecorder {
  const documents: Record<string, unknown>[] = [];
  const stop = captureMetrics((d) => documents.push(d as unknown as Record<string, unknown>));
  return {
    documents,
    total: (name) => documents.reduce((sum, d) => sum + Number(d[name] ?? 0), 0),
    clear: () => void documents.splice(0),
    stop,
  };
}
