import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export type Families = ReturnType<typeof parsePrometheusTextFormat>;

/**
 * A scrape, parsed. The parser folds a labelled histogram's series into one, keeping only `le`,
 * so histograms are parsed a second time without their TYPE line: then `x_bucket`, `x_sum` and
 * `x_count` are each a family of their own, every sample with its labels.
 */
export function parseScrape(text: string): Families {
  const families = parsePrometheusTextFormat(text);
  const histograms = families.filter((f) => f.type === 'HISTOGRAM').map((f) => f.name);
  const untyped = text.replace(/^# TYPE (\S+) histogram$/gm, (line, name: string) => (histograms.includes(name) ? '' : line));
  const series = parsePrometheusTextFormat(untyped).filter((f) => /_(bucket|sum|count)$/.test(f.name));
  return [...families, ...series];
}

/** One metric family; an untyped series (`x_count`) comes in one family per label set, joined here. */
export function family(families: Families, name: string) {
  const found = families.filter((f) => f.name === name);
  if (!found[0]) throw new Error(`no metric ${name}`);
  return { ...found[0], metrics: found.flatMap((f) => f.metrics) };
}

/**
 * The sample whose labels include all of `labels`; its value, or 0 when there is none yet (a
 * labelled metric shows no sample, nor its family, before it first counts).
 */
export function sampleValue(families: Families, name: string, labels: Record<string, string>): number {
  const samples = families.filter((f) => f.name === name).flatMap((f) => f.metrics);
  const sample = samples.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(sample?.value ?? 0);
}

/** The exposition format's content type, as prom-client gives it. */
export const PROMETHEUS_TEXT = /^text\/plain; version=0\.0\.4/;
