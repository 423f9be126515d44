import { TEXTS, type Lang } from './texts';

/** What a team or group chat tab saves in Teams (teams-js `pages.InstanceConfig`). */
export interface TabSettings {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
}

/**
 * The team tab "Forløbsoverblik" for one cohort: it opens that cohort's overview, in Teams and, from
 * the tab's "open in browser", on the same address. The entity id is the cohort's, so Teams tells a
 * later reconfiguration which cohort the tab shows.
 */
export function tabSettings(cohort: { id: string; name: string }, origin: string, lang: Lang): TabSettings {
  const url = `${origin}/tab/cohorts/${encodeURIComponent(cohort.id)}`;
  return { entityId: cohort.id, contentUrl: url, websiteUrl: url, suggestedDisplayName: TEXTS[lang].tabConfigDisplayName(cohort.name) };
}
