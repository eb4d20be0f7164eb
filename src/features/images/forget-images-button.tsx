import { Button } from '../../components/ui/button';
import { useAppStore } from '../../store/store';

/** Empties the gallery and, through the store's gallery persistence, the copy this browser keeps. */
export function ForgetImagesButton() {
  const imageCount = useAppStore((state) => state.images.length);
  const clearImages = useAppStore((state) => state.clearImages);
  const clearRejections = useAppStore((state) => state.clearRejections);
  return (
    <Button
      variant="danger"
      disabled={imageCount === 0}
      onClick={() => {
        clearImages();
        clearRejections();
      }}
    >
      Forget my images
    </Button>
  );
}
