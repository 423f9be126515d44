import { Body1, Button, Card, CardHeader, Title2, Title3 } from '@fluentui/react-components';
import { useCallback, useId } from 'react';
import { Failure, Loading, useLoad, useStyles, useTab } from '../common';
import { formatDateTime } from '../time';

/** Advisors: the cohorts they run, each opening its overview, and (for those who may) a new one. */
export function AdvisorHome({ mayCreate }: { mayCreate: boolean }) {
  const { t, lang, api, navigate } = useTab();
  const styles = useStyles();
  const cohorts = useLoad(useCallback(() => api.cohorts(), [api]));

  return (
    <section aria-labelledby="my-cohorts" className={styles.stack}>
      <Title2 as="h2" id="my-cohorts" className={styles.heading}>{t.myCohorts}</Title2>
      {mayCreate && (
        <div>
          <Button appearance="primary" onClick={() => navigate('new-cohort')}>{t.newCohort.open}</Button>
        </div>
      )}
      {cohorts.state === 'loading' && <Loading />}
      {cohorts.state === 'error' && <Failure error={cohorts.error} onRetry={() => void cohorts.reload()} />}
      {cohorts.state === 'ok' && (() => {
        const advised = cohorts.data.cohorts.filter((c) => c.role === 'advisor');
        if (advised.length === 0) return <Body1>{t.noCohorts}</Body1>;
        return (
          <div className={styles.cards}>
            {advised.map((cohort) => (
              <CohortCard
                key={cohort.id}
                name={cohort.name}
                next={cohort.nextMeeting ? `${t.nextMeeting}: ${cohort.nextMeeting.title[lang]}, ${formatDateTime(cohort.nextMeeting.start, lang)}` : null}
                onOpen={() => navigate(`cohorts/${encodeURIComponent(cohort.id)}`)}
              />
            ))}
          </div>
        );
      })()}
    </section>
  );
}

function CohortCard({ name, next, onOpen }: { name: string; next: string | null; onOpen(): void }) {
  const { t } = useTab();
  const headingId = useId();
  return (
    <Card aria-labelledby={headingId}>
      <CardHeader header={<Title3 as="h3" id={headingId} style={{ margin: 0 }}>{name}</Title3>} description={next ? <Body1>{next}</Body1> : undefined} />
      <div>
        <Button appearance="primary" onClick={onOpen} aria-label={t.openCohort(name)}>{t.openCohort(name)}</Button>
      </div>
    </Card>
  );
}
