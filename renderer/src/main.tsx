import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, type Transport } from '../../shared/contract';
import { App } from './app/App';
import { syncDocumentWithSettings } from './app/document';
import { setApi } from './api/client';
import { pickTransport } from './api/pick';
import { startSync } from './stores/sync';
import { startAlerts } from './features/alerts/notify';
import { startCoachingReminders } from './stores/coaching/reminders';
import { useSettingsStore } from './stores/settings/actions';
import { formatTime } from './i18n/format';
import './styles/base.css';
import './styles/shell.css';
import './styles/live-tiles.css';
import './styles/live-panels.css';
import './styles/wallboard.css';
import './styles/settings.css';

async function chooseTransport(): Promise<Transport> {
  // `?fake=1` runs the console on a built-in pretend contact centre, for working on screens
  // without a host; the module is only fetched when asked for.
  if (new URLSearchParams(window.location.search).has('fake')) {
    const { createFakeTransport } = await import('./api/fake');
    return createFakeTransport();
  }
  return pickTransport();
}

async function start() {
  const client = createClient(await chooseTransport());
  setApi(client);
  syncDocumentWithSettings();
  startSync(client);
  startAlerts(client);
  // Reminders wherever the console is open, with the time in the site's zone and the reader's locale.
  startCoachingReminders(client, (t) => {
    const { settings } = useSettingsStore.getState();
    return formatTime(settings.locale, settings.timezone, t, false);
  });
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
