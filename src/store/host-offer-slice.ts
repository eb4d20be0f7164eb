/**
 * A model host proposed by the page's link (`?hub=`), waiting for the user's
 * answer. Until it is answered nothing is fetched from any host; the offer is
 * read once, from the URL the store was built with (lib/host-offer.ts).
 */
import type { HostOffer } from '../lib/host-offer';
import type { SliceCreator } from './app-state';

export interface HostOfferSlice {
  /** What the link proposed (an offer to confirm, or a host that was refused); undefined without one. */
  linkedHost: HostOffer | undefined;
  hostOfferPending: boolean;
  /** Accepting switches the host (and path template); declining stores nothing. */
  answerHostOffer(accepted: boolean): void;
}

export const createHostOfferSlice =
  (linked: HostOffer | undefined): SliceCreator<HostOfferSlice> =>
  (set, get) => ({
    linkedHost: linked,
    hostOfferPending: linked?.kind === 'offer',
    answerHostOffer(accepted) {
      const offer = get().linkedHost;
      if (!get().hostOfferPending || offer?.kind !== 'offer') return;
      if (accepted) get().updateSettings({ host: offer.host, pathTemplate: offer.pathTemplate });
      set({ hostOfferPending: false });
    },
  });
