import type { z } from 'zod';
import type { DECIMALS, DELIMITERS, ENCODINGS, QUOTES, THOUSANDS, CONDITION_TESTS } from './constants';
import type {
  CheckOptionsSchema, ExclusionRuleSchema, FillDownSchema, LookupSpecSchema, MappingSpecSchema, QuestionNoteSchema, SourceColumnNoteSchema,
  SourceFormatSchema, TargetSpecSchema,
} from './schema';
import type {
  BooleanTransformSchema, ConditionSchema, DateTransformSchema, MapTransformSchema, NumberTransformSchema, RowTestSchema, TextTransformSchema,
  TransformSchema, ValueSourceSchema,
} from './schema-values';

/**
 * The mapping spec: everything needed to turn one source file (an export as the platform
 * wrote it) into rows of one or more canonical tables. It is plain JSON so the user can
 * download it and re-use it next month (the CLI takes the same file with --mapping).
 *
 * The types are those of the schema (schema.ts, schema-values.ts), where every field is
 * described; the same schema validates a mapping and is published as schema/mapping.schema.json.
 */
export * from './constants';

export type Encoding = (typeof ENCODINGS)[number];
export type Delimiter = (typeof DELIMITERS)[number];
export type Quote = (typeof QUOTES)[number];
export type DecimalSeparator = (typeof DECIMALS)[number];
export type ThousandsSeparator = (typeof THOUSANDS)[number];
export type ConditionTest = (typeof CONDITION_TESTS)[number];

export type SourceFormat = z.infer<typeof SourceFormatSchema>;
export type DateTransform = z.infer<typeof DateTransformSchema>;
export type NumberTransform = z.infer<typeof NumberTransformSchema>;
export type BooleanTransform = z.infer<typeof BooleanTransformSchema>;
export type MapTransform = z.infer<typeof MapTransformSchema>;
export type TextTransform = z.infer<typeof TextTransformSchema>;
export type Transform = z.infer<typeof TransformSchema>;
export type ValueSource = z.infer<typeof ValueSourceSchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type RowTest = z.infer<typeof RowTestSchema>;
export type ExclusionRule = z.infer<typeof ExclusionRuleSchema>;
export type TargetSpec = z.infer<typeof TargetSpecSchema>;
export type LookupSpec = z.infer<typeof LookupSpecSchema>;
export type FillDown = z.infer<typeof FillDownSchema>;
export type CheckOptions = z.infer<typeof CheckOptionsSchema>;
export type SourceColumnNote = z.infer<typeof SourceColumnNoteSchema>;
export type QuestionNote = z.infer<typeof QuestionNoteSchema>;
export type MappingSpec = z.infer<typeof MappingSpecSchema>;
