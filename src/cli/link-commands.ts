import type { Clock } from '../app/clock';
import { DEFAULT_PORT, LOOPBACK, type LinkConfig } from '../config/config';
import { toLocal } from '../domain/local-time';
import type { Texts } from '../domain/errors';
import { issueRsvpLink } from '../links/issue-link';
import { revokeLink } from '../links/link-revocations';
import { linkSecret } from '../links/link-secret';
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

/** `link` prints a signed RSVP link, `revoke` blocks one; the text for stdout, Danish first. */
export async function runLinkCommand(command: LinkCommand, deps: LinkCommandDeps): Promise<string> {
  if (command.name === 'revoke') {
    const revokedNow = await revokeLink(deps.db, command.linkId, deps.clock.now());
    return both(revokedNow
      ? { da: `Linket ${command.linkId} er spærret; det kan ikke længere bruges.`, en: `Link ${command.linkId} is revoked; it can no longer be used.` }
      : { da: `Linket ${command.linkId} var allerede spærret.`, en: `Link ${command.linkId} was already revoked.` });
  }
  const secret = await linkSecret(deps.db, deps.links.secret, deps.clock);
  const issued = await issueRsvpLink({ db: deps.db, clock: deps.clock, secret, publicUrl: deps.links.publicUrl }, command.id, command.email, command.meeting, command.days);
  const who = issued.participant.person?.name ?? command.email;
  const until = toLocal(issued.expiresAt).replace('T', ' ');
  const heading = both({
    da: `Tilmeldingslink til ${who} for "${issued.meeting.title.da}", gyldigt til ${until}:`,
    en: `RSVP link for ${who} to "${issued.meeting.title.en}", valid until ${until}:`,
  });
  return `${heading}${issued.url}\n${both({ da: `Link-id (til revoke): ${issued.linkId}`, en: `Link id (for revoke): ${issued.linkId}` })}`;
}
