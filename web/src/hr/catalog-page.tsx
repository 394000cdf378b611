/**
 * `/hr/catalog`: curate what employees may choose from. The selection is one list across all
 * countries (saving keeps products of other countries selected); an empty selection means the
 * whole catalog.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { Button, ErrorMessage, Field, Loading, Notice, Page, SelectField, useResource } from '../ui/components';
import type { CatalogProduct, Selection } from './api-types';
import { COUNTRIES, countryName } from './countries';
import { Pager, usePagedList } from './paged-list';

const KIND: Record<CatalogProduct['kind'], MessageKey> = {
  physical: 'hr.kindPhysical',
  gift_card_physical: 'hr.kindGiftCardPhysical',
  gift_card_digital: 'hr.kindGiftCardDigital',
};

export function CatalogPage() {
  const { t, number, points, locale } = useI18n();
  const [country, setCountry] = useState('TR');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const saved = useResource(() => api<Selection>('/v1/catalog/selection'), []);
  const [selected, setSelected] = useState<Set<string>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  // The whole catalog (scope=all), with the saved selection ticked: HR curates from everything.
  const params = new URLSearchParams({ country, limit: '50', scope: 'all' });
  if (search) params.set('q', search);
  const list = usePagedList<CatalogProduct>(`/v1/catalog?${params}`);

  // The working selection starts as the saved one, once; after that only the user and saves change it.
  useEffect(() => {
    if (saved.data) setSelected((s) => s ?? new Set(saved.data!.productIds));
  }, [saved.data]);

  const savedIds = saved.data?.productIds ?? [];
  const dirty = !!selected && (selected.size !== savedIds.length || savedIds.some((id) => !selected.has(id)));
  const toggle = (id: string, on: boolean) => {
    setNotice(undefined);
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  const selectPage = (on: boolean) => list.items?.forEach((p) => toggle(p.productId, on));

  const save = async (productIds: string[], message: string, keep: Set<string> = new Set(productIds)) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      await api<Selection>('/v1/catalog/selection', { method: 'PUT', body: { productIds } });
      setSelected(keep);
      saved.reload();
      list.reload();
      setNotice(message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const saveSelection = () => {
    const ids = [...(selected ?? [])];
    void save(ids, ids.length ? t('hr.selectionSaved', { n: number(ids.length) }) : t('hr.selectionSavedAll'));
  };

  const applySearch = (e: FormEvent) => {
    e.preventDefault();
    setSearch(q.trim());
  };

  return (
    <Page title={t('hr.catalogTitle')}>
      {saved.error ? <ErrorMessage error={saved.error} onRetry={saved.reload} /> : !saved.data ? <Loading /> : savedIds.length ? (
        <Notice>
          {t('hr.selectionActive', { n: number(savedIds.length) })}
        </Notice>
      ) : (
        <Notice>{t('hr.selectionEmpty')}</Notice>
      )}
      <form className="row" role="search" aria-label={t('hr.filters')} onSubmit={applySearch}>
        <SelectField label={t('hr.shipsToCountry')} value={country} onChange={(e) => setCountry(e.target.value)}>
          {COUNTRIES.map((c) => <option key={c} value={c}>{countryName(c, locale)}</option>)}
        </SelectField>
        <Field label={t('hr.searchProducts')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <Button type="submit" className="secondary">{t('hr.search')}</Button>
      </form>
      <div className="row" style={{ margin: '12px 0', alignItems: 'center' }}>
        <Button className="secondary" onClick={() => selectPage(true)} disabled={!list.items?.length}>{t('hr.selectPage')}</Button>
        <Button className="secondary" onClick={() => { setNotice(undefined); setSelected(new Set()); }} disabled={!selected?.size}>{t('hr.clearSelection')}</Button>
        <Button onClick={saveSelection} busy={busy} disabled={!dirty}>{t('hr.saveSelection')}</Button>
        <span aria-live="polite" className="muted">
          {selected?.size ? t('hr.nSelected', { n: number(selected.size) }) : t('hr.noneSelectedMeansAll')}
          {dirty ? ` · ${t('hr.unsaved')}` : ''}
        </span>
      </div>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <ErrorMessage error={error} />
      {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : !list.items || !selected ? <Loading /> : !list.items.length ? (
        <p className="muted">{search ? t('hr.noProductsMatch') : t('hr.noProducts', { country: countryName(country, locale) })}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('hr.catalogTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hr.colSelect')}</th>
                <th scope="col">{t('hr.product')}</th>
                <th scope="col">{t('hr.category')}</th>
                <th scope="col">{t('hr.colPoints')}</th>
                <th scope="col">{t('hr.stock')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => {
                const prices = p.variants.map((v) => v.points);
                const low = Math.min(...prices);
                const high = Math.max(...prices);
                const stock = p.variants.reduce((n, v) => n + v.stock, 0);
                return (
                  <tr key={p.productId}>
                    <td>
                      <input type="checkbox" id={`select-${p.productId}`} checked={selected.has(p.productId)} onChange={(e) => toggle(p.productId, e.target.checked)}
                        aria-label={t('hr.selectProduct', { name: p.name })} style={{ width: 22, height: 22 }} />
                    </td>
                    <th scope="row">
                      <label htmlFor={`select-${p.productId}`}>{p.name}</label>
                      <div className="muted" style={{ fontWeight: 400 }}>{[p.brand, t(KIND[p.kind])].filter(Boolean).join(' · ')}</div>
                    </th>
                    <td>{p.category}</td>
                    <td>{low === high ? points(low) : t('hr.pointsRange', { low: number(low), high: number(high) })}</td>
                    <td>{p.kind === 'gift_card_digital' && stock === 0 ? t('hr.noCodes') : number(stock)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager list={list} label={t('hr.catalogTitle')} />
      {dirty ? <Notice tone="warning">{t('hr.rememberToSave')}</Notice> : null}
    </Page>
  );
}

