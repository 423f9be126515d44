import { useCallback } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, Title1, Title2 } from '@fluentui/react-components';
import type { DemoUser } from '../api';
import { Failure, lazyView, Loading, useLoad, useStyles, useTab } from '../common';
import type { OverviewTab } from './CohortOverview';
import { forgetDemoUser } from './DemoPicker';
import { MyProgramme } from './MyProgramme';

const AdvisorHome = lazyView(() => import('./AdvisorHome').then((m) => m.AdvisorHome));
const CohortOverview = lazyView(() => import('./CohortOverview').then((m) => m.CohortOverview));
const CreateCohort = lazyView(() => import('./CreateCohort').then((m) => m.CreateCohort));
const Registration = lazyView(() => import('./Registration').then((m) => m.Registration));

const COHORT_ROUTE = /^cohorts\/([^/]+)(?:\/(meetings|rsvp|municipalities|cards|outreach))?$/;
const REGISTRATION_ROUTE = /^cohorts\/([^/]+)\/municipalities\/([^/]+)\/registration$/;
/** Not under cohorts/, where it could be taken for a cohort's id. */
const NEW_COHORT_ROUTE = 'new-cohort';

/** Signed in: who the caller is decides what shows; one personal tab for everyone. */
export function Home({ route, demo, onSwitchUser }: { route: string; demo: DemoUser | null; onSwitchUser(): void }) {
  const { t, api, navigate } = useTab();
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
    const { memberships, mayCreateCohorts } = me.data;
    const advises = memberships.some((m) => m.role === 'advisor');
    const member = memberships.some((m) => m.role !== 'advisor');
    const match = COHORT_ROUTE.exec(route);
    const registering = REGISTRATION_ROUTE.exec(route);
    if (route === NEW_COHORT_ROUTE && mayCreateCohorts) {
      const created = async (cohortId: string) => {
        await me.reload();
        navigate(`cohorts/${encodeURIComponent(cohortId)}`);
      };
      body = <CreateCohort onCreated={created} />;
    } else if (memberships.length === 0 && !mayCreateCohorts) {
      body = (
        <section aria-labelledby="not-in-cohort" className={styles.stack}>
          <Title2 as="h2" id="not-in-cohort" className={styles.heading}>{t.notInCohortTitle}</Title2>
          <MessageBar intent="warning">
            <MessageBarBody>{t.notInCohortText}</MessageBarBody>
          </MessageBar>
        </section>
      );
    } else if (registering?.[1] && registering[2]) {
      // Leaders and advisors alike; the server says whether this caller may register this municipality.
      const cohortId = decodeURIComponent(registering[1]);
      const back = memberships.some((m) => m.role === 'advisor' && m.cohortId === cohortId) ? `cohorts/${registering[1]}/municipalities` : '';
      body = <Registration cohortId={cohortId} municipalityId={decodeURIComponent(registering[2])} back={back} />;
    } else if (advises && match?.[1]) {
      body = <CohortOverview cohortId={decodeURIComponent(match[1])} tab={(match[2] as OverviewTab | undefined) ?? 'meetings'} />;
    } else {
      body = (
        <>
          {member && <MyProgramme leader={memberships.some((m) => m.role === 'leader')} />}
          {(advises || mayCreateCohorts) && <AdvisorHome mayCreate={mayCreateCohorts} />}
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
