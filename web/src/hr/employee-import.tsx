/**
 * CSV import: the file goes up as text/csv (202 with an importId), then the import is polled
 * every second until it completes or fails, showing its progress and the rows it rejected.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Button, ErrorMessage, Notice } from '../ui/components';
import type { EmployeeImport } from './api-types';
import { useInterval } from './use-interval';

const HEADER = 'email,name,country,department,hireDate,birthDate';

export function EmployeeImportForm({ onFinished }: { onFinished: () => void }) {
  const { t, number } = useI18n();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [progress, setProgress] = useState<EmployeeImport>();
  const [importId, setImportId] = useState<string>();
  const [rowErrors, setRowErrors] = useState<EmployeeImport['errors']>([]);
  const [moreErrors, setMoreErrors] = useState<string | null>(null);
  const running = importId !== undefined && (!progress || progress.status === 'running');

  useInterval(async () => {
    if (!importId) return;
    try {
      const state = await api<EmployeeImport>(`/v1/employees/imports/${encodeURIComponent(importId)}`);
      setProgress(state);
      setRowErrors(state.errors);
      setMoreErrors(state.errorsNextCursor);
      if (state.status !== 'running') onFinished();
    } catch (err) {
      setError(err);
      setImportId(undefined);
    }
  }, running ? 1000 : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setError(new Error(t('hr.chooseFile')));
      return;
    }
    setBusy(true);
    setError(undefined);
    setProgress(undefined);
    setRowErrors([]);
    try {
      const text = await chosen.text();
      const { importId: id } = await api<{ importId: string }>('/v1/employees/imports', { method: 'POST', body: text, contentType: 'text/csv' });
      setImportId(id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const loadMoreErrors = async () => {
    if (!importId || !moreErrors) return;
    try {
      const page = await api<EmployeeImport>(`/v1/employees/imports/${encodeURIComponent(importId)}?errorsCursor=${encodeURIComponent(moreErrors)}`);
      setRowErrors((errors) => [...errors, ...page.errors]);
      setMoreErrors(page.errorsNextCursor);
    } catch (err) {
      setError(err);
    }
  };

  const p = progress;
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="import-heading">
      <h2 id="import-heading" style={{ marginTop: 0 }}>{t('hr.importHeading')}</h2>
      <p className="muted" id="import-hint" style={{ margin: 0 }}>{t('hr.importHint')} <span className="code" dir="ltr" style={{ overflowWrap: 'anywhere' }}>{HEADER}</span></p>
      <div className="field">
        <label htmlFor="import-file">{t('hr.csvFile')}</label>
        <input id="import-file" ref={file} type="file" accept=".csv,text/csv" aria-describedby="import-hint" style={{ width: '100%', minWidth: 0 }} />
      </div>
      <div><Button type="submit" busy={busy || running}>{t('hr.importSubmit')}</Button></div>
      <ErrorMessage error={error} />
      {importId ? (
        <div className="stack" aria-live="polite">
          <label htmlFor="import-progress">
            {p ? t(p.status === 'running' ? 'hr.importRunning' : p.status === 'completed' ? 'hr.importCompleted' : 'hr.importFailed') : t('hr.importStarting')}
          </label>
          <progress id="import-progress" max={p?.total || 1} value={p ? p.processed : undefined} style={{ width: '100%' }} />
          {p ? (
            <p>{t('hr.importCounts', { created: number(p.created), updated: number(p.updated), unchanged: number(p.unchanged), failed: number(p.failed), total: number(p.total) })}</p>
          ) : null}
        </div>
      ) : null}
      {p?.status === 'completed' && !p.failed ? <Notice tone="success">{t('hr.importAllGood')}</Notice> : null}
      {p?.status === 'failed' && !rowErrors.length ? <div className="alert alert-error" role="alert">{t('hr.importFailedHint')}</div> : null}
      {rowErrors.length ? (
        <>
          <h3>{t('hr.rowErrors')}</h3>
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">{t('hr.row')}</th><th scope="col">{t('hr.problem')}</th></tr></thead>
              <tbody>
                {rowErrors.map((r, i) => <tr key={`${r.row}-${i}`}><th scope="row">{number(r.row)}</th><td>{r.message}</td></tr>)}
              </tbody>
            </table>
          </div>
          {moreErrors && p?.status !== 'running' ? <div><Button className="secondary" onClick={loadMoreErrors}>{t('hr.moreRowErrors')}</Button></div> : null}
        </>
      ) : null}
    </form>
  );
}
