// One lint config for server, web app, tests and scripts. Type-aware rules catch
// unawaited promises and non-exhaustive switches, which plain TypeScript misses.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { importBoundariesConfig } from './lint/import-boundaries.js';

export default tseslint.config(
  {
    ignores: ['node_modules', 'dist', 'data', 'web/dist', 'coverage', 'src/db/migrations/meta', '.ci/*.json'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'lint/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'No committed .only' },
        { object: 'describe', property: 'only', message: 'No committed .only' },
        { object: 'test', property: 'only', message: 'No committed .only' },
      ],
    },
  },
  // What each folder may import (the table and its rule: lint/import-boundaries.js).
  importBoundariesConfig,
  {
    // Authorisation lives in one place: a role compared anywhere else is a second policy engine.
    files: ['src/**/*.ts'],
    ignores: ['src/access/**', 'src/demo/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression[property.name='role']",
          "BinaryExpression[operator=/^[!=]==?$/] > TSAsExpression > MemberExpression.expression[property.name='role']",
          "SwitchStatement > MemberExpression.discriminant[property.name='role']",
          "CallExpression[callee.property.name='includes'] > MemberExpression.arguments[property.name='role']",
          "CallExpression[callee.property.name='includes'] > TSAsExpression.arguments > MemberExpression.expression[property.name='role']",
        ].map((selector) => ({
          selector,
          message:
            'Role checks belong to the policy engine: use authorise()/decide() in src/access/policy.ts or listScope() in src/access/list-scope.ts.',
        })),
      ],
    },
  },
  {
    // Tests read untyped JSON responses; insisting on types for every assertion adds noise, not safety.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
