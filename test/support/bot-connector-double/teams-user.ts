import { randomUUID } from 'node:crypto';
import { teamsUserId } from './ids';

/** A person as Teams knows them: the bot-specific `29:` id and their Entra identity. */
export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
  email: string;
  userPrincipalName: string;
  givenName?: string;
  surname?: string;
  /** `user`, `guest` or `anonymous`, as the roster APIs answer; `user` when left out. */
  userRole?: string;
}

const DANISH_LETTERS: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa' };

/** A user with fresh ids, addressed as `{first}.{last}@{domain}` from their name (Søren Ærø: soeren.aeroe). */
export function makeTeamsUser(name: string, domain = 'tenant.example'): TeamsUser {
  const ascii = name.toLowerCase().replace(/[æøå]/g, (letter) => DANISH_LETTERS[letter]!).normalize('NFD');
  const local = ascii.replace(/[^a-z0-9 ]/g, '').trim().split(/\s+/).join('.');
  const address = `${local}@${domain}`;
  return { id: teamsUserId(), aadObjectId: randomUUID(), name, email: address, userPrincipalName: address };
}
