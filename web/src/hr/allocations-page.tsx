/** `/hr/allocations`: give points, follow a background allocation until it completes, and the history. */
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ErrorMessage, Loading, Notice, Page, useResource } from '../ui/components';
import type { Allocation, Budget } from './api-types';
import { AllocationForm } from './allocation-form';
import { useEmployeeDirectory } from './employee-directory';
import { newestFirst } from './format';
import { Pager, usePagedList, type PagedList } from './paged-list';
import { useInterval } from './use-interval';

export function AllocationsPage() {
  const { t, points } = useI18n();
  const directory = useEmployeeDirectory();
  const budget = useResource(() => api<Budget>('/v1/budget'), []);
  const list = usePagedList<Allocation>('/v1/allocations?limit=10');
  const [latest, setLatest] = useState<Allocation>();
  const [pollError, setPollError] = useState<unknown>();

  useInterval(async () => {
    if (!latest) return;
    try {
      const next = await api<Allocation>(`/v1/allocations/${encodeURIComponent(latest.allocationId)}`);
      setLatest(next);
      if (next.status === 'completed') {
        list.reload();
        budget.reload();
      }
    } catch (err) {
      setPollError(err);
    }
  }, latest?.status === 'processing' && !pollError ? 1000 : null);

  const allocated = (allocation: Allocation) => {
    setPollError(undefined);
    setLatest(allocation);
    list.reload();
    budget.reload();
  };

  return (
    <Page title={t('hr.allocationsTitle')}>
      {budget.error ? <ErrorMessage error={budget.error} onRetry={budget.reload} /> : budget.data ? (
        <p>{t('hr.balanceNow', { points: points(budget.data.balancePoints) })}</p>
      ) : <Loading />}
      {directory.error ? <ErrorMessage error={directory.error} onRetry={directory.reload} /> : null}
      {directory.data?.partial ? <Notice tone="warning">{t('hr.directoryPartial')}</Notice> : null}
      <AllocationForm directory={directory.data} balance={budget.data?.balancePoints} onAllocated={allocated} />
      {latest ? <AllocationProgress allocation={latest} /> : null}
      <ErrorMessage error={pollError} onRetry={() => setPollError(undefined)} />
      <AllocationList list={list} />
    </Page>
  );
}

function AllocationProgress({ allocation: a }: { allocation: Allocation }) {
  const { t, number, points } = useI18n();
  const done = a.status === 'completed';
  return (
    <section className={`alert ${done ? 'alert-success' : 'alert-info'}`} aria-labelledby="allocation-progress" aria-live="polite">
      <strong id="allocation-progress">{t(done ? 'hr.allocationDone' : 'hr.allocationRunning', { reason: a.reason })}</strong>
      <div className="field" style={{ marginTop: 8 }}>
        <label htmlFor="allocation-progress-bar">
          {t('hr.creditedOf', { credited: number(a.credited), count: number(a.recipientCount) })} · {points(a.totalPoints)}
        </label>
        <progress id="allocation-progress-bar" max={a.recipientCount || 1} value={done ? a.recipientCount || 1 : a.credited} style={{ width: '100%' }} />
      </div>
      {a.skippedCount ? <p>{t('hr.skipped', { n: number(a.skippedCount) })}</p> : null}
    </section>
  );
}

function AllocationList({ list }: { list: PagedList<Allocation> }) {
  const { t, number, points, dateTime, date } = useI18n();
  return (
    <section aria-labelledby="allocation-list-heading">
      <h2 id="allocation-list-heading">{t('hr.allocationListHeading')}</h2>
      {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : !list.items ? <Loading /> : !list.items.length ? (
        <p className="muted">{t('hr.noAllocations')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('hr.allocationListHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hr.reason')}</th>
                <th scope="col">{t('hr.colCreated')}</th>
                <th scope="col">{t('hr.pointsEach')}</th>
                <th scope="col">{t('hr.recipients')}</th>
                <th scope="col">{t('hr.colTotal')}</th>
                <th scope="col">{t('hr.expiresOn')}</th>
                <th scope="col">{t('hr.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst(list.items).map((a) => (
                <tr key={a.allocationId}>
                  <th scope="row"><bdi>{a.reason}</bdi>{a.message ? <div className="muted" style={{ fontWeight: 400 }}><bdi>{a.message}</bdi></div> : null}</th>
                  <td>{dateTime(a.createdAt)}</td>
                  <td>{points(a.points)}</td>
                  <td>{number(a.recipientCount)}{a.skippedCount ? <div className="muted">{t('hr.skipped', { n: number(a.skippedCount) })}</div> : null}</td>
                  <td>{points(a.totalPoints - a.returnedPoints)}</td>
                  <td>{a.expiresAt ? date(a.expiresAt) : <span className="muted">{t('hr.never')}</span>}</td>
                  <td>
                    <span className={`badge ${a.status === 'completed' ? 'badge-delivered' : 'badge-shipped'}`}>
                      {t(a.status === 'completed' ? 'hr.statusCompleted' : 'hr.statusProcessing')}
                    </span>
                    {a.status === 'processing' ? <div className="muted">{t('hr.creditedOf', { credited: number(a.credited), count: number(a.recipientCount) })}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager list={list} label={t('hr.allocationListHeading')} />
    </section>
  );
}
