import {
  FluentProvider, makeStyles, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, tokens, type Theme,
} from '@fluentui/react-components';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, type Auth, type DemoUser } from './api';
import { Failure, lazyView, Loading, Tab } from './common';
import { teamsHost, type TeamsHost, type ThemeName } from './host';
import { langOf, TEXTS } from './texts';
import { DemoPicker, rememberedDemoUser } from './views/DemoPicker';
import { Home } from './views/Home';
import { NotInTeams } from './views/NotInTeams';
import { CONFIG_ROUTE } from './views/config-route';

const TabConfig = lazyView(() => import('./views/TabConfig').then((m) => m.TabConfig));
const TabConfigOutsideTeams = lazyView(() => import('./views/TabConfig').then((m) => m.TabConfigOutsideTeams));

const THEMES: Record<ThemeName, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const DARK_QUERY = '(prefers-color-scheme: dark)';

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
});

/** The page's path below /tab/, which the single-page app routes on. */
function routeOf(): string {
  return window.location.pathname.replace(/^\/tab\/?/, '').replace(/\/+$/, '');
}

/**
 * The Teams host (undefined: still asking; null: a plain browser) and its theme, followed live;
 * outside Teams the browser's light or dark preference.
 */
function useHost(): { host: TeamsHost | null | undefined; themeName: ThemeName } {
  const [host, setHost] = useState<TeamsHost | null | undefined>(undefined);
  const [teamsTheme, setTeamsTheme] = useState<ThemeName | null>(null);
  const [prefersDark, setPrefersDark] = useState(() => window.matchMedia?.(DARK_QUERY).matches ?? false);
  useEffect(() => {
    let current = true;
    void teamsHost().then((found) => {
      if (!current) return;
      setHost(found);
      if (!found) return;
      setTeamsTheme(found.theme);
      found.onThemeChange((theme) => current && setTeamsTheme(theme));
    });
    return () => {
      current = false;
    };
  }, []);
  useEffect(() => {
    const query = window.matchMedia?.(DARK_QUERY);
    if (!query) return;
    const changed = (event: MediaQueryListEvent) => setPrefersDark(event.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return { host, themeName: teamsTheme ?? (prefersDark ? 'dark' : 'default') };
}

type Mode = { kind: 'asking' } | { kind: 'local'; users: DemoUser[] } | { kind: 'tenant' } | { kind: 'error'; error: unknown };

export function App() {
  const { host, themeName } = useHost();
  const lang = langOf(host?.locale ?? new URLSearchParams(window.location.search).get('lang'));
  const t = TEXTS[lang];
  const styles = useStyles();
  const [route, setRoute] = useState(routeOf);
  const [mode, setMode] = useState<Mode>({ kind: 'asking' });
  const [demoUser, setDemoUser] = useState<string | null>(rememberedDemoUser);

  useEffect(() => {
    const popped = () => setRoute(routeOf());
    window.addEventListener('popstate', popped);
    return () => window.removeEventListener('popstate', popped);
  }, []);
  const navigate = useCallback((path: string) => {
    window.history.pushState(null, '', `/tab/${path}`);
    setRoute(routeOf());
    window.scrollTo(0, 0);
  }, []);

  // Local mode is the server's to say: only it offers demo users (404 with a tenant).
  const findMode = useCallback(
    () =>
      api(null).demoUsers().then(
        (users) => setMode(users === null ? { kind: 'tenant' } : { kind: 'local', users }),
        (error: unknown) => setMode({ kind: 'error', error }),
      ),
    [],
  );
  useEffect(() => {
    void findMode();
  }, [findMode]);
  const retry = () => {
    setMode({ kind: 'asking' });
    void findMode();
  };
  // The people to pick from are read again: someone added since the page loaded can be picked too.
  const switchUser = () => {
    setDemoUser(null);
    retry();
  };

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.appName;
  }, [lang, t]);

  const auth: Auth | null = useMemo(() => {
    if (mode.kind === 'local') return demoUser !== null && mode.users.some((u) => u.email === demoUser) ? { kind: 'demo', email: demoUser } : null;
    if (mode.kind === 'tenant' && host) return { kind: 'teams', token: host.token };
    return null;
  }, [mode, demoUser, host]);
  // Its own memo: a theme change redraws, it does not load everything again.
  const client = useMemo(() => api(auth), [auth]);
  const context = useMemo(() => ({ t, lang, api: client, theme: themeName, navigate }), [t, lang, client, themeName, navigate]);

  // The team tab's configuration page waits to learn whether Teams hosts it: outside Teams there is
  // nothing to configure, and nobody need sign in.
  const configuring = route === CONFIG_ROUTE;
  let content;
  if (configuring && host === null) content = <TabConfigOutsideTeams />;
  else if (mode.kind === 'asking' || ((mode.kind === 'tenant' || configuring) && host === undefined)) content = <Loading />;
  else if (mode.kind === 'error') content = <Failure error={mode.error} onRetry={retry} />;
  else if (mode.kind === 'tenant' && host === null) content = <NotInTeams />;
  else if (mode.kind === 'local' && auth === null) content = <DemoPicker users={mode.users} onPick={setDemoUser} onLoaded={retry} />;
  else if (configuring) content = <TabConfig />;
  else {
    const demo = mode.kind === 'local' ? mode.users.find((u) => u.email === demoUser) ?? null : null;
    content = <Home key={demoUser ?? 'teams'} route={route} demo={demo} onSwitchUser={switchUser} />;
  }

  return (
    <FluentProvider theme={THEMES[themeName]} className={styles.root} data-theme={themeName}>
      <Tab.Provider value={context}>
        <Suspense fallback={<Loading />}>{content}</Suspense>
      </Tab.Provider>
    </FluentProvider>
  );
}
