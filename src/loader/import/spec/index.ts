/**
 * The mapping spec (see types.ts): its schema, what it means where it says nothing, how it
 * is checked and read from JSON, and what it reads. One import path for all of it.
 */
export * from './types';
export * from './defaults';
export { MappingError, validateMapping, parseMapping, stringifyMapping } from './validate';
export { DATE_SPECIFIERS, dateFormatProblem } from './date-formats';
export { MappingSpecSchema } from './schema';
export * from './reads';
