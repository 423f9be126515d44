import { refusalLine, type Answer } from './graph-failures';

/** Outages and throttling: worth another try after Graph's `Retry-After`. A 401 once more too, with a new token. */
export const isWorthRetrying = (status: number): boolean => status === 401 || status === 429 || status >= 500;

/**
 * A refused getSchedule as a line for the advisors and the log: what went wrong and, where the
 * tenant's setup is the cause, what an administrator must fix. `via` is the mailbox whose calendar
 * the lookup went through.
 */
export function scheduleRefusal(answer: Answer, via: string): string {
  const { status } = answer;
  if (status === 429 || status >= 500) return refusalLine({ da: 'Graph er overbelastet eller utilgængelig', en: 'Graph is throttling or unavailable' }, answer);
  if (status === 401) return refusalLine({ da: 'Graph afviste adgangstokenet; næste forsøg henter et nyt', en: 'Graph refused the access token; the next try fetches a new one' }, answer);
  if (status === 403) {
    return refusalLine(
      {
        da: `Appen må ikke slå ledig/optaget-tid op gennem kalenderen for ${via}: giv den applikationstilladelsen Calendars.ReadBasic.All (eller Calendars.Read) med administratorsamtykke, og sørg for at Exchange RBAC for Applications eller en application access policy omfatter ${via}`,
        en: `The app may not look up free/busy time through the calendar of ${via}: grant it the Calendars.ReadBasic.All (or Calendars.Read) application permission with admin consent, and make sure Exchange RBAC for Applications or an application access policy covers ${via}`,
      },
      answer,
    );
  }
  if (status === 404) {
    return refusalLine(
      {
        da: `Postkassen ${via} findes ikke eller har ingen Exchange Online-kalender: ret ORGANIZER_MAILBOX (eller forløbets arrangør)`,
        en: `Mailbox ${via} does not exist or has no Exchange Online calendar: correct ORGANIZER_MAILBOX (or the cohort's organiser)`,
      },
      answer,
    );
  }
  return refusalLine({ da: 'Graph afviste opslaget af ledig/optaget-tid', en: 'Graph refused the free/busy lookup' }, answer);
}
