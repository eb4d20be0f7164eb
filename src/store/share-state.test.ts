import { describe, expect, it } from 'vitest';
import { readSharedState, SHARE_PARAM } from './share-state';

describe('readSharedState', () => {
  it('reads a JSON state from the share parameter and ignores malformed ones', () => {
    const state = { labels: ['cat', 'hot dog, with mustard'], template: 'a {}' };
    expect(readSharedState(`?${SHARE_PARAM}=${encodeURIComponent(JSON.stringify(state))}`)).toEqual(state);
    expect(readSharedState(`?${SHARE_PARAM}=%7Bnot-json`)).toBeUndefined();
    expect(readSharedState('?hub=x')).toBeUndefined();
  });
});
