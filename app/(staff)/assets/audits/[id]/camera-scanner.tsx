"use client";

import { Camera, CameraOff } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/app/_components/ui/button";

/** The Barcode Detection API, where the browser has it (Chromium on Android, macOS, ChromeOS). */
type DetectedBarcode = { rawValue: string };
type BarcodeDetectorInstance = { detect: (source: HTMLVideoElement) => Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = {
  new (options?: { formats?: string[] }): BarcodeDetectorInstance;
  getSupportedFormats?: () => Promise<string[]>;
};

const wanted = ["qr_code", "code_128", "code_39", "data_matrix", "ean_13"];

const detectorClass = (): BarcodeDetectorClass | undefined =>
  typeof window === "undefined"
    ? undefined
    : (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;

/** Whether this browser can scan with the camera; the button is hidden otherwise. */
export function useCameraScanning(): boolean {
  const [supported, setSupported] = useState(false);
  useEffect(() => {
    setSupported(Boolean(detectorClass() && navigator.mediaDevices?.getUserMedia));
  }, []);
  return supported;
}

/**
 * Reads QR codes (our labels) and common barcodes from the rear camera and hands each code over
 * once; the same code is ignored for a few seconds, so holding a label in view scans it once.
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const handler = useRef(onCode);
  handler.current = onCode;

  useEffect(() => {
    if (!on) return;
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recent = new Map<string, number>();
    (async () => {
      try {
        const supported = (await Detector.getSupportedFormats?.()) ?? wanted;
        const detector = new Detector({ formats: wanted.filter((format) => supported.includes(format)) });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const tick = async () => {
          if (stopped || !video.current) return;
          try {
            for (const code of await detector.detect(video.current)) {
              const last = recent.get(code.rawValue) ?? 0;
              if (Date.now() - last > 3000) handler.current(code.rawValue);
              recent.set(code.rawValue, Date.now());
            }
          } catch {
            // a frame that cannot be read yet; try the next one
          }
          timer = setTimeout(tick, 250);
        };
        void tick();
      } catch (error) {
        setProblem(
          error instanceof Error
            ? `The camera cannot be used: ${error.message}`
            : "The camera cannot be used.",
        );
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [on]);

  return (
    <div className="grid gap-2">
      <div>
        <Button type="button" variant="outline" onClick={() => setOn(!on)}>
          {on ? <CameraOff aria-hidden /> : <Camera aria-hidden />}
          {on ? "Stop camera" : "Scan with camera"}
        </Button>
      </div>
      {on ? (
        <video
          ref={video}
          muted
          playsInline
          aria-label="Camera preview"
          className="aspect-video w-full max-w-md rounded-md bg-black"
        />
      ) : null}
      {problem ? (
        <p role="alert" className="text-destructive text-sm">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
