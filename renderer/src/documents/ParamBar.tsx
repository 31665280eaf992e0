// The parameters of a document's front matter, as inputs by their `type`.
import { useEffect, useState } from 'react';
import type { ParamValue, WorkbenchClient } from '../../../main/core/api/index.ts';
import { useLocale, type Locale } from '../i18n/i18n.ts';
import { formatIsoDate } from '../format/temporal.ts';
import type { ParamSpec } from './doc-edit.ts';
import { useClient } from '../client/client-context.ts';

export type ParamValues = Record<string, ParamValue | undefined>;

export function initialParams(specs: ParamSpec[]): ParamValues {
  const values: ParamValues = {};
  for (const spec of specs) {
    const given = spec.default;
    if (given === undefined) continue;
    values[spec.name] = typeof given === 'object' && !Array.isArray(given) ? [given.inicio ?? '', given.fim ?? ''] : given;
  }
  return values;
}

interface Props {
  specs: ParamSpec[];
  values: ParamValues;
  snapshot: string;
  /** The document's text, for paramOptions (options may be SQL). */
  text(): string;
  /** The document's path: role `consulta` gets the options of the saved file there. */
  path?: string;
  onChange(name: string, value: ParamValue | undefined): void;
}

function useOptions(client: WorkbenchClient, spec: ParamSpec, snapshot: string, text: () => string, path: string | undefined): string[] | null {
  const [options, setOptions] = useState<string[] | null>(Array.isArray(spec.options) ? spec.options : null);
  const source = JSON.stringify(spec.options ?? null);
  useEffect(() => {
    if (spec.type !== 'select' && spec.type !== 'multiselect') return;
    let live = true;
    client.paramOptions({ text: text(), param: spec.name, snapshot, ...(path ? { path } : {}) }).then(
      (list) => live && setOptions(list),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
    // The text getter changes identity on every edit; options depend only on the spec itself.
  }, [client, spec.name, spec.type, source, snapshot, path]);
  return options;
}

/** An option's text as staff read it: an ISO date (`2026-09-30`) in the locale's form; the value stays ISO. */
function optionLabel(option: string, locale: Locale): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(option) ? formatIsoDate(option, locale) : option;
}

function ParamInput({ spec, value, snapshot, text, path, onChange }: { spec: ParamSpec; value: ParamValue | undefined } & Omit<Props, 'specs' | 'values' | 'onChange'> & { onChange(value: ParamValue | undefined): void }) {
  const { locale, t } = useLocale();
  const client = useClient();
  const options = useOptions(client, spec, snapshot, text, path);
  const testId = `param-${spec.name}`;
  switch (spec.type) {
    case 'select':
      return (
        <select data-testid={testId} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{t('allValues')}</option>
          {(options ?? []).map((option) => (
            <option key={option} value={option}>
              {optionLabel(option, locale)}
            </option>
          ))}
        </select>
      );
    case 'multiselect': {
      const chosen = Array.isArray(value) ? value.map(String) : [];
      return (
        <select
          data-testid={testId}
          multiple
          size={Math.min(4, Math.max(2, options?.length ?? 2))}
          value={chosen}
          onChange={(e) => {
            const picked = [...e.target.selectedOptions].map((o) => o.value);
            onChange(picked.length ? picked : undefined);
          }}
        >
          {(options ?? []).map((option) => (
            <option key={option} value={option}>
              {optionLabel(option, locale)}
            </option>
          ))}
        </select>
      );
    }
    case 'number':
      return (
        <input
          data-testid={testId}
          type="number"
          className="param-number"
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    case 'date':
      return <input data-testid={testId} type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
    case 'daterange': {
      const [from, to] = Array.isArray(value) ? value.map(String) : ['', ''];
      const set = (a: string, b: string) => onChange(a || b ? [a, b] : undefined);
      return (
        <span className="param-range" data-testid={testId}>
          <span className="muted">{t('paramFrom')}</span>
          <input type="date" value={from ?? ''} onChange={(e) => set(e.target.value, to ?? '')} />
          <span className="muted">{t('paramTo')}</span>
          <input type="date" value={to ?? ''} onChange={(e) => set(from ?? '', e.target.value)} />
        </span>
      );
    }
    default:
      return <input data-testid={testId} type="text" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
  }
}

export function ParamBar({ specs, values, snapshot, text, path, onChange }: Props) {
  if (specs.length === 0) return null;
  return (
    <div className="param-bar" data-testid="param-bar">
      {specs.map((spec) => (
        <label key={spec.name} className="param">
          <span className="param-label">{spec.label ?? spec.name}</span>
          <ParamInput spec={spec} value={values[spec.name]} snapshot={snapshot} text={text} {...(path ? { path } : {})} onChange={(value) => onChange(spec.name, value)} />
        </label>
      ))}
    </div>
  );
}
