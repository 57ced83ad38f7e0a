import { DECIMALS, DELIMITERS, ENCODINGS, THOUSANDS, type DecimalSeparator, type Delimiter, type Encoding, type ThousandsSeparator } from '../../../loader/import';
import { formatCount } from '../../format';
import { DELIMITER_LABELS, ENCODING_LABELS, numberFormatOf, setNumberFormat, withSourceFormat, type MappingDraft } from '../mapping-step';
import { inputClass, labelClass, muted, Section, type Change } from './ui';

/** How the file's bytes are read: encoding, delimiter, number notation. */
export function FormatSection({ draft, change }: { draft: MappingDraft; change: Change }) {
  const src = draft.mapping.source;
  const nf = numberFormatOf(draft.mapping);
  const converted = draft.converted !== null;
  return (
    <Section title="File format">
      <div className="flex flex-wrap items-end gap-4">
        <label className={labelClass}>
          Encoding
          <select
            className={inputClass}
            value={src.encoding}
            disabled={converted || draft.sniff.encoding.bom !== null}
            onChange={(e) => change((d) => withSourceFormat(d, { encoding: e.target.value as Encoding }))}
            data-testid="mapping-encoding"
          >
            {ENCODINGS.map((x) => (
              <option key={x} value={x}>
                {ENCODING_LABELS[x]}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Delimiter
          <select
            className={inputClass}
            value={src.delimiter}
            disabled={converted}
            onChange={(e) => change((d) => withSourceFormat(d, { delimiter: e.target.value as Delimiter }))}
            data-testid="mapping-delimiter"
          >
            {DELIMITERS.map((x) => (
              <option key={x} value={x}>
                {DELIMITER_LABELS[x]}
              </option>
            ))}
          </select>
        </label>
        {nf && (
          <>
            <label className={labelClass}>
              Decimal separator
              <select
                className={inputClass}
                value={nf.decimal}
                onChange={(e) => change((d) => setNumberFormat(d, { ...nf, decimal: e.target.value as DecimalSeparator, thousands: nf.thousands === e.target.value ? '' : nf.thousands }))}
                data-testid="mapping-decimal"
              >
                {DECIMALS.map((x) => (
                  <option key={x} value={x}>
                    {x === '.' ? 'point .' : 'comma ,'}
                  </option>
                ))}
              </select>
            </label>
            <label className={labelClass}>
              Thousands separator
              <select
                className={inputClass}
                value={nf.thousands}
                onChange={(e) => change((d) => setNumberFormat(d, { ...nf, thousands: e.target.value as ThousandsSeparator }))}
                data-testid="mapping-thousands"
              >
                {THOUSANDS.filter((x) => x !== nf.decimal).map((x) => (
                  <option key={x || 'none'} value={x}>
                    {x === '' ? 'none' : x === ' ' ? 'space' : x === "'" ? "apostrophe '" : x === ',' ? 'comma ,' : 'point .'}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2 pb-2 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
              <input
                type="checkbox"
                className="h-4 w-4 accent-tremor-brand"
                checked={nf.currency}
                onChange={(e) => change((d) => setNumberFormat(d, { ...nf, currency: e.target.checked }))}
                data-testid="mapping-currency"
              />
              Money written with currency signs (“$1,234.50”, “12,50 €”, “(3.00)”)
            </label>
          </>
        )}
      </div>
      <p className={`${muted} mt-2`}>
        {converted
          ? `Converted from ${draft.converted === 'json' ? 'JSON' : 'Parquet'} to text; `
          : `Encoding: ${draft.sniff.encoding.why}; ${draft.sniff.lineEnding === 'crlf' ? 'Windows line ends (CRLF); ' : ''}`}
        {formatCount(draft.sniff.header.length)} columns, {formatCount(draft.sniff.rows.length)} rows sampled.
      </p>
    </Section>
  );
}
