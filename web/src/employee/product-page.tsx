import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { Button, ErrorMessage, Field, Loading, Page, useResource } from '../ui/components';
import type { CatalogProduct, Me } from './types';

export function ProductPage({ params }: { params: Record<string, string> }) {
  const { t, points, number } = useI18n();
  const product = useResource(() => api<CatalogProduct>(`/v1/catalog/${encodeURIComponent(params.productId!)}`), [params.productId]);
  const me = useResource(() => api<Me>('/v1/me'), []);
  const [variantId, setVariantId] = useState<string>();
  const [quantity, setQuantity] = useState(1);
  if (product.loading) return <Page title={t('employee.title')}><Loading /></Page>;
  if (!product.data) return <Page title={t('employee.title')}><ErrorMessage error={product.error} /></Page>;
  const p = product.data;
  const variant = p.variants.find((v) => v.variantId === variantId) ?? p.variants.find((v) => v.stock > 0) ?? p.variants[0]!;
  const total = variant.points * quantity;
  const missing = me.data ? total - me.data.balancePoints : 0;
  return (
    <Page title={p.name}>
      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))' }}>
        <div className="product-card">{p.images[0] ? <img src={p.images[0]} alt={p.name} /> : null}</div>
        <div className="stack">
          <p className="muted">{p.brand ? `${p.brand} · ` : ''}{t(`employee.kind_${p.kind}`)} · {p.category}</p>
          <p>{p.description}</p>
          <fieldset className="stack" style={{ border: 0, padding: 0 }}>
            <legend>{t('employee.variant')}</legend>
            {p.variants.map((v) => (
              <label key={v.variantId} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                <input type="radio" name="variant" value={v.variantId} checked={v.variantId === variant.variantId} disabled={v.stock === 0} onChange={() => setVariantId(v.variantId)} />
                <span>{v.name} — {points(v.points)} · {v.stock ? t('employee.inStock', { n: number(v.stock) }) : t('employee.outOfStock')}</span>
              </label>
            ))}
          </fieldset>
          <Field label={t('employee.quantity')} type="number" min={1} max={Math.min(10, Math.max(1, variant.stock))} value={quantity}
            onChange={(e) => setQuantity(Math.max(1, Math.min(10, Number(e.target.value) || 1)))} style={{ maxWidth: 120 }} />
          <p><strong>{t('employee.total')}: {points(total)}</strong></p>
          {missing > 0 ? <p className="alert alert-warning">{t('employee.notEnough', { points: points(missing) })}</p> : null}
          <Button disabled={variant.stock === 0 || missing > 0}
            onClick={() => navigate(`/store/checkout?${new URLSearchParams({ product: p.productId, variant: variant.variantId, quantity: String(quantity) })}`)}>
            {t('employee.orderThis')}
          </Button>
        </div>
      </div>
    </Page>
  );
}
