// The fixed word lists of the mapping format, shared by the schema (schema*.ts) and the code
// that offers choices (the page's mapping step, the presets).

export const MAPPING_VERSION = 1;

export const ENCODINGS = ['utf-8', 'windows-1252', 'latin-1'] as const;
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export const QUOTES = ['"', "'", ''] as const;
export const DECIMALS = ['.', ','] as const;
export const THOUSANDS = ['', ',', '.', ' ', "'"] as const;

/** The kinds of value source, in the order validation names them. */
export const VALUE_SOURCE_KINDS = ['column', 'constant', 'lineNumber', 'concat', 'multiply', 'minus', 'divide', 'firstOf', 'if'] as const;

export const CONDITION_TESTS = ['empty', 'negative', 'zero', 'positive', 'equals', 'one_of', 'starts_with', 'matches', 'first'] as const;

/** A lookup's name: letters, digits and _, starting with a letter. */
export const LOOKUP_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
