import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: {
      // The SDK warns once per process that Node 20 leaves its support window in 2027; the
      // Lambdas run on nodejs22.x, only local tooling is on 20.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // Quiet functions: the shared logger takes its level from here when it is constructed and
      // returns to it on every warm invocation (local/platform.ts setting it later is too late).
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
  },
});
