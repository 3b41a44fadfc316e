/** Where a Segment message came from, when it does not say: pages are web, screens are app, SDKs tell the rest. */
export function deriveChannel(type: string, libraryName: string | undefined): string {
  if (type === 'page') return 'web'
  if (type === 'screen') return 'app'
  const lib = (libraryName ?? '').toLowerCase()
  if (lib.includes('analytics.js') || lib.includes('analytics-next') || lib.includes('browser')) return 'web'
  if (/(ios|android|react-native|flutter|swift|kotlin)/.test(lib)) return 'app'
  return 'other'
}
