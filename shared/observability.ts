/**
 * Powertools metrics and tracing, shared by every function (the logger is shared/http/logger.ts).
 *
 * Metrics are CloudWatch embedded-metric-format lines: counted where something happens (the
 * stream publisher per domain event, the HTTP stack per problem code, the ledger per retry),
 * flushed once at the end of each invocation (`observed` and the HTTP stack do it). Outside AWS
 * nothing is printed: a flush hands the serialised document to the sink tests install
 * (`captureMetrics`) or drops it. The namespace is the stage's (`Gifting/<stage>`, set by the
 * CDK app in POWERTOOLS_METRICS_NAMESPACE), so dev and prod may share an account.
 *
 * The tracer records a subsegment per AWS SDK call inside the segment Lambda's active tracing
 * opens; outside Lambda it disables itself and every call is a no-op.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import { logger } from './http/logger.js';

const SERVICE = 'gifting';

export const metrics = new Metrics({ serviceName: SERVICE, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Gifting/local' });
export const tracer = new Tracer({ serviceName: SERVICE });

/**
 * Counts of this invocation, summed here and handed to Powertools once at the flush: one value per
 * metric (Powertools would keep every addition, and publish early past 100 values).
 */
const counts = new Map<string, number>();

/** Adds to a count metric of this invocation (published when the invocation ends). */
export function count(name: string, value = 1): void {
  counts.set(name, (counts.get(name) ?? 0) + value);
}

type Emf = ReturnType<Metrics['serializeMetrics']>;
let sink: ((document: Emf) => void) | undefined;

/** Tests collect the documents flushed from now on; the returned function stops collecting. */
export function captureMetrics(collect: (document: Emf) => void): () => void {
  sink = collect;
  return () => {
    if (sink === collect) sink = undefined;
  };
}

/** Publishes what this invocation counted: to CloudWatch (stdout) in Lambda, to the test sink elsewhere. */
export function flushMetrics(): void {
  for (const [name, value] of counts) metrics.addMetric(name, MetricUnit.Count, value);
  counts.clear();
  if (!metrics.hasStoredMetrics()) return;
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    metrics.publishStoredMetrics();
    return;
  }
  const document = metrics.serializeMetrics();
  metrics.clearMetrics();
  sink?.(document);
}

/** Flushes the invocation's metrics when it ends, whether it succeeded or failed. */
export const flushMetricsMiddleware = <E, R>(): MiddlewareObj<E, R> => ({
  after: async () => flushMetrics(),
  onError: async () => flushMetrics(),
});

/** The tracing, logging and metrics middlewares of every function, HTTP or background. */
export function observability<E, R>(): MiddlewareObj<E, R>[] {
  return [captureLambdaHandler(tracer, { captureResponse: false }) as MiddlewareObj<E, R>, injectLambdaContext(logger) as MiddlewareObj<E, R>, flushMetricsMiddleware<E, R>()];
}

/**
 * A background function's handler (queue worker, stream consumer, schedule) with tracing, the
 * Lambda context in its logs and its metrics flushed.
 */
export function observed<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  return middy<E, R, Error, Context>(handler).use(observability<E, R>());
}
