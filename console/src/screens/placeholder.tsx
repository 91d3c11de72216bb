/** Stands in for a screen until it is built; the screen's own file replaces it. */
export function Placeholder({ title }: { title: string }) {
  return (
    <section>
      <h1 tabIndex={-1}>{title}</h1>
      <p>This screen is not built yet.</p>
    </section>
  );
}
