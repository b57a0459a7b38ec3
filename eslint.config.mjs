// The one lint config of the workspace's TypeScript packages (core, zapier, make, sandbox, e2e). The n8n package
// keeps n8n's own, unmodified config (`n8n-node lint`), which n8n's verification applies to community nodes.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'packages/n8n-nodes-links/**', 'packages/zapier/apps/**', 'packages/make/apps/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused names are mistakes, except `_`-prefixed placeholders.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `any` stands only as the erased type arguments of the provider contract (`Provider<any, any>`, what code
      // that handles all three APIs alike holds); everything else is typed.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // TypeScript checks names itself; plain JavaScript (configs, build scripts) runs on Node.
  { files: ['**/*.ts'], rules: { 'no-undef': 'off' } },
  { files: ['**/*.{js,cjs,mjs}'], languageOptions: { globals: { ...globals.node } } },
  // CommonJS configs, and tests that load built CommonJS (n8n's and Zapier's dist) the way those platforms do.
  { files: ['**/*.cjs', '**/test/**/*.ts'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
