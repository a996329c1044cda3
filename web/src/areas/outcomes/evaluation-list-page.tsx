// /evaluation: a coordinator goes straight to their programme's report; a commissioner chooses
// among the programmes in their area (GET /api/evaluation/programmes, the report's own rule).
import { Link, Navigate } from 'react-router';
import { Loading, Table } from '../../components/display';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useSignedIn } from '../../session/session';
import { evaluationApi } from './evaluation-api';
import { useEvaluationText } from './evaluation-text';

export function EvaluationListPage() {
  const { user } = useSignedIn();
  if (user.role === 'coordinator' && user.programmeId) {
    return <Navigate to={`/evaluation/${user.programmeId}`} replace />;
  }
  return <ProgrammeList />;
}

function ProgrammeList() {
  const text = useEvaluationText();
  const data = useApiData(async () => (await evaluationApi.programmes()).items, []);
  return (
    <Page title={text('list.title')}>
      <p>{text('list.intro')}</p>
      {data.isLoading && !data.data && <Loading />}
      {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {data.data && data.data.length === 0 && <p>{text('list.none')}</p>}
      {data.data && data.data.length > 0 && (
        <Table
          caption={text('list.caption')}
          isCaptionHidden
          rows={data.data}
          rowKey={(programme) => programme.id}
          columns={[
            {
              header: text('list.programme'),
              cell: (programme) => <Link to={`/evaluation/${programme.id}`}>{programme.name}</Link>,
            },
            {
              header: text('list.areas'),
              cell: (programme) => programme.areas.join(', ') || text('list.noAreas'),
            },
          ]}
        />
      )}
    </Page>
  );
}
