// @links/make: the three Make custom apps (committed under apps/), the generator of their data files,
// and the deploy command. The test-only IML evaluator is `@links/make/iml`.
export { APPS_ROOT, appDir, MAKE_APP_LIST, MAKE_APPS, type MakeAppDescriptor, type RpcDescriptor, rpcFor, rpcsOf } from './apps.js';
export {
  codeFilePath,
  type ComponentMetadata,
  type LocalApp,
  type LocalComponent,
  loadLocalApp,
  type MakecomappJson,
  parseJsonc,
} from './layout.js';
export { type AppFiles, generateApp } from './generate/index.js';
export { connectionFields, connectionParameters, type MakeParameter, toMakeParameters } from './translate/parameters.js';
export { exampleInput, moduleInterface, type ModuleOutput, moduleOutput, moduleSamples } from './translate/output.js';
export { deployApp, type DeployOptions, type DeployResult } from './deploy/index.js';
export { runDeployCli } from './deploy/main.js';
