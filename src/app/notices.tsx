import { Message } from '../components/ui/message';
import { useAppStore } from '../store/store';

export function Notices() {
  const notices = useAppStore((state) => state.notices);
  const dismissNotice = useAppStore((state) => state.dismissNotice);
  return (
    <div aria-live="polite" className="space-y-2 empty:hidden">
      {notices.map((notice) => (
        <Message key={notice.key} tone={notice.level} onDismiss={() => dismissNotice(notice.key)} dismissLabel="Dismiss notice">
          {notice.message}
        </Message>
      ))}
    </div>
  );
}
