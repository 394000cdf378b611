import type { Portal } from '../portal';
import { Page } from '../ui/components';
import { useI18n } from '../i18n';

function Home() {
  const { t } = useI18n();
  return <Page title={t('hr.title')}>{null}</Page>;
}

/** The hr portal (issue 7). */
export const hrPortal: Portal = {
  role: 'hr_admin',
  nav: [{ to: '/hr', label: 'hr.title' }],
  routes: [{ path: '/hr', page: Home }],
};
