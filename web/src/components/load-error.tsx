// What a page shows when its data could not be loaded.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  let message = t('errors.unexpected');
  if (error instanceof ApiError) {
    if (error.status === 0) message = t('errors.network');
    else if (error.status === 403) message = t('errors.forbidden');
    else if (error.status === 404) message = t('errors.notFound');
    else if (error.status >= 500) message = t('errors.server', { reference: error.problem.requestId ?? '' });
    else message = error.problem.detail ?? error.problem.title;
  }
  return (
    <div className="nhsuk-error-summary" role="alert">
      <h2 className="nhsuk-error-summary__heading">{t('errors.loadFailed')}</h2>
      <div className="nhsuk-error-summary__body">
        <p>{message}</p>
        {onRetry && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={onRetry}
          >
            {t('common.tryAgain')}
          </button>
        )}
      </div>
    </div>
  );
}
