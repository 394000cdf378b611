/** `/hr/orders`: the company's orders by status. */
import { useState } from 'react';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { ErrorMessage, Loading, Page, SelectField, StatusBadge } from '../ui/components';
import type { Order } from './api-types';
import { useEmployeeDirectory } from './employee-directory';
import { Pager, usePagedList } from './paged-list';

export const ORDER_STATUSES = ['placed', 'processing', 'shipped', 'delivered', 'cancelled'] as const;

export function OrdersPage() {
  const { t, number, points, dateTime } = useI18n();
  const [status, setStatus] = useState('');
  const directory = useEmployeeDirectory();
  const list = usePagedList<Order>(`/v1/orders?limit=25${status ? `&status=${status}` : ''}`);
  return (
    <Page title={t('hr.ordersTitle')}>
      <div className="row" role="search" aria-label={t('hr.filters')}>
        <SelectField label={t('hr.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('hr.anyStatus')}</option>
          {ORDER_STATUSES.map((s) => <option key={s} value={s}>{t(`common.status_${s}`)}</option>)}
        </SelectField>
      </div>
      {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : !list.items ? <Loading /> : !list.items.length ? (
        <p className="muted">{status ? t('hr.noOrdersWithStatus') : t('hr.noOrders')}</p>
      ) : (
        <div className="table-wrap" style={{ marginTop: 12 }}>
          <table>
            <caption className="visually-hidden">{t('hr.ordersTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hr.order')}</th>
                <th scope="col">{t('hr.employee')}</th>
                <th scope="col">{t('hr.colCreated')}</th>
                <th scope="col">{t('hr.items')}</th>
                <th scope="col">{t('hr.colTotal')}</th>
                <th scope="col">{t('hr.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((o) => (
                <tr key={o.orderId}>
                  <th scope="row"><Link to={`/hr/orders/${encodeURIComponent(o.orderId)}`} aria-label={t('hr.orderN', { id: o.orderId })}><bdi className="code">{o.orderId.slice(-8)}</bdi></Link></th>
                  <td>{directory.data?.nameOf(o.employeeId) ?? o.shippingAddress.name}</td>
                  <td>{dateTime(o.createdAt)}</td>
                  <td>{number(o.items.reduce((n, i) => n + i.quantity, 0))}</td>
                  <td>{points(o.totalPoints)}</td>
                  <td><StatusBadge kind="order" status={o.status} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager list={list} label={t('hr.ordersTitle')} />
    </Page>
  );
}
