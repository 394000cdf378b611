/**
 * The local stand-in for EventBridge Scheduler: runs each scheduled function of the route
 * table on a timer, and on demand (`POST /_local/schedules/<id>`, used by
 * `npm run expire-points`). Runs of one schedule never overlap.
 */
import { schedules, type ScheduleDefinition } from '../shared/http/routes.js';
import { logger } from '../shared/http/logger.js';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './lambda-context.js';

type ScheduledHandler = (event: unknown, context: Context) => Promise<unknown>;

export class LocalScheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly root: URL) {}

  start(): void {
    for (const schedule of schedules) {
      const timer = setInterval(() => void this.run(schedule.id).catch(() => undefined), schedule.localIntervalSeconds * 1000);
      timer.unref();
      this.timers.push(timer);
    }
  }

  has(id: string): boolean {
    return schedules.some((s) => s.id === id);
  }

  /** Runs a schedule now (or waits for the run in progress) and returns its result. */
  run(id: string): Promise<unknown> {
    const schedule = schedules.find((s) => s.id === id);
    if (!schedule) return Promise.reject(new Error(`No schedule ${id}`));
    let run = this.running.get(id);
    if (!run) {
      run = this.invoke(schedule).finally(() => this.running.delete(id));
      this.running.set(id, run);
    }
    return run;
  }

  private async invoke(schedule: ScheduleDefinition): Promise<unknown> {
    const { handler } = (await import(new URL(schedule.entry, this.root).href)) as { handler: ScheduledHandler };
    try {
      return await handler({}, lambdaContext(schedule.id, randomUUID(), schedule.timeoutSeconds * 1000));
    } catch (error) {
      logger.error(`schedule ${schedule.id} failed`, { error: error as Error });
      throw error;
    }
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await Promise.allSettled([...this.running.values()]);
  }
}
