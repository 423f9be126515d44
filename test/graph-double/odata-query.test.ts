import { rawRequest } from '../support/graph-double';
import { errorOf, meeting, useGraphDouble } from './graph-call';

const ORGANIZER = 'raadgiver@agency.example';
const events = `/users/${ORGANIZER}/events`;

type Page = { value: { id: string; subject: string; [key: string]: unknown }[]; '@odata.nextLink'?: string };

describe('listing and finding events, with server-driven paging', () => {
  const graph = useGraphDouble({ users: [{ upn: ORGANIZER }], pageSize: 2 });
  const spring = 'Gruppeforløb forår 2023';
  const autumn = 'Gruppeforløb efterår 2023';

  beforeAll(async () => {
    for (const [i, category] of [spring, spring, autumn, spring, spring, spring].entries()) {
      const day = String(i + 1).padStart(2, '0');
      const res = await graph.call('POST', events, meeting({
        subject: `${category}: møde ${i + 1}`,
        categories: [category],
        transactionId: `tx-${i + 1}`,
        start: { dateTime: `2023-05-${day}T09:00:00`, timeZone: 'Europe/Copenhagen' },
        end: { dateTime: `2023-05-${day}T12:00:00`, timeZone: 'Europe/Copenhagen' },
      }));
      expect(res.status).toBe(201);
    }
  });

  /** Follows @odata.nextLink to the end, as the Graph client's PageIterator does. */
  const all = async (path: string) => {
    const pages: Page[] = [];
    let url: string | undefined = `${graph.double.graphUrl}/v1.0${path}`;
    while (url) {
      const token = await graph.double.token();
      const res = await rawRequest(url, graph.double.ca, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const page = res.json as Page;
      pages.push(page);
      url = page['@odata.nextLink'];
    }
    return pages;
  };

  it('pages a category filter with @odata.nextLink links on the Graph host, keeping the filter', async () => {
    const pages = await all(`${events}?$filter=categories/any(c:c eq '${encodeURIComponent(spring)}')`);
    expect(pages.map((p) => p.value.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.value.map((e) => e.subject))).toEqual([1, 2, 4, 5, 6].map((n) => `${spring}: møde ${n}`));
    expect(pages[0]!['@odata.nextLink']).toMatch(new RegExp(`^${graph.double.graphUrl}/v1\\.0/users/.+/events\\?.*\\$filter=.*\\$skip=2`));
  });

  it('stops at $top across pages', async () => {
    const pages = await all(`${events}?$top=3`);
    expect(pages.flatMap((p) => p.value).length).toBe(3);
  });

  it('finds one event by transactionId, and by a time range and and/or', async () => {
    const [byTx] = await all(`${events}?$filter=transactionId eq 'tx-3'`);
    expect(byTx!.value.map((e) => e.subject)).toEqual([`${autumn}: møde 3`]);
    // 09:00 in Copenhagen summer time is 07:00 UTC, the zone filters compare in.
    const range = await all(`${events}?$filter=start/dateTime ge '2023-05-05T07:00:00' and (transactionId eq 'tx-5' or transactionId eq 'tx-1')`);
    expect(range.flatMap((p) => p.value.map((e) => e.subject))).toEqual([`${spring}: møde 5`]);
  });

  it('orders and selects as asked, always keeping the id', async () => {
    const [page] = await all(`${events}?$orderby=start/dateTime desc&$select=subject&$top=1`);
    expect(page!.value).toEqual([{ '@odata.etag': expect.any(String), id: expect.any(String), subject: `${spring}: møde 6` }]);
  });

  it('selects on a single event too', async () => {
    const [page] = await all(`${events}?$top=1`);
    const res = await graph.call('GET', `${events}/${encodeURIComponent(page!.value[0]!.id)}?$select=subject,onlineMeeting`);
    expect(Object.keys(res.json as object).sort()).toEqual(['@odata.context', '@odata.etag', 'id', 'onlineMeeting', 'subject']);
  });

  it('refuses a filter or a query option it cannot answer faithfully', async () => {
    const filter = await graph.call('GET', `${events}?$filter=startswith(subject,'G')`);
    expect([filter.status, errorOf(filter).code]).toEqual([400, 'ErrorInvalidUrlQueryFilter']);
    const expand = await graph.call('GET', `${events}?$expand=attachments`);
    expect([expand.status, errorOf(expand).code]).toEqual([400, 'BadRequest']);
  });
});
