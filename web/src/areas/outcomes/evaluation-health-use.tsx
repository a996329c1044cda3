// GP appointments and A&E attendances before and after referral, per window. The caveat comes
// first and is unmissable: these are the same people before and after, with no comparison group.
import { WarningCallout } from '../../components/display';
import type { EvaluationResponse, HealthUseWindow } from './evaluation-api';
import { Figure, FigureTable, usePairedChangeRows } from './evaluation-figures';
import { useEvaluationText } from './evaluation-text';

function UseTable({ caption, change }: { caption: string; change: HealthUseWindow['gpAppointments'] }) {
  const rows = usePairedChangeRows(change);
  return <FigureTable caption={caption} rows={rows} />;
}

export function HealthUseSection({ healthUse }: { healthUse: EvaluationResponse['healthServiceUse'] }) {
  const text = useEvaluationText();
  return (
    <section className="lw-evaluation-section" aria-labelledby="health-use-heading">
      <h2 className="nhsuk-heading-l" id="health-use-heading">
        {text('healthUse.title')}
      </h2>
      <WarningCallout heading={text('healthUse.caveatTitle')}>
        <p>{healthUse.caveat}</p>
      </WarningCallout>
      {healthUse.windows.map((window) => (
        <div className="lw-evaluation-window" key={window.windowMonths}>
          <h3 className="nhsuk-heading-m">{text('healthUse.window', { months: window.windowMonths })}</h3>
          <UseTable
            caption={text('healthUse.gp', { months: window.windowMonths })}
            change={window.gpAppointments}
          />
          <UseTable
            caption={text('healthUse.ae', { months: window.windowMonths })}
            change={window.aeAttendances}
          />
          <p className="nhsuk-body-s">
            {text('healthUse.withoutAfter')}{' '}
            <Figure
              value={window.withoutAfter}
              reason={text('figure.smallCountReason', { minimum: 5 })}
              format={String}
            />
          </p>
        </div>
      ))}
    </section>
  );
}
