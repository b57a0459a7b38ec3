// The pure part of @links/core: no I/O, no timers, no globals, so that it can be bundled anywhere.
export * from './types.js';
export * from './fields.js';
export * from './errors/index.js';
export * from './validation.js';
export * from './url.js';
export * from './provider.js';
export * from './create-link.js';
export * from './retry.js';
export * from './batching.js';
export * from './concurrency.js';
export * from './secrets.js';
export * from './providers/index.js';
