import type { Engine } from '../engine/types';
import { ON_DEMAND_SCHEMA_FILES, scriptText, type QuerySources } from './query-sources';

/**
 * The on-demand schema files (ON_DEMAND_SCHEMA_FILES): the macros each creates, and its
 * creation once started, so a model that calls one of them creates it first, once.
 */
export class OnDemandMacros {
  private readonly files: { file: string; macros: RegExp; created: Promise<void> | null }[];

  constructor(
    private readonly engine: Engine,
    private readonly sources: QuerySources,
  ) {
    this.files = ON_DEMAND_SCHEMA_FILES.map((file) => {
      const names = [...scriptText(sources, file).matchAll(/CREATE OR REPLACE MACRO\s+(\w+)/gi)].map((m) => m[1]!);
      return { file, macros: new RegExp(`\\b(${names.join('|')})\\s*\\(`, 'i'), created: null };
    });
  }

  /** Creates every on-demand rule macro now, once (see Runner.createRuleMacros). */
  createAll(): Promise<void> {
    return this.createFor(ON_DEMAND_SCHEMA_FILES.map((file) => scriptText(this.sources, file)).join('\n'));
  }

  /** Creates the on-demand rule macros `sql` calls (and those they call), once. */
  async createFor(sql: string, busy: ReadonlySet<string> = new Set()): Promise<void> {
    for (const d of this.files) {
      if (busy.has(d.file) || !d.macros.test(sql)) continue;
      if (!d.created) {
        const text = scriptText(this.sources, d.file);
        const made = this.createFor(text, new Set([...busy, d.file])).then(() =>
          // In main explicitly: a mapping preview points the search_path at its own schema.
          this.engine.exec(text.replace(/CREATE OR REPLACE MACRO\s+(\w+)/gi, 'CREATE OR REPLACE MACRO main.$1')),
        );
        d.created = made;
        made.catch(() => {
          if (d.created === made) d.created = null; // not made: try again next time
        });
      }
      await d.created;
    }
  }
}
