/** Routes: liveness and the API's own description. Part of the route table (../routes.ts). */
import * as z from 'zod';
import { route, type RouteDefinition } from './definition.js';

export const healthRoutes = {
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
} satisfies Record<string, RouteDefinition>;
