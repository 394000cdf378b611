/**
 * Localisation: English, Turkish and Persian (right to left). The language comes from the
 * browser and can be switched (remembered); numbers and dates are formatted for it.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { common } from './common';
import { employee } from './employee';
import { hr } from './hr';
import { partner } from './partner';
import { signin } from './signin';
import { tracking } from './tracking';

export const LOCALES = ['en', 'tr', 'fa'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', tr: 'Türkçe', fa: 'فارسی' };
const INTL: Record<Locale, string> = { en: 'en-GB', tr: 'tr-TR', fa: 'fa-IR' };

const namespaces = { common, employee, hr, partner, signin, tracking };
type Namespaces = typeof namespaces;
export type MessageKey = { [N in keyof Namespaces]: `${N & string}.${keyof Namespaces[N]['en'] & string}` }[keyof Namespaces];

const STORAGE = 'gifting.locale';

export function detectLocale(): Locale {
  const stored = localStorage.getItem(STORAGE);
  if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'tr') return 'tr';
    if (base === 'fa' || base === 'prs') return 'fa';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export interface I18n {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  number(n: number): string;
  points(n: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(detectLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = locale === 'fa' ? 'rtl' : 'ltr';
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const numbers = new Intl.NumberFormat(INTL[locale]);
    const dates = new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'medium' });
    const dateTimes = new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'medium', timeStyle: 'short' });
    const t: I18n['t'] = (key, vars) => {
      const [ns, name] = key.split('.') as [keyof Namespaces, string];
      const template = (namespaces[ns][locale] as Record<string, string>)[name] ?? (namespaces[ns].en as Record<string, string>)[name] ?? key;
      return vars ? template.replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? `{${v}}`)) : template;
    };
    return {
      locale,
      dir: locale === 'fa' ? 'rtl' : 'ltr',
      setLocale: (next) => {
        localStorage.setItem(STORAGE, next);
        setLocaleState(next);
      },
      t,
      number: (n) => numbers.format(n),
      points: (n) => t('common.points', { n: numbers.format(n) }),
      date: (iso) => dates.format(new Date(iso)),
      dateTime: (iso) => dateTimes.format(new Date(iso)),
    };
  }, [locale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
