/**
 * The little markdown Teams renders in a card's text (bold, italic, https links, line breaks), as
 * HTML for the adaptivecards renderer, which sets it as innerHTML. Everything is escaped first, so
 * a name or note typed by a participant can only ever be text: no tag, attribute or script of its
 * own, and a link only where the text itself is an http(s) address.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function safeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s()]+)\)/g, '<a href="$2" rel="noreferrer noopener">$1</a>')
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, '$1<em>$2</em>')
    .replace(/\r?\n/g, '<br>');
}
