// Fault matrix, hostile input and secret hygiene across surfaces (fast: sandbox only). The real-n8n runs are
// `*.e2e.test.ts`, run by `pnpm e2e` through jest.e2e.cjs.
const base = require('../../jest.base.cjs');

// Zapier's handler exits its process once it has served 250 calls while the process uses over 450 MB (as in its
// Lambda); memory grows across test files in one worker, so a worker above 512 MB is replaced between files.
module.exports = { ...base, testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'], workerIdleMemoryLimit: '512MB' };
