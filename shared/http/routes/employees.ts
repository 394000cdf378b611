/** Routes: the company's employees and their CSV imports. Part of the route table (../routes.ts). */
import * as z from 'zod';
import { page } from '../../domain/common/schemas.js';
import { CreateEmployeeBody, Employee, EmployeeImport, EmployeePath, ImportPath, ImportStatusQuery, ListEmployeesQuery, UpdateEmployeeBody } from '../../domain/employees/schemas.js';
import { route, HR, ONE_MB, type RouteDefinition } from './definition.js';

export const employeeRoutes = {
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
