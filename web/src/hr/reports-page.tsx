/**
 * `/hr/reports`: a period's figures, NPS and orders, and a chart of points allocated vs redeemed.
 * The API reports one period at a time, so the chart asks for the summary of each of six
 * equal slices of the period.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { Button, ErrorMessage, Field, Loading, Page, StatusBadge, useResource } from '../ui/components';
import type { ReportSummary } from './api-types';
import { addDays, daysBetween, formatDay, isoDay } from './format';
import { ORDER_STATUSES } from './orders-page';
import { PointsChart, type ChartBucket } from './points-chart';

const BUCKETS = 6;

const FIGURES: [keyof ReportSummary, MessageKey][] = [
  ['fundedPoints', 'hr.funded'],
  ['allocatedPoints', 'hr.allocated'],
  ['redeemedPoints', 'hr.redeemed'],
  ['expiredPoints', 'hr.expired'],
  ['refundedPoints', 'hr.refunded'],
];

function summaryOf(from: string, to: string): Promise<ReportSummary> {
  return api<ReportSummary>(`/v1/reports/summary?from=${from}&to=${to}`);
}

export function ReportsPage() {
  const { t } = useI18n();
  const today = isoDay(new Date());
  // The picker's dates are inclusive; the API's period is [from, to).
  const [period, setPeriod] = useState({ from: addDays(today, -29), to: today });
  const [draft, setDraft] = useState(period);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setPeriod(draft);
  };
  return (
    <Page title={t('hr.reportsTitle')}>
      <form className="row card" onSubmit={apply} aria-label={t('hr.periodPicker')}>
        <Field label={t('hr.from')} type="date" required value={draft.from} max={draft.to} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
        <Field label={t('hr.toInclusive')} type="date" required value={draft.to} min={draft.from} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
        <Button type="submit">{t('hr.showReport')}</Button>
      </form>
      <Report from={period.from} to={addDays(period.to, 1)} />
    </Page>
  );
}

function Report({ from, to }: { from: string; to: string }) {
  const { t, number, points, dateTime } = useI18n();
  const summary = useResource(() => summaryOf(from, to), [from, to]);
  if (summary.error) return <ErrorMessage error={summary.error} onRetry={summary.reload} />;
  if (!summary.data) return <Loading />;
  const s = summary.data;
  const nps = s.nps;
  return (
    <div className="stack" aria-busy={summary.loading || undefined}>
      <p className="muted">{t('hr.generatedAt', { at: dateTime(s.generatedAt) })}</p>
      <h2>{t('hr.inPeriod')}</h2>
      <dl className="grid" style={{ margin: 0 }}>
        {FIGURES.map(([field, label]) => (
          <div key={field} className="card">
            <dt className="muted">{t(label)}</dt>
            <dd style={{ margin: 0, fontSize: '1.3rem', fontWeight: 600 }}>{points(s[field] as number)}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('hr.now')}</h2>
      <dl className="grid" style={{ margin: 0 }}>
        <div className="card"><dt className="muted">{t('hr.balance')}</dt><dd style={{ margin: 0, fontSize: '1.3rem', fontWeight: 600 }}>{points(s.budget.balancePoints)}</dd></div>
        <div className="card"><dt className="muted">{t('hr.outstanding')}</dt><dd style={{ margin: 0, fontSize: '1.3rem', fontWeight: 600 }}>{points(s.outstandingPoints)}</dd></div>
      </dl>

      <h2>{t('hr.chartHeading')}</h2>
      <Trend from={from} to={to} />

      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(min(280px, 100%), 1fr))', alignItems: 'start' }}>
        <section aria-labelledby="nps-heading" className="card">
          <h2 id="nps-heading" style={{ marginTop: 0 }}>{t('hr.npsHeading')}</h2>
          {nps.responses === 0 ? <p className="muted">{t('hr.npsNone')}</p> : (
            <>
              <p><span className="big">{number(nps.score ?? 0)}</span> <span className="muted">{t('hr.npsOf', { n: number(nps.responses) })}</span></p>
              <dl className="stack" style={{ margin: 0 }}>
                {([['promoters', 'hr.promoters'], ['passives', 'hr.passives'], ['detractors', 'hr.detractors']] as const).map(([k, label]) => (
                  <div key={k}>
                    <dt>{t(label)}</dt>
                    <dd style={{ margin: 0 }}>
                      <meter min={0} max={nps.responses} value={nps[k]} style={{ width: '60%' }} aria-label={t(label)} /> {number(nps[k])}
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </section>
        <section aria-labelledby="orders-heading" className="card">
          <h2 id="orders-heading" style={{ marginTop: 0 }}>{t('hr.ordersPlaced', { n: number(s.orders.placed) })}</h2>
          <table>
            <thead><tr><th scope="col">{t('hr.colStatus')}</th><th scope="col">{t('hr.orders')}</th></tr></thead>
            <tbody>
              {ORDER_STATUSES.map((status) => (
                <tr key={status}><th scope="row"><StatusBadge kind="order" status={status} /></th><td>{number(s.orders.byStatus[status])}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}

/** Six equal slices of whole days (fewer for a short period), summarised one request each. */
function Trend({ from, to }: { from: string; to: string }) {
  const { t, locale } = useI18n();
  const buckets = useResource(async (): Promise<ChartBucket[]> => {
    const days = daysBetween(from, to);
    const count = Math.max(1, Math.min(BUCKETS, days));
    const edges = Array.from({ length: count + 1 }, (_, i) => addDays(from, Math.round((days * i) / count)));
    const slices = edges.slice(0, -1).map((start, i) => ({ start, end: edges[i + 1]! }));
    const summaries = await Promise.all(slices.map((s) => summaryOf(s.start, s.end)));
    return slices.map((s, i) => ({
      label: formatDay(s.start, locale, true),
      range: daysBetween(s.start, s.end) > 1 ? `${formatDay(s.start, locale)} – ${formatDay(addDays(s.end, -1), locale)}` : formatDay(s.start, locale),
      allocated: summaries[i]!.allocatedPoints,
      redeemed: summaries[i]!.redeemedPoints,
    }));
  }, [from, to, locale]);
  if (buckets.error) return <ErrorMessage error={buckets.error} onRetry={buckets.reload} />;
  if (!buckets.data) return <Loading />;
  if (buckets.data.every((b) => !b.allocated && !b.redeemed)) return <p className="muted">{t('hr.chartEmpty')}</p>;
  return <PointsChart buckets={buckets.data} />;
}
