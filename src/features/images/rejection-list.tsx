import { Button } from '../../components/ui/button';
import { Message } from '../../components/ui/message';
import { useAppStore } from '../../store/store';

export function RejectionList() {
  const rejections = useAppStore((state) => state.rejections);
  const dismissRejection = useAppStore((state) => state.dismissRejection);
  const clearRejections = useAppStore((state) => state.clearRejections);
  if (rejections.length === 0) return null;
  return (
    <>
      {rejections.length > 1 ? (
        <Button size="sm" onClick={clearRejections}>
          Dismiss all {rejections.length} messages
        </Button>
      ) : null}
      <ul aria-label="Files that could not be added" className="space-y-2">
        {rejections.map((rejection) => (
          <li key={rejection.key}>
            <Message tone="error" onDismiss={() => dismissRejection(rejection.key)} dismissLabel={`Dismiss message about ${rejection.fileName}`}>
              <strong className="font-semibold">“{rejection.fileName}” was not added:</strong> {rejection.reason}{' '}
              <span className="text-red-800/90">{rejection.action}</span>
            </Message>
          </li>
        ))}
      </ul>
    </>
  );
}
