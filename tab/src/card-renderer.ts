import { AdaptiveCard, HostConfig } from 'adaptivecards';
import type { ThemeName } from './host';
import { safeMarkdown } from './safe-markdown';
import { teamsHostConfig } from './teams-host-config';

/**
 * Renders card JSON as Teams would show it, for a preview. Loaded only with the card previews (a
 * dynamic import), so the tab's first view does not carry the renderer.
 */

// Set once, for every card: the renderer would otherwise use any global markdown-it it finds.
AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = safeMarkdown(text);
  result.didProcess = true;
};

export function renderCard(json: object, theme: ThemeName): HTMLElement {
  const card = new AdaptiveCard();
  card.hostConfig = new HostConfig(teamsHostConfig(theme));
  // A preview: pressing a button or a link sends, opens and changes nothing.
  card.onExecuteAction = () => undefined;
  card.onAnchorClicked = () => true;
  card.parse(json);
  const element = card.render();
  if (!element) throw new Error('The card could not be rendered.');
  return element;
}
