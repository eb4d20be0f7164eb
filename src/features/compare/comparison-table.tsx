import { ALIGNMENT_MAPS_ID } from './alignment-maps';
import { liveCells, measuredRows, type EvidenceInput } from './evidence';
import { REPORT_ROWS } from './report-table';

/** The report's table with a "seen live" column, its corrections, and measured rows below. */
export function ComparisonTable({ evidence }: { evidence: EvidenceInput }) {
  const live = liveCells(evidence);
  return (
    <div className="overflow-x-auto">
      <table aria-label="CLIP versus BLIP" className="w-full min-w-[44rem] border-collapse text-sm">
        <thead>
          <tr className="border-b-2 border-slate-300 text-left">
            <th scope="col" className="w-40 py-2 pr-3">Feature</th>
            <th scope="col" className="w-40 py-2 pr-3 text-[var(--color-clip)]">CLIP</th>
            <th scope="col" className="w-44 py-2 pr-3 text-[var(--color-blip)]">BLIP</th>
            <th scope="col" className="py-2">Seen live{evidence.imageName ? ` on ${evidence.imageName}` : ''}</th>
          </tr>
        </thead>
        {REPORT_ROWS.map((row) => (
          <tbody key={row.key} className="border-b border-slate-200">
            <tr data-row={row.key}>
              <th scope="row" className="py-2 pr-3 text-left align-top font-medium">{row.feature}</th>
              <td className="py-2 pr-3 align-top">{row.clip}</td>
              <td className="py-2 pr-3 align-top">{row.blip}</td>
              <td className="py-2 align-top text-slate-700" data-live={row.key}>
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
              <tr>
                <td colSpan={4} className="pb-2">
                  <p role="note" aria-label={`Correction: ${row.feature}`} className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-950">
                    <strong>Correction for the models here:</strong> {row.correction.text}{' '}
                    {row.correction.sources.map((source, index) => (
                      <span key={source.url}>
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
        <tbody>
          <tr>
            <th colSpan={4} scope="rowgroup" className="pt-4 pb-1 text-left text-xs uppercase tracking-wide text-slate-500">
              Measured here
            </th>
          </tr>
          {measuredRows(evidence).map((row) => (
            <tr key={row.label} className="border-b border-slate-100" data-measured={row.label}>
              <th scope="row" className="py-1.5 pr-3 text-left align-top font-medium">{row.label}</th>
              <td className="py-1.5 pr-3 align-top">{row.clip}</td>
              <td colSpan={2} className="py-1.5 align-top">{row.blip}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
