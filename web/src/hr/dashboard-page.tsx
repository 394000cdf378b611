import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import { ErrorMessage, Loading, Page, useResource } from '../ui/components';
import type { Budget } from './api-types';
import { BudgetFigures } from './budget-figures';

const LINKS: [string, MessageKey, MessageKey][] = [
  ['/hr/budget', 'hr.linkTopUp', 'hr.linkTopUpHint'],
  ['/hr/allocations', 'hr.linkAllocate', 'hr.linkAllocateHint'],
  ['/hr/employees', 'hr.linkEmployees', 'hr.linkEmployeesHint'],
  ['/hr/catalog', 'hr.linkCatalog', 'hr.linkCatalogHint'],
  ['/hr/orders', 'hr.linkOrders', 'hr.linkOrdersHint'],
  ['/hr/reports', 'hr.linkReports', 'hr.linkReportsHint'],
];

/** `/hr`: where the budget stands and where to go next. */
export function DashboardPage() {
  const { t } = useI18n();
  const budget = useResource(() => api<Budget>('/v1/budget'), []);
  return (
    <Page title={t('hr.dashboardTitle')}>
      <h2>{t('hr.budgetHeading')}</h2>
      {budget.error ? <ErrorMessage error={budget.error} onRetry={budget.reload} /> : budget.data ? <BudgetFigures budget={budget.data} /> : <Loading />}
      <h2>{t('hr.quickLinks')}</h2>
      <ul className="grid" style={{ listStyle: 'none', padding: 0 }}>
        {LINKS.map(([to, label, hint]) => (
          <li key={to} className="card stack">
            <Link to={to}><strong>{t(label)}</strong></Link>
            <span className="muted">{t(hint)}</span>
          </li>
        ))}
      </ul>
    </Page>
  );
}
