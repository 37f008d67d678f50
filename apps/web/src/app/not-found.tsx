import { buttonClassName } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center"
    >
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground">There is nothing at this address.</p>
      {/* A plain link: next/link would add its router code to the first load of every page,
          which loads this boundary with it. */}
      <a href="/" className={buttonClassName("secondary")}>
        Go to the home page
      </a>
    </main>
  );
}
