import { ficheFeature } from '../fiches/fiche-feature.ts';
import type { TeleservicesFeature } from './feature-registry.ts';

/**
 * The features every runtime opens, whatever elements the page imports (their collections are
 * created with the database). A feature only some elements need is not listed here: it
 * registers itself from its module, which those elements import (`registerFeature`).
 */
export const CORE_FEATURES: readonly TeleservicesFeature[] = [ficheFeature];
