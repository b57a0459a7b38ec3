export type * from './contract.js';
export { checkOptionQuery, collectOptions, firstPageSource, idFromUrl, pickerOf, sendOptionSearch } from './search.js';
