// Headline numbers for the home pages, each linking to the list it counts. A number still loading
// shows as an ellipsis; a failure says so once rather than showing zeros.
import { Link } from 'react-router';
import { LoadError } from '../../components/load-error';
import { formatNumber } from '../../i18n';

export type WorkCount = { label: string; value: number | undefined; to: string };

export function WorkCounts({
  label,
  counts,
  error,
}: {
  label: string;
  counts: WorkCount[];
  error?: unknown;
}) {
  if (error) return <LoadError error={error} />;
  return (
    <ul className="lw-stat-list" aria-label={label}>
      {counts.map((count) => (
        <li className="lw-stat" key={count.label}>
          <Link to={count.to}>
            <span className="lw-stat__value">
              {count.value === undefined ? '…' : formatNumber(count.value)}
            </span>
            <span className="lw-stat__label">{count.label}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
