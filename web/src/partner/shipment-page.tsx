/**
 * One shipment for its partner: what to pack, where to send it, what happened so far, and the
 * events to report. A cancelled shipment says "Do not ship" and offers nothing to report (the
 * API refuses events on it with 409 invalid-state).
 */
import { useState } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { EventTimeline } from '../tracking/timeline';
import { carrierName } from '../tracking/carriers';
import { ErrorMessage, Loading, Notice, Page, StatusBadge, useResource } from '../ui/components';
import { AddressLabel } from './address-label';
import { EventForm, LabelForm, ShipAction, type PostEvent } from './shipment-actions';
import { shortId } from './shipments-page';
import type { EventBody, PartnerShipment, PostedEvent, ShipmentEvent } from './types';

type Outcome =
  | { kind: 'recorded'; status: EventBody['status'] }
  | { kind: 'duplicate' }
  | { kind: 'cancelled' }
  | { kind: 'invalid' }
  | { kind: 'failed'; error: unknown };

export function ShipmentPage({ params }: { params: Record<string, string> }) {
  const { t, number } = useI18n();
  const shipmentId = params.shipmentId ?? '';
  const loaded = useResource(() => api<PartnerShipment>(`/v1/partner/shipments/${encodeURIComponent(shipmentId)}`), [shipmentId]);
  // The POST answers with the updated shipment: shown at once, without another read.
  const [posted, setPosted] = useState<PartnerShipment | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const shipment = posted?.shipmentId === shipmentId ? posted : loaded.data;

  const post: PostEvent = async (body) => {
    setOutcome(undefined);
    try {
      const { duplicate, ...updated } = await api<PostedEvent>(`/v1/partner/shipments/${encodeURIComponent(shipmentId)}/events`, { method: 'POST', body });
      setPosted(updated);
      setOutcome(duplicate ? { kind: 'duplicate' } : { kind: 'recorded', status: body.status });
      return undefined;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.slug === 'invalid-state') {
        // The order was cancelled meanwhile: read the shipment again so the page says so.
        setOutcome({ kind: 'cancelled' });
        setPosted(undefined);
        loaded.reload();
      } else if (error instanceof ApiError && error.status === 422) {
        setOutcome({ kind: 'invalid' });
      } else {
        setOutcome({ kind: 'failed', error });
      }
      return error;
    }
  };

  const back = <Link to="/partner" className="partner-back">{t('partner.back')}</Link>;
  if (!shipment) {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <Page title={t('partner.shipmentTitle', { id: shortId(shipmentId) })}>
        {back}
        {loaded.loading ? <Loading /> : missing ? <div className="alert alert-error" role="alert">{t('partner.notFound')}</div> : <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
      </Page>
    );
  }

  const done = shipment.status === 'delivered' || shipment.status === 'returned';
  // A 409 says so before the shipment is read again.
  const cancelled = shipment.status === 'cancelled' || outcome?.kind === 'cancelled';
  const beforeHandOver = shipment.status === 'pending' || shipment.status === 'label_created';
  return (
    <Page title={t('partner.shipmentTitle', { id: shortId(shipment.shipmentId) })} actions={<StatusBadge kind="shipment" status={shipment.status} />}>
      {back}
      <OutcomeMessage outcome={outcome} />
      {cancelled ? (
        <div className="alert alert-error partner-do-not-ship" role="alert">
          <strong>{t('partner.doNotShipTitle')}</strong>
          {outcome?.kind === 'cancelled' ? <p><b>{t('partner.cancelledErrorText')}</b></p> : null}
          <p>{t('partner.doNotShipText')}</p>
        </div>
      ) : null}
      {shipment.status === 'exception' && !cancelled ? (
        <div className="alert alert-warning partner-exception">
          <strong>{t('partner.exceptionTitle')}</strong>
          <p>{t('partner.exceptionText')}</p>
        </div>
      ) : null}

      <div className="partner-detail">
        <div className="stack">
          <section className="card" aria-labelledby="ship-to">
            <h2 id="ship-to">{t('partner.shipTo')}</h2>
            <AddressLabel address={shipment.shippingAddress} />
          </section>
          <section aria-labelledby="items">
            <h2 id="items">{t('partner.items')}</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('partner.colName')}</th>
                    <th scope="col">{t('partner.colVariant')}</th>
                    <th scope="col">{t('partner.colSku')}</th>
                    <th scope="col" className="partner-num">{t('partner.colQuantity')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shipment.items.map((i) => (
                    <tr key={i.variantId}>
                      <th scope="row" dir="auto">{i.name}</th>
                      <td dir="auto">{i.variantName}</td>
                      <td><span className="code partner-sku" dir="ltr">{i.sku ?? '—'}</span></td>
                      <td className="partner-num">{number(i.quantity)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <Summary shipment={shipment} />
        </div>

        <div className="stack">
          {!cancelled ? (
            <section className="stack" aria-labelledby="actions">
              <h2 id="actions">{t('partner.actions')}</h2>
              {done ? <p className="muted">{t('partner.doneText')}</p> : (
                <>
                  {/* Keyed by the last change: after any recorded event the forms start afresh (and suggest the next status). */}
                  {beforeHandOver || !shipment.trackingNumber ? <LabelForm key={`label-${shipment.updatedAt}`} shipment={shipment} post={post} /> : null}
                  {beforeHandOver ? <ShipAction shipment={shipment} post={post} /> : null}
                  <EventForm key={`event-${shipment.updatedAt}`} shipment={shipment} post={post} />
                </>
              )}
            </section>
          ) : null}
          <section aria-labelledby="events">
            <h2 id="events">{t('partner.events')}</h2>
            {shipment.events.length ? (
              <EventTimeline<ShipmentEvent> events={shipment.events} label={t('partner.events')}
                extra={(e) => <div className="muted partner-small">{t(`partner.source_${e.source}`)}</div>} />
            ) : <p className="muted">{t('partner.noEvents')}</p>}
          </section>
        </div>
      </div>
    </Page>
  );
}

function Summary({ shipment }: { shipment: PartnerShipment }) {
  const { t, dateTime } = useI18n();
  return (
    <section className="card" aria-labelledby="summary">
      <h2 id="summary">{t('partner.summary')}</h2>
      <dl className="partner-facts">
        <dt>{t('partner.shipmentId')}</dt><dd><span className="code partner-id" dir="ltr">{shipment.shipmentId}</span></dd>
        <dt>{t('partner.order')}</dt><dd><span className="code partner-id" dir="ltr">{shipment.orderId}</span></dd>
        <dt>{t('partner.carrier')}</dt><dd>{shipment.carrierCode ? carrierName(shipment.carrierCode) : <span className="muted">{t('partner.notYet')}</span>}</dd>
        <dt>{t('partner.trackingNumber')}</dt><dd>{shipment.trackingNumber ? <span className="code" dir="ltr">{shipment.trackingNumber}</span> : <span className="muted">{t('partner.notYet')}</span>}</dd>
        <dt>{t('partner.created')}</dt><dd><time dateTime={shipment.createdAt}>{dateTime(shipment.createdAt)}</time></dd>
        <dt>{t('partner.updated')}</dt><dd><time dateTime={shipment.updatedAt}>{dateTime(shipment.updatedAt)}</time></dd>
      </dl>
    </section>
  );
}

function OutcomeMessage({ outcome }: { outcome: Outcome | undefined }) {
  const { t } = useI18n();
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'recorded':
      return <Notice tone="success">{t('partner.recorded', { status: t(`common.shipment_${outcome.status}`) })}</Notice>;
    case 'duplicate':
      return <Notice tone="info">{t('partner.duplicate')}</Notice>;
    case 'cancelled':
      return null; // said in the "Do not ship" banner
    case 'invalid':
      return <div className="alert alert-error" role="alert">{t('partner.fixFields')}</div>;
    case 'failed':
      return <ErrorMessage error={outcome.error} />;
  }
}
