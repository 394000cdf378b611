// Lint: typescript-eslint's recommended rules (syntax-level, no type information, so it stays
// fast on 2 cores) plus the project's own boundaries from STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'dist/', 'web/dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // `import { z }` makes esbuild keep zod's whole namespace object, every locale included
    // (~370 KiB minified in each function bundle); `import * as z` lets it keep what is used.
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
        message: "Import zod as a namespace: import * as z from 'zod' (docs/performance.md, function bundles).",
      }],
    },
  },
  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', 'stripe', '@middy/*', 'aws-lambda', '@aws-lambda-powertools/*'] }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration in shared/config.ts' }],
    },
  },
  {
    files: ['functions/**/*.ts'],
    rules: {
      // A function's bundle holds what it imports: its own area's routes, not the whole table.
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/shared/http/routes.js'], message: 'Import the route from its area module (shared/http/routes/<area>.js).' },
          { group: ['**/shared/composition.js'], importNames: ['deps'], message: "Use the area's factory (orderDeps(), catalogDeps(), ...): deps() wires every adapter into the bundle." },
        ],
      }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration in shared/config.ts' }],
    },
  },
);
