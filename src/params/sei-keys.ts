/**
 * The keys of an `sei:` map, in one import-free module: input/sei.ts refuses any other key (parse.ts names every unknown
 * key of a run at once) and `sacplate params show` lists the switches among them, without loading the input parser
 * (test/cli-lazy.test.ts: `params list` loads nothing under input/).
 */
export const SEI_KEYS = ['set', 'formation_rate', 'passivation', 'crack', 'fresh_fraction', 'thickness', 'conductivity', 'inorganic_share',
  'sac_inorganic_share', 'sac_deactivation', 'deactivation_length', 'film_conduction', 'conduction_activation', 'torn_film_conduction', 'settle_after_layer',
  'settle_layers', 'reconnect_dead_on_contact', 'film_hop_barrier', 'film_hop_on', 'host_film'] as const;
