import type { ApiClient } from '../../../shared/contract';
import { useConnectionStore } from './connection';
import { useHostStore } from './host';
import { useLiveStore } from './live/actions';
import { useSettingsStore } from './settings/actions';

/**
 * Wires core's events into the stores and loads the first state. After a reconnect everything is
 * fetched again, because events sent while the stream was down are gone.
 */
export function startSync(client: ApiClient): () => void {
  const connection = useConnectionStore.getState();
  const refresh = () => {
    void useSettingsStore.getState().load();
    void useLiveStore.getState().load().then(() => {
      if (useLiveStore.getState().error === null) connection.markMessage();
    });
    void useHostStore.getState().load();
  };

  let wasConnected = false;
  let hadConnection = false;
  const stops = [
    client.on('live.snapshot', (snapshot) => {
      connection.markMessage();
      useLiveStore.getState().receive(snapshot);
    }),
    client.on('settings.changed', (settings) => {
      connection.markMessage();
      useSettingsStore.getState().receive(settings);
    }),
    client.on('simulator.status', (status) => {
      connection.markMessage();
      useHostStore.getState().receiveSimulator(status);
    }),
    client.onConnection((connected) => {
      useConnectionStore.getState().setConnected(connected);
      if (connected && !wasConnected && hadConnection) refresh();
      hadConnection ||= connected;
      wasConnected = connected;
    }),
  ];
  refresh();
  return () => {
    for (const stop of stops) stop();
  };
}
