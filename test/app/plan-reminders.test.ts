import { bookSeries } from '../../src/app/calendar-commands';
import type { Clock } from '../../src/app/clock';
import { importCohort } from '../../src/app/import-cohort';
import { planReminders, remindNow, type ReminderDeps } from '../../src/app/plan-reminders';
import { parseInstant } from '../../src/domain/local-time';
import { saveConversation } from '../../src/reach/conversation-references';
import { LINK_PURPOSES } from '../../src/links/link-token';
import { openLink } from '../../src/links/open-link';
import { MAIL_KIND, type MailState } from '../../src/reach/rsvp-mail';
import { TEAMS_MESSAGE_KIND, type TeamsMessageState } from '../../src/reach/teams-message';
import { example, sequentialIds } from '../support/documents';
import { engines, useStore } from '../support/engines';

const SECRET = 'a-link-secret-that-is-long-enough-0123456789';

describe.each(engines())('planning reminders ($name)', (engine) => {
  const fixture = useStore(engine);
  let now = parseInstant('2026-11-20T09:00:00Z');
  const clock: Clock = { now: () => now };

  const deps = (over: Partial<ReminderDeps> = {}): ReminderDeps => ({
    store: fixture.store.cohorts,
    db: fixture.store.db,
    clock,
    links: { secret: SECRET, publicUrl: 'https://gruppeforloeb.example.org' },
    organizer: null,
    ...over,
  });

  const objects = () => fixture.store.db.selectFrom('outbox_objects').selectAll().where('object_key', 'like', 'reminder:%').orderBy('object_key').execute();

  beforeEach(async () => {
    await fixture.store.db.deleteFrom('outbox_objects').execute();
    await fixture.store.db.deleteFrom('teams_conversations').execute();
    await fixture.store.db.deleteFrom('cohorts').execute();
    await importCohort({ store: fixture.store.cohorts, newId: sequentialIds() }, example('demo.cohort.json'));
    now = parseInstant('2026-11-20T09:00:00Z');
  });

  it('records nothing before the series is booked', async () => {
    now = parseInstant('2027-01-05T09:00:00Z');
    expect(await planReminders(deps())).toEqual({ recorded: 0 });
  });

  it('sends a due reminder to a person with a Teams chat once, however often it is planned', async () => {
    await bookSeries({ db: fixture.store.db, clock }, 'demo', 'signe.vestergaard@styrelsen.example.org');
    await saveConversation(
      fixture.store.db,
      { userId: '29:lone', aadObjectId: null, conversationId: 'a:lone', serviceUrl: 'https://smba.example/emea/', tenantId: 't', botId: '28:bot', locale: 'da-DK' },
      'Lone.Bach@horsens.example.org',
      now,
    );
    // Two weeks before the first reflection meeting (19 January, virtual, with presentations).
    now = parseInstant('2027-01-05T09:00:00Z');
    const first = await planReminders(deps());
    const rows = await objects();
    expect(first.recorded).toBe(rows.length);
    const teams = rows.filter((r) => r.kind === TEAMS_MESSAGE_KIND);
    expect(teams.length).toBeGreaterThan(0);
    expect(teams.every((r) => r.target === 'teams:a:lone')).toBe(true);
    const state = JSON.parse(teams[0]!.desired_state!) as TeamsMessageState;
    expect(state.content).toMatchObject({ kind: 'reminder', reminder: { kind: 'presentation' } });
    expect(state.to).toMatchObject({ kind: 'chat', conversation: { conversationId: 'a:lone' } });
    // Nobody else is in Teams: what a link answers (the moved meeting, the presentation) goes by e-mail instead.
    const others = rows.filter((r) => r.kind !== TEAMS_MESSAGE_KIND);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((r) => r.kind === MAIL_KIND && /:(moved|presentation-14):/.test(r.object_key))).toBe(true);
    expect(others.some((r) => r.object_key.includes(':presentation-14:'))).toBe(true);

    now = parseInstant('2027-01-05T09:30:00Z');
    expect(await planReminders(deps())).toEqual({ recorded: 0 });
    expect(await objects()).toHaveLength(rows.length);
  });

  it('asks those outside Teams for their RSVP by e-mail with a signed link, from the organiser', async () => {
    await bookSeries({ db: fixture.store.db, clock }, 'demo', 'signe.vestergaard@styrelsen.example.org');
    now = parseInstant('2027-01-17T08:00:00Z');
    await planReminders(deps());
    const mails = (await objects()).filter((r) => r.kind === MAIL_KIND);
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((m) => m.target === 'signe.vestergaard@styrelsen.example.org')).toBe(true);
    expect(mails[0]!.desired_state).toContain('https://gruppeforloeb.example.org/l/');
    expect(mails.some((m) => m.object_key.includes(':rsvp:'))).toBe(true);
    expect(mails.every((m) => /:(rsvp|moved|presentation-3):/.test(m.object_key))).toBe(true);
  });

  /** The signed link a mail carries, opened as the page would open it. */
  async function linkIn(state: string) {
    const token = /\/l\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(state)![1]!;
    return openLink({ db: fixture.store.db, clock, secret: SECRET }, token, LINK_PURPOSES);
  }

  it('reminds those outside Teams of their presentation by e-mail, with a presentation link to the meeting', async () => {
    await bookSeries({ db: fixture.store.db, clock }, 'demo', 'signe.vestergaard@styrelsen.example.org');
    now = parseInstant('2027-01-05T09:00:00Z');
    await planReminders(deps());
    const mails = (await objects()).filter((r) => r.kind === MAIL_KIND && r.object_key.includes(':presentation-14:'));
    const kasper = mails.find((m) => m.desired_state!.includes('kasper.holm@horsens.example.org'))!;
    const state = JSON.parse(kasper.desired_state!) as MailState;
    expect(state.subject).toBe('Oplæg: Refleksionsmøde, tirsdag 19. januar 2027 (Demo: Organisering af M-ACT)');
    expect(state.bodyHtml).toContain('<p>Hej Kasper</p><p>Horsens Kommune holder et kort oplæg på Refleksionsmøde');
    expect(state.bodyHtml).toContain('English: Horsens Kommune gives a short presentation');
    expect(await linkIn(kasper.desired_state!)).toMatchObject({
      ok: true,
      link: { purpose: 'presentation', participant: { person: { name: 'Kasper Holm' } }, municipality: { name: 'Horsens Kommune' }, meeting: { key: 'refleksion-1' } },
    });
    // Kolding is ready: its people are not reminded, by mail or otherwise.
    expect(mails.some((m) => m.desired_state!.includes('@kolding.example.org'))).toBe(false);
  });

  it('reminds leaders outside Teams to book by e-mail, with a booking link, and nobody else', async () => {
    await bookSeries({ db: fixture.store.db, clock }, 'demo', 'signe.vestergaard@styrelsen.example.org');
    now = parseInstant('2026-11-24T09:00:00Z');
    await planReminders(deps());
    const mails = (await objects()).filter((r) => r.kind === MAIL_KIND && r.object_key.includes(':booking-14:'));
    const to = mails.map((m) => (JSON.parse(m.desired_state!) as MailState).to.email).sort();
    expect(to).toEqual(['anja.kristoffersen@silkeborg.example.org', 'henrik.thomsen@kolding.example.org', 'jesper.moelgaard@viborg.example.org', 'lone.bach@horsens.example.org', 'sara.noergaard@kolding.example.org', 'tina.frost@naestved.example.org']);
    const lone = mails.find((m) => m.desired_state!.includes('lone.bach@horsens.example.org'))!;
    expect((JSON.parse(lone.desired_state!) as MailState).subject).toBe('Book: Forberedende individuelt møde (Demo: Organisering af M-ACT)');
    expect(await linkIn(lone.desired_state!)).toMatchObject({ ok: true, link: { purpose: 'booking', municipality: { name: 'Horsens Kommune' }, meeting: { key: 'forberedende' } } });
  });

  it('without a link secret, leaves those outside Teams to be reminded once they are reachable', async () => {
    await bookSeries({ db: fixture.store.db, clock }, 'demo', 'signe.vestergaard@styrelsen.example.org');
    now = parseInstant('2027-01-17T08:00:00Z');
    expect(await planReminders(deps({ links: null }))).toEqual({ recorded: 0 });
  });

  it("records an advisor's reminder now once a day, and refuses an unknown meeting", async () => {
    await bookSeries({ db: fixture.store.db, clock }, 'demo', 'signe.vestergaard@styrelsen.example.org');
    await saveConversation(
      fixture.store.db,
      { userId: '29:lone', aadObjectId: null, conversationId: 'a:lone', serviceUrl: 'https://smba.example/emea/', tenantId: 't', botId: '28:bot', locale: 'da-DK' },
      'lone.bach@horsens.example.org',
      now,
    );
    now = parseInstant('2026-12-20T09:00:00Z');
    const first = await remindNow(deps(), 'demo', 'refleksion-2', 'presentation');
    // Lone in Teams, everyone else by e-mail.
    expect(first.recipients).toBeGreaterThan(1);
    expect(first.recorded).toBe(first.recipients);
    expect((await remindNow(deps(), 'demo', 'refleksion-2', 'presentation')).recorded).toBe(0);
    await expect(remindNow(deps(), 'demo', 'no-such-meeting', 'rsvp')).rejects.toThrow();
  });
});
