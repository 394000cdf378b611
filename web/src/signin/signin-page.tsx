/**
 * Sign-in. Locally: the demo users the local runtime lists (`/_local/auth/users`), each with a
 * token from the development issuer. In AWS: Cognito's hosted UI (config.json names it), whose
 * ID token comes back in the URL fragment of /signin/callback.
 */
import { useEffect } from 'react';
import { homeOf, signIn, type Role } from '../auth';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { Button, ErrorMessage, Loading, Page, useResource } from '../ui/components';

interface DemoUser { role: Role; name: string; detail: string; token: string }
interface AppConfig { auth: 'local' | 'cognito'; cognito?: { domain: string; clientId: string } }

export function SignInPage() {
  const { t } = useI18n();
  const config = useResource<AppConfig>(async () => (await fetch('/config.json')).json() as Promise<AppConfig>, []);
  const users = useResource<DemoUser[]>(async () => {
    const res = await fetch('/_local/auth/users');
    return res.ok ? ((await res.json()) as DemoUser[]) : [];
  }, []);
  const use = (token: string, label: string) => {
    const s = signIn(token, label);
    navigate(homeOf(s.role), { replace: true });
  };
  if (config.loading || users.loading) return <Page title={t('signin.title')}><Loading /></Page>;
  const cognito = config.data?.auth === 'cognito' ? config.data.cognito : undefined;
  return (
    <Page title={t('signin.title')}>
      <ErrorMessage error={config.error} />
      {cognito ? (
        <Button onClick={() => {
          const redirect = `${location.origin}/signin/callback`;
          location.assign(`https://${cognito.domain}/oauth2/authorize?response_type=token&scope=openid+email+profile&client_id=${encodeURIComponent(cognito.clientId)}&redirect_uri=${encodeURIComponent(redirect)}`);
        }}>{t('signin.cognito')}</Button>
      ) : (
        <>
          <p className="muted">{t('signin.intro')}</p>
          <ul className="grid" style={{ listStyle: 'none', padding: 0 }}>
            {(users.data ?? []).map((u) => (
              <li key={`${u.role}-${u.name}`} className="card stack">
                <strong>{u.name}</strong>
                <span className="muted">{t(`signin.role_${u.role}`)} · {u.detail}</span>
                <Button onClick={() => use(u.token, u.name)}>{t('signin.as', { name: u.name })}</Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

/** Cognito's hosted UI returns `#id_token=…`. */
export function SignInCallback() {
  const { t } = useI18n();
  const token = new URLSearchParams(location.hash.slice(1)).get('id_token');
  useEffect(() => {
    if (!token) return;
    try {
      const s = signIn(token);
      navigate(homeOf(s.role), { replace: true });
    } catch {
      /* shown below */
    }
  }, [token]);
  return <Page title={t('signin.title')}><ErrorMessage error={token ? undefined : new Error(t('signin.noRole'))} /></Page>;
}
