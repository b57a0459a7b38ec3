export type * from './contract.js';
export { sameLink, matchesFind } from './keys.js';
export { checkLimit, collectLinks, type ListOptions, sendListPages } from './list.js';
export { sendGetLink } from './get.js';
export { sendFindLinks } from './find.js';
export { type DeleteOptions, type DeleteResult, sendDeleteLink } from './delete.js';
export { type BulkCreateOptions, checkIfExists, type CreateOptions, sendCreateLinks } from './create.js';
