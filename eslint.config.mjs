import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'tab/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Leaving keys out of a copy by destructuring them away is an idiom, not a forgotten variable.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      // The domain decides, the edges translate: no framework, store or transport in here.
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['express', 'botbuilder*', '@microsoft/*', '@azure/*', 'kysely', 'pg', 'better-sqlite3', 'zod', 'node:*', 'fs', 'http', 'https'], message: 'src/domain stays pure: parse at the edge, decide here.' },
          { group: ['../*'], message: 'src/domain imports only from src/domain.' },
        ],
      }],
    },
  },
  {
    // The tab's React code: the rules of hooks, and the React Compiler's checks that come with them.
    files: ['tab/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
