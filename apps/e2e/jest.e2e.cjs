// `pnpm e2e`: end-to-end runs in a real n8n (installed once into ~/.cache/links-n8n by the first run).
const base = require('../../jest.base.cjs');

module.exports = { ...base, testMatch: ['<rootDir>/test/**/*.e2e.test.ts'], testTimeout: 15 * 60 * 1000, maxWorkers: 1 };
