export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-sky-900/40 p-6 backdrop-blur-sm"
    >
      <div className="rounded-xl border-4 border-dashed border-white px-10 py-8 text-center text-white">
        <p className="text-2xl font-semibold">Drop images to add them</p>
        <p className="mt-1 text-sm opacity-90">They are decoded here, in your browser; nothing is uploaded.</p>
      </div>
    </div>
  );
}
