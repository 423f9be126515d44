import type { Clock } from '../app/clock';
import { DEFAULT_PORT, LOOPBACK, type LinkConfig } from '../config/config';
import { toLocal } from '../domain/local-time';
import type { Texts } from '../domain/errors';
import { issueLink } from '../links/issue-link';
import { revokeLink } from '../links/link-revocations';
import { linkSecret } from '../links/link-secret';
import type { LinkPurpose } from '../links/link-token';
import type { Executor } from '../store/schema';
import type { Command } from './cohort-args';

/** What `main` gets when no configuration says otherwise: local mode, the server's default address. */
export const LOCAL_LINKS: LinkConfig = { secret: null, publicUrl: `http://${LOOPBACK}:${DEFAULT_PORT}` };

export type LinkCommand = Extract<Command, { name: 'link' | 'revoke' }>;

export interface LinkCommandDeps {
  db: Executor;
  clock: Clock;
  links: LinkConfig;
}

const both = (t: Texts) => `${t.da}\n${t.en}\n`;

/** What the printed link is called, by its purpose. */
const LINK_NAMES: Record<LinkPurpose, Texts> = {
  rsvp: { da: 'Tilmeldingslink', en: 'RSVP link' },
  presentation: { da: 'Oplægslink', en: 'Presentation link' },
  booking: { da: 'Bookinglink', en: 'Booking link' },
};

/** `link` prints a signed link (RSVP, presentation or booking), `revoke` blocks one; the text for stdout, Danish first. */
export async function runLinkCommand(command: LinkCommand, deps: LinkCommandDeps): Promise<string> {
  if (command.name === 'revoke') {
    const revokedNow = await revokeLink(deps.db, command.linkId, deps.clock.now());
    return both(revokedNow
      ? { da: `Linket ${command.linkId} er spærret; det kan ikke længere bruges.`, en: `Link ${command.linkId} is revoked; it can no longer be used.` }
      : { da: `Linket ${command.linkId} var allerede spærret.`, en: `Link ${command.linkId} was already revoked.` });
  }
  const secret = await linkSecret(deps.db, deps.links.secret, deps.clock);
  const issued = await issueLink({ db: deps.db, clock: deps.clock, secret, publicUrl: deps.links.publicUrl }, command.id, command.email, command.meeting, command.purpose, command.days);
  const who = issued.participant.person?.name ?? command.email;
  const until = toLocal(issued.expiresAt).replace('T', ' ');
  const name = LINK_NAMES[command.purpose];
  const heading = both({
    da: `${name.da} til ${who} for "${issued.meeting.title.da}", gyldigt til ${until}:`,
    en: `${name.en} for ${who} to "${issued.meeting.title.en}", valid until ${until}:`,
  });
  return `${heading}${issued.url}\n${both({ da: `Link-id (til revoke): ${issued.linkId}`, en: `Link id (for revoke): ${issued.linkId}` })}`;
}
