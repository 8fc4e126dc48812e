import { useEffect, useRef, useState } from 'react';
import jsQR from 'jsqr';
import { useTranslation } from 'react-i18next';

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}

declare global {
  interface Window {
    BarcodeDetector?: new (options: { formats: string[] }) => BarcodeDetectorLike;
  }
}

/**
 * The camera as a QR reader: the browser's BarcodeDetector where it has one, jsQR on video frames
 * otherwise. Calls onDecode with each code read (the caller decides what repeats mean).
 */
export function QrScanner({ onDecode, paused = false }: { onDecode: (text: string) => void; paused?: boolean }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const callback = useRef(onDecode);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    callback.current = onDecode;
  });

  useEffect(() => {
    if (paused) return;
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const detector = window.BarcodeDetector ? new window.BarcodeDetector({ formats: ['qr_code'] }) : null;

    async function readFrame(): Promise<string | null> {
      const element = video.current;
      if (!element || element.readyState < 2) return null;
      if (detector) return (await detector.detect(element))[0]?.rawValue ?? null;
      canvas.width = element.videoWidth;
      canvas.height = element.videoHeight;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) return null;
      context.drawImage(element, 0, 0);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      return jsQR(image.data, image.width, image.height)?.data ?? null;
    }

    async function loop() {
      if (stopped) return;
      const text = await readFrame().catch(() => null);
      if (text) callback.current(text);
      timer = window.setTimeout(() => void loop(), 150);
    }

    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((media) => {
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        stream = media;
        if (video.current) {
          video.current.srcObject = media;
          void video.current.play();
        }
        void loop();
      })
      .catch(() => setProblem(t('scan.noCamera')));
    if (!navigator.mediaDevices) queueMicrotask(() => setProblem(t('scan.noCamera')));
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [paused, t]);

  if (problem) return <p className="map-unavailable">{problem}</p>;
  return <video ref={video} className="scanner-video" muted playsInline aria-label={t('scan.camera')} />;
}
