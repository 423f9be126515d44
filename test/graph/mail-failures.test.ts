import { draftBody, MAIL_KEY_PROPERTY, mailFailureOf, messagesByKeyUrl } from '../../src/graph/mail-sender';

const MAILBOX = 'forloeb@tenant.example';
const error = (status: number, code: string, headers: Record<string, string> = {}) => ({ status, headers, body: { error: { code, message: 'm' } } });

describe('Graph mail: requests and failures', () => {
  it('throttling and outages are retried after Retry-After', () => {
    expect(mailFailureOf(error(429, 'TooManyRequests', { 'Retry-After': '7' }), MAILBOX, 0)).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    expect(mailFailureOf(error(503, 'ServiceUnavailable'), MAILBOX, 0)).toMatchObject({ retryable: true, retryAfterMs: null });
  });

  it('a refused recipient, a missing permission and an unknown mailbox are not retried and say what to fix', () => {
    expect(mailFailureOf(error(400, 'ErrorInvalidRecipients'), MAILBOX, 0)).toMatchObject({ retryable: false, message: expect.stringContaining("recipient's address is invalid") });
    expect(mailFailureOf(error(403, 'ErrorAccessDenied'), MAILBOX, 0)).toMatchObject({ retryable: false, message: expect.stringMatching(/Mail\.Send.*forloeb@tenant\.example.*ORGANIZER_MAILBOX/) });
    expect(mailFailureOf(error(404, 'ErrorInvalidUser'), MAILBOX, 0)).toMatchObject({ retryable: false, message: expect.stringContaining('correct ORGANIZER_MAILBOX') });
  });

  it('stamps the key on the draft and looks it up by it, quotes doubled', () => {
    const body = draftBody({ mailKey: "mail:o'k", to: { name: 'A B', email: 'a@b.example' }, subject: 's', bodyHtml: '<p>x</p>' });
    expect(body).toEqual({
      subject: 's',
      body: { contentType: 'HTML', content: '<p>x</p>' },
      toRecipients: [{ emailAddress: { address: 'a@b.example', name: 'A B' } }],
      singleValueExtendedProperties: [{ id: MAIL_KEY_PROPERTY, value: "mail:o'k" }],
    });
    const url = messagesByKeyUrl(MAILBOX, 'sentitems', "mail:o'k");
    expect(url.startsWith('/users/forloeb%40tenant.example/mailFolders/sentitems/messages?$filter=')).toBe(true);
    expect(decodeURIComponent(url)).toContain("ep/value eq 'mail:o''k')");
  });
});
