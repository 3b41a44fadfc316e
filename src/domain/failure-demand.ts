/**
 * Failure demand: contacts the organisation caused itself, e.g. a customer who
 * has to ask again where their order is. A repeat of a step counts as failure
 * demand when the repeated occurrence happens on a channel where the customer
 * contacts someone, whatever channel the step was designed for (checking an
 * order on the web, then calling about it, is a repeat contact).
 */
export const CONTACT_CHANNELS: readonly string[] = ['phone', 'chat', 'store', 'social', 'mail']

/** Two occurrences of a step this close together make a repeat. */
export const REPEAT_WINDOW_SECONDS = 7 * 24 * 3600
