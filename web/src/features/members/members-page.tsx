import { useParams } from 'react-router'
import { useSession } from '../shell/session.ts'
import { MembersPanel } from './members-panel.tsx'

/** The workspace's members (to be rebuilt with invitations and roles). */
export function MembersPage() {
  const { slug } = useParams()
  const workspace = useSession().session.workspaces.find((w) => w.slug === slug)!
  return (
    <div className="page">
      <MembersPanel workspace={workspace} />
    </div>
  )
}
