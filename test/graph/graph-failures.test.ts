import { failureOf, retryAfterMs, type Answer } from '../../src/graph/graph-failures';
import { ORGANIZER } from './sample-event';

const NOW = Date.parse('2023-05-04T07:00:00Z');

function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): Answer {
  return { status, headers, body: { error: { code, message, innerError: { 'request-id': 'b6e0f4f2', date: '2023-05-04T07:00:00' } } } };
}

describe('a failed Graph answer as an outcome', () => {
  it('fails an invalid attendee alone and for good, quoting Graph', () => {
    const outcome = failureOf('create', graphError(400, 'ErrorInvalidRecipients', "At least one recipient isn't valid."), ORGANIZER, NOW);
    expect(outcome).toEqual({ ok: false, retryable: false, message: expect.stringContaining("ErrorInvalidRecipients: At least one recipient isn't valid.") });
    expect(outcome.message).toMatch(/^Graph afviste begivenheden \/ Graph refused the event/);
  });

  it.each([429, 503, 504])('tries %i again after the Retry-After Graph gave, in seconds', (status) => {
    const outcome = failureOf('create', graphError(status, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': '7' }), ORGANIZER, NOW);
    expect(outcome).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
  });

  it('reads a Retry-After given as an HTTP date, and none as no hint', () => {
    expect(retryAfterMs({ 'retry-after': 'Thu, 04 May 2023 07:00:30 GMT' }, NOW)).toBe(30_000);
    expect(retryAfterMs({ 'retry-after': 'Thu, 04 May 2023 06:59:00 GMT' }, NOW)).toBe(0);
    expect(retryAfterMs({}, NOW)).toBeNull();
    expect(retryAfterMs({ 'Retry-After': 'soon' }, NOW)).toBeNull();
    expect(failureOf('update', { status: 503, headers: {}, body: null }, ORGANIZER, NOW)).toMatchObject({ retryable: true, retryAfterMs: null });
  });

  it('tries a 401 again: the next try has a new token', () => {
    expect(failureOf('update', graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'), ORGANIZER, NOW))
      .toMatchObject({ ok: false, retryable: true });
  });

  it('says which permission or mailbox scope a 403 lacks, and does not try again', () => {
    const outcome = failureOf('create', graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'), ORGANIZER, NOW);
    expect(outcome.retryable).toBe(false);
    for (const words of ['Calendars.ReadWrite', 'RBAC for Applications', 'application access policy', 'ORGANIZER_MAILBOX', ORGANIZER, 'ErrorAccessDenied']) {
      expect(outcome.message).toContain(words);
    }
    expect(outcome.message.indexOf('Appen har ikke adgang')).toBe(0);
  });

  it('names ORGANIZER_MAILBOX when the mailbox does not exist', () => {
    const answer = graphError(404, 'ErrorInvalidUser', `The requested user '${ORGANIZER}' is invalid.`);
    for (const action of ['create', 'update', 'delete'] as const) {
      expect(failureOf(action, answer, ORGANIZER, NOW)).toMatchObject({ retryable: false, message: expect.stringMatching(/^Postkassen .*ORGANIZER_MAILBOX.* \/ Mailbox /) });
    }
    expect(failureOf('create', graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.'), ORGANIZER, NOW).message)
      .toContain('ORGANIZER_MAILBOX');
  });

  it('tells apart an event deleted in Outlook from a missing mailbox', () => {
    const outcome = failureOf('update', graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.'), ORGANIZER, NOW);
    expect(outcome).toMatchObject({ retryable: false, message: expect.stringMatching(/^Begivenheden findes ikke længere.*book det igen \/ The event no longer exists/) });
  });

  it('quotes the status when the body is no Graph error', () => {
    expect(failureOf('create', { status: 400, headers: {}, body: '<html>Bad Request</html>' }, ORGANIZER, NOW).message).toContain('(HTTP 400)');
  });
});
