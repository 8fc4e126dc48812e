import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import './lib/i18n/index.js';
import './styles.css';
import './features/declarations/declarations.css';
import './features/cases/cases.css';
import './features/dashboards/dashboards.css';
import './features/map/map.css';
import './features/assessment/assessment.css';
import './features/guides/guides.css';
import { AppRouter } from './app/router.js';
import { ApiError } from './lib/api.js';
import { ME_KEY } from './lib/session.js';

const queryClient: QueryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false } },
  queryCache: new QueryCache({
    // The role was made to require two-step verification while the app was open: reloading the
    // account sends its owner to turn it on (app/router).
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'totp_enrolment_required') void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  }),
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AppRouter />
    </QueryClientProvider>
  </StrictMode>,
);

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('/sw.js');
  });
}
