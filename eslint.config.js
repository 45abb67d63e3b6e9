import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const electronOnly = {
  paths: [
    { name: 'electron', message: 'Only main/electron/** may import electron; core takes ports instead.' },
    { name: 'electron-store', message: 'Only main/electron/** may import electron-store.' },
  ],
};

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-restricted-imports': ['error', electronOnly],
    },
  },
  {
    // shared/ is pure TypeScript: it runs in the renderer, the main process and Node alike.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [
            { group: ['node:*'], message: 'shared/ must not use Node built-ins.' },
            { group: ['fs', 'path', 'os', 'child_process', 'better-sqlite3', 'react', 'react-dom', 'zustand'], message: 'shared/ imports nothing environment-specific.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'shared/ must not depend on main/ or renderer/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'tests/e2e-electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [
            { group: ['node:*', 'better-sqlite3'], message: 'The renderer talks to core only through the api client.' },
            { group: ['**/main/**'], message: 'The renderer talks to core only through the api client.' },
          ],
        },
      ],
    },
  },
);
