"use client";

import { useEffect, useState } from "react";
import { importOrReload } from "@/lib/new-build-reload";

/** Dark modules as one SVG path, one unit per module. */
async function qrPath(value: string) {
  const { encode } = await importOrReload(() => import("uqr"));
  const { data, size } = encode(value, { border: 2 });
  const path = data
    .flatMap((row, y) => row.map((dark, x) => (dark ? `M${x} ${y}h1v1h-1z` : "")))
    .join("");
  return { path, size };
}

/**
 * A QR code drawn in the browser (the encoder loads only when one is shown); always dark on
 * light, which every scanner reads, in either colour scheme.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [qr, setQr] = useState<{ path: string; size: number } | null>(null);
  useEffect(() => {
    let current = true;
    void qrPath(value).then((result) => {
      if (current) setQr(result);
    });
    return () => {
      current = false;
    };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={qr ? `0 0 ${qr.size} ${qr.size}` : "0 0 1 1"}
      shapeRendering="crispEdges"
      className="size-48 rounded-md border border-border"
    >
      <rect width="100%" height="100%" fill="#fff" />
      {qr ? <path d={qr.path} fill="#000" /> : null}
    </svg>
  );
}
