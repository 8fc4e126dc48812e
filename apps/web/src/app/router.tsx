import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me, Role } from '@phongdich/core';
import { Button, LoadError, Loading, Page } from '../components/ui.js';
import { useMe, useSessionActions } from '../lib/session.js';
import { AccountPage } from '../features/auth/account-page.js';
import { LoginPage } from '../features/auth/login-page.js';
import { AuditPage } from '../features/audit/audit-page.js';
import { HomePage, PublicHome } from '../features/home/home-page.js';
import { OutboxPage } from '../features/messaging/outbox-page.js';
import { UnitsBrowser } from '../features/units/units-browser.js';
import { UsersPage } from '../features/users/users-page.js';
import { Layout } from './layout.js';
import { navFor } from './nav.js';

function Root() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  return (
    <Layout me={me.data}>
      <Outlet context={me.data} />
    </Layout>
  );
}

/** Renders its page only for the given roles; sends signed-out visitors to sign in. */
function Guard({ roles, children }: { roles?: readonly Role[]; children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return <Navigate to="/login" replace />;
  if (roles && !roles.includes(me.user.role)) return <Page title={t('app.notFound')}>{null}</Page>;
  return <>{children(me)}</>;
}

function Home() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return <PublicHome />;
  const links = navFor(me.user.role)
    .filter((item) => item.to !== '/')
    .map((item) => ({ to: item.to, label: t(item.label) }));
  return <HomePage me={me} links={links} />;
}

function Login() {
  const session = useSessionActions();
  const me = useMe().data;
  // Once signed in, this page redirects; someone with a password set by another goes to change it.
  if (me) return <Navigate to={me.user.mustChangePassword ? '/account' : '/'} replace />;
  return <LoginPage onSignedIn={(signedIn) => session.signedIn(signedIn)} />;
}

function Account() {
  const session = useSessionActions();
  const navigate = useNavigate();
  const me = useMe();
  return (
    <Guard>
      {(current) => (
        <AccountPage
          me={current}
          onPasswordChanged={() => void me.refetch()}
          onSignOut={() => {
            void session.signOut().then(() => navigate('/login', { replace: true }));
          }}
        />
      )}
    </Guard>
  );
}

function Units() {
  const { code } = useParams();
  return (
    <Guard roles={['official', 'health_official', 'admin']}>
      {(me) => {
        const root = me.scopeUnit?.code ?? me.homeUnitCode;
        return <UnitsBrowser key={code ?? root} rootCode={root} code={code ?? root} unitPath={(c) => `/units/${c}`} />;
      }}
    </Guard>
  );
}

function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Page title={t('app.notFound')}>
      <Button onClick={() => void navigate('/')}>{t('app.goHome')}</Button>
    </Page>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/', element: <Home /> },
      { path: '/login', element: <Login /> },
      { path: '/account', element: <Account /> },
      { path: '/units', element: <Units /> },
      { path: '/units/:code', element: <Units /> },
      { path: '/admin/users', element: <Guard roles={['admin']}>{(me) => <UsersPage homeUnitCode={me.homeUnitCode} />}</Guard> },
      { path: '/admin/audit', element: <Guard roles={['admin']}>{() => <AuditPage />}</Guard> },
      { path: '/admin/outbox', element: <Guard roles={['admin']}>{() => <OutboxPage />}</Guard> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
