/** Shared building blocks: accessible by default (labels, live regions, focus), styled in styles.css. */
import { useCallback, useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';

/** Loads data for a page: `reload()` after a change. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  // The caller names what the load depends on, as with useEffect.
  const loader = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    loader().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [loader, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('common.appName')}`;
    heading.current?.focus();
  }, [title, t]);
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title" tabIndex={-1} ref={heading}>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p className="muted" role="status" aria-live="polite">{t('common.loading')}</p>;
}

/** An API error as the user should read it: the problem's detail, and field errors if any. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <div className="alert alert-error" role="alert">
      <strong>{problem?.title ?? t('common.errorTitle')}</strong>
      {problem?.detail ? <p>{problem.detail}</p> : !problem ? <p>{String((error as Error).message ?? error)}</p> : null}
      {problem?.errors?.length ? (
        <ul>{problem.errors.map((e) => <li key={e.path}>{e.path.replace(/^body\./, '')}: {e.message}</li>)}</ul>
      ) : null}
      {onRetry ? <button type="button" className="button secondary" onClick={onRetry}>{t('common.retry')}</button> : null}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return <div className={`alert alert-${tone}`} role="status" aria-live="polite">{children}</div>;
}

export function Button({ busy, children, className, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean }) {
  return (
    <button type="button" className={`button ${className ?? ''}`} aria-busy={busy || undefined} disabled={busy || rest.disabled} {...rest}>
      {children}
    </button>
  );
}

export function Field({ label, hint, error, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string | undefined }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}{input.required ? <span aria-hidden="true"> *</span> : null}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} {...input} />
      {hint && !error ? <small id={`${id}-hint`} className="muted">{hint}</small> : null}
      {error ? <small id={`${id}-error`} className="field-error">{error}</small> : null}
    </div>
  );
}

export function SelectField({ label, children, ...select }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>{children}</select>
    </div>
  );
}

/** Field errors of a 422 by field name (the last path segment). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem.errors) return {};
  return Object.fromEntries(error.problem.errors.map((e) => [e.path.split('.').pop() ?? e.path, e.message]));
}

export function StatusBadge({ kind, status }: { kind: 'order' | 'shipment'; status: string }) {
  const { t } = useI18n();
  const key = (kind === 'order' ? `common.status_${status}` : `common.shipment_${status}`) as Parameters<typeof t>[0];
  return <span className={`badge badge-${status}`}>{t(key)}</span>;
}
