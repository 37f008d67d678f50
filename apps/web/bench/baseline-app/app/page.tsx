"use client";

import { useState } from "react";

/** A hello-world client page: what Next.js and React cost before the app adds anything. */
export default function HelloPage() {
  const [clicks, setClicks] = useState(0);
  return (
    <main>
      <h1>Hello, world</h1>
      <button type="button" onClick={() => setClicks(clicks + 1)}>
        Clicked {clicks} times
      </button>
    </main>
  );
}
