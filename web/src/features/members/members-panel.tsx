import { api, type Member, type Workspace } from '../../api.ts'
import { useAsync } from '../../use-async.ts'

export function MembersPanel({ workspace }: { workspace: Workspace }) {
  const members = useAsync(() => api<Member[]>('GET', `/api/workspaces/${workspace.slug}/members`), [workspace.slug])
  return (
    <section className="card panel">
      <h2>Members</h2>
      <table>
        <tbody>
          {(members.data ?? []).map((m) => (
            <tr key={m.userId}>
              <td>
                {m.name || m.email}
                {m.name && <div className="muted">{m.email}</div>}
              </td>
              <td>
                <span className={`role role-${m.role}`}>{m.role}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
