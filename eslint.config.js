import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**', 'bench-results/**', 'packages/exposure/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  // Dependency direction: core and exposure import no workspace package; server and web never each other.
  { files: ['packages/core/**'], rules: restrict([{ group: ['@phongdich/*'], message: 'core depends on nothing of ours' }]) },
  { files: ['packages/exposure/**'], rules: restrict([{ group: ['@phongdich/*'], message: 'exposure depends on nothing of ours' }]) },
  {
    files: ['apps/server/**'],
    rules: restrict([
      { group: ['@phongdich/web', '@phongdich/web/*', '**/apps/web/**'], message: 'server must not import web' },
      { group: ['@phongdich/simulator', '@phongdich/bench'], message: 'server must not import tools' },
    ]),
  },
  {
    files: ['apps/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([{ group: ['@phongdich/server', '@phongdich/server/*', '**/apps/server/**'], message: 'web must not import server' }]),
    },
  },
  {
    files: ['apps/web/src/features/**'],
    rules: restrict([
      { group: ['@phongdich/server', '@phongdich/server/*', '**/apps/server/**'], message: 'web must not import server' },
      { group: ['../*/*', '!../../*'], message: 'features do not import each other; compose them in src/app' },
    ]),
  },
  { files: ['apps/web/e2e/**', 'tools/**', '**/*.test.ts', 'apps/server/src/cli/**', 'apps/server/bin/**'], rules: { 'no-console': 'off' } },
);
