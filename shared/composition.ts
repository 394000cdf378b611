/**
 * The composition root: adapters wired to ports once per execution environment. Handlers take
 * what they need from `deps()`; the local runtime swaps the queue for its in-process one.
 */
import { monotonicFactory } from 'ulid';
import { config } from './config.js';
import { documentClient } from './adapters/dynamodb/client.js';
import { DynamoCompanyRepository, DynamoPartnerRepository } from './adapters/dynamodb/companies-repository.js';
import { DynamoEmployeeImportRepository } from './adapters/dynamodb/employee-imports-repository.js';
import { DynamoEmployeeRepository } from './adapters/dynamodb/employees-repository.js';
import { SqsJobQueue } from './adapters/sqs/sqs-job-queue.js';
import type { CompanyDeps } from './domain/companies/use-cases.js';
import type { ImportDeps } from './domain/employees/imports.js';
import type { JobQueue } from './domain/ports.js';

export type Dependencies = CompanyDeps & ImportDeps;

let wired: Dependencies | undefined;
let queueOverride: JobQueue | undefined;

export function deps(): Dependencies {
  if (wired) return wired;
  const c = config();
  const db = documentClient();
  const ulid = monotonicFactory();
  wired = {
    companies: new DynamoCompanyRepository(db, c.TABLE_NAME),
    partners: new DynamoPartnerRepository(db, c.TABLE_NAME),
    employees: new DynamoEmployeeRepository(db, c.TABLE_NAME),
    imports: new DynamoEmployeeImportRepository(db, c.TABLE_NAME),
    queue: queueOverride ?? new SqsJobQueue({ 'employee-imports': c.QUEUE_URL_EMPLOYEE_IMPORTS }),
    clock: { now: () => new Date() },
    ids: { next: () => ulid() },
  };
  return wired;
}

/** The local runtime delivers queue messages in-process (local/queue.ts). */
export function useQueue(queue: JobQueue): void {
  queueOverride = queue;
  wired = undefined;
}

export function resetDependencies(): void {
  wired = undefined;
}
