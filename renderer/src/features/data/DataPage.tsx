import './data.css';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { followDataEvents, useDataStore } from '../../stores/data/actions';
import { useHostStore } from '../../stores/host';
import { HistoryTable } from './HistoryTable';
import { UploadIcon } from './icons';
import { ImportPanel, useFilePicker } from './ImportPanel';
import { SourcesPanel } from './SourcesPanel';
import { AgentsPanel } from '../agents/AgentsPanel';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** A file dragged anywhere over the screen can be dropped to import it. */
function useWindowDrop(enabled: boolean): boolean {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setOver(true);
    };
    const overHandler = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (file) void useDataStore.getState().chooseFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [enabled]);
  return over;
}

export function DataPage() {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  const readOnly = useHostStore((s) => s.info?.access === 'read');
  const busy = useDataStore((s) => s.upload !== null || (s.activeJobId !== null && s.jobs[s.activeJobId]?.state === 'running'));
  const picker = useFilePicker();
  const dragging = useWindowDrop(!readOnly && !busy);

  useEffect(() => {
    const store = useDataStore.getState();
    const stop = followDataEvents();
    void store.loadSources();
    void store.loadHistory();
    void store.loadJobs();
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, []);

  return (
    <div className="data-page">
      {picker.element}
      <div className="data-page__top">
        <ImportPanel now={now} readOnly={readOnly} openPicker={picker.open} />
        <SourcesPanel now={now} readOnly={readOnly} />
      </div>
      <HistoryTable />
      <AgentsPanel readOnly={readOnly} />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay__card">
            <UploadIcon size={48} />
            <p>{t('data.import.dropNow')}</p>
          </div>
        </div>
      )}
    </div>
  );
}
