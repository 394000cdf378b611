import { useState, type FormEvent } from 'react';
import { api, type Page as ApiPage } from '../api';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { Button, ErrorMessage, Field, Loading, Page, SelectField, useResource } from '../ui/components';
import type { CatalogProduct, Me } from './types';

export function WalletSummary({ me }: { me: Me }) {
  const { t, points, date } = useI18n();
  return (
    <div className="card stack" aria-labelledby="balance-title">
      <h2 id="balance-title" style={{ margin: 0 }}>{t('employee.balance')}</h2>
      <p className="big" data-testid="balance" style={{ margin: 0 }}>{points(me.balancePoints)}</p>
      {me.expiring.slice(0, 3).map((e) => (
        <p key={e.expiresAt} className="alert alert-warning" style={{ margin: 0 }}>{t('employee.expiringSoon', { points: points(e.points), date: date(e.expiresAt) })}</p>
      ))}
    </div>
  );
}

/** The store: balance, then the company's gifts that ship to the employee's country. */
export function StorePage() {
  const { t, points } = useI18n();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const category = query.get('category') ?? '';
  const affordable = query.get('affordable') === '1';
  const cursor = query.get('cursor') ?? '';
  const me = useResource(() => api<Me>('/v1/me'), []);
  const catalog = useResource(async () => {
    const balance = affordable ? (await api<Me>('/v1/me')).balancePoints : undefined;
    const params = new URLSearchParams({ limit: '24' });
    if (q) params.set('q', q);
    if (category) params.set('category', category);
    if (balance !== undefined) params.set('maxPoints', String(Math.max(1, balance)));
    if (cursor) params.set('cursor', cursor);
    return api<ApiPage<CatalogProduct>>(`/v1/catalog?${params}`);
  }, [q, category, affordable, cursor]);
  const categories = useResource(async () => {
    const all = await api<ApiPage<CatalogProduct>>('/v1/catalog?limit=100');
    return [...new Set(all.items.map((p) => p.category))].sort();
  }, []);
  const [form, setForm] = useState({ q, category, affordable });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (form.q.trim()) params.set('q', form.q.trim());
    if (form.category) params.set('category', form.category);
    if (form.affordable) params.set('affordable', '1');
    navigate(`/store${params.size ? `?${params}` : ''}`);
  };
  return (
    <Page title={t('employee.title')}>
      {me.data ? <WalletSummary me={me.data} /> : <ErrorMessage error={me.error} />}
      <form className="row" role="search" onSubmit={submit} style={{ margin: '16px 0' }}>
        <Field label={t('employee.search')} type="search" value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />
        <SelectField label={t('employee.category')} value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>
          <option value="">{t('employee.allCategories')}</option>
          {(categories.data ?? []).map((c) => <option key={c} value={c}>{c}</option>)}
        </SelectField>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center', minHeight: 40 }}>
          <input type="checkbox" checked={form.affordable} onChange={(e) => setForm({ ...form, affordable: e.target.checked })} />
          {t('employee.affordable')}
        </label>
        <Button type="submit">{t('employee.apply')}</Button>
      </form>
      {catalog.loading ? <Loading /> : <ErrorMessage error={catalog.error} onRetry={catalog.reload} />}
      {catalog.data && !catalog.data.items.length ? <p>{t('employee.noProducts')}</p> : null}
      <ul className="grid" style={{ listStyle: 'none', padding: 0 }} aria-label={t('employee.title')}>
        {(catalog.data?.items ?? []).map((p) => {
          const cheapest = Math.min(...p.variants.map((v) => v.points));
          const stock = p.variants.reduce((s, v) => s + v.stock, 0);
          return (
            <li key={p.productId} className="card stack product-card">
              {p.images[0] ? <img src={p.images[0]} alt="" loading="lazy" /> : null}
              <Link to={`/store/products/${p.productId}`}><strong>{p.name}</strong></Link>
              <span className="muted">{p.brand ? `${p.brand} · ` : ''}{t(`employee.kind_${p.kind}`)}</span>
              <span>{t('employee.from', { points: points(cheapest) })}</span>
              {stock === 0 ? <span className="badge badge-cancelled">{t('employee.outOfStock')}</span> : null}
            </li>
          );
        })}
      </ul>
      {catalog.data?.nextCursor ? (
        <Link className="button secondary" to={`/store?${new URLSearchParams({ ...Object.fromEntries(query), cursor: catalog.data.nextCursor })}`}>{t('common.next')}</Link>
      ) : null}
    </Page>
  );
}
