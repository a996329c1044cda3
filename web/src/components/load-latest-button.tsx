// The way out of a version conflict (409): someone else changed the record after this page loaded
// it. Reloading shows their change (the form remounts on the new version), so what was typed here
// is lost, and the button says so.
import { useTranslation } from 'react-i18next';
import { Button } from './button';

export function LoadLatestButton({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <p>
      <Button type="button" variant="secondary" isSmall onClick={onReload}>
        {t('common.loadLatest')}
      </Button>
    </p>
  );
}
