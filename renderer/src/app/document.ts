import type { Settings } from '../../../shared/contract';
import { directionOf, translate } from '../i18n/translate';
import { useSettingsStore } from '../stores/settings/actions';

function apply(settings: Settings) {
  const root = document.documentElement;
  root.lang = settings.locale;
  root.dir = directionOf(settings.locale);
  root.dataset.theme = settings.theme;
  document.title = translate(settings.locale, 'app.name');
}

/**
 * Language, direction and theme live on <html>, so CSS and assistive tech both see them. They are
 * applied straight from the store, before React renders, so components that read computed styles
 * (the chart's colours and fonts) see the new theme in their effects, not the previous one.
 */
export function syncDocumentWithSettings(): () => void {
  apply(useSettingsStore.getState().settings);
  return useSettingsStore.subscribe((state, previous) => {
    const a = state.settings;
    const b = previous.settings;
    if (a.locale !== b.locale || a.theme !== b.theme) apply(a);
  });
}
