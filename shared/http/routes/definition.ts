/**
 * The shapes of the route table (../routes.ts): what a route, a worker, a schedule and a stream
 * consumer declare, and the access the CDK app grants them. Apart from the table so that a
 * function bundles only its own route's schemas (per-area modules here) and the middy stack
 * needs none of them.
 */
import type * as z from 'zod';
import type { WorkQueueName } from '../../domain/ports.js';

export const ROLES = ['platform_admin', 'hr_admin', 'employee', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a function may touch; the CDK app grants exactly this (least privilege). */
export interface Access {
  main: 'none' | 'read' | 'readwrite';
  idempotency?: boolean;
  /** Queues the function sends to. */
  sendsTo?: QueueName[];
  /** Sends email (SES in AWS). */
  sendsEmail?: boolean;
  /** Secrets the function reads (Secrets Manager in AWS). */
  secrets?: SecretName[];
}

export const SECRETS = ['stripe', 'shipengine'] as const;
export type SecretName = (typeof SECRETS)[number];

export interface RouteDefinition {
  /** camelCase id: the function's logical name and the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** API Gateway path syntax: /v1/companies/{companyId} */
  path: string;
  /** Lambda entry, relative to the repository root. Exports `handler`. */
  entry: string;
  auth: 'public' | readonly Role[];
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Body media type when not JSON. */
  bodyType?: 'text/csv';
  /** Largest accepted body; default 1 MB. */
  maxBodyBytes?: number;
  /**
   * Requires an Idempotency-Key header and replays (API.md, Idempotency): `true` through the
   * idempotency table (Powertools); `'native'` when the use case keeps the promise itself in its
   * own transaction (the resource's id derives from the key and records the request's hash).
   */
  idempotent?: boolean | 'native';
  status: number;
  response?: z.ZodType;
  /** Response media type when not JSON. */
  responseType?: 'text/html' | 'text/csv';
  access: Access;
}

export const QUEUES = ['employee-imports', 'allocations', 'fulfilment', 'notifications', 'tracking'] as const satisfies readonly WorkQueueName[];
export type QueueName = (typeof QUEUES)[number];

/** Functions run on a schedule (EventBridge Scheduler in AWS; a timer in the local runtime). */
export interface ScheduleDefinition {
  id: string;
  entry: string;
  /** EventBridge Scheduler expression, e.g. rate(15 minutes). */
  expression: string;
  /** The local runtime's interval. */
  localIntervalSeconds: number;
  timeoutSeconds: number;
  description: string;
  access: Access;
}

export interface WorkerDefinition {
  id: string;
  entry: string;
  queue: QueueName;
  /** Messages per invocation. */
  batchSize: number;
  timeoutSeconds: number;
  access: Access;
}

export const ONE_MB = 1024 * 1024;

/** Role groups of the routes' `auth`. */
export const HR = ['hr_admin'] as const;
export const EMPLOYEE = ['employee'] as const;
export const SHOPPERS = ['employee', 'hr_admin'] as const;
export const OPERATOR = ['platform_admin'] as const;
export const PARTNER = ['partner'] as const;

/** Keeps a route's literal types (its `auth`, its schemas) while checking it is a RouteDefinition. */
export const route = <R extends RouteDefinition>(r: R) => r;

/**
 * Consumers of the main table's change stream (DynamoDB Streams → Lambda in AWS, the engine's
 * change feed locally). `filters` are Lambda event filter patterns: AWS applies them before
 * invoking, and so does the local runtime.
 */
export interface StreamConsumerDefinition {
  id: string;
  entry: string;
  filters: Record<string, unknown>[];
  batchSize: number;
  /** Retries of a failing batch before its records go to the consumer's dead-letter queue. */
  retryAttempts: number;
  timeoutSeconds: number;
  access: Access;
}

