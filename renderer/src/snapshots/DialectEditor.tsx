// How each CSV file was read, one row per table: every field shows what was detected and can
// be changed; the choices travel with the next Validar or Importar (importMonth's `dialects`,
// the command's --dialetos), checked by the core.
import type { CsvDialect, DialectChoice } from '../../../main/core/api/index.ts';
import type { Translate } from '../i18n/i18n.ts';
import { useLocale } from '../i18n/i18n.ts';
import { DATE_FORMATS, DELIMITERS, ENCODINGS, dateFormatLabel } from './dialect-choices.ts';
import type { Choices, DialectField } from './dialect-choices.ts';

type Value = DialectChoice[DialectField];

interface Field {
  field: DialectField;
  label: string;
  options: { value: string; label: string }[];
  /** The select's text for a value, and back. */
  encode(value: Value): string;
  decode(text: string): Value;
}

/** A true/false choice, shown as two labelled options. */
function yesNoField(field: DialectField, label: string, yes: string, no: string): Field {
  return {
    field,
    label,
    options: [
      { value: 'sim', label: yes },
      { value: 'nao', label: no },
    ],
    encode: (value) => (value ? 'sim' : 'nao'),
    decode: (text) => text === 'sim',
  };
}

function fieldsOf(t: Translate, year: string): Field[] {
  const asText = (value: Value) => String(value);
  const delimiterLabel = (d: string) => (d === 'tab' ? t('importDelimiterTab') : d);
  return [
    { field: 'encoding', label: t('importEncoding'), options: ENCODINGS.map((e) => ({ value: e, label: e })), encode: asText, decode: (text) => text },
    { field: 'delimiter', label: t('importDelimiter'), options: DELIMITERS.map((d) => ({ value: d, label: delimiterLabel(d) })), encode: asText, decode: (text) => text },
    yesNoField('decimalComma', t('importDecimal'), t('importDecimalComma'), t('importDecimalPoint')),
    { field: 'dateFormat', label: t('importDates'), options: DATE_FORMATS.map((f) => ({ value: f, label: dateFormatLabel(f, year) })), encode: asText, decode: (text) => text },
    yesNoField('header', t('importHeader'), t('importHeaderYes'), t('importHeaderNo')),
  ];
}

interface Props {
  tables: { table: string; file?: string }[];
  detected: Record<string, Partial<CsvDialect>>;
  choices: Choices;
  disabled: boolean;
  onChoose(table: string, field: DialectField, value: Value | undefined): void;
}

export function DialectEditor({ tables, detected, choices, disabled, onChoose }: Props) {
  const { locale, t } = useLocale();
  const year = locale === 'pt-BR' ? 'aaaa' : 'yyyy';
  const fields = fieldsOf(t, year);
  const detectedText = (field: Field, value: Value | undefined) => {
    if (value === undefined) return field.field === 'dateFormat' ? t('importDatesAny') : t('importDetect');
    const text = field.encode(value);
    const label = field.options.find((o) => o.value === text)?.label ?? (field.field === 'dateFormat' ? dateFormatLabel(text, year) : text);
    return t('importDetected', { value: label });
  };
  return (
    <div className="dialect-editor" data-testid="import-dialects">
      <h3>{t('importDialectsTitle')}</h3>
      <p className="muted">{t('importDialectsHint')}</p>
      <table className="audit-table">
        <thead>
          <tr>
            <th>{t('importDialectTable')}</th>
            {fields.map((f) => (
              <th key={f.field}>{f.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tables.map(({ table, file }) => (
            <tr key={table} data-testid={`dialect-row-${table}`}>
              <td>
                {table}
                {file ? <span className="muted"> ({file})</span> : <span className="muted"> ({t('importNotRead')})</span>}
              </td>
              {fields.map((f) => {
                const chosen = choices[table]?.[f.field];
                const found = detected[table]?.[f.field];
                return (
                  <td key={f.field}>
                    <select
                      aria-label={`${f.label}: ${table}`}
                      data-testid={`dialect-${table}-${f.field}`}
                      className={chosen === undefined ? '' : 'chosen'}
                      value={chosen === undefined ? '' : f.encode(chosen)}
                      disabled={disabled}
                      onChange={(e) => onChoose(table, f.field, e.target.value === '' ? undefined : f.decode(e.target.value))}
                    >
                      <option value="">{detectedText(f, found)}</option>
                      {f.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
