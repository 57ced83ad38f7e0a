/**
 * The mapping spec (see types.ts): what it means where it says nothing and what it reads.
 * How it is checked and read from JSON (the zod schema) is `./validate`, imported apart (or
 * through the loader's index) so that code which only builds or reads mappings (presets,
 * the canonical path the page starts with) does not carry the validator.
 */
export * from './types';
export * from './defaults';
export * from './reads';
