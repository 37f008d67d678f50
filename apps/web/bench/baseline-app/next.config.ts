import type { NextConfig } from "next";

// Next.js's defaults; without this file it would find the web app's config further up.
const nextConfig: NextConfig = {};

export default nextConfig;
