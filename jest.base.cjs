// Shared Jest setup: TypeScript (ESM source) is compiled to CommonJS by SWC for tests.
// ky ships ESM only, so it is transformed too; every other dependency is loaded as is.
const path = require('node:path');

const core = path.join(__dirname, 'packages/core/src');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm|ky/))'],
  moduleNameMapper: {
    '^@links/core$': path.join(core, 'index.ts'),
    '^@links/core/http$': path.join(core, 'http/index.ts'),
    '^@links/sandbox$': path.join(__dirname, 'apps/sandbox/src/index.ts'),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 20000,
};
