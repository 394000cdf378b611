import { useEffect, useState } from 'react';
import { homeOf, onSessionChange, session } from './auth';
import { employeePortal } from './employee/portal';
import { hrPortal } from './hr/portal';
import { useI18n } from './i18n';
import { partnerPortal } from './partner/portal';
import type { Portal } from './portal';
import { match, navigate, useLocation } from './router';
import { SignInCallback, SignInPage } from './signin/signin-page';
import { trackingPortal } from './tracking/portal';
import { Layout } from './ui/layout';
import { Page } from './ui/components';

const portals: Portal[] = [employeePortal, hrPortal, partnerPortal, trackingPortal];

export function App() {
  const { path } = useLocation();
  const { t } = useI18n();
  const [current, setCurrent] = useState(session);
  useEffect(() => onSessionChange(() => setCurrent(session())), []);

  if (path === '/signin') return <Layout session={null} nav={[]}><SignInPage /></Layout>;
  if (path === '/signin/callback') return <Layout session={null} nav={[]}><SignInCallback /></Layout>;
  for (const portal of portals) {
    for (const route of portal.routes) {
      const params = match(route.path, path);
      if (!params) continue;
      if (portal.role !== 'public' && current?.role !== portal.role) {
        return <Redirect to={current ? homeOf(current.role) : '/signin'} />;
      }
      const Component = route.page;
      return <Layout session={portal.role === 'public' ? null : current} nav={portal.nav}><Component params={params} /></Layout>;
    }
  }
  if (path === '/' || path === '') return <Redirect to={current ? homeOf(current.role) : '/signin'} />;
  return <Layout session={current} nav={[]}><Page title={t('common.notFound')}>{null}</Page></Layout>;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
