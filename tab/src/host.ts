import { app, authentication } from '@microsoft/teams-js';

/** Teams' own themes; outside Teams the page follows the browser's prefers-color-scheme. */
export type ThemeName = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  locale: string;
  theme: ThemeName;
  /** A Teams SSO token for the tab's API (Teams caches and renews it). */
  token(): Promise<string>;
  onThemeChange(handler: (theme: ThemeName) => void): void;
}

/** Teams answers initialize() within a moment when it hosts the page; a plain browser never does. */
const INITIALIZE_TIMEOUT_MS = 1500;

function themeName(theme: string | undefined): ThemeName {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The Teams (or Outlook, or Microsoft 365 app) host, or null when the page runs in a plain browser. */
export async function teamsHost(): Promise<TeamsHost | null> {
  try {
    await within(app.initialize(), INITIALIZE_TIMEOUT_MS);
    const context = await within(app.getContext(), INITIALIZE_TIMEOUT_MS);
    app.notifySuccess();
    return {
      locale: context.app.locale,
      theme: themeName(context.app.theme),
      token: () => authentication.getAuthToken(),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(themeName(theme))),
    };
  } catch {
    return null;
  }
}
