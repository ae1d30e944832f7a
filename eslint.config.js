import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import featureBoundaries from './scripts/eslint-feature-boundaries.mjs';

const kyselyOnlyIn = 'Only *.queries.ts, db/ and test/ talk to Kysely (architecture: boundaries).';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['packages/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/**', '@onex/server', '@onex/web', 'node:*', 'react*'],
              message: 'shared imports neither app, nor Node or DOM code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    // Build tooling runs in Node at build time, not in the browser.
    ignores: ['apps/web/build/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '@onex/server', 'kysely', 'pg', 'node:*'], message: 'web imports only @onex/shared.' }] },
      ],
    },
  },
  {
    // Web features never import each other (docs/ARCHITECTURE.md): what two share goes to components/ or lib/.
    files: ['apps/web/src/features/**/*.{ts,tsx}'],
    plugins: { features: featureBoundaries },
    rules: {
      'features/no-cross-imports': 'error',
    },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: ['apps/server/src/**/*.queries.ts', 'apps/server/src/db/**', 'apps/server/src/test/**', 'apps/server/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', message: kyselyOnlyIn, allowTypeImports: false }],
          patterns: [{ group: ['**/web/**', '@onex/web'], message: 'server does not import the web app.' }],
        },
      ],
    },
  },
);
