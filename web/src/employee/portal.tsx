import type { Portal } from '../portal';
import { Page } from '../ui/components';
import { useI18n } from '../i18n';

function Store() {
  const { t } = useI18n();
  return <Page title={t('employee.title')}>{null}</Page>;
}

/** The employee gift store. */
export const employeePortal: Portal = {
  role: 'employee',
  nav: [{ to: '/store', label: 'employee.title' }],
  routes: [{ path: '/store', page: Store }],
};
