import { useEffect, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me, Role } from '@phongdich/core';
import { Button, LoadError, Loading, Page } from '../components/ui.js';
import { api, getCsrfToken } from '../lib/api.js';
import { startQueueFlusher } from '../lib/offline-queue.js';
import { useMe, useSessionActions } from '../lib/session.js';
import { CheckInAction } from '../features/checkin/check-in-action.js';
import { DiaryPage } from '../features/checkin/diary-page.js';
import { PersonalQrPanel } from '../features/checkin/personal-qr-panel.js';
import { ScanPage } from '../features/checkin/scan-page.js';
import { StaffPage } from '../features/staff/staff-page.js';
import { Alert } from '../components/ui.js';
import { ArrivalsPage } from '../features/review/arrivals-page.js';
import { DeclarationsSearchPage } from '../features/review/declarations-search-page.js';
import { FlagsPage } from '../features/review/flags-page.js';
import { MonitoringPage } from '../features/review/monitoring-page.js';
import { ReportsWorklistPage } from '../features/review/reports-worklist-page.js';
import { RiskSettingsPage } from '../features/review/risk-settings-page.js';
import { ReportPage } from '../features/reports/report-page.js';
import { DeclarationFormPage } from '../features/declarations/declaration-form-page.js';
import { MyDeclarationsPage } from '../features/declarations/my-declarations-page.js';
import { SentDeclarationPage } from '../features/declarations/sent-declaration-page.js';
import { FamilyPage } from '../features/declarations/family-page.js';
import { DeclarationStatusBanner } from '../features/declarations/declaration-status-banner.js';
import { parseKind } from '../features/declarations/paths.js';
import { CasesPage } from '../features/cases/cases-page.js';
import { BluezonePage } from '../features/bluezone/bluezone-page.js';
import { BluezoneCodesPage } from '../features/bluezone/codes-page.js';
import { CasePage } from '../features/cases/case-page.js';
import { ClustersPage } from '../features/cases/clusters-page.js';
import { ContactsWorklistPage } from '../features/cases/contacts-worklist-page.js';
import { WarningsPanel } from '../features/cases/warnings-panel.js';
import { AccountPage } from '../features/auth/account-page.js';
import { LoginPage } from '../features/auth/login-page.js';
import { AuditPage } from '../features/audit/audit-page.js';
import { HomePage, PublicHome } from '../features/home/home-page.js';
import { OutboxPage } from '../features/messaging/outbox-page.js';
import { IntegrationPage } from '../features/integration/integration-page.js';
import { LabWorklistPage } from '../features/integration/lab-worklist-page.js';
import { CampaignPage } from '../features/messaging/campaign-page.js';
import { CampaignsPage } from '../features/messaging/campaigns-page.js';
import { NewCampaignPage } from '../features/messaging/new-campaign-page.js';
import { MessagePreferencesPanel } from '../features/messaging/preferences-panel.js';
import { UnitsBrowser } from '../features/units/units-browser.js';
import { UsersPage } from '../features/users/users-page.js';
import { CheckpointCodePage, CheckpointPage } from '../features/checkpoint/checkpoint-page.js';
import { ImportPage } from '../features/places/import-page.js';
import { MyPlacesPage } from '../features/places/my-places-page.js';
import { PlacePage } from '../features/places/place-page.js';
import { PlacesListPage } from '../features/places/places-list-page.js';
import { PlacesMapPage } from '../features/places/places-map-page.js';
import { RegisterPlacePage } from '../features/places/register-place-page.js';
import { TargetsPage } from '../features/places/targets-page.js';
import { ReportsPage } from '../features/dashboards/reports-page.js';
import { OfficialDashboard } from '../features/dashboards/official-dashboard.js';
import { MapPage } from '../features/map/map-page.js';
import { RiskLevelsPage } from '../features/map/risk-levels-page.js';
import { SitesPage } from '../features/map/sites-page.js';
import { StatisticsPage } from '../features/map/statistics-page.js';
import { ZonesPage } from '../features/map/zones-page.js';
import { AssessmentPage } from '../features/assessment/assessment-page.js';
import { GuidePage } from '../features/guides/guide-page.js';
import { GuidesEditPage } from '../features/guides/guides-edit-page.js';
import { GuidesPage } from '../features/guides/guides-page.js';
import { Layout } from './layout.js';
import { navFor } from './nav.js';

function Root() {
  const me = useMe();
  const location = useLocation();
  useEffect(() => startQueueFlusher(getCsrfToken), []);
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  // An account whose role requires two-step verification reaches nothing else until it is on (the
  // server refuses the rest): straight to the account page, which explains and turns it on.
  if (me.data?.user.totpEnrolmentRequired && location.pathname !== '/account') return <Navigate to="/account" replace />;
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
  const phoneAccount = me.user.role === 'citizen' || me.user.role === 'place_owner' || me.user.role === 'scanner_staff';
  return (
    <>
      {phoneAccount && <WarningsPanel />}
      {phoneAccount && <DeclarationStatusBanner />}
      {phoneAccount && <PersonalQrPanel />}
      {/* UX: an official starts from their unit's dashboard — what needs attention today. */}
      <HomePage me={me} links={links}>
        {OFFICIAL_ROLES.includes(me.user.role) && <OfficialDashboard />}
      </HomePage>
    </>
  );
}

function NewDeclaration() {
  const [params] = useSearchParams();
  return (
    <Guard>
      {(me) => (
        <DeclarationFormPage
          kind={parseKind(params.get('kind'))}
          placeId={params.get('placeId') ?? undefined}
          subjectId={params.get('subject') ?? undefined}
          homeUnitCode={me.homeUnitCode}
        />
      )}
    </Guard>
  );
}

const HEALTH_ROLES: Role[] = ['health_official', 'admin'];

function Case() {
  const { id } = useParams();
  return <Guard roles={HEALTH_ROLES}>{() => <CasePage key={id} caseId={id ?? ''} />}</Guard>;
}

function SentDeclaration() {
  const { id } = useParams();
  return <Guard>{() => <SentDeclarationPage key={id} id={id ?? ''} />}</Guard>;
}

function Login() {
  const session = useSessionActions();
  const me = useMe().data;
  // Once signed in, this page redirects; someone with a password set by another goes to change it,
  // someone whose role requires two-step verification goes to turn it on.
  if (me) return <Navigate to={me.user.mustChangePassword || me.user.totpEnrolmentRequired ? '/account' : '/'} replace />;
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
          messages={current.user.phoneMasked || current.user.role === 'citizen' ? <MessagePreferencesPanel hasPhone={Boolean(current.user.phoneMasked)} /> : null}
          onAccountChanged={() => void me.refetch()}
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
        const root = rootOf(me);
        return <UnitsBrowser key={code ?? root} rootCode={root} code={code ?? root} unitPath={(c) => `/units/${c}`} />;
      }}
    </Guard>
  );
}

const OFFICIAL_ROLES: Role[] = ['official', 'health_official', 'admin'];

/** The unit an account works from: an official's own unit, or the installation's province. */
function rootOf(me: Me): string {
  return me.scopeUnit?.code ?? me.homeUnitCode;
}

function Place() {
  const { id } = useParams();
  return <Guard>{() => <PlacePage key={id} placeId={id ?? ''} />}</Guard>;
}

function Campaign() {
  const { id } = useParams();
  return <Guard roles={OFFICIAL_ROLES}>{() => <CampaignPage key={id} campaignId={id ?? ''} />}</Guard>;
}

function Assessment() {
  const { id } = useParams();
  return <Guard>{() => <AssessmentPage key={id} placeId={id ?? ''} />}</Guard>;
}

/** Public, and embeddable in a portal with ?embed=1 (app/layout then leaves out the app's chrome). */
function Guide() {
  const { slug } = useParams();
  const [params] = useSearchParams();
  const lang = params.get('lang');
  return <GuidePage key={slug} slug={slug ?? ''} embed={params.get('embed') === '1'} lang={lang === 'vi' || lang === 'en' ? lang : null} />;
}

/** The province the map pages draw: an official's own province, else the installation's. */
function mapUnitOf(me: Me): string {
  return (me.scopeUnit?.provinceCode ?? me.homeUnitCode).slice(0, 2);
}

function Checkpoint() {
  const { t } = useTranslation();
  const { token } = useParams();
  const [params] = useSearchParams();
  const me = useMe().data;
  const session = useSessionActions();
  const code = params.get('code') ?? undefined;
  if (!token && !code) return <CheckpointCodePage />;
  return (
    <CheckpointPage token={token} code={code}>
      {(point) =>
        me ? (
          <CheckInAction point={point} token={token} code={code} />
        ) : (
          <>
            <Alert kind="info">{t('checkin.signInFirst')}</Alert>
            <LoginPage onSignedIn={(signedIn) => session.signedIn(signedIn)} />
          </>
        )
      }
    </CheckpointPage>
  );
}

type MyPlace = { id: string; name: string; myRole: 'owner' | 'staff' };

/** Staff mode: pick one of your places (or go straight to it). */
function Staff() {
  const { t } = useTranslation();
  const { placeId } = useParams();
  const places = useQuery({ queryKey: ['places', 'mine'], queryFn: () => api<{ items: MyPlace[] }>('GET', '/api/v1/places/mine') });
  if (places.isPending) return <Loading />;
  if (places.isError) return <LoadError error={places.error} />;
  const chosen = places.data.items.find((p) => p.id === placeId);
  if (chosen) return <StaffPage placeId={chosen.id} placeName={chosen.name} />;
  return (
    <Page title={t('staff.choosePlace')}>
      {places.data.items.length === 0 && <p className="empty">{t('staff.noPlaces')}</p>}
      <ul className="tiles">
        {places.data.items.map((p) => (
          <li key={p.id}>
            <Link to={`/staff/${p.id}`}>{p.name}</Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}

function PlacesList() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return <Guard roles={OFFICIAL_ROLES}>{() => <PlacesListPage title={params.get('status') === 'pending' ? t('places.approvals') : t('places.list')} />}</Guard>;
}

/** Bluezone needs no account; a link from a health official carries the upload code. */
function Bluezone() {
  const [params] = useSearchParams();
  return <BluezonePage initialCode={params.get('code') ?? undefined} />;
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
      { path: '/places', element: <PlacesList /> },
      { path: '/places/mine', element: <Guard>{() => <MyPlacesPage />}</Guard> },
      { path: '/places/new', element: <Guard>{(me) => <RegisterPlacePage within={rootOf(me)} onBehalf={OFFICIAL_ROLES.includes(me.user.role)} />}</Guard> },
      { path: '/places/import', element: <Guard roles={OFFICIAL_ROLES}>{(me) => <ImportPage csrfToken={me.csrfToken} />}</Guard> },
      { path: '/places/map', element: <Guard roles={OFFICIAL_ROLES}>{(me) => <PlacesMapPage rootCode={rootOf(me)} />}</Guard> },
      { path: '/places/:id', element: <Place /> },
      { path: '/places/:id/assessment', element: <Assessment /> },
      { path: '/targets', element: <Guard roles={OFFICIAL_ROLES}>{(me) => <TargetsPage within={rootOf(me)} />}</Guard> },
      { path: '/scan', element: <Guard>{() => <ScanPage />}</Guard> },
      { path: '/visits', element: <Guard>{() => <DiaryPage />}</Guard> },
      { path: '/staff', element: <Guard>{() => <Staff />}</Guard> },
      { path: '/staff/:placeId', element: <Guard>{() => <Staff />}</Guard> },
      { path: '/report', element: <Guard>{(me) => <ReportPage within={me.homeUnitCode} />}</Guard> },
      { path: '/cases', element: <Guard roles={HEALTH_ROLES}>{() => <CasesPage />}</Guard> },
      { path: '/cases/clusters', element: <Guard roles={HEALTH_ROLES}>{() => <ClustersPage />}</Guard> },
      { path: '/cases/:id', element: <Case /> },
      { path: '/contacts', element: <Guard roles={OFFICIAL_ROLES}>{() => <ContactsWorklistPage />}</Guard> },
      { path: '/bluezone', element: <Bluezone /> },
      { path: '/bluezone/codes', element: <Guard roles={HEALTH_ROLES}>{(me) => <BluezoneCodesPage canExport={me.user.role === 'admin'} />}</Guard> },
      { path: '/declarations/new', element: <NewDeclaration /> },
      { path: '/declarations', element: <Guard>{() => <MyDeclarationsPage />}</Guard> },
      { path: '/declarations/sent/:id', element: <SentDeclaration /> },
      { path: '/family', element: <Guard>{() => <FamilyPage />}</Guard> },
      { path: '/declarations/review', element: <Guard roles={OFFICIAL_ROLES}>{() => <DeclarationsSearchPage />}</Guard> },
      { path: '/declarations/flags', element: <Guard roles={OFFICIAL_ROLES}>{() => <FlagsPage />}</Guard> },
      { path: '/monitoring', element: <Guard roles={OFFICIAL_ROLES}>{(me) => <MonitoringPage within={rootOf(me)} canManage={me.user.role !== 'official'} />}</Guard> },
      { path: '/reports', element: <Guard roles={OFFICIAL_ROLES}>{(me) => <ReportsPage rootCode={rootOf(me)} />}</Guard> },
      { path: '/reports/worklist', element: <Guard roles={OFFICIAL_ROLES}>{() => <ReportsWorklistPage />}</Guard> },
      { path: '/arrivals', element: <Guard roles={OFFICIAL_ROLES}>{() => <ArrivalsPage />}</Guard> },
      { path: '/risk-settings', element: <Guard roles={OFFICIAL_ROLES}>{(me) => <RiskSettingsPage canEdit={me.user.role !== 'official'} />}</Guard> },
      { path: '/map', element: <MapPage /> },
      { path: '/map/levels', element: <Guard roles={OFFICIAL_ROLES}>{(me) => <RiskLevelsPage within={rootOf(me)} canRecompute={HEALTH_ROLES.includes(me.user.role)} />}</Guard> },
      { path: '/map/zones', element: <Guard roles={OFFICIAL_ROLES}>{() => <ZonesPage />}</Guard> },
      { path: '/map/sites', element: <Guard roles={OFFICIAL_ROLES}>{(me) => <SitesPage within={rootOf(me)} mapUnit={mapUnitOf(me)} />}</Guard> },
      { path: '/map/statistics', element: <Guard roles={OFFICIAL_ROLES}>{(me) => <StatisticsPage within={rootOf(me)} />}</Guard> },
      { path: '/guide', element: <GuidesPage /> },
      { path: '/guide/:slug', element: <Guide /> },
      { path: '/q', element: <Checkpoint /> },
      { path: '/q/:token', element: <Checkpoint /> },
      { path: '/admin/users', element: <Guard roles={['admin']}>{(me) => <UsersPage homeUnitCode={me.homeUnitCode} />}</Guard> },
      { path: '/admin/audit', element: <Guard roles={['admin']}>{() => <AuditPage />}</Guard> },
      { path: '/campaigns', element: <Guard roles={OFFICIAL_ROLES}>{() => <CampaignsPage />}</Guard> },
      { path: '/campaigns/new', element: <Guard roles={OFFICIAL_ROLES}>{(me) => <NewCampaignPage within={rootOf(me)} />}</Guard> },
      { path: '/campaigns/:id', element: <Campaign /> },
      { path: '/admin/outbox', element: <Guard roles={['admin']}>{() => <OutboxPage />}</Guard> },
      { path: '/lab-results', element: <Guard roles={['health_official', 'admin']}>{() => <LabWorklistPage />}</Guard> },
      { path: '/admin/integration', element: <Guard roles={['admin']}>{(me) => <IntegrationPage homeUnitCode={me.homeUnitCode} />}</Guard> },
      { path: '/admin/guides', element: <Guard roles={['admin']}>{() => <GuidesEditPage />}</Guard> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
