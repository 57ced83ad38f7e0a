/**
 * The mapping spec (see types.ts): what it is, what it means where it says nothing, how it
 * is checked and read from JSON, and what it reads. One import path for all of it.
 */
export * from './types';
export * from './defaults';
export { MappingError, LOOKUP_NAME, validateMapping, parseMapping, stringifyMapping } from './validate';
export { DATE_SPECIFIERS, dateFormatProblem } from './validate-values';
export * from './reads';
