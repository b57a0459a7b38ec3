// Fault matrix, hostile input and secret hygiene across surfaces (fast: sandbox only). The real-n8n runs are
// `*.e2e.test.ts`, run by `pnpm e2e` through jest.e2e.cjs.
const base = require('../../jest.base.cjs');

module.exports = { ...base, testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'] };
