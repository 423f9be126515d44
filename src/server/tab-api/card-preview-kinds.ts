/** The cards the tab previews for advisors, in the order a leader meets them: the API's contract, which the bot's preview renderer keeps. */
export const CARD_PREVIEW_KINDS = ['welcome', 'rsvp', 'moved', 'presentation', 'practical', 'headcount', 'booking', 'confirmation'] as const;
export type CardPreviewKind = (typeof CARD_PREVIEW_KINDS)[number];
