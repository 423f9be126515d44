import { sendEach } from './send-each';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Change, Outcome } from '../outbox/change';
import type { Sender } from '../outbox/sender';
import { PERSONAL_INSTALL_KIND, type PersonalInstallState } from '../reach/personal-install';
import type { Answer } from './graph-failures';
import type { TokenSource } from './graph-tokens';
import {
  callGraph, chatBody, chatUrl, directoryUser, installationList, installationLookupUrl, installBody, installedAppsUrl, installFailureOf,
  installStateSchema, NO_INSTALLATION, notAUser, userByIdUrl, userList, usersByMailUrl, type DirectoryUser,
} from './install-requests';

export interface GraphInstallSenderOptions {
  client: Client;
  tokens: TokenSource;
  /** `GRAPH_ENDPOINT`: the host the catalog app is bound by. */
  graphEndpoint: string;
  /** `TEAMS_APP_CATALOG_ID`: the app's id in the organisation's Teams app catalog. */
  catalogId: string;
  now?: () => number;
}

type Failure = Extract<Outcome, { ok: false }>;
type Step<T> = { ok: true; value: T } | Failure;

const is2xx = (answer: Answer) => answer.status >= 200 && answer.status < 300;

const unreadable = (what: string): Failure => ({
  ok: false,
  retryable: true,
  message: `Graphs svar kunne ikke læses (${what}) / Graph's answer was unreadable (${what})`,
  retryAfterMs: null,
});

/**
 * Installs the app in a person's personal Teams scope (`graph.install`) and finds the 1:1 chat the
 * bot writes to them in. Per change, one request after another: the user by Entra object id, else
 * by e-mail; the installation (409: installed already, which is as good); the installation's id;
 * its chat. Every step is safe to repeat, so a retry after a lost answer installs nothing twice.
 *
 * Success carries `details.fields` `{ userId, chatId }` and the installation id as `remoteId`. A
 * person who is no user of the tenant, or for whom Teams refuses the app (a policy, no licence, a
 * missing permission), fails for good with the reason: the product reaches them by e-mail.
 * An object no longer wanted is done without a request: the app stays installed, as the person may
 * use it for other cohorts.
 */
export class GraphInstallSender implements Sender {
  readonly kind = PERSONAL_INSTALL_KIND;
  /** About four calls each: a handful per call keeps a send well inside the worker's timeout. */
  readonly batchSize = 5;
  readonly pacingMs = 0;
  private readonly now: () => number;

  constructor(private readonly options: GraphInstallSenderOptions) {
    this.now = options.now ?? Date.now;
  }

  send(_target: string, changes: Change[], signal: AbortSignal): Promise<Outcome[]> {
    return sendEach(changes, signal, {
      tokens: this.options.tokens,
      schema: installStateSchema,
      needsCall: (change) => change.action !== 'delete',
      deliver: (state) => this.install(state, signal),
    });
  }

  private async install(desired: PersonalInstallState, signal: AbortSignal): Promise<Outcome> {
    const { catalogId } = this.options;
    const user = await this.findUser(desired, signal);
    if (!user.ok) return user;
    const userId = user.value.id;
    const installed = await this.call('POST', installedAppsUrl(userId), signal, installBody(this.options.graphEndpoint, catalogId));
    // 409: the app is installed for the person already (by an earlier try, another cohort, or the person).
    if (!is2xx(installed) && installed.status !== 409) return installFailureOf(installed, 'install', catalogId, this.now());
    const listed = await this.call('GET', installationLookupUrl(userId, catalogId), signal);
    if (!is2xx(listed)) return installFailureOf(listed, 'install', catalogId, this.now());
    const list = installationList.safeParse(listed.body);
    if (!list.success) return unreadable('installedApps');
    const installation = list.data.value[0];
    if (installation === undefined) return NO_INSTALLATION;
    const chatAnswer = await this.call('GET', chatUrl(userId, installation.id), signal);
    if (!is2xx(chatAnswer)) return installFailureOf(chatAnswer, 'chat', catalogId, this.now());
    const chat = chatBody.safeParse(chatAnswer.body);
    if (!chat.success) return unreadable('chat');
    return { ok: true, remoteId: installation.id, details: { fields: { userId, chatId: chat.data.id }, warning: null } };
  }

  /** By Entra object id when known (a user deleted since is looked for by e-mail too), else by `mail`. */
  private async findUser(desired: PersonalInstallState, signal: AbortSignal): Promise<Step<DirectoryUser>> {
    const { catalogId } = this.options;
    if (desired.entraObjectId !== null) {
      const answer = await this.call('GET', userByIdUrl(desired.entraObjectId), signal);
      if (is2xx(answer)) {
        const user = directoryUser.safeParse(answer.body);
        return user.success ? { ok: true, value: user.data } : unreadable('user');
      }
      if (answer.status !== 404 && answer.status !== 400) return installFailureOf(answer, 'user', catalogId, this.now());
    }
    const answer = await this.call('GET', usersByMailUrl(desired.email), signal);
    if (!is2xx(answer)) return installFailureOf(answer, 'user', catalogId, this.now());
    const list = userList.safeParse(answer.body);
    if (!list.success) return unreadable('users');
    // A member before a guest, should an address somehow belong to both.
    const found = [...list.data.value].sort((a, b) => Number(a.userType === 'Guest') - Number(b.userType === 'Guest'))[0];
    return found === undefined ? notAUser(desired.email) : { ok: true, value: found };
  }

  /** A 401 makes the next call fetch a new token, whichever step met it. */
  private async call(method: 'GET' | 'POST', url: string, signal: AbortSignal, body?: unknown): Promise<Answer> {
    const answer = await callGraph(this.options.client, method, url, signal, body);
    if (answer.status === 401) this.options.tokens.invalidate();
    return answer;
  }
}
