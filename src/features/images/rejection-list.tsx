import { Message } from '../../components/ui/message';
import { useAppStore } from '../../store/store';

export function RejectionList() {
  const rejections = useAppStore((state) => state.rejections);
  const dismissRejection = useAppStore((state) => state.dismissRejection);
  if (rejections.length === 0) return null;
  return (
    <ul aria-label="Files that could not be added" className="space-y-2">
      {rejections.map((rejection) => (
        <li key={rejection.key}>
          <Message
            tone="error"
            onDismiss={() => dismissRejection(rejection.key)}
            dismissLabel={`Dismiss message about ${rejection.fileName}`}
          >
            <strong className="font-semibold">“{rejection.fileName}” was not added:</strong> {rejection.reason}{' '}
            <span className="text-red-800/90">{rejection.action}</span>
          </Message>
        </li>
      ))}
    </ul>
  );
}
