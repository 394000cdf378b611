import type { Portal } from '../portal';
import { Page } from '../ui/components';
import { useI18n } from '../i18n';

function Track() {
  const { t } = useI18n();
  return <Page title={t('tracking.title')}>{null}</Page>;
}

/** The public tracking page for recipients. */
export const trackingPortal: Portal = {
  role: 'public',
  nav: [],
  routes: [{ path: '/track/:token', page: Track }],
};
