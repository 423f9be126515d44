import type { Page } from 'playwright-core';
import { startLocalTab, type LocalTab } from '../support/local-tab';

// axe-core's own source, evaluated in the page (page.evaluate is not subject to the page's CSP).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AXE_SOURCE: string = (require('axe-core') as { source: string }).source;

const ADVISOR = 'signe.vestergaard@styrelsen.example.org';
const PARTICIPANT = 'birgitte.lund@horsens.example.org';
const LEADER = 'lone.bach@horsens.example.org';

/** WCAG 2.1 A and AA, the level Danish public bodies are held to (webtilgængelighedsloven). */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  /** `any`: the checks that failed, with what they measured (for contrast: the colours and the ratio). */
  nodes: { target: string[]; any: { data: unknown }[] }[];
}

jest.setTimeout(120_000);

/** What axe-core finds against WCAG 2.1 AA on the page as it is drawn now, one readable line per rule. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    // Fluent UI's focus manager (tabster) adds aria-hidden focus redirectors on purpose, marked
    // data-tabster-dummy; axe's aria-hidden-focus misreads them (microsoft/tabster#288), so only they are left out.
    return (await axe.run({ exclude: [['[data-tabster-dummy]']] }, { runOnly: { type: 'tag', values: tags } })).violations;
  }, WCAG_21_AA);
  const where = (node: Violation['nodes'][number]) => `${node.target.join(' ')} ${JSON.stringify(node.any.map((check) => check.data))}`;
  return found.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.slice(0, 3).map(where).join(', ')}`);
}

describe('the tab against WCAG 2.1 AA (axe-core), view by view, light and dark', () => {
  let local: LocalTab;

  beforeAll(async () => {
    local = await startLocalTab({ demo: true, commands: [['book', 'demo', '--organizer', ADVISOR]] });
  });
  afterAll(async () => {
    await local?.close();
  });

  const views: [string, string, string, string][] = [
    ['the participant’s own programme', PARTICIPANT, '', 'Mit forløb'],
    ['the leader’s programme with registration and slots', LEADER, '', 'Kommunens individuelle møder'],
    ['the advisor’s cohort list', ADVISOR, '', 'Mine gruppeforløb'],
    ['the meetings and their invitations', ADVISOR, 'cohorts/demo', 'Opstartsmøde'],
    ['the RSVP matrix and catering', ADVISOR, 'cohorts/demo/rsvp', 'Forplejning'],
    ['the municipalities and their people', ADVISOR, 'cohorts/demo/municipalities', 'Tilføj kommune'],
    ['outreach, reminders, export and erasure', ADVISOR, 'cohorts/demo/outreach', 'Eksportér'],
    ['a new cohort', ADVISOR, 'new-cohort', 'Opret'],
    ['the bot’s cards, rendered', ADVISOR, 'cohorts/demo/cards', 'Bottens kort'],
  ];

  describe.each([false, true])('dark: %s', (dark) => {
    it.each(views)('has no violations: %s', async (_name, email, path, landmark) => {
      const page = await local.openAs(email, { dark });
      if (path !== '') await page.goto(`${local.url}/tab/${path}`);
      await page.getByText(landmark, { exact: false }).first().waitFor();
      if (path.endsWith('/cards')) await page.locator('[data-card-preview]:not([hidden])').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await violations(page)).toEqual([]);
      await page.close();
    });
  });
});
