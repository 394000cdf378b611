import { useState, type FormEvent } from 'react';
import { api, ApiError, newIdempotencyKey } from '../api';
import { session } from '../auth';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../router';
import { Button, ErrorMessage, Field, fieldErrors, Loading, Page, SelectField, useResource } from '../ui/components';
import type { Address, CatalogProduct, Order } from './types';

const addressKey = () => `gifting.address.${session()?.claims.employee_id ?? 'me'}`;

function rememberedAddress(): Address | undefined {
  try {
    return JSON.parse(localStorage.getItem(addressKey()) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

export function CheckoutPage() {
  const { t, points } = useI18n();
  const { query } = useLocation();
  const productId = query.get('product') ?? '';
  const variantId = query.get('variant') ?? '';
  const quantity = Math.max(1, Math.min(10, Number(query.get('quantity')) || 1));
  const product = useResource(() => api<CatalogProduct>(`/v1/catalog/${encodeURIComponent(productId)}`), [productId]);
  const [address, setAddress] = useState<Address>(() => rememberedAddress() ?? { name: session()?.label ?? '', line1: '', city: '', postalCode: '', country: '' });
  // One key per checkout: a retry after a lost answer cannot order twice.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  if (product.loading) return <Page title={t('employee.checkout')}><Loading /></Page>;
  if (!product.data) return <Page title={t('employee.checkout')}><ErrorMessage error={product.error} /></Page>;
  const p = product.data;
  const variant = p.variants.find((v) => v.variantId === variantId);
  if (!variant) return <Page title={t('employee.checkout')}><ErrorMessage error={new Error(t('common.notFound'))} /></Page>;
  const country = address.country || p.shipsTo[0] || '';
  const errors = fieldErrors(error);
  const set = (k: keyof Address) => (e: { target: { value: string } }) => setAddress({ ...address, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const shippingAddress = Object.fromEntries(Object.entries({ ...address, country }).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as unknown as Address;
    try {
      const order = await api<Order>('/v1/orders', { method: 'POST', idempotencyKey, body: { items: [{ productId: p.productId, variantId: variant.variantId, quantity }], shippingAddress } });
      localStorage.setItem(addressKey(), JSON.stringify(shippingAddress));
      navigate(`/store/orders/${order.orderId}?placed=1`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const slug = error instanceof ApiError ? error.slug : undefined;
  return (
    <Page title={t('employee.checkout')}>
      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))' }}>
        <form className="card stack" onSubmit={(e) => void submit(e)} aria-labelledby="address-title" noValidate>
          <h2 id="address-title" style={{ margin: 0 }}>{t('employee.shippingAddress')}</h2>
          {p.kind === 'gift_card_digital' ? <p className="muted">{t('employee.digitalNoAddress')}</p> : null}
          <Field label={t('employee.addressName')} required autoComplete="name" value={address.name} onChange={set('name')} error={errors.name} />
          <Field label={t('employee.addressLine1')} required autoComplete="address-line1" value={address.line1} onChange={set('line1')} error={errors.line1} />
          <Field label={t('employee.addressLine2')} autoComplete="address-line2" value={address.line2 ?? ''} onChange={set('line2')} error={errors.line2} />
          <div className="row">
            <Field label={t('employee.addressPostalCode')} required autoComplete="postal-code" value={address.postalCode} onChange={set('postalCode')} error={errors.postalCode} />
            <Field label={t('employee.addressCity')} required autoComplete="address-level2" value={address.city} onChange={set('city')} error={errors.city} />
          </div>
          <Field label={t('employee.addressRegion')} autoComplete="address-level1" value={address.region ?? ''} onChange={set('region')} error={errors.region} />
          <SelectField label={t('employee.addressCountry')} value={country} onChange={set('country')}>
            {p.shipsTo.map((c) => <option key={c} value={c}>{c}</option>)}
          </SelectField>
          <Field label={t('employee.addressPhone')} type="tel" autoComplete="tel" hint={t('employee.phoneHint')} value={address.phone ?? ''} onChange={set('phone')} error={errors.phone} />
          <p className="muted">{t('employee.rememberedAddress')}</p>
          {slug === 'insufficient-points' ? <p className="alert alert-error" role="alert">{t('employee.insufficientPoints')}</p>
            : slug === 'out-of-stock' ? <p className="alert alert-error" role="alert">{t('employee.outOfStockNow')}</p>
              : <ErrorMessage error={Object.keys(errors).length ? undefined : error} />}
          <Button type="submit" busy={busy}>{t('employee.placeOrder', { points: points(variant.points * quantity) })}</Button>
        </form>
        <aside className="card stack" aria-labelledby="summary-title">
          <h2 id="summary-title" style={{ margin: 0 }}>{t('employee.summary')}</h2>
          <p><strong>{p.name}</strong><br />{variant.name} × {quantity}</p>
          <p>{t('employee.total')}: <strong>{points(variant.points * quantity)}</strong></p>
        </aside>
      </div>
    </Page>
  );
}
