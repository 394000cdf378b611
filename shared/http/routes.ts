/**
 * The route table: every HTTP endpoint of the API, with who may call it, its schemas and the
 * Lambda entry that serves it. One source for the middy stack (validation, roles), the
 * OpenAPI document, the local HTTP server and the CDK app (functions, routes, grants).
 */
import { z } from 'zod';
import { ListQuery, page } from '../domain/common/schemas.js';
import { Company, CompanyPath, CreateCompanyBody } from '../domain/companies/schemas.js';
import {
  CreateEmployeeBody,
  Employee,
  EmployeeImport,
  EmployeePath,
  ImportPath,
  ImportStatusQuery,
  ListEmployeesQuery,
  UpdateEmployeeBody,
} from '../domain/employees/schemas.js';
import { CreatePartnerBody, Partner } from '../domain/partners/schemas.js';

export const ROLES = ['platform_admin', 'hr_admin', 'employee', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a function may touch; the CDK app grants exactly this (least privilege). */
export interface Access {
  main: 'none' | 'read' | 'readwrite';
  idempotency?: boolean;
  /** Queues the function sends to. */
  sendsTo?: QueueName[];
}

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
  /** Requires an Idempotency-Key header and replays (API.md, Idempotency). */
  idempotent?: boolean;
  status: number;
  response?: z.ZodType;
  /** Response media type when not JSON. */
  responseType?: 'text/html' | 'text/csv';
  access: Access;
}

export const QUEUES = ['employee-imports'] as const;
export type QueueName = (typeof QUEUES)[number];

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
const HR = ['hr_admin'] as const;
const OPERATOR = ['platform_admin'] as const;

const route = <R extends RouteDefinition>(r: R) => r;

export const routes = {
  health: route({
    id: 'health', method: 'GET', path: '/v1/health', entry: 'functions/http/get-health.ts', auth: 'public',
    summary: 'Liveness check', tag: 'Health', status: 200, response: z.object({ status: z.literal('ok') }),
    access: { main: 'none' },
  }),
  openapi: route({
    id: 'openapi', method: 'GET', path: '/v1/openapi.json', entry: 'functions/http/get-openapi.ts', auth: 'public',
    summary: 'This document: the OpenAPI 3.1 description of the API', tag: 'Health', status: 200,
    access: { main: 'none' },
  }),
  apiReference: route({
    id: 'apiReference', method: 'GET', path: '/v1/docs', entry: 'functions/http/get-api-reference.ts', auth: 'public',
    summary: 'Human-readable API reference', tag: 'Health', status: 200, responseType: 'text/html',
    access: { main: 'none' },
  }),

  createCompany: route({
    id: 'createCompany', method: 'POST', path: '/v1/companies', entry: 'functions/http/create-company.ts', auth: OPERATOR,
    summary: 'Create a customer company', tag: 'Companies', body: CreateCompanyBody, status: 201, response: Company,
    access: { main: 'readwrite' },
  }),
  listCompanies: route({
    id: 'listCompanies', method: 'GET', path: '/v1/companies', entry: 'functions/http/list-companies.ts', auth: OPERATOR,
    summary: 'List companies', tag: 'Companies', query: ListQuery, status: 200, response: page(Company),
    access: { main: 'read' },
  }),
  getCompany: route({
    id: 'getCompany', method: 'GET', path: '/v1/companies/{companyId}', entry: 'functions/http/get-company.ts', auth: OPERATOR,
    summary: 'Get a company', tag: 'Companies', params: CompanyPath, status: 200, response: Company,
    access: { main: 'read' },
  }),
  createPartner: route({
    id: 'createPartner', method: 'POST', path: '/v1/partners', entry: 'functions/http/create-partner.ts', auth: OPERATOR,
    summary: 'Create a fulfilment partner', tag: 'Partners', body: CreatePartnerBody, status: 201, response: Partner,
    access: { main: 'readwrite' },
  }),
  listPartners: route({
    id: 'listPartners', method: 'GET', path: '/v1/partners', entry: 'functions/http/list-partners.ts', auth: OPERATOR,
    summary: 'List fulfilment partners', tag: 'Partners', query: ListQuery, status: 200, response: page(Partner),
    access: { main: 'read' },
  }),

  createEmployee: route({
    id: 'createEmployee', method: 'POST', path: '/v1/employees', entry: 'functions/http/create-employee.ts', auth: HR,
    summary: 'Add an employee to the caller\'s company', tag: 'Employees', body: CreateEmployeeBody, status: 201,
    response: Employee, access: { main: 'readwrite' },
  }),
  listEmployees: route({
    id: 'listEmployees', method: 'GET', path: '/v1/employees', entry: 'functions/http/list-employees.ts', auth: HR,
    summary: 'List the company\'s employees, by department and status', tag: 'Employees', query: ListEmployeesQuery,
    status: 200, response: page(Employee), access: { main: 'read' },
  }),
  getEmployee: route({
    id: 'getEmployee', method: 'GET', path: '/v1/employees/{employeeId}', entry: 'functions/http/get-employee.ts', auth: HR,
    summary: 'Get an employee', tag: 'Employees', params: EmployeePath, status: 200, response: Employee,
    access: { main: 'read' },
  }),
  updateEmployee: route({
    id: 'updateEmployee', method: 'PATCH', path: '/v1/employees/{employeeId}', entry: 'functions/http/update-employee.ts',
    auth: HR, summary: 'Change an employee', tag: 'Employees', params: EmployeePath, body: UpdateEmployeeBody, status: 200,
    response: Employee, access: { main: 'readwrite' },
  }),
  importEmployees: route({
    id: 'importEmployees', method: 'POST', path: '/v1/employees/imports', entry: 'functions/http/import-employees.ts',
    auth: HR, summary: 'Import employees from CSV (email,name,country,department,hireDate,birthDate)', tag: 'Employees',
    bodyType: 'text/csv', maxBodyBytes: 5 * ONE_MB, status: 202, response: z.object({ importId: z.string() }),
    access: { main: 'readwrite', sendsTo: ['employee-imports'] },
  }),
  getEmployeeImport: route({
    id: 'getEmployeeImport', method: 'GET', path: '/v1/employees/imports/{importId}',
    entry: 'functions/http/get-employee-import.ts', auth: HR, summary: 'Progress and row errors of an import',
    tag: 'Employees', params: ImportPath, query: ImportStatusQuery, status: 200, response: EmployeeImport,
    access: { main: 'read' },
  }),
} satisfies Record<string, RouteDefinition>;

export const workers: WorkerDefinition[] = [
  {
    id: 'processEmployeeImport', entry: 'functions/queues/process-employee-import.ts', queue: 'employee-imports',
    batchSize: 1, timeoutSeconds: 300, access: { main: 'readwrite' },
  },
];

export const routeList: RouteDefinition[] = Object.values(routes);
