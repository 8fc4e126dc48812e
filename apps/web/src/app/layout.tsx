import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@phongdich/core';
import { setLanguage, currentLanguage } from '../lib/i18n/index.js';
import { usePendingWrites } from '../lib/offline-queue.js';
import { navFor } from './nav.js';

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** The shell around every page: brand, language switch, navigation for the role, offline notice. */
export function Layout({ me, children }: { me: Me | null; children: ReactNode }) {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const online = useOnline();
  const pending = usePendingWrites();
  // Until a required second factor is on, the account page is the only one that works.
  const items = me ? navFor(me.user.role).filter((item) => !me.user.totpEnrolmentRequired || item.to === '/account') : [];
  // A guide embedded in another site's frame (public/embed.js) shows the guide alone.
  if (location.pathname.startsWith('/guide/') && new URLSearchParams(location.search).get('embed') === '1') {
    return (
      <main id="main" className="embedded" tabIndex={-1}>
        {children}
      </main>
    );
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          <img src="/icon.svg" alt="" width={32} height={32} />
          <span>{t('app.name')}</span>
        </NavLink>
        <div className="topbar-actions">
          {pending > 0 && (
            <span className="badge badge-pending pending-indicator" role="status" data-testid="pending-writes">
              ⏳ {pending}
            </span>
          )}
          <button type="button" className="btn btn-link lang-switch" onClick={() => setLanguage(currentLanguage() === 'vi' ? 'en' : 'vi')} lang={currentLanguage() === 'vi' ? 'en' : 'vi'}>
            {t('app.switchTo')}
          </button>
          {me ? (
            <button type="button" className="btn btn-secondary menu-button" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
              {t('app.menu')}
            </button>
          ) : (
            location.pathname !== '/login' && (
              <NavLink to="/login" className="btn btn-primary">
                {t('nav.signIn')}
              </NavLink>
            )
          )}
        </div>
      </header>
      {!online && (
        <div className="offline-banner" role="status">
          {t('app.offline')}
        </div>
      )}
      <div className="body">
        {me && (
          <nav id="main-nav" className={`sidenav${menuOpen ? ' open' : ''}`} aria-label={t('app.menu')}>
            <p className="sidenav-who">
              <strong>{me.user.displayName}</strong>
              <span>{t(`roles.${me.user.role}`)}</span>
              {me.scopeUnit && <span>{me.scopeUnit.name}</span>}
            </p>
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end ?? item.to === '/'} onClick={() => setMenuOpen(false)}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
