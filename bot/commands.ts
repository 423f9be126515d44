/** What a typed message asks for; anything else is answered with help, never with silence. */
export type Command = 'help' | 'meetings' | 'status' | 'preparatory' | 'followup' | 'unknown';

const WORDS: Record<string, Exclude<Command, 'unknown'>> = {
  hjælp: 'help',
  hjaelp: 'help',
  help: 'help',
  '?': 'help',
  møder: 'meetings',
  moeder: 'meetings',
  'mine møder': 'meetings',
  meetings: 'meetings',
  'my meetings': 'meetings',
  status: 'status',
  forberedelse: 'preparatory',
  'forberedende møde': 'preparatory',
  preparation: 'preparatory',
  opfølgning: 'followup',
  opfoelgning: 'followup',
  'follow-up': 'followup',
  followup: 'followup',
};

/**
 * In a team or group chat Teams puts the bot's @-mention into the text (`<at>Gruppeforløb</at> status`);
 * it is not part of the command. Case, surrounding spaces and a trailing full stop do not matter.
 */
export function commandOf(text: string | undefined): Command {
  const words = (text ?? '')
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/[.!]+$/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  return WORDS[words] ?? 'unknown';
}
