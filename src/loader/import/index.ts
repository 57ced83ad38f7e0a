/**
 * The import engine: real exports → canonical tables, through a mapping (a JSON-able spec),
 * with presets for known exports and suggestions for unknown ones. Browser-safe (no Node
 * imports here; src/loader/import/node.ts reads the SQL from disk for tests and the CLI).
 *
 * Typical flow (what the mapping step UI does):
 *   const s = sniff(bytes, file.name);                     // encoding, delimiter, header, sample
 *   const preset = detectPreset(s);                        // or detectPresets(s) to list them
 *   const draft = preset ? buildPreset(preset.id, s) : suggestMapping(s, suggestTables(s)[0].table);
 *   // ask draft.questions; mapping = answerQuestion(mapping, q, choice) for each
 *   const preview = await applyMapping(engine, sql, { name, text: s.text }, mapping, { dryRun: true, maxRecords: 200 });
 *   const report = await applyMapping(engine, sql, { name, text: s.text }, mapping);
 *   download(stringifyMapping(mapping));                   // re-used next month / with the CLI --mapping
 */
export * from './spec';
export { MappingError, validateMapping, parseMapping, stringifyMapping } from './spec/validate';
export { DATE_SPECIFIERS, dateFormatProblem } from './spec/date-formats';
export { MappingSpecSchema } from './spec/schema';
export * from './decode';
export * from './dates';
export * from './profile';
export * from './suggest';
export * from './presets';
export * from './describe';
export { applyMapping, importSqlFrom, IMPORT_SQL_FILES } from './apply';
export { planImports } from './batch';
export { exportLike } from './export-like';
export type { ImportPlan, PlannedImport } from './batch';
export { joinCoverage } from './coverage';
export type { CoverageRow } from './coverage';
export type { ApplyOptions, ImportFile, ImportReport, ImportSql, LookupReport, ReasonCount, TableAccount } from './apply';
