/**
 * Cursor pagination as the API does it (`?limit=&cursor=` → `{ items, nextCursor }`): the
 * cursors already followed are kept so "Previous page" works, and a change of filters starts
 * again at the first page.
 */
import { useState } from 'react';
import { api, type Page } from '../api';
import { useI18n } from '../i18n';
import { Button, useResource } from '../ui/components';

export interface PagedList<T> {
  items: T[] | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  pageNumber: number;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
}

/** `path` is the list's URL with its filters; the cursor is appended here. */
export function usePagedList<T>(path: string): PagedList<T> {
  const [stack, setStack] = useState<{ path: string; cursors: (string | null)[] }>({ path, cursors: [null] });
  const cursors = stack.path === path ? stack.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  const url = cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : path;
  const page = useResource(() => api<Page<T>>(url), [url]);
  const nextCursor = page.data?.nextCursor ?? null;
  return {
    items: page.data?.items,
    error: page.error,
    loading: page.loading,
    reload: page.reload,
    pageNumber: cursors.length,
    hasNext: nextCursor !== null,
    next: () => nextCursor && setStack({ path, cursors: [...cursors, nextCursor] }),
    previous: () => cursors.length > 1 && setStack({ path, cursors: cursors.slice(0, -1) }),
  };
}

export function Pager({ list, label }: { list: PagedList<unknown>; label: string }) {
  const { t, number } = useI18n();
  if (list.pageNumber === 1 && !list.hasNext) return null;
  return (
    <nav className="row pager" aria-label={label}>
      <Button className="secondary" onClick={list.previous} disabled={list.pageNumber === 1 || list.loading}>{t('common.previous')}</Button>
      <span aria-live="polite">{t('hr.pageN', { n: number(list.pageNumber) })}</span>
      <Button className="secondary" onClick={list.next} disabled={!list.hasNext || list.loading}>{t('common.next')}</Button>
    </nav>
  );
}
