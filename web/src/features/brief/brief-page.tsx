export function BriefPage() { return null }
