// "Your programme's questionnaires" (/outcomes/questionnaires): the coordinator's list of the
// programme's own questionnaires, with links to build a new one, change one, or archive it.
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Button, ButtonLink } from '../../components/button';
import { Loading, NotificationBanner, Table, Tag } from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useSubmit } from '../../hooks/use-submit';
import { useSignedIn } from '../../session/session';
import { questionnairesApi, type Questionnaire } from './api';
import { useOutcomesText } from './use-outcomes-text';
import { WordingSection } from './wording-page';

export function QuestionnairesPage() {
  const { t } = useTranslation();
  const text = useOutcomesText();
  const location = useLocation();
  const { user } = useSignedIn();
  const programmeId = user.programmeId;
  const data = useApiData(
    async () => (programmeId ? (await questionnairesApi.list(programmeId)).items : []),
    [programmeId],
  );
  const [message, setMessage] = useState<string | undefined>(
    (location.state as { flash?: string } | null)?.flash,
  );
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const { isBusy, run } = useSubmit((error: unknown) =>
    setErrors([{ text: error instanceof ApiError ? error.message : t('errors.unexpected') }]),
  );

  const archive = async (questionnaire: Questionnaire) => {
    if (!programmeId || isBusy) return;
    setErrors([]);
    setMessage(undefined);
    await run(
      () => questionnairesApi.archive(programmeId, questionnaire.id, questionnaire.version),
      () => setMessage(text('list.archivedMessage', { name: questionnaire.name })),
    );
    // Refused or not, the list shows what the server now holds.
    data.reload();
  };

  return (
    <Page title={text('list.title')} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      {message && (
        <NotificationBanner isSuccess key={message}>
          <p className="nhsuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      <p>{text('list.intro')}</p>
      {!programmeId && <p>{text('list.noProgramme')}</p>}
      {programmeId && (
        <>
          <ButtonLink to="/outcomes/questionnaires/new">{text('list.build')}</ButtonLink>
          {data.isLoading && !data.data && <Loading />}
          {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
          {data.data && data.data.length === 0 && <p>{text('list.none')}</p>}
          {data.data && data.data.length > 0 && (
            <Table
              caption={text('list.caption')}
              isCaptionHidden
              rows={data.data}
              rowKey={(questionnaire) => questionnaire.id}
              columns={[
                {
                  header: text('list.name'),
                  cell: (questionnaire) => (
                    <Link to={`/outcomes/questionnaires/${questionnaire.id}`}>{questionnaire.name}</Link>
                  ),
                },
                {
                  header: text('list.questions'),
                  isNumeric: true,
                  cell: (questionnaire) => questionnaire.definition.items.length,
                },
                {
                  header: text('list.scoring'),
                  cell: (questionnaire) => text(`scoringMethod.${questionnaire.definition.scoring.method}`),
                },
                { header: text('list.version'), cell: (questionnaire) => questionnaire.definition.version },
                {
                  header: text('list.status'),
                  cell: (questionnaire) =>
                    questionnaire.isArchived ? (
                      <Tag colour="grey">{text('list.archived')}</Tag>
                    ) : (
                      <Tag colour="green">{text('list.inUse')}</Tag>
                    ),
                },
                {
                  header: text('list.actions'),
                  cell: (questionnaire) =>
                    questionnaire.isArchived ? null : (
                      <Button
                        type="button"
                        variant="secondary"
                        isSmall
                        isBusy={isBusy}
                        onClick={() => void archive(questionnaire)}
                      >
                        {text('list.archive')}
                        <span className="nhsuk-u-visually-hidden"> {questionnaire.name}</span>
                      </Button>
                    ),
                },
              ]}
            />
          )}
          <WordingSection programmeId={programmeId} />
        </>
      )}
    </Page>
  );
}
