import { PageHeader } from '../components/charts/PageHeader';
import { ModelDoc } from '../panels/sql/ModelDoc';
import type { PageProps } from '../view/types';

/**
 * Analysts: every SQL model the dashboard runs, read-only, with its header contract, the values
 * the current view binds to it and its text. The chosen model is a URL parameter (sql_model).
 */
export function SqlPage(props: PageProps) {
  const { runner, view } = props;
  const models = runner.modelNames;
  const asked = view.params.sql_model;
  const model = asked && models.includes(asked) ? asked : models[0];
  const choose = (name: string) => {
    const { sql_model: _old, ...rest } = view.params;
    props.setView({ params: name === models[0] ? rest : { ...rest, sql_model: name } });
  };
  return (
    <div className="space-y-6" data-testid="page-sql">
      <PageHeader
        title="SQL models"
        question="Every number on the dashboard comes from one of these files; this is exactly what runs, with this view’s parameters."
      />
      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <nav aria-label="Models" className="lg:sticky lg:top-4 lg:self-start">
          <ul className="space-y-0.5" data-testid="sql-model-list">
            {models.map((name) => {
              const current = name === model;
              return (
                <li key={name}>
                  <button
                    type="button"
                    aria-current={current ? 'page' : undefined}
                    onClick={() => choose(name)}
                    className={`w-full rounded-tremor-small px-2 py-1.5 text-left focus-visible:outline focus-visible:outline-2 focus-visible:outline-tremor-brand ${
                      current
                        ? 'bg-tremor-brand-faint text-tremor-brand-emphasis dark:bg-dark-tremor-brand-faint dark:text-dark-tremor-brand-emphasis'
                        : 'text-tremor-content-emphasis hover:bg-tremor-background-muted dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle'
                    }`}
                  >
                    <code className="block text-tremor-default">{name}</code>
                    <span className="block truncate text-tremor-label text-tremor-content dark:text-dark-tremor-content">{runner.header(name).title}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </nav>
        {model ? (
          <ModelDoc runner={runner} model={model} viewParams={view.params} filterParams={props.paramsFor()} />
        ) : (
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">No models in this build.</p>
        )}
      </div>
    </div>
  );
}
