/** A 24×24 stroked line icon; hidden from screen readers, since its button carries the name. */
export function LineIcon({ path, className = "size-5" }: { path: string; className?: string }) {
  return (
    // `line-icon` sets the stroke (globals.css), once rather than as attributes on every icon.
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`line-icon ${className}`}>
      <path d={path} />
    </svg>
  );
}
