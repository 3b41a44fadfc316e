/**
 * A customer's latest value of trait `key` (an SQL expression naming the trait), as an aggregate over their
 * rows of the `customers` table grouped by customer: traits keep their history and the latest observation
 * of that trait wins; '' when the customer never had it.
 */
export const latestTraitSql = (key: string) => `argMaxIf(traits[${key}], ts, mapContains(traits, ${key}))`
