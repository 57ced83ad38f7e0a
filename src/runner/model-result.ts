import type { BindValue, Row } from '../engine/types';

export type ModelResult =
  | { status: 'ok'; model: string; rows: Row[] }
  | { status: 'needs_columns'; model: string; missing: string[]; rows: Row[] };

/** A model's SQL with its bound values and the key its answer is kept under (see answerKey). */
export interface PreparedQuery {
  sql: string;
  params: BindValue[];
  key: string;
  /** The model's SQL with `$name` placeholders, and the values bound to them (see view-tables.ts). */
  source: string;
  values: Record<string, BindValue>;
}
