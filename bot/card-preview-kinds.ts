/** The cards the tab previews for advisors, in the order a leader meets them. Kept apart from the renderers so the API's schemas can name them. */
export const CARD_PREVIEW_KINDS = ['welcome', 'rsvp', 'moved', 'presentation', 'practical', 'headcount', 'booking', 'confirmation'] as const;
export type CardPreviewKind = (typeof CARD_PREVIEW_KINDS)[number];
