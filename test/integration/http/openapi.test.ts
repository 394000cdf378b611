import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeList } from '../../../shared/http/routes.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.stop());

describe('GET /v1/openapi.json', () => {
  it('serves a valid OpenAPI 3.1 document that lists every route of the route table', async () => {
    const res = await p.call('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const result = await new Validator().validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const route of routeList) {
      expect(res.body.paths[route.path]?.[route.method.toLowerCase()]?.operationId, `${route.method} ${route.path}`).toBe(route.id);
    }
  });

  it('describes request bodies with the schemas that validate them, references resolving', async () => {
    const doc = (await p.call('GET', '/v1/openapi.json')).body;
    const ref = doc.paths['/v1/employees'].post.requestBody.content['application/json'].schema.$ref as string;
    const schema = doc.components.schemas[ref.split('/').pop()!];
    expect(schema.required).toEqual(expect.arrayContaining(['email', 'name', 'country']));
    for (const match of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(doc.components.schemas[match[1]!], match[1]).toBeDefined();
    }
  });

  it('serves a human-readable reference beside it', async () => {
    const res = await p.call('GET', '/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('POST /v1/employees/imports');
  });
});
