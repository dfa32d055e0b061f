import type { JobTone } from '../job-status';

export interface StatTile {
  label: string;
  value: string;
  /** Colours the tile's edge; the label says the same in words. */
  tone?: JobTone;
  hint?: string;
}

/** Big numbers with their names, as a description list. */
export function StatTiles({ tiles }: { tiles: StatTile[] }) {
  return (
    <dl className="stat-tiles">
      {tiles.map((tile) => (
        <div key={tile.label} className={`stat-tile${tile.tone ? ` tone-${tile.tone}` : ''}`}>
          <dt>{tile.label}</dt>
          <dd>
            {tile.value}
            {tile.hint && <span className="hint">{tile.hint}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
