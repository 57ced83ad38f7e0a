import type { ColumnSpec } from '../../../data-model/contract';
import type { SourceFormat, Transform } from './types';

// What a mapping means where it says nothing: how a file is read, and how a column is read
// when only its source column is named.

export const DEFAULT_SOURCE: SourceFormat = {
  encoding: 'utf-8', delimiter: ',', quote: '"', skipLines: 0, header: true, nullValues: [],
};

export const DEFAULT_TRUE_WORDS = ['true', 't', 'yes', 'y', '1'];
export const DEFAULT_FALSE_WORDS = ['false', 'f', 'no', 'n', '0'];

/** The transform a column gets when the mapping names only the source column. */
export function defaultTransform(type: ColumnSpec['type']): Transform {
  switch (type) {
    case 'DATE':
    case 'TIMESTAMP':
      return { kind: 'date', format: 'iso' };
    case 'INTEGER':
    case 'DOUBLE':
      return { kind: 'number', decimal: '.', thousands: '', currency: false, sign: 'keep' };
    case 'BOOLEAN':
      return { kind: 'boolean', trueWords: DEFAULT_TRUE_WORDS, falseWords: DEFAULT_FALSE_WORDS };
    default:
      return { kind: 'text' };
  }
}
