import { api, type Page as ApiPage } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { ErrorMessage, Loading, Page, useResource } from '../ui/components';
import { WalletSummary } from './store-page';
import type { LedgerEntry, Me } from './types';

export function WalletPage() {
  const { t, points, number, dateTime } = useI18n();
  const me = useResource(() => api<Me>('/v1/me'), []);
  const ledger = useResource(() => api<ApiPage<LedgerEntry>>('/v1/me/ledger?limit=100'), []);
  const kindLabel = (kind: string) => {
    const key = `employee.kindOf_${kind}` as MessageKey;
    const label = t(key);
    return label === key ? kind : label;
  };
  return (
    <Page title={t('employee.wallet')}>
      {me.data ? <WalletSummary me={me.data} /> : me.loading ? <Loading /> : <ErrorMessage error={me.error} />}
      {me.data && !me.data.expiring.length ? <p className="muted">{t('employee.noExpiry')}</p> : null}
      <h2>{t('employee.ledger')}</h2>
      {ledger.loading ? <Loading /> : <ErrorMessage error={ledger.error} onRetry={ledger.reload} />}
      {ledger.data ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">{t('employee.when')}</th><th scope="col">{t('employee.what')}</th><th scope="col">{t('employee.change')}</th><th scope="col">{t('employee.balanceAfter')}</th></tr>
            </thead>
            <tbody>
              {ledger.data.items.map((e) => (
                <tr key={e.entryId}>
                  <td>{dateTime(e.at)}</td>
                  <td>{kindLabel(e.kind)}{e.note ? <span className="muted"> — {e.note}</span> : null}</td>
                  <td dir="ltr" style={{ textAlign: 'end' }}>{e.deltaPoints > 0 ? '+' : ''}{number(e.deltaPoints)}</td>
                  <td>{points(e.balanceAfter)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
