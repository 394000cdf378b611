/** Routes: points allocated to employees. Part of the route table (../routes.ts). */
import { ListQuery, page } from '../../domain/common/schemas.js';
import { Allocation, AllocationPath, CreateAllocationBody } from '../../domain/allocations/schemas.js';
import { route, HR, type RouteDefinition } from './definition.js';

export const allocationRoutes = {
  createAllocation: route({
    id: 'createAllocation', method: 'POST', path: '/v1/allocations', entry: 'functions/http/allocate-points.ts', auth: HR,
    summary: 'Allocate points to employees, a department or everyone (202 when credited in the background)',
    tag: 'Allocations', body: CreateAllocationBody, idempotent: true, status: 201, response: Allocation,
    access: { main: 'readwrite', idempotency: true, sendsTo: ['allocations'] },
  }),
  listAllocations: route({
    id: 'listAllocations', method: 'GET', path: '/v1/allocations', entry: 'functions/http/list-allocations.ts', auth: HR,
    summary: 'The company\'s allocations, newest first', tag: 'Allocations', query: ListQuery, status: 200,
    response: page(Allocation), access: { main: 'read' },
  }),
  getAllocation: route({
    id: 'getAllocation', method: 'GET', path: '/v1/allocations/{allocationId}', entry: 'functions/http/get-allocation.ts',
    auth: HR, summary: 'An allocation and its progress', tag: 'Allocations', params: AllocationPath, status: 200,
    response: Allocation, access: { main: 'read' },
  }),
} satisfies Record<string, RouteDefinition>;
