import { useCallback } from 'react';
import { Body1, Button, Tab as TabItem, TabList, Title2 } from '@fluentui/react-components';
import { Failure, Loading, useLoad, useStyles, useTab } from '../common';
import { CardPreviewPanel } from './CardPreviewPanel';
import { MeetingsPanel } from './MeetingsPanel';
import { MunicipalitiesPanel } from './MunicipalitiesPanel';
import { OutreachPanel } from './OutreachPanel';
import { RsvpMatrixPanel } from './RsvpMatrixPanel';

export type OverviewTab = 'meetings' | 'rsvp' | 'municipalities' | 'cards' | 'outreach';

/** Advisors: one cohort — its meetings and their delivery, the answers and catering, the municipalities, the bot's cards. */
export function CohortOverview({ cohortId, tab }: { cohortId: string; tab: OverviewTab }) {
  const { t, api, navigate } = useTab();
  const styles = useStyles();
  const cohort = useLoad(useCallback(() => api.cohort(cohortId), [api, cohortId]));
  const base = `cohorts/${encodeURIComponent(cohortId)}`;

  return (
    <div className={styles.stack}>
      <div>
        <Button appearance="subtle" onClick={() => navigate('')}>← {t.back}</Button>
      </div>
      {cohort.state === 'loading' && <Loading />}
      {cohort.state === 'error' && <Failure error={cohort.error} onRetry={() => void cohort.reload()} />}
      {cohort.state === 'ok' && (
        <>
          <Title2 as="h2" className={styles.heading}>{cohort.data.name}</Title2>
          {cohort.data.advisors.length > 0 && (
            <Body1 className={styles.muted}>{cohort.data.advisors.map((a) => `${a.name}, ${a.title}`).join(' · ')}</Body1>
          )}
          <TabList
            selectedValue={tab}
            onTabSelect={(_e, data) => navigate(data.value === 'meetings' ? base : `${base}/${String(data.value)}`)}
            aria-label={cohort.data.name}
          >
            <TabItem value="meetings">{t.tabs.meetings}</TabItem>
            <TabItem value="rsvp">{t.tabs.rsvp}</TabItem>
            <TabItem value="municipalities">{t.tabs.municipalities}</TabItem>
            <TabItem value="cards">{t.tabs.cards}</TabItem>
            <TabItem value="outreach">{t.tabs.outreach}</TabItem>
          </TabList>
          <div role="tabpanel" aria-label={t.tabs[tab]}>
            {tab === 'meetings' && <MeetingsPanel cohort={cohort.data} onReload={cohort.reload} />}
            {tab === 'rsvp' && <RsvpMatrixPanel cohortId={cohortId} />}
            {tab === 'municipalities' && <MunicipalitiesPanel cohort={cohort.data} onReload={cohort.reload} />}
            {tab === 'cards' && <CardPreviewPanel cohortId={cohortId} />}
            {tab === 'outreach' && <OutreachPanel cohort={cohort.data} />}
          </div>
        </>
      )}
    </div>
  );
}
