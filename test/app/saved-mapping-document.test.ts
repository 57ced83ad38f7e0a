import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySavedMapping, canLoad, draftFromBytes } from '../../src/app/loading/mapping-step';
import { sniff } from '../../src/loader/import/decode';
import { mappingDocument } from '../../src/loader/import/mapping-document';
import { buildPreset } from '../../src/loader/import/presets';
import { profileColumns } from '../../src/loader/import/profile';
import { stringifyMapping } from '../../src/loader/import/spec/validate';
import { answerQuestion } from '../../src/loader/import/suggest';

/**
 * "Use a saved mapping" on the Data page takes the file `import-check --out` writes, with its
 * sourceColumns and questions sections: answered it loads, unanswered it is refused with the
 * question in the message.
 */

const bytes = () => new Uint8Array(readFileSync(path.join(__dirname, '../fixtures/import/amazon_fba_returns.tsv')));

describe('a saved mapping document on the Data page', () => {
  const s = sniff(bytes(), 'amazon_fba_returns.tsv');
  const built = buildPreset('amazon_fba_returns', s);
  const question = built.questions[0]!;
  const doc = (m = built.mapping) => stringifyMapping(mappingDocument(m, s.header, built.questions, profileColumns(s)));

  it('is refused while its date question is open, with the question', () => {
    expect(question.kind).toBe('date_format');
    const r = applySavedMapping(draftFromBytes('fba_march.tsv', bytes()), doc(), 'fba.mapping.json');
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual([expect.stringContaining(`fba.mapping.json: targets[0].columns.received_at.transform.format: open question: ${question.text}`)]);
  });

  it('loads once the question is answered in the file', () => {
    const r = applySavedMapping(draftFromBytes('fba_march.tsv', bytes()), doc(answerQuestion(built.mapping, question, '%d-%m-%Y')), 'fba.mapping.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(canLoad(r.draft)).toBe(true);
  });
});
