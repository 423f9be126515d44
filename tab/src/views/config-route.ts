/** The team tab's configuration page, below /tab/ (the manifest's configurationUrl). */
export const CONFIG_ROUTE = 'config';
