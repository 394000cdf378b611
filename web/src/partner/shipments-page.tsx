/**
 * The partner's shipments, one status at a time (the API filters by a single status), newest
 * work first being whatever the API pages: tabs are links (`?status=`), so a filter can be
 * bookmarked and the browser's back button works.
 */
import { useState } from 'react';
import { api, type Page as ApiPage } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { Link, useLocation } from '../router';
import { Button, ErrorMessage, Loading, Page, StatusBadge, useResource } from '../ui/components';
import type { PartnerShipment } from './types';

const TABS = ['pending', 'label_created', 'shipped', 'in_transit', 'out_for_delivery', 'exception', 'delivered', 'returned', 'cancelled', 'all'] as const;
type Tab = (typeof TABS)[number];
/** Tabs that mean work for the partner: their counts are worth a small query each. */
const COUNTED: Tab[] = ['pending', 'label_created', 'exception'];
const COUNT_LIMIT = 100;
const PAGE_SIZE = 25;

export function tabOf(query: URLSearchParams): Tab {
  const status = query.get('status');
  return status && (TABS as readonly string[]).includes(status) ? (status as Tab) : 'pending';
}

function tabLabel(tab: Tab): MessageKey {
  return tab === 'all' ? 'partner.tab_all' : tab === 'pending' ? 'partner.tab_pending' : (`common.shipment_${tab}` as MessageKey);
}

async function listShipments(tab: Tab, cursor: string | undefined, limit: number): Promise<ApiPage<PartnerShipment>> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (tab !== 'all') query.set('status', tab);
  if (cursor) query.set('cursor', cursor);
  return api<ApiPage<PartnerShipment>>(`/v1/partner/shipments?${query}`);
}

export function ShipmentsPage() {
  const { t, number } = useI18n();
  const { query } = useLocation();
  const tab = tabOf(query);
  // Cursors of the pages visited in this tab, for "previous page".
  const [pages, setPages] = useState<{ tab: Tab; cursors: (string | undefined)[] }>({ tab, cursors: [undefined] });
  const cursors = pages.tab === tab ? pages.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const list = useResource(() => listShipments(tab, cursor, PAGE_SIZE), [tab, cursor]);
  const counts = useResource(async () => {
    const entries = await Promise.all(COUNTED.map(async (s) => {
      const page = await listShipments(s, undefined, COUNT_LIMIT);
      return [s, { n: page.items.length, more: page.nextCursor !== null }] as const;
    }));
    return Object.fromEntries(entries) as Partial<Record<Tab, { n: number; more: boolean }>>;
  }, []);

  return (
    <Page title={t('partner.title')} actions={<Button className="secondary" onClick={() => { list.reload(); counts.reload(); }}>{t('partner.refresh')}</Button>}>
      <p className="muted">{t('partner.intro')}</p>
      <nav aria-label={t('partner.filterLabel')}>
        <ul className="partner-tabs">
          {TABS.map((s) => {
            const count = counts.data?.[s];
            return (
              <li key={s}>
                <Link
                  to={s === 'pending' ? '/partner' : `/partner?status=${s}`}
                  aria-current={s === tab ? 'page' : undefined}
                  className={`partner-tab${s === 'exception' ? ' partner-tab-exception' : ''}`}
                >
                  {t(tabLabel(s))}
                  {count && count.n > 0 ? <Count n={count.more ? t('partner.countMore', { n: number(count.n) }) : number(count.n)} /> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {counts.data?.exception?.n && tab !== 'exception' ? (
        <div className="alert alert-warning">
          <Link to="/partner?status=exception">{t('partner.exceptionsWaiting', { n: number(counts.data.exception.n) })}</Link>
        </div>
      ) : null}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? <div aria-busy={list.loading}><ShipmentTable shipments={list.data.items} caption={t(tabLabel(tab))} /></div> : null}
      {list.data && (cursors.length > 1 || list.data.nextCursor) ? (
        <div className="row partner-pager">
          <Button className="secondary" disabled={cursors.length <= 1} onClick={() => setPages({ tab, cursors: cursors.slice(0, -1) })}>{t('common.previous')}</Button>
          <Button className="secondary" disabled={!list.data.nextCursor} onClick={() => setPages({ tab, cursors: [...cursors, list.data?.nextCursor ?? undefined] })}>{t('common.next')}</Button>
        </div>
      ) : null}
    </Page>
  );
}

/** A tab's count: a badge to the eye, "(3)" to a screen reader (so the link is not read "To prepare3"). */
function Count({ n }: { n: string }) {
  return <><span className="partner-sr-only"> ({n})</span><span className="partner-count" aria-hidden="true">{n}</span></>;
}

function ShipmentTable({ shipments, caption }: { shipments: PartnerShipment[]; caption: string }) {
  const { t, dateTime } = useI18n();
  if (!shipments.length) return <p className="muted partner-empty">{t('partner.emptyTab')}</p>;
  return (
    <div className="table-wrap partner-table-wrap">
      <table className="partner-table">
        <caption className="partner-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('partner.colShipment')}</th>
            <th scope="col">{t('partner.colItems')}</th>
            <th scope="col">{t('partner.colShipTo')}</th>
            <th scope="col">{t('partner.colStatus')}</th>
            <th scope="col">{t('partner.colUpdated')}</th>
          </tr>
        </thead>
        <tbody>
          {shipments.map((s) => (
            <tr key={s.shipmentId} className={s.status === 'exception' ? 'partner-row-exception' : s.status === 'cancelled' ? 'partner-row-cancelled' : undefined}>
              <th scope="row" data-label={t('partner.colShipment')}>
                <Link to={`/partner/shipments/${encodeURIComponent(s.shipmentId)}`} aria-label={t('partner.openShipment', { id: s.shipmentId })}>
                  <span className="code" dir="ltr">{shortId(s.shipmentId)}</span>
                </Link>
                <div className="muted partner-small partner-id">{t('partner.orderRef', { id: s.orderId })}</div>
              </th>
              <td data-label={t('partner.colItems')}>
                <ul className="partner-plain">
                  {s.items.map((i) => <li key={i.variantId}><ItemLine quantity={i.quantity} name={i.name} variant={i.variantName} /></li>)}
                </ul>
              </td>
              <td data-label={t('partner.colShipTo')}><bdi>{s.shippingAddress.city}, {s.shippingAddress.country}</bdi></td>
              <td data-label={t('partner.colStatus')}>
                <StatusBadge kind="shipment" status={s.status} />
                {s.status === 'exception' ? <div className="partner-attention">{t('partner.needsAttention')}</div> : null}
                {s.status === 'cancelled' ? <div className="partner-attention">{t('partner.doNotShipTitle')}</div> : null}
              </td>
              <td data-label={t('partner.colUpdated')}><time dateTime={s.updatedAt}>{dateTime(s.updatedAt)}</time></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "2 × Name (Variant)", the names isolated so that a Latin product name keeps its shape in Persian text. */
export function ItemLine({ quantity, name, variant }: { quantity: number; name: string; variant: string }) {
  const { number } = useI18n();
  return <>{number(quantity)} × <bdi>{name}</bdi>{variant ? <> <span className="muted">(<bdi>{variant}</bdi>)</span></> : null}</>;
}

/**
 * Ids are long; their tail is what people compare (the full id is in the link's name and on the
 * detail page). Isolated left-to-right, so the ellipsis stays in front of it in Persian text.
 */
export function shortId(id: string): string {
  return id.length > 10 ? `\u2066…${id.slice(-8)}\u2069` : id;
}
