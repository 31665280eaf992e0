import { createContext, useContext } from 'react';
import { en } from './en.ts';
import { ptBR, type Messages } from './pt-BR.ts';

import type { Locale } from './locale.ts';

export type { Locale };
export type MessageKey = keyof Messages;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const dictionaries: Record<Locale, Messages> = { 'pt-BR': ptBR, en };

export function translator(locale: Locale): Translate {
  const messages = dictionaries[locale];
  return (key, values) => {
    const text = messages[key];
    return values ? text.replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? `{${name}}`)) : text;
  };
}

export interface LocaleContextValue {
  locale: Locale;
  t: Translate;
}

export const LocaleContext = createContext<LocaleContextValue>({ locale: 'pt-BR', t: translator('pt-BR') });

export function useLocale(): LocaleContextValue {
  return useContext(LocaleContext);
}

/**
 * The message for a count: `one` when it is 1, else `many` (both languages say "1 linha",
 * "2 linhas"; zero takes the plural). `values` fills either, `{n}` included.
 */
export function byCount(t: Translate, count: number, one: MessageKey, many: MessageKey, values?: Record<string, string | number>): string {
  return t(count === 1 ? one : many, values);
}
