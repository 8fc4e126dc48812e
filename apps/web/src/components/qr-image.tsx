import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code drawn in the browser (no network), large enough to be scanned from the screen. */
export function QrImage({ text, size = 280, label }: { text: string; size?: number; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 3, width: size * 2 }).then((url) => {
      if (!cancelled) setSrc(url);
    });
    return () => {
      cancelled = true;
    };
  }, [text, size]);
  return src ? <img className="qr-image" src={src} width={size} height={size} alt={label} /> : <div className="qr-image" style={{ width: size, height: size }} aria-label={label} />;
}
