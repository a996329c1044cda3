// "Wellbeing and outcomes" on a referral's record: the person's scores over time for each
// questionnaire (chart and table), what the latest answers mean and how they changed since the
// baseline, and the ways to record more: answers taken on a call, a link for their phone, and
// health-service use.
import { Link } from 'react-router';
import { referralLink, type ReferralRecord } from '../../api/casework';
import { Loading } from '../../components/display';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { MeaningAndChange } from './measures-answers';
import { measuresApi, type Instrument, type Measure } from './measures-api';
import { instrumentName, useMeasuresText } from './measures-shared';
import { OutcomeChart } from './outcome-chart';
import './measures.scss';

// Referrals nobody is working on (yet, or any more) take no measures; the server says the same.
const statusesWithoutMeasures = new Set(['received', 'rejected', 'cancelled']);

function byInstrument(measures: Measure[]): Measure[][] {
  const groups = new Map<string, Measure[]>();
  for (const measure of measures) {
    const group = groups.get(measure.instrument.key) ?? [];
    group.push(measure);
    groups.set(measure.instrument.key, group);
  }
  return [...groups.values()];
}

export function MeasuresSection({ record, reason }: { record: ReferralRecord; reason: string | undefined }) {
  const text = useMeasuresText();
  const data = useApiData(async () => {
    const [measures, instruments] = await Promise.all([
      measuresApi.personMeasures(record.person.id, reason),
      measuresApi.instruments(),
    ]);
    return { measures: measures.items, instruments: instruments.items };
  }, [record.person.id, record.version, reason]);
  const canRecord = !statusesWithoutMeasures.has(record.status);
  const link = (suffix: string) => referralLink(record.id, suffix, reason);

  return (
    <section aria-labelledby="outcomes-heading">
      <h2 className="nhsuk-heading-m" id="outcomes-heading">
        {text('section.title')}
      </h2>
      <ul className="nhsuk-list">
        {canRecord && (
          <>
            <li>
              <Link to={link('/measures/new')}>{text('section.record')}</Link>
            </li>
            <li>
              <Link to={link('/measures/links')}>{text('section.sendLink')}</Link>
            </li>
          </>
        )}
        <li>
          <Link to={link('/health-use')}>{text('section.healthUse')}</Link>
        </li>
      </ul>
      {data.isLoading && !data.data && <Loading />}
      {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {data.data && data.data.measures.length === 0 && <p>{text('section.none')}</p>}
      {data.data &&
        byInstrument(data.data.measures).map((measures) => (
          <InstrumentHistory
            key={measures[0]!.instrument.key}
            measures={measures}
            instrument={data.data!.instruments.find(
              (candidate: Instrument) => candidate.key === measures[0]!.instrument.key,
            )}
            referralId={record.id}
            changeLink={(measure) => link(`/measures/${measure.id}/change`)}
          />
        ))}
    </section>
  );
}

function InstrumentHistory({
  measures,
  instrument,
  referralId,
  changeLink,
}: {
  measures: Measure[];
  instrument: Instrument | undefined;
  referralId: string;
  changeLink: (measure: Measure) => string;
}) {
  const text = useMeasuresText();
  const latest = measures[measures.length - 1]!;
  const name = instrumentName(latest.instrument);
  return (
    <>
      <h3 className="nhsuk-heading-s">{name}</h3>
      <OutcomeChart
        instrument={instrument}
        measures={measures}
        text={text}
        actionFor={(measure) =>
          measure.referralId === referralId ? (
            <Link to={changeLink(measure)}>
              {text('chart.change')}
              <span className="nhsuk-u-visually-hidden">
                {' '}
                {text('chart.changeHidden', { name, timepoint: text(`timepoints.${measure.timepoint}`) })}
              </span>
            </Link>
          ) : (
            text('chart.earlierReferral')
          )
        }
      />
      <MeaningAndChange measure={latest} text={text} headingLevel={4} />
    </>
  );
}
