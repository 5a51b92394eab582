// Stylesheets first, in cascade order (generic, then per area, then the phone overrides);
// pages import their own sheet too, which then adds nothing and cannot move it.
import './styles/base.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/incident.css';
import './styles/alerting.css';
import './styles/response.css';
import './styles/paging.css';
import './styles/oncall.css';
import './styles/stakeholders.css';
import './styles/webhooks.css';
import './styles/metrics.css';
import './styles/responsive.css';
import './styles/first-hour.css';
import './zod-without-eval.js';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { ApiError } from './api/client.js';
import { sessionKey } from './api/session.js';
import { App } from './app.js';

/** A 401 from any call means the session ended: drop it so the app shows sign-in. */
function onApiError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(sessionKey, null);
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

// A data router (one route holding the app's own <Routes>), so pages can block navigation
// while they hold unsaved edits (`useBlocker` works only under a data router).
const router = createBrowserRouter([{ path: '*', element: <App /> }]);

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
