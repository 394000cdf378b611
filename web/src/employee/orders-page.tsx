import { api, type Page as ApiPage } from '../api';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { ErrorMessage, Loading, Page, StatusBadge, useResource } from '../ui/components';
import type { Order } from './types';

export function OrdersPage() {
  const { t, points, dateTime } = useI18n();
  const orders = useResource(() => api<ApiPage<Order>>('/v1/orders?limit=50'), []);
  return (
    <Page title={t('employee.orders')}>
      {orders.loading ? <Loading /> : <ErrorMessage error={orders.error} onRetry={orders.reload} />}
      {orders.data && !orders.data.items.length ? <p>{t('employee.noOrders')}</p> : null}
      <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
        {(orders.data?.items ?? []).map((o) => (
          <li key={o.orderId} className="card row" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
            <div>
              <Link to={`/store/orders/${o.orderId}`}><strong>{o.items.map((i) => i.name).join(', ')}</strong></Link>
              <div className="muted">{t('employee.orderOf', { date: dateTime(o.createdAt) })} · {points(o.totalPoints)}</div>
            </div>
            <StatusBadge kind="order" status={o.status} />
          </li>
        ))}
      </ul>
    </Page>
  );
}
