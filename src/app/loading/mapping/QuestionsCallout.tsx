import { Callout } from '@tremor/react';
import type { Question } from '../../../loader/import';
import { answer, optionLabel, questionKey, type MappingDraft } from '../mapping-step';
import type { Change } from './ui';

/** The open questions about the file, each with its options: nothing ambiguous is guessed. */
export function QuestionsCallout({ draft, questions, change }: { draft: MappingDraft; questions: Question[]; change: Change }) {
  return (
    <Callout color="amber" title={questions.length === 1 ? 'One question before loading' : `${questions.length} questions before loading`} data-testid="mapping-questions">
      <div className="space-y-4">
        {questions.map((q) => (
          <fieldset key={questionKey(q)} data-testid="question" data-source={q.source}>
            <legend className="text-tremor-default">{q.text}</legend>
            <div className="mt-2 flex flex-col gap-1">
              {q.options.map((o, i) => {
                const label = optionLabel(q, o);
                const suggested = q.kind === 'date_format' && q.suggested === o;
                return (
                  <label key={i} className="flex items-center gap-2 text-tremor-default">
                    <input
                      type="radio"
                      name={`${draft.fileName}-${questionKey(q)}`}
                      className="h-4 w-4 accent-tremor-brand"
                      checked={false}
                      onChange={() => change((d) => answer(d, q, o))}
                      data-testid="question-option"
                      data-option={typeof o === 'string' ? o : `${o.decimal}|${o.thousands}`}
                    />
                    <span>
                      {label}
                      {suggested && <span className="ml-2 text-tremor-label">(what the export documents)</span>}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
        <p className="text-tremor-label">The file loads only once each question is answered: nothing ambiguous is guessed.</p>
      </div>
    </Callout>
  );
}
