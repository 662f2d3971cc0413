/** Who acts in the programme, lowest to highest in the default escalation chain. */
export const ROLES = ['school', 'curator', 'municipal', 'regional'] as const;
export type Role = (typeof ROLES)[number];

/** What a milestone is tracked per: one completion per subject of this scope. */
export const SCOPES = ['school', 'curator', 'municipality', 'region'] as const;
export type Scope = (typeof SCOPES)[number];
