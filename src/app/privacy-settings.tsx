import { ForgetImagesButton } from '../features/images/forget-images-button';

/** What this browser keeps, and the one button that forgets the images (also in the gallery). */
export function PrivacySettings() {
  return (
    <section aria-labelledby="privacy-heading" className="space-y-2">
      <h3 id="privacy-heading" className="font-medium">
        Kept on this device
      </h3>
      <p className="text-sm text-slate-600">
        Your images (in this browser's IndexedDB), labels, template, question and decoding settings are kept across reloads. Nothing is uploaded.
      </p>
      <ForgetImagesButton />
    </section>
  );
}
