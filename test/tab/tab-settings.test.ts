import { tabSettings } from '../../tab/src/tab-settings';

const ORIGIN = 'https://gruppeforloeb.styrelsen.example.org';
const COHORT = { id: 'demo', name: 'Demo: Organisering af M-ACT' };

describe('the settings the team tab saves for the cohort an advisor picks', () => {
  it('opens that cohort’s overview, in Teams and in the browser, named in Danish', () => {
    expect(tabSettings(COHORT, ORIGIN, 'da')).toEqual({
      entityId: 'demo',
      contentUrl: `${ORIGIN}/tab/cohorts/demo`,
      websiteUrl: `${ORIGIN}/tab/cohorts/demo`,
      suggestedDisplayName: 'Forløbsoverblik – Demo: Organisering af M-ACT',
    });
  });

  it('is named in English for an English Teams', () => {
    expect(tabSettings(COHORT, ORIGIN, 'en').suggestedDisplayName).toBe('Cohort overview – Demo: Organisering af M-ACT');
  });

  it('keeps a cohort id with spaces or slashes one path segment, so the tab opens that cohort', () => {
    const settings = tabSettings({ id: 'mact 2027/forår', name: 'M-ACT' }, ORIGIN, 'da');
    expect(settings.contentUrl).toBe(`${ORIGIN}/tab/cohorts/mact%202027%2Ffor%C3%A5r`);
    expect(settings.entityId).toBe('mact 2027/forår');
  });
});
