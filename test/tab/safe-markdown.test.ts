import { safeMarkdown } from '../../tab/src/safe-markdown';

describe('the markdown the card previews render', () => {
  it('renders what Teams renders: bold, italic, https links and line breaks', () => {
    expect(safeMarkdown('**Husk** _oplægget_\n[Dagsorden](https://example.org/a?b=1&c=2)')).toBe(
      '<strong>Husk</strong> <em>oplægget</em><br><a href="https://example.org/a?b=1&amp;c=2" rel="noreferrer noopener">Dagsorden</a>',
    );
  });

  it.each([
    ['a tag in a name', '<img src=x onerror=alert(1)>Tina', '&lt;img src=x onerror=alert(1)&gt;Tina'],
    ['a script', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a javascript: link', '[klik](javascript:alert(1))', '[klik](javascript:alert(1))'],
    ['a quote breaking out of a link', '[x](https://example.org/"onmouseover="alert(1))', '[x](https://example.org/&quot;onmouseover=&quot;alert(1))'],
    ['an entity', 'Fisk &amp; skaldyr', 'Fisk &amp;amp; skaldyr'],
  ])('keeps %s as text', (_what, text, html) => {
    expect(safeMarkdown(text)).toBe(html);
  });
});
