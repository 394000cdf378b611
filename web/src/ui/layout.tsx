import type { ReactNode } from 'react';
import { signOut, type Session } from '../auth';
import { LOCALES, LOCALE_NAMES, useI18n, type Locale, type MessageKey } from '../i18n';
import { Link, navigate, useLocation } from '../router';

export interface NavItem {
  to: string;
  label: MessageKey;
}

/** The frame of every signed-in page: brand, the portal's navigation, language, the user. */
export function Layout({ session, nav, children }: { session: Session | null; nav: NavItem[]; children: ReactNode }) {
  const { t } = useI18n();
  const { path } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="header">
        <div className="header-inner">
          <Link className="brand" to={nav[0]?.to ?? '/'}>{t('common.appName')}</Link>
          {nav.length ? (
            <nav className="nav" aria-label={t('common.appName')}>
              {nav.map((item) => (
                <Link key={item.to} to={item.to} aria-current={path === item.to || (item.to !== nav[0]?.to && path.startsWith(item.to)) ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              ))}
            </nav>
          ) : null}
          <LanguagePicker />
          {session ? (
            <>
              <span className="who">{session.label}</span>
              <button type="button" className="button secondary" style={{ color: '#fff', borderColor: '#fff' }} onClick={() => { signOut(); navigate('/signin'); }}>
                {t('common.signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}

export function LanguagePicker() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label>
      <span className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{t('common.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('common.language')}>
        {LOCALES.map((l) => <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>)}
      </select>
    </label>
  );
}
