import { useEffect, useRef } from 'react';
import { Button } from '../../components/ui/button';
import { withoutHostParams } from '../../lib/host-offer';
import { useAppStore } from '../../store/store';

/**
 * Asks before a link's `?hub=` host is used: models are code-like data the app
 * runs, so nothing is fetched from, or stored for, that host until the user
 * agrees. Either way the parameters leave the address bar, so a reload or a
 * share link does not carry the offer on.
 */
export function HostConsentDialog() {
  const linked = useAppStore((state) => state.linkedHost);
  const pending = useAppStore((state) => state.hostOfferPending);
  const offer = pending && linked?.kind === 'offer' ? linked : undefined;
  const handled = useRef(false);
  const ref = useRef<HTMLDialogElement>(null);
  const open = offer !== undefined;

  useEffect(() => {
    if (!linked || handled.current) return;
    handled.current = true;
    history.replaceState(history.state, '', withoutHostParams(location.href));
    if (linked.kind === 'refused') {
      const current = useAppStore.getState().settings.host;
      useAppStore
        .getState()
        .pushNotice('warning', `The link’s model host “${linked.host}” was ignored: ${linked.reason}. Models still load from ${current}.`);
    }
  }, [linked]);

  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
  }, [open]);

  const decide = (accepted: boolean) => {
    ref.current?.close();
    useAppStore.getState().answerHostOffer(accepted);
  };

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      aria-labelledby="host-consent-title"
      aria-describedby="host-consent-text"
      onCancel={() => decide(false)}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-5">
        <h2 id="host-consent-title" className="text-lg font-semibold">
          Load models from another host?
        </h2>
        <div id="host-consent-text" className="space-y-2 text-sm">
          <p>
            This link asks the app to download and run models from <strong className="break-all">{offer.display}</strong> instead of the Hugging Face Hub
            (path <code>{offer.pathTemplate}</code>).
          </p>
          <p>Only agree if you trust that host: the models it serves run in your browser, and the choice is remembered until you switch back.</p>
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={() => decide(false)}>Keep the current host</Button>
          <Button variant="primary" onClick={() => decide(true)}>
            Use {offer.display}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
