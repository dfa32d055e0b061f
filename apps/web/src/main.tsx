import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { AppProviders } from './app-providers';
import { ErrorBoundary } from './components/error-boundary';
import { createQueryClient } from './lib/query-client';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary what="TaskOverflow">
      <AppProviders queryClient={createQueryClient()}>
        <App />
      </AppProviders>
    </ErrorBoundary>
  </StrictMode>,
);
