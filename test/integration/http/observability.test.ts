/**
 * Powertools metrics as the functions emit them: embedded-metric-format documents flushed once
 * per invocation, counting problem codes (HTTP stack), domain events (stream publisher) and
 * ledger retries. Outside Lambda a flush goes to the test sink instead of stdout.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, flushMetrics } from '../../../shared/observability.js';
import { recordMetrics, type MetricsRecorder } from '../../support/metrics.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

type Emf = { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } } & Record<string, unknown>;

let p: TestPlatform;
let metrics: MetricsRecorder;
let key = 0;
const idem = () => ({ 'idempotency-key': `obs-${++key}-${Math.random().toString(36).slice(2)}` });

const total = (name: string) => metrics.total(name);

beforeAll(async () => {
  p = await startTestPlatform();
  metrics = recordMetrics();
});
afterAll(async () => {
  metrics.stop();
  await p?.stop();
});
beforeEach(() => metrics.clear());

describe('metrics', () => {
  it('are embedded-metric-format documents in the stage namespace with the service dimension', () => {
    count('Probe', 2);
    count('Probe');
    flushMetrics();
    expect(metrics.documents).toHaveLength(1);
    const doc = metrics.documents[0] as Emf;
    const [directive] = doc!._aws.CloudWatchMetrics;
    expect(directive!.Namespace).toMatch(/^Gifting\//);
    expect(directive!.Dimensions).toEqual([['service']]);
    expect(directive!.Metrics).toEqual([{ Name: 'Probe', Unit: 'Count' }]);
    expect(doc!.service).toBe('gifting');
    expect(total('Probe')).toBe(3);
    flushMetrics();
    expect(metrics.documents).toHaveLength(1); // nothing counted since: nothing flushed
  });

  it('count each refusal by its problem code, once per request', async () => {
    const { hr } = await p.newCompany();
    const missing = await p.call('GET', '/v1/orders/01HZZZZZZZZZZZZZZZZZZZZZZZ', { token: hr });
    expect(missing.status).toBe(404);
    const invalid = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: -1 } });
    expect(invalid.status).toBe(422);
    const anonymous = await p.call('GET', '/v1/budget');
    expect(anonymous.status).toBe(401);
    expect(total('Problem.not-found')).toBe(1);
    expect(total('Problem.validation-failed')).toBe(1);
    expect(total('Problem.unauthenticated')).toBe(1);
  });

  it('count the domain events the stream publishes, once each', async () => {
    const { companyId, hr } = await p.newCompany();
    const people = await p.addEmployees(companyId, 3);
    await p.fund(companyId, 1_000);
    await p.settle();
    metrics.clear();
    const res = await p.call('POST', '/v1/allocations', {
      token: hr, headers: idem(), body: { points: 10, reason: 'Thanks', recipients: { employeeIds: people.map((e) => e.employeeId) } },
    });
    expect(res.status).toBe(201);
    await p.settle();
    expect(total('Event.PointsReceived')).toBe(3);
    expect(total('Problem.not-found')).toBe(0);
    await p.conserved();
  });
});
