/**
 * The bot's Adaptive Cards: `renderXxx(data, lang)` binds a card's template (bot/cards/*.json,
 * schema 1.5) to its data and the fixed words of the language. The bot hands the result to
 * CardFactory.adaptiveCard.
 */
export type { AdaptiveCardJson } from './expand-template';
export { MAX_REFRESH_USERS } from './expand-template';
export * from './card-data';
export { renderError, renderHelp, renderNotInCohort, renderWelcome } from './render-commands';
export { renderMeetings, renderStatus } from './render-overviews';
export { renderPresentation, renderRsvp } from './render-answers';
export { renderSlotBooked, renderSlots } from './render-booking';
export { renderHeadcount, renderPractical } from './render-notices';
