import type { Engine } from '../engine/types';
import type { QueryQueue } from './query-queue';

/** What copying a data set out of the page's engine reads with (src/engine/opfs-database.ts). */
export type TableReader = Pick<Engine, 'query' | 'queryArrowIPC'>;

/**
 * `engine`'s reads, each sent in the query queue's turn while no model query is asked for
 * (QueryQueue.inBackground): a copy of 1M order lines to the browser's storage is ~16 slices
 * of 50–400 ms, and sent straight to the worker each one sat in front of a query of every
 * view the user opened meanwhile.
 */
export function backgroundReads(engine: Engine, queue: QueryQueue): TableReader {
  const arrow = engine.queryArrowIPC?.bind(engine);
  return {
    query: (sql, params) => queue.inBackground(() => engine.query(sql, params)),
    queryArrowIPC: arrow && ((sql) => queue.inBackground(() => arrow(sql))),
  };
}
