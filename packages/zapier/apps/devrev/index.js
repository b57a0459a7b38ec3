// The entry point Zapier loads: this integration's app definition, from the bundle that
// `pnpm --filter @links/zapier build` (or `zapier-platform push`, through `_zapier-build`) writes.
const { version } = require('./package.json');
const { version: platformVersion } = require('zapier-platform-core');
const { defineApp } = require('./dist/app.cjs');

module.exports = defineApp({ version, platformVersion });
