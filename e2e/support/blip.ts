/** What a user does in the BLIP column: decoding settings, captioning an image, asking a question; and the goldens. */
import type { Page } from '@playwright/test';
import { golden } from './golden';
import { expect } from './test';

export interface CaptionCase {
  image: string;
  prompt: string | null;
  num_beams: number;
  output_ids: number[];
  text: string;
}

export interface VqaCase {
  image: string;
  question: string;
  decoder_input_ids: number[];
  num_beams: number;
  output_ids: number[];
  text: string;
}

export const captionGolden = golden.blip_caption as unknown as { cases: CaptionCase[]; max_new_tokens: number };
export const vqaGolden = golden.blip_vqa as unknown as { cases: VqaCase[]; max_new_tokens: number };
export const blip = (page: Page) => page.getByRole('region', { name: 'BLIP', exact: true });

export async function setDecoding(page: Page, beams: number, maxNewTokens: number) {
  const panel = blip(page).getByRole('tabpanel');
  const details = panel.locator('details').first();
  if (!(await details.evaluate((element: HTMLDetailsElement) => element.open))) await details.locator('summary').click();
  await panel.getByLabel(beams > 1 ? 'Beam search' : 'Greedy', { exact: false }).check();
  if (beams > 1) await panel.getByLabel('Beams').fill(String(beams));
  await panel.getByLabel('Max new tokens').fill(String(maxNewTokens));
}

export async function caption(page: Page, testCase: CaptionCase, maxNewTokens = captionGolden.max_new_tokens) {
  await page.getByRole('button', { name: `Select image ${testCase.image}` }).click();
  await blip(page)
    .getByLabel('Caption prefix (optional)')
    .fill(testCase.prompt ?? '');
  await setDecoding(page, testCase.num_beams, maxNewTokens);
  await blip(page).getByRole('button', { name: 'Caption', exact: true }).click();
  await expect(blip(page).getByRole('status', { name: 'Caption metrics' })).toBeVisible();
  const output = blip(page).getByRole('status', { name: 'Caption' }).or(blip(page).locator('output[aria-label="Caption"]'));
  return { text: (await output.first().innerText()).trim(), ids: (await output.first().getAttribute('data-sequence'))?.split(' ').map(Number) };
}

/** Asks the case's question about its image (VQA tab open) and expects PyTorch's ids and text. */
export async function expectGoldenAnswer(page: Page, testCase: VqaCase, maxNewTokens = vqaGolden.max_new_tokens) {
  await page.getByRole('button', { name: `Select image ${testCase.image}` }).click();
  await setDecoding(page, testCase.num_beams, maxNewTokens);
  await blip(page).getByLabel('Question', { exact: true }).fill(testCase.question);
  await blip(page).getByRole('button', { name: 'Ask', exact: true }).click();
  const answer = blip(page).getByLabel(`Answer to: ${testCase.question}`).first();
  if (maxNewTokens < vqaGolden.max_new_tokens) {
    // A shorter greedy run is a prefix of the full one (the golden text is of the full run).
    await expect(answer).toHaveAttribute('data-sequence', testCase.output_ids.slice(0, testCase.decoder_input_ids.length + maxNewTokens).join(' '));
    return;
  }
  await expect(answer).toHaveAttribute('data-sequence', testCase.output_ids.join(' '));
  await expect(answer).toHaveText(`A: ${testCase.text}`);
}
