import {
  Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens,
} from '@fluentui/react-components';
import { createContext, lazy, useCallback, useContext, useEffect, useState, type ComponentType } from 'react';
import { ApiError, SignInFailed, type Api } from './api';
import type { ThemeName } from './host';
import { pick, type Lang, type Texts } from './texts';

export interface TabContext {
  t: Texts;
  lang: Lang;
  api: Api;
  /** Teams' theme (or the browser's preference): what is drawn outside Fluent UI, like card previews, follows it. */
  theme: ThemeName;
  navigate(path: string): void;
}

export const Tab = createContext<TabContext | null>(null);

export function useTab(): TabContext {
  const context = useContext(Tab);
  if (context === null) throw new Error('useTab outside <Tab.Provider>');
  return context;
}

/**
 * A view fetched when first drawn, so the first view downloads only what it shows: a participant
 * never loads the advisors' screens, the card renderer or the configuration page.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return lazy(async () => ({ default: await load() }));
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ok'; data: T };

/**
 * Loads when `load` changes (callers keep it stable with useCallback); reload() fetches again and
 * keeps showing the old data meanwhile.
 */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> & { reload(): Promise<void> } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const run = load;
  const reload = useCallback(async () => {
    try {
      setLoaded({ state: 'ok', data: await run() });
    } catch (error) {
      setLoaded({ state: 'error', error });
    }
  }, [run]);
  useEffect(() => {
    let current = true;
    run().then(
      (data) => current && setLoaded({ state: 'ok', data }),
      (error: unknown) => current && setLoaded({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [run]);
  return { ...loaded, reload };
}

/** Each mistake of a 400 by its field (`participants.0.email`, the request's part left off) and the server's words for it. */
const problemsOf = (error: ApiError, lang: Lang) =>
  error.problems.map((p) => `${p.path.replace(/^(body|params|query)\./, '')}: ${p.texts ? pick(p.texts, lang) : p.message}`).join('; ');

/** The API's own words for a refusal, else a plain line; a 400 names what was wrong, as "see problems" helps no one in the tab. */
export function errorText(error: unknown, t: Texts, lang: Lang): string {
  if (error instanceof SignInFailed) return t.signInFailed;
  if (error instanceof ApiError && error.problems.length > 0) return t.invalidInput(problemsOf(error, lang));
  if (error instanceof ApiError && error.texts) return pick(error.texts, lang);
  if (error instanceof TypeError) return t.networkError;
  return error instanceof Error ? error.message : String(error);
}

export function Loading() {
  const { t } = useTab();
  return <Spinner size="small" label={t.loading} />;
}

export function Failure({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useTab();
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
        {errorText(error, t, lang)}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t.reload}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export const useStyles = makeStyles({
  page: { padding: '16px 24px 48px', maxWidth: '1200px', display: 'flex', flexDirection: 'column', rowGap: '16px' },
  stack: { display: 'flex', flexDirection: 'column', rowGap: '12px' },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: '12px', rowGap: '8px', alignItems: 'center' },
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))', gap: '16px' },
  muted: { color: tokens.colorNeutralForeground3 },
  tableWrap: { overflowX: 'auto' },
  heading: { margin: 0 },
  code: { fontFamily: tokens.fontFamilyMonospace, backgroundColor: tokens.colorNeutralBackground3, padding: '2px 6px', borderRadius: tokens.borderRadiusMedium },
});
