import { Template } from 'adaptivecards-templating';
import type { RefreshActionData, SharedChatData } from './card-data';

/** What Teams renders; the bot hands it to CardFactory.adaptiveCard. A type alias, so it passes as plain JSON (the tab's card previews). */
export type AdaptiveCardJson = {
  $schema: string;
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  refresh?: { action: { type: 'Action.Execute'; verb: 'refresh'; data: RefreshActionData }; userIds: string[] };
  msteams?: { width: 'Full' };
};

/**
 * A value a template may bind. No null or undefined: the templating library renders a missing
 * value as the literal `${path}` and throws on null inside a sentence, so views decide every gap.
 */
export type Bindable = string | number | boolean | readonly Bindable[] | { readonly [key: string]: Bindable };

export type TemplateRoot = { readonly [key: string]: Bindable };

function isAdaptiveCard(value: unknown): value is AdaptiveCardJson {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'AdaptiveCard';
}

/** Binds once-parsed templates; user text is only ever a value, so `${…}` inside it stays text. */
export function cardTemplate(json: object): (root: TemplateRoot) => AdaptiveCardJson {
  const template = new Template(json);
  return (root) => {
    const card: unknown = template.expand({ $root: root });
    if (!isAdaptiveCard(card)) throw new Error('A card template did not expand to an AdaptiveCard.');
    return card;
  };
}

/** Teams' limit on users whose copy of a shared card refreshes automatically. */
export const MAX_REFRESH_USERS = 60;
const TEAMS_USER_ID = /^8:orgid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A shared card refreshes per user, so each sees their own answer; a card in a personal chat is
 * already the reader's own and needs no refresh. Added here rather than in the template because
 * `$when` on a property leaves `null` behind, which the schema refuses.
 */
export function withRefresh(card: AdaptiveCardJson, data: RefreshActionData, shared: SharedChatData | null): AdaptiveCardJson {
  if (!shared) return card;
  if (shared.userIds.length > MAX_REFRESH_USERS) {
    throw new RangeError(`A card refreshes for at most ${MAX_REFRESH_USERS} users; got ${shared.userIds.length}.`);
  }
  const bad = shared.userIds.find((id) => !TEAMS_USER_ID.test(id));
  if (bad !== undefined) throw new RangeError(`Not a Teams user id (8:orgid:<Entra object id>): ${bad}`);
  return { ...card, refresh: { action: { type: 'Action.Execute', verb: 'refresh', data }, userIds: [...shared.userIds] } };
}
