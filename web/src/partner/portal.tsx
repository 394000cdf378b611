import type { Portal } from '../portal';
import { Page } from '../ui/components';
import { useI18n } from '../i18n';

function Home() {
  const { t } = useI18n();
  return <Page title={t('partner.title')}>{null}</Page>;
}

/** The partner portal (issue 7). */
export const partnerPortal: Portal = {
  role: 'partner',
  nav: [{ to: '/partner', label: 'partner.title' }],
  routes: [{ path: '/partner', page: Home }],
};
