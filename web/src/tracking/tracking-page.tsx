/**
 * The recipient's tracking page, `/track/:token`: public, no sign-in. It shows what
 * `GET /v1/tracking/{token}` returns and nothing more (no name, no address: the API has none).
 */
import { ApiError, type Problem } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { ErrorMessage, Loading, Page, StatusBadge, useResource } from '../ui/components';
import { FORWARD_PATH, furthestOnPath, type TrackingView } from '../partner/types';
import { carrierName } from './carriers';
import { EventTimeline } from './timeline';

/** Without the session's bearer token: the page is public and the API needs none. */
async function fetchTracking(token: string): Promise<TrackingView> {
  const res = await fetch(`/v1/tracking/${encodeURIComponent(token)}`, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({ type: 'about:blank', title: res.statusText, status: res.status }))) as Problem;
    throw new ApiError(res.status, problem);
  }
  return (await res.json()) as TrackingView;
}

export function TrackingPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const token = params.token ?? '';
  const tracking = useResource(() => fetchTracking(token), [token]);
  if (tracking.loading && !tracking.data) return <Page title={t('tracking.title')}><Loading /></Page>;
  // A malformed token is refused as invalid input (422); to the reader it is the same unknown link.
  if (tracking.error instanceof ApiError && (tracking.error.status === 404 || tracking.error.status === 422)) {
    return (
      <Page title={t('tracking.notFoundTitle')}>
        <div className="card track-unknown">
          <p>{t('tracking.notFoundText')}</p>
        </div>
      </Page>
    );
  }
  if (!tracking.data) return <Page title={t('tracking.title')}><ErrorMessage error={tracking.error} onRetry={tracking.reload} /></Page>;
  return <Tracking view={tracking.data} />;
}

function Tracking({ view }: { view: TrackingView }) {
  const { t, dateTime, number } = useI18n();
  return (
    <Page title={t('tracking.title')}>
      <section className={`card track-status track-status-${view.status}`} aria-labelledby="track-status">
        <h2 id="track-status" className="track-status-head">
          <span>{t('tracking.status')}</span>
          <StatusBadge kind="shipment" status={view.status} />
        </h2>
        <p className="track-summary">{t(`tracking.summary_${view.status}` as MessageKey)}</p>
        {view.status !== 'cancelled' ? <Progress view={view} /> : null}
        <p className="muted track-updated">{t('tracking.updated', { when: dateTime(view.updatedAt) })}</p>
      </section>

      <div className="track-columns">
        <section className="card" aria-labelledby="track-parcel">
          <h2 id="track-parcel">{t('tracking.parcel')}</h2>
          <dl className="track-facts">
            <dt>{t('tracking.carrier')}</dt>
            <dd>{view.carrierCode ? carrierName(view.carrierCode) : <span className="muted">{t('tracking.notYet')}</span>}</dd>
            <dt>{t('tracking.trackingNumber')}</dt>
            <dd>{view.trackingNumber ? <span className="code" dir="ltr">{view.trackingNumber}</span> : <span className="muted">{t('tracking.notYet')}</span>}</dd>
          </dl>
          <h3>{t('tracking.items')}</h3>
          <ul className="track-items">
            {view.items.map((i, n) => (
              <li key={n}>
                <span className="track-qty">{t('tracking.quantity', { n: number(i.quantity) })}</span>{' '}
                <bdi>{i.name}</bdi>
                {i.variantName ? <span className="muted"> · <bdi>{i.variantName}</bdi></span> : null}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="track-history">
          <h2 id="track-history">{t('tracking.history')}</h2>
          {view.events.length ? <EventTimeline events={view.events} label={t('tracking.history')} /> : <p className="muted">{t('tracking.noEvents')}</p>}
        </section>
      </div>
    </Page>
  );
}

/**
 * The forward path as steps. Off the path (exception, returned), the step the parcel got to is
 * marked with what happened there instead. The first step is named for the recipient: "waiting
 * for the partner" means nothing to them.
 */
function Progress({ view }: { view: TrackingView }) {
  const { t, number } = useI18n();
  const reached = furthestOnPath(view.status, view.events);
  const offPath = view.status === 'exception' || view.status === 'returned';
  return (
    <ol className={`track-progress${offPath ? ' track-progress-off' : ''}`} aria-label={t('tracking.progress')}>
      {FORWARD_PATH.map((step, i) => {
        const state = i < reached || (i === reached && step === 'delivered') ? 'done' : i === reached ? (offPath ? 'stopped' : 'current') : 'upcoming';
        return (
          <li key={step} className={`track-step track-step-${state}`} aria-current={state === 'current' || state === 'stopped' ? 'step' : undefined}>
            <span className="track-dot" aria-hidden="true">{state === 'done' ? '✓' : state === 'stopped' ? '!' : number(i + 1)}</span>
            <span className="track-step-label">
              {step === 'pending' ? t('tracking.step_pending') : t(`common.shipment_${step}`)}
              {state === 'stopped' ? <span className="track-step-note">{t(`common.shipment_${view.status}`)}</span> : null}
            </span>
            <span className="track-sr-only"> ({t(`tracking.step_${state}`)})</span>
          </li>
        );
      })}
    </ol>
  );
}
