/** `/hr/orders/:orderId`: items, shipments with tracking, history; cancel while nothing has shipped. */
import { useRef, useState } from 'react';
import { api, newIdempotencyKey } from '../api';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { Button, ErrorMessage, Loading, Notice, Page, StatusBadge, useResource } from '../ui/components';
import type { Employee, Order } from './api-types';
import { countryName } from './countries';

export function OrderPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const orderId = params.orderId ?? '';
  const order = useResource(() => api<Order>(`/v1/orders/${encodeURIComponent(orderId)}`), [orderId]);
  const [current, setCurrent] = useState<Order>();
  const shown = current ?? order.data;
  return (
    <Page title={t('hr.orderN', { id: orderId.slice(-8) })} actions={<Link to="/hr/orders">{t('hr.backToOrders')}</Link>}>
      {order.error ? <ErrorMessage error={order.error} onRetry={order.reload} /> : !shown ? <Loading /> : <OrderDetail order={shown} onChange={setCurrent} />}
    </Page>
  );
}

function OrderDetail({ order: o, onChange }: { order: Order; onChange: (order: Order) => void }) {
  const { t, number, points, dateTime, locale } = useI18n();
  const employee = useResource(() => api<Employee>(`/v1/employees/${encodeURIComponent(o.employeeId)}`).catch(() => undefined), [o.employeeId]);
  const a = o.shippingAddress;
  return (
    <div className="stack">
      <dl className="grid" style={{ margin: 0 }}>
        <div className="card"><dt className="muted">{t('hr.colStatus')}</dt><dd style={{ margin: 0 }}><StatusBadge kind="order" status={o.status} /></dd></div>
        <div className="card"><dt className="muted">{t('hr.employee')}</dt><dd style={{ margin: 0 }}>{employee.data?.name ?? a.name}{employee.data?.department ? <span className="muted"> · {employee.data.department}</span> : null}</dd></div>
        <div className="card"><dt className="muted">{t('hr.colCreated')}</dt><dd style={{ margin: 0 }}>{dateTime(o.createdAt)}</dd></div>
        <div className="card"><dt className="muted">{t('hr.colTotal')}</dt><dd style={{ margin: 0 }}>{points(o.totalPoints)}</dd></div>
      </dl>
      <CancelOrder order={o} onCancelled={onChange} />

      <h2>{t('hr.items')}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('hr.product')}</th>
              <th scope="col">{t('hr.quantity')}</th>
              <th scope="col">{t('hr.pointsEachShort')}</th>
              <th scope="col">{t('hr.colTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {o.items.map((i) => (
              <tr key={`${i.productId}-${i.variantId}`}>
                <th scope="row">{i.name}<div className="muted" style={{ fontWeight: 400 }}>{i.variantName}</div></th>
                <td>{number(i.quantity)}</td>
                <td>{points(i.pointsEach)}</td>
                <td>{points(i.pointsEach * i.quantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('hr.shipments')}</h2>
      {!o.shipments.length ? <p className="muted">{t('hr.noShipments')}</p> : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('hr.colStatus')}</th>
                <th scope="col">{t('hr.carrier')}</th>
                <th scope="col">{t('hr.trackingNumber')}</th>
                <th scope="col">{t('hr.tracking')}</th>
              </tr>
            </thead>
            <tbody>
              {o.shipments.map((s) => (
                <tr key={s.shipmentId}>
                  <td><StatusBadge kind="shipment" status={s.status} /></td>
                  <td>{s.carrierCode ?? <span className="muted">{t('hr.notYet')}</span>}</td>
                  <td>{s.trackingNumber ? <bdi className="code">{s.trackingNumber}</bdi> : <span className="muted">{t('hr.notYet')}</span>}</td>
                  <td>{s.trackingUrl ? <a href={s.trackingUrl} target="_blank" rel="noreferrer">{t('hr.trackShipment')}<span className="visually-hidden"> {t('hr.opensNewTab')}</span></a> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(min(260px, 100%), 1fr))', alignItems: 'start' }}>
        <section aria-labelledby="address-heading">
          <h2 id="address-heading">{t('hr.shippingAddress')}</h2>
          <address className="card" style={{ fontStyle: 'normal' }}>
            {a.name}<br />{a.line1}<br />{a.line2 ? <>{a.line2}<br /></> : null}
            {a.postalCode} {a.city}{a.region ? `, ${a.region}` : ''}<br />{countryName(a.country, locale)}
            {a.phone ? <><br /><bdi>{a.phone}</bdi></> : null}
          </address>
        </section>
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t('hr.history')}</h2>
          <ol className="timeline">
            {o.history.map((h, i) => <li key={i}><StatusBadge kind="order" status={h.status} /> <span className="muted">{dateTime(h.at)}</span></li>)}
          </ol>
        </section>
      </div>
    </div>
  );
}

/** Cancelling asks once more; the key is kept for the intent so a retry cannot cancel twice. */
function CancelOrder({ order, onCancelled }: { order: Order; onCancelled: (order: Order) => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const key = useRef(newIdempotencyKey());
  if (done) return <Notice tone="success">{t('hr.orderCancelled')}</Notice>;
  if (order.status !== 'placed' && order.status !== 'processing') return null;
  const cancel = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api<Order>(`/v1/orders/${encodeURIComponent(order.orderId)}/cancel`, { method: 'POST', idempotencyKey: key.current });
      setDone(true);
      onCancelled(updated);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      {confirming ? (
        <div className="alert alert-warning" role="group" aria-label={t('hr.cancelOrder')}>
          <p>{t('hr.cancelConfirm')}</p>
          <div className="row">
            <Button className="danger" busy={busy} onClick={cancel}>{t('hr.cancelYes')}</Button>
            <Button className="secondary" onClick={() => setConfirming(false)}>{t('hr.cancelNo')}</Button>
          </div>
        </div>
      ) : (
        <div><Button className="secondary" onClick={() => setConfirming(true)}>{t('hr.cancelOrder')}</Button></div>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
