/**
 * The mapping step's pure logic (no React, no browser), one import path for the page and the
 * tests: the modules under ./mapping/ each hold one part of it.
 */

// The one decision shared with the CLI (src/loader/file-route.ts): a canonical name loads
// directly only when the header fits its table; every other readable file goes through the
// mapping step, where its content picks the preset.
export { routeOf, type FileRoute } from '../../loader/file-route';
export * from './mapping/draft';
export * from './mapping/questions';
export * from './mapping/columns';
export * from './mapping/date-formats';
export * from './mapping/describe-source';
export * from './mapping/number-format';
export * from './mapping/source-format';
export * from './mapping/saved-mapping';
export * from './mapping/readiness';
export * from './mapping/labels';
export * from './mapping/batch';
export * from './mapping/targets';
export * from './mapping/row-test';
export * from './mapping/transforms';
export * from './mapping/file-level';
export * from './mapping/json-edit';
