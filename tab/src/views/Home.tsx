import { useCallback } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, Title1, Title2 } from '@fluentui/react-components';
import type { DemoUser } from '../api';
import { Failure, Loading, useLoad, useStyles, useTab } from '../common';
import { AdvisorHome } from './AdvisorHome';
import { CohortOverview, type OverviewTab } from './CohortOverview';
import { forgetDemoUser } from './DemoPicker';
import { MyProgramme } from './MyProgramme';

const COHORT_ROUTE = /^cohorts\/([^/]+)(?:\/(meetings|rsvp|municipalities))?$/;

/** Signed in: who the caller is decides what shows; one personal tab for everyone. */
export function Home({ route, demo, onSwitchUser }: { route: string; demo: DemoUser | null; onSwitchUser(): void }) {
  const { t, api } = useTab();
  const styles = useStyles();
  const me = useLoad(useCallback(() => api.me(), [api]));

  const switchUser = () => {
    forgetDemoUser();
    onSwitchUser();
  };

  const banner = demo && (
    <MessageBar intent="info">
      <MessageBarBody>{t.localBanner(`${demo.name} (${t.roles[demo.role] ?? demo.role}${demo.municipality ? `, ${demo.municipality}` : ''})`)}</MessageBarBody>
      <MessageBarActions>
        <Button onClick={switchUser}>{t.switchUser}</Button>
      </MessageBarActions>
    </MessageBar>
  );

  let body;
  if (me.state === 'loading') body = <Loading />;
  else if (me.state === 'error') body = <Failure error={me.error} onRetry={() => void me.reload()} />;
  else {
    const { memberships } = me.data;
    const advises = memberships.some((m) => m.role === 'advisor');
    const member = memberships.some((m) => m.role !== 'advisor');
    const match = COHORT_ROUTE.exec(route);
    if (memberships.length === 0) {
      body = (
        <section aria-labelledby="not-in-cohort" className={styles.stack}>
          <Title2 as="h2" id="not-in-cohort" className={styles.heading}>{t.notInCohortTitle}</Title2>
          <MessageBar intent="warning">
            <MessageBarBody>{t.notInCohortText}</MessageBarBody>
          </MessageBar>
        </section>
      );
    } else if (advises && match?.[1]) {
      body = <CohortOverview cohortId={decodeURIComponent(match[1])} tab={(match[2] as OverviewTab | undefined) ?? 'meetings'} />;
    } else {
      body = (
        <>
          {member && <MyProgramme leader={memberships.some((m) => m.role === 'leader')} />}
          {advises && <AdvisorHome />}
        </>
      );
    }
  }

  return (
    <main className={styles.page}>
      <Title1 as="h1" className={styles.heading}>{me.state === 'ok' && me.data.name ? `${t.appName} · ${me.data.name}` : t.appName}</Title1>
      {banner}
      {body}
    </main>
  );
}
