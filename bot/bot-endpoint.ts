import type { Activity } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { RequestHandler } from 'express';
import type { Clock } from '../src/app/clock';
import type { BotConfig } from '../src/config/config';
import type { BusyTime } from '../src/domain/slots';
import type { Sender } from '../src/outbox/sender';
import type { Log } from '../src/server/log';
import type { CohortStore } from '../src/store/cohort-store';
import type { Executor } from '../src/store/schema';
import { BOT_CONNECTOR_SCOPE, createAdapter } from './bot-adapter';
import { GruppeforloebBot } from './gruppeforloeb-bot';
import { SendPace } from './send-pace';
import { teamsSender } from './teams-sender';

export interface BotEndpointDeps {
  store: CohortStore;
  db: Executor;
  clock: Clock;
  log: Log;
  /** Null in local mode: no tokens are checked, and only an Emulator on this machine is answered. */
  bot: BotConfig | null;
  /** AAD_APP_OAUTH_AUTHORITY_HOST: where the bot gets its tokens for the Bot Connector. */
  authorityHost: string;
  /** The advisors' busy time as last read from Outlook, for the slots offered. */
  busy(cohortId: string): Promise<BusyTime[]>;
}

export interface BotEndpoint {
  /** `POST /api/messages`. */
  handler: RequestHandler;
  /** Proactive messages (reminders) for the outbox. */
  sender: Sender;
}

/**
 * Teams allows a bot about 50 operations a second per tenant, counted as requests arrive; pacing
 * at 45 leaves room for the network's jitter, which otherwise lets a 51st into some second.
 */
const TENANT_SENDS_PER_SECOND = 45;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopback(url: string): boolean {
  return URL.canParse(url) && LOOPBACK_HOSTS.has(new URL(url).hostname);
}

function isHttps(url: string): boolean {
  return URL.canParse(url) && new URL(url).protocol === 'https:';
}

async function authentic(auth: BotFrameworkAuthentication, activity: Activity, header: string | undefined): Promise<boolean> {
  if (!header) return false;
  try {
    await auth.authenticateRequest(activity, header);
    return true;
  } catch {
    return false;
  }
}

function serviceUrlOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { serviceUrl?: unknown }).serviceUrl : undefined;
}

/**
 * The Bot Framework endpoint and the sender of reminders, sharing one CloudAdapter. botbuilder
 * checks the token (401) and the activity's shape (400); before that, a body that is no activity at
 * all, or, in local mode, one that would have the bot write to another machine, is refused here.
 */
export function botEndpoint(deps: BotEndpointDeps): BotEndpoint {
  const { adapter, auth } = createAdapter(deps.bot, deps.authorityHost);
  const bot = new GruppeforloebBot(deps);
  const allowServiceUrl = deps.bot === null ? isLoopback : isHttps;
  adapter.onTurnError = async (context, error) => {
    deps.log.error(`bot: tur fejlede / turn failed (${context.activity.type}): ${error.stack ?? error.message}`);
    if (context.activity.type === 'message') {
      await context.sendActivity('Noget gik galt hos os, og intet blev ændret. Prøv igen om lidt. / Something went wrong on our side; nothing was changed.');
    }
  };
  const handler: RequestHandler = async (req, res) => {
    const serviceUrl = serviceUrlOf(req.body);
    if (typeof serviceUrl !== 'string' || !allowServiceUrl(serviceUrl)) {
      res.status(400).json({
        error: {
          code: 'invalid_activity',
          message: deps.bot === null
            ? 'En aktivitet med serviceUrl på denne maskine (lokal tilstand) / an activity with a serviceUrl on this machine (local mode) is expected'
            : 'En aktivitet med en https-serviceUrl / an activity with an https serviceUrl is expected',
        },
      });
      return;
    }
    // botbuilder answers a forged signature with 500, as if the fault were ours; it is the caller's: 401.
    if (deps.bot !== null && !(await authentic(auth, req.body as Activity, req.get('authorization')))) {
      res.status(401).json({ error: { code: 'unauthorized', message: 'Ingen gyldig Bot Framework-token / no valid Bot Framework token' } });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  };
  return { handler, sender: teamsSender({ adapter, appId: deps.bot?.appId ?? '', store: deps.store, db: deps.db, clock: deps.clock, busy: deps.busy, pace: new SendPace(TENANT_SENDS_PER_SECOND, 1000), allowServiceUrl, audience: deps.bot === null ? '' : BOT_CONNECTOR_SCOPE }) };
}
