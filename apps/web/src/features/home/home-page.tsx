import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@phongdich/core';
import { Page } from '../../components/ui.js';

export interface QuickLink {
  to: string;
  label: string;
}

/**
 * The first page after sign-in: who you are, where you work, what needs attention (an official's
 * dashboard, passed as children) and where to go next.
 */
export function HomePage({ me, links, children }: { me: Me; links: QuickLink[]; children?: ReactNode }) {
  const { t } = useTranslation();
  const unit = me.scopeUnit;
  return (
    <Page title={t('home.welcome', { name: me.user.displayName })}>
      {unit && <p className="lead">{t('home.yourUnit', { unit: [...unit.ancestors, unit].map((u) => u.name).join(' › ') })}</p>}
      {me.user.role === 'citizen' && me.user.phoneMasked && <p className="lead">{t('home.citizenIntro', { phone: me.user.phoneMasked })}</p>}
      {children}
      {links.length > 0 && (
        <nav aria-label={t('home.quickLinks')}>
          <ul className="tiles">
            {links.map((link) => (
              <li key={link.to}>
                <Link to={link.to}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </Page>
  );
}

/** What a visitor who is not signed in sees. */
export function PublicHome() {
  const { t } = useTranslation();
  return (
    <Page title={t('app.tagline')}>
      <p className="lead">{t('home.publicIntro')}</p>
      <p>
        <Link className="btn btn-primary huge wide" to="/map">
          {t('home.mapLink')}
        </Link>
      </p>
      <p className="muted">{t('home.mapLinkHelp')}</p>
      <p className="row-actions">
        <Link className="btn btn-secondary" to="/login">
          {t('nav.signIn')}
        </Link>
        <Link to="/guide">{t('home.guidesLink')}</Link>
      </p>
    </Page>
  );
}
