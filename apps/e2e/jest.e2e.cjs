// `pnpm e2e`: end-to-end runs in each pinned real n8n, 1.x then 2.x (each installed once into ~/.cache/links-n8n
// by the first run), one test file at a time.
const base = require('../../jest.base.cjs');

module.exports = { ...base, testMatch: ['<rootDir>/test/**/*.e2e.test.ts'], testTimeout: 15 * 60 * 1000, maxWorkers: 1 };
