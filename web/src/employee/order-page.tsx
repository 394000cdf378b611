import { useState, type FormEvent } from 'react';
import { api, ApiError, newIdempotencyKey } from '../api';
import { useI18n } from '../i18n';
import { Link, useLocation } from '../router';
import { Button, ErrorMessage, Field, Loading, Notice, Page, StatusBadge, useResource } from '../ui/components';
import { trackingPath, type Order } from './types';

const SHIPPED = ['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'returned'];

export function OrderPage({ params }: { params: Record<string, string> }) {
  const { t, points, dateTime } = useI18n();
  const { query } = useLocation();
  const order = useResource(() => api<Order>(`/v1/orders/${encodeURIComponent(params.orderId!)}`), [params.orderId]);
  const [cancelKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  const [shown, setShown] = useState<Record<string, boolean>>({});

  if (order.loading && !order.data) return <Page title={t('employee.orders')}><Loading /></Page>;
  if (!order.data) return <Page title={t('employee.orders')}><ErrorMessage error={order.error} /></Page>;
  const o = order.data;
  const cancellable = (o.status === 'placed' || o.status === 'processing') && !o.shipments.some((s) => SHIPPED.includes(s.status))
    && !o.items.some((i) => i.kind === 'gift_card_digital');

  const cancel = async () => {
    if (!window.confirm(t('employee.confirmCancel'))) return;
    setBusy(true);
    setError(undefined);
    try {
      await api<Order>(`/v1/orders/${o.orderId}/cancel`, { method: 'POST', idempotencyKey: cancelKey });
      setMessage(t('employee.cancelled'));
      order.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('employee.orderOf', { date: dateTime(o.createdAt) })} actions={<StatusBadge kind="order" status={o.status} />}>
      {query.get('placed') ? <Notice tone="success">{t('employee.orderPlaced')}</Notice> : null}
      {message ? <Notice tone="success">{message}</Notice> : null}
      <ErrorMessage error={error} />
      <h2>{t('employee.items')}</h2>
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">{t('employee.items')}</th><th scope="col">{t('employee.quantity')}</th><th scope="col">{t('employee.total')}</th></tr></thead>
          <tbody>
            {o.items.map((i) => (
              <tr key={i.variantId}>
                <td>{i.name} — {i.variantName}</td>
                <td>{i.quantity}</td>
                <td>{points(i.pointsEach * i.quantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {o.items.some((i) => i.giftCodes?.length) ? (
        <section aria-labelledby="codes-title" className="card stack" style={{ marginTop: 16 }}>
          <h2 id="codes-title" style={{ margin: 0 }}>{t('employee.codes')}</h2>
          {o.items.flatMap((i) => (i.giftCodes ?? []).map((code, n) => {
            const key = `${i.variantId}-${n}`;
            return (
              <div key={key} className="row" style={{ alignItems: 'center' }}>
                <span>{i.name}:</span>
                {shown[key] ? <span className="code" data-testid="gift-code">{code}</span> : <span aria-hidden="true">••••••••</span>}
                <Button className="secondary" aria-expanded={!!shown[key]} onClick={() => setShown({ ...shown, [key]: !shown[key] })}>
                  {shown[key] ? t('employee.hideCode') : t('employee.showCode')}
                </Button>
              </div>
            );
          }))}
        </section>
      ) : null}
      {o.shipments.length ? (
        <>
          <h2>{t('employee.shipments')}</h2>
          <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
            {o.shipments.map((s) => {
              const track = trackingPath(s);
              return (
                <li key={s.shipmentId} className="card row" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
                  <StatusBadge kind="shipment" status={s.status} />
                  {s.trackingNumber ? <span>{t('employee.carrier')}: {s.carrierCode} · {t('employee.trackingNumber')}: <span className="code">{s.trackingNumber}</span></span> : null}
                  {track ? <Link to={track}>{t('employee.track')}</Link> : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <h2>{t('employee.history')}</h2>
      <ol className="timeline">
        {o.history.map((h) => <li key={`${h.status}-${h.at}`}><StatusBadge kind="order" status={h.status} /> <span className="muted">{dateTime(h.at)}</span></li>)}
      </ol>
      {cancellable ? <Button className="danger" busy={busy} onClick={() => void cancel()}>{t('employee.cancelOrder')}</Button> : null}
      {o.status === 'delivered' ? <Feedback orderId={o.orderId} /> : null}
    </Page>
  );
}

function Feedback({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'already'>('idle');
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (score === undefined) return;
    setState('busy');
    setError(undefined);
    try {
      await api(`/v1/orders/${orderId}/feedback`, { method: 'POST', body: { score, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      setState('done');
    } catch (err) {
      if (err instanceof ApiError && err.slug === 'conflict') setState('already');
      else {
        setError(err);
        setState('idle');
      }
    }
  };
  if (state === 'done') return <Notice tone="success">{t('employee.thanksFeedback')}</Notice>;
  if (state === 'already') return <Notice>{t('employee.alreadyRated')}</Notice>;
  return (
    <form className="card stack" style={{ marginTop: 16 }} onSubmit={(e) => void submit(e)} aria-labelledby="feedback-title">
      <h2 id="feedback-title" style={{ margin: 0 }}>{t('employee.feedbackTitle')}</h2>
      <fieldset style={{ border: 0, padding: 0 }}>
        <legend>{t('employee.feedbackScore')}</legend>
        <div className="row" style={{ gap: 6 }}>
          {Array.from({ length: 11 }, (_, n) => (
            <label key={n} style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
              <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} />{n}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('employee.feedbackComment')} value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
      <ErrorMessage error={error} />
      <Button type="submit" busy={state === 'busy'} disabled={score === undefined}>{t('employee.sendFeedback')}</Button>
    </form>
  );
}
