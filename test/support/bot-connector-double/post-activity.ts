import { rawRequest } from '../graph-double/raw-client';

export interface PostOptions {
  /** Sent as `Authorization: Bearer {token}`, as the Bot Framework does; no header when left out. */
  token?: string;
  /** The CA to trust for an https endpoint (in-process fetch trusts only the CAs Node started with). */
  ca?: string;
}

export interface BotAnswer {
  status: number;
  /** The body as JSON, or as text when it is not JSON; undefined when empty. */
  body: unknown;
}

/** Posts an activity to a bot's messaging endpoint (its full URL, e.g. `…/api/messages`) the way Teams does. */
export async function postActivity(endpoint: string, activity: object, options: PostOptions = {}): Promise<BotAnswer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
  };
  const body = JSON.stringify(activity);
  if (options.ca !== undefined) {
    const res = await rawRequest(endpoint, options.ca, { method: 'POST', headers, body });
    return { status: res.status, body: res.json ?? (res.text === '' ? undefined : res.text) };
  }
  const res = await fetch(endpoint, { method: 'POST', headers, body });
  return { status: res.status, body: parse(await res.text()) };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A bot may answer plain text; the caller sees it as it came.
    return text;
  }
}
