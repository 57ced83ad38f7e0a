/**
 * Run once on every new engine. Autoloading would fetch Parquet/JSON/ICU extensions from the
 * internet on first use (a hang offline, a privacy leak online); we read Parquet in JS instead.
 */
export const ENGINE_SETUP_SQL = `
SET autoinstall_known_extensions = false;
SET autoload_known_extensions = false;
`;
