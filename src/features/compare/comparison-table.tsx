import { ALIGNMENT_MAPS_ID } from './alignment-maps';
import { liveCells, measuredRows, type EvidenceInput } from './evidence';
import { REPORT_ROWS } from './report-table';

/**
 * On a phone the four columns do not fit (704 px of content in 324 px, in a
 * box nobody knew scrolled), so below `md` each feature becomes a card: the
 * same cells stacked, each headed by its column name from `data-label`.
 * One DOM for both layouts keeps the table's semantics and the e2e locators.
 */
const CARD = 'max-md:block';
const CELL = `${CARD} max-md:py-1 max-md:before:block max-md:before:text-xs max-md:before:font-semibold max-md:before:text-slate-600 max-md:before:content-[attr(data-label)]`;

/** The report's table with a "seen live" column, its corrections, and measured rows below. */
export function ComparisonTable({ evidence }: { evidence: EvidenceInput }) {
  const live = liveCells(evidence);
  return (
    <div className="md:overflow-x-auto">
      <table aria-label="CLIP versus BLIP" className={`w-full border-collapse text-sm md:min-w-[44rem] ${CARD}`}>
        <thead className="max-md:sr-only">
          <tr className="border-b-2 border-slate-300 text-left">
            <th scope="col" className="py-2 pr-3 md:w-40">
              Feature
            </th>
            <th scope="col" className="py-2 pr-3 text-[var(--color-clip)] md:w-40">
              CLIP
            </th>
            <th scope="col" className="py-2 pr-3 text-[var(--color-blip)] md:w-44">
              BLIP
            </th>
            <th scope="col" className="py-2">
              Seen live{evidence.imageName ? ` on ${evidence.imageName}` : ''}
            </th>
          </tr>
        </thead>
        {REPORT_ROWS.map((row) => (
          <tbody key={row.key} className={`border-b border-slate-200 ${CARD} max-md:mb-3 max-md:rounded-md max-md:border max-md:px-3 max-md:py-2`}>
            <tr data-row={row.key} className={CARD}>
              <th scope="row" className={`py-2 pr-3 text-left align-top font-medium ${CARD} max-md:text-base`}>
                {row.feature}
              </th>
              <td data-label="CLIP" className={`py-2 pr-3 align-top ${CELL}`}>
                {row.clip}
              </td>
              <td data-label="BLIP" className={`py-2 pr-3 align-top ${CELL}`}>
                {row.blip}
              </td>
              <td
                data-label={`Seen live${evidence.imageName ? ` on ${evidence.imageName}` : ''}`}
                className={`py-2 align-top text-slate-700 ${CELL}`}
                data-live={row.key}
              >
                {live[row.key].split(' · ').map((part, index) => (
                  <span key={index} className="block">
                    {part}
                  </span>
                ))}
                {row.key === 'alignment' ? (
                  <a href={`#${ALIGNMENT_MAPS_ID}`} onClick={() => document.getElementById(ALIGNMENT_MAPS_ID)?.focus()} className="block underline">
                    See both maps side by side
                  </a>
                ) : null}
              </td>
            </tr>
            {row.correction ? (
              <tr className={CARD}>
                <td colSpan={4} className={`pb-2 ${CARD}`}>
                  <p role="note" aria-label={`Correction: ${row.feature}`} className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-950">
                    <strong>Correction for the models here:</strong> {row.correction.text}{' '}
                    {row.correction.sources.map((source, index) => (
                      <span key={`${source.url}-${index}`}>
                        {index > 0 ? '; ' : 'Source: '}
                        <a href={source.url} target="_blank" rel="noreferrer" className="underline">
                          {source.label}
                        </a>
                      </span>
                    ))}
                    .
                  </p>
                </td>
              </tr>
            ) : null}
          </tbody>
        ))}
        <tbody className={CARD}>
          <tr className={CARD}>
            <th colSpan={4} scope="rowgroup" className="pt-4 pb-1 text-left text-xs uppercase tracking-wide text-slate-500">
              Measured here
            </th>
          </tr>
          {measuredRows(evidence).map((row) => (
            <tr key={row.label} className={`border-b border-slate-100 ${CARD} max-md:py-1`} data-measured={row.label}>
              <th scope="row" className={`py-1.5 pr-3 text-left align-top font-medium ${CARD}`}>
                {row.label}
              </th>
              <td data-label="CLIP" className={`py-1.5 pr-3 align-top ${CELL}`}>
                {row.clip}
              </td>
              <td data-label="BLIP" colSpan={2} className={`py-1.5 align-top ${CELL}`}>
                {row.blip}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
