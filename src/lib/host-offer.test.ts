import { describe, expect, it } from 'vitest';
import { hostProblem, readHostOffer, withoutHostParams } from './host-offer';

const BASE = 'https://example.github.io/app/';

describe('readHostOffer', () => {
  it('offers an https host with the path template of the link', () => {
    expect(readHostOffer('?hub=https%3A%2F%2Fmirror.example%2F&hubTemplate=%7Brepo%7D%2F%7Bfile%7D', BASE)).toEqual({
      kind: 'offer',
      host: 'https://mirror.example/',
      pathTemplate: '{repo}/{file}',
      display: 'https://mirror.example/',
    });
  });

  it('names a relative host by where it resolves', () => {
    const offer = readHostOffer('?hub=./models/', BASE);
    expect(offer).toMatchObject({ kind: 'offer', host: './models/', display: 'https://example.github.io/app/models/' });
  });

  it('refuses anything that is not http(s)', () => {
    for (const host of ['javascript:alert(1)', 'data:text/plain,x', 'file:///etc/', 'blob:https://x/1']) {
      const offer = readHostOffer(`?hub=${encodeURIComponent(host)}`, BASE);
      expect(offer?.kind, host).toBe('refused');
    }
  });

  it('refuses a template that cannot name a file, and a template without a host', () => {
    expect(readHostOffer('?hub=https://m.example/&hubTemplate=x', BASE)?.kind).toBe('refused');
    expect(readHostOffer('?hubTemplate=%7Bfile%7D', BASE)?.kind).toBe('refused');
  });

  it('offers nothing without host parameters', () => {
    expect(readHostOffer('?share=%7B%7D', BASE)).toBeUndefined();
  });
});

describe('withoutHostParams', () => {
  it('drops only the host parameters', () => {
    expect(withoutHostParams('https://a.example/app/?hub=x&hubTemplate=y&share=z')).toBe('https://a.example/app/?share=z');
  });
});

describe('hostProblem', () => {
  it('refuses a host with spaces, which would otherwise resolve to a path under the page', () => {
    expect(hostProblem('not a url with spaces', 'https://app.test/')).toMatch(/contains spaces/);
    expect(hostProblem('./models/', 'https://app.test/')).toBeUndefined();
    expect(hostProblem('https://mirror.test/models/', 'https://app.test/')).toBeUndefined();
  });
});
