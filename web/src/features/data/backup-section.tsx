/** Owners download the workspace's backup: the archive `waymark restore` loads (here or on another server). */
export function BackupSection({ slug }: { slug: string }) {
  return (
    <section className="card data-section" id="backup" aria-labelledby="backup-title">
      <h2 id="backup-title">Backup</h2>
      <p className="muted">
        One archive of this workspace: members, keys, personas, journeys with every version, and all events, identities, traits and quarantined inputs that
        have arrived, with a checksum for each file. Restore it with <code>waymark restore FILE</code> — on a new server as the same workspace, or here as a
        copy with <code>--workspace NEW-SLUG</code>.
      </p>
      <a className="button" href={`/api/workspaces/${encodeURIComponent(slug)}/backup`} download>
        Download backup
      </a>
    </section>
  )
}
