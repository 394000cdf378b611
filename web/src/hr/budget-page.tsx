/**
 * `/hr/budget`: buy points through Stripe Checkout, follow the top-ups, read the ledger and
 * export it as CSV. Points arrive only when Stripe confirms the payment, so a top-up stays
 * "pending" until then.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api, newIdempotencyKey } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { useLocation } from '../router';
import { Button, ErrorMessage, Field, Loading, Notice, Page, fieldErrors, useResource } from '../ui/components';
import type { Budget, LedgerEntry, TopUp } from './api-types';
import { saveAsFile } from './download';
import { addDays, formatMoney, formatSigned, isoDay, newestFirst } from './format';
import { Pager, usePagedList, type PagedList } from './paged-list';

export function BudgetPage() {
  const { t, points } = useI18n();
  const { query } = useLocation();
  const budget = useResource(() => api<Budget>('/v1/budget'), []);
  const topUps = usePagedList<TopUp>('/v1/budget/top-ups?limit=10');
  const checkout = query.get('checkout');
  const refresh = () => {
    budget.reload();
    topUps.reload();
  };
  return (
    <Page title={t('hr.budgetTitle')} actions={<Button className="secondary" onClick={refresh}>{t('hr.refresh')}</Button>}>
      {checkout === 'success' ? <Notice tone="success">{t('hr.checkoutSuccess')}</Notice> : null}
      {checkout === 'cancelled' ? <Notice tone="warning">{t('hr.checkoutCancelled')}</Notice> : null}
      {budget.error ? <ErrorMessage error={budget.error} onRetry={budget.reload} /> : budget.data ? (
        <p>
          {t('hr.balanceNow', { points: points(budget.data.balancePoints) })}
          {budget.data.pendingTopUpPoints ? <> · {t('hr.pendingNow', { points: points(budget.data.pendingTopUpPoints) })}</> : null}
        </p>
      ) : <Loading />}
      <TopUpForm />
      <TopUpList list={topUps} />
      <Ledger />
    </Page>
  );
}

function TopUpForm() {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // One key per intent: a retry of the same amount reuses it, so a lost response cannot buy twice.
  const key = useRef<{ points: number; key: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const pointsWanted = Number(value);
    if (!key.current || key.current.points !== pointsWanted) key.current = { points: pointsWanted, key: newIdempotencyKey() };
    setBusy(true);
    setError(undefined);
    try {
      const topUp = await api<TopUp>('/v1/budget/top-ups', { method: 'POST', body: { points: pointsWanted }, idempotencyKey: key.current.key });
      if (!topUp.checkoutUrl) throw new Error(t('hr.noCheckoutUrl'));
      location.assign(topUp.checkoutUrl);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="top-up-heading">
      <h2 id="top-up-heading" style={{ margin: 0 }}>{t('hr.topUpHeading')}</h2>
      <p className="muted" style={{ margin: 0 }}>{t('hr.topUpIntro')}</p>
      <div className="row">
        <Field
          label={t('hr.pointsToBuy')} name="points" type="number" inputMode="numeric" min={1} max={100_000_000} step={1} required
          value={value} onChange={(e) => setValue(e.target.value)} error={fieldErrors(error).points}
        />
        <Button type="submit" busy={busy}>{t('hr.topUpSubmit')}</Button>
      </div>
      {error && !fieldErrors(error).points ? <ErrorMessage error={error} /> : null}
    </form>
  );
}

const TOP_UP_STATUS: Record<TopUp['status'], MessageKey> = {
  pending: 'hr.topUp_pending',
  awaiting_payment: 'hr.topUp_awaiting_payment',
  credited: 'hr.topUp_credited',
  failed: 'hr.topUp_failed',
  expired: 'hr.topUp_expired',
};

function TopUpList({ list }: { list: PagedList<TopUp> }) {
  const { t, points, dateTime, locale } = useI18n();
  return (
    <section aria-labelledby="top-ups-heading">
      <h2 id="top-ups-heading">{t('hr.topUpsHeading')}</h2>
      {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : !list.items ? <Loading /> : !list.items.length ? (
        <p className="muted">{t('hr.noTopUps')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('hr.topUpsHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hr.colCreated')}</th>
                <th scope="col">{t('hr.colPoints')}</th>
                <th scope="col">{t('hr.colAmount')}</th>
                <th scope="col">{t('hr.colStatus')}</th>
                <th scope="col"><span className="visually-hidden">{t('hr.colActions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {newestFirst(list.items).map((u) => (
                <tr key={u.topUpId}>
                  <td>{dateTime(u.createdAt)}</td>
                  <td>{points(u.points)}</td>
                  <td>{formatMoney(u.amount, locale)}</td>
                  <td>
                    <span className={`badge badge-${u.status === 'credited' ? 'delivered' : u.status === 'failed' || u.status === 'expired' ? 'cancelled' : 'placed'}`}>{t(TOP_UP_STATUS[u.status])}</span>
                    {u.refundedPoints ? <div className="muted">{t('hr.refundedOf', { points: points(u.refundedPoints) })}</div> : null}
                  </td>
                  <td>{u.status === 'pending' && u.checkoutUrl ? <a href={u.checkoutUrl}>{t('hr.continuePayment')}</a> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager list={list} label={t('hr.topUpsHeading')} />
    </section>
  );
}

const KINDS: Record<LedgerEntry['kind'], MessageKey> = {
  'top-up': 'hr.kind_top_up',
  credit: 'hr.kind_credit',
  refund: 'hr.kind_refund',
  allocation: 'hr.kind_allocation',
  'allocation-reserve': 'hr.kind_allocation_reserve',
  'allocation-release': 'hr.kind_allocation_release',
  expiry: 'hr.kind_expiry',
  redemption: 'hr.kind_redemption',
  'redemption-reversal': 'hr.kind_redemption_reversal',
};

function Ledger() {
  const { t, number, dateTime, locale } = useI18n();
  const ledger = usePagedList<LedgerEntry>('/v1/budget/ledger?limit=20');
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">{t('hr.ledgerHeading')}</h2>
      <LedgerExport />
      {ledger.error ? <ErrorMessage error={ledger.error} onRetry={ledger.reload} /> : !ledger.items ? <Loading /> : !ledger.items.length ? (
        <p className="muted">{t('hr.noLedger')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('hr.ledgerHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hr.colWhen')}</th>
                <th scope="col">{t('hr.colKind')}</th>
                <th scope="col">{t('hr.colChange')}</th>
                <th scope="col">{t('hr.colBalanceAfter')}</th>
                <th scope="col">{t('hr.colNote')}</th>
              </tr>
            </thead>
            <tbody>
              {ledger.items.map((e) => (
                <tr key={e.entryId}>
                  <td>{dateTime(e.at)}</td>
                  <td>{t(KINDS[e.kind])}</td>
                  <td>
                    <bdi>{formatSigned(e.deltaPoints, locale)}</bdi>
                  </td>
                  <td>{number(e.balanceAfter)}</td>
                  <td>{e.note ? <bdi>{e.note}</bdi> : <bdi className="code">{e.reference}</bdi>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager list={ledger} label={t('hr.ledgerHeading')} />
    </section>
  );
}

/** The ledger of a period as CSV: the export needs the bearer token, so it is fetched and saved as a Blob. */
function LedgerExport() {
  const { t } = useI18n();
  const today = isoDay(new Date());
  const [from, setFrom] = useState(addDays(today, -30));
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [truncated, setTruncated] = useState(false);
  const download = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // The picker's end day is inclusive; the API's `to` is exclusive.
      const csv = await api<string>(`/v1/reports/ledger.csv?from=${from}&to=${addDays(to, 1)}`, { raw: true });
      setTruncated(/\n# truncated\s*$/.test(csv));
      saveAsFile(csv, `ledger-${from}-${to}.csv`, 'text/csv;charset=utf-8');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card stack" onSubmit={download} aria-label={t('hr.exportLedger')}>
      <div className="row">
        <Field label={t('hr.from')} type="date" required value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        <Field label={t('hr.toInclusive')} type="date" required value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        <Button type="submit" className="secondary" busy={busy}>{t('hr.exportLedger')}</Button>
      </div>
      {truncated ? <Notice tone="warning">{t('hr.exportTruncated')}</Notice> : null}
      <ErrorMessage error={error} />
    </form>
  );
}
