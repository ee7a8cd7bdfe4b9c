import type { KnowledgeBase } from './model.js'
import { ALLERGY } from './starter/conditions/allergy.js'
import { CARDIOVASCULAR } from './starter/conditions/cardiovascular.js'
import { ENT } from './starter/conditions/ent.js'
import { ENDOCRINE_METABOLIC } from './starter/conditions/endocrine-metabolic.js'
import { EYE } from './starter/conditions/eye.js'
import { GASTROINTESTINAL } from './starter/conditions/gastrointestinal.js'
import { GENITOURINARY } from './starter/conditions/genitourinary.js'
import { HAEMATOLOGICAL } from './starter/conditions/haematological.js'
import { INFECTIOUS_SYSTEMIC } from './starter/conditions/infectious-systemic.js'
import { INJURY_POISONING } from './starter/conditions/injury-poisoning.js'
import { MENTAL_HEALTH } from './starter/conditions/mental-health.js'
import { MUSCULOSKELETAL } from './starter/conditions/musculoskeletal.js'
import { NEUROLOGICAL } from './starter/conditions/neurological.js'
import { OBSTETRIC_GYNAECOLOGICAL } from './starter/conditions/obstetric-gynaecological.js'
import { PAEDIATRIC } from './starter/conditions/paediatric.js'
import { RESPIRATORY } from './starter/conditions/respiratory.js'
import { SKIN } from './starter/conditions/skin.js'
import { ABDOMEN } from './starter/findings/abdomen.js'
import { CHEST } from './starter/findings/chest.js'
import { CIRCULATION } from './starter/findings/circulation.js'
import { GENERAL } from './starter/findings/general.js'
import { GENITOURINARY as GENITOURINARY_FINDINGS } from './starter/findings/genitourinary.js'
import { HEAD_NECK } from './starter/findings/head-neck.js'
import { HISTORY } from './starter/findings/history.js'
import { MENTAL_HEALTH as MENTAL_HEALTH_FINDINGS } from './starter/findings/mental-health.js'
import { MUSCULOSKELETAL as MUSCULOSKELETAL_FINDINGS } from './starter/findings/musculoskeletal.js'
import { NEUROLOGICAL as NEUROLOGICAL_FINDINGS } from './starter/findings/neurological.js'
import { PAEDIATRIC as PAEDIATRIC_FINDINGS } from './starter/findings/paediatric.js'
import { SKIN as SKIN_FINDINGS } from './starter/findings/skin.js'

/**
 * The built-in knowledge base: the common presentations of primary and urgent care and the
 * time-critical ones a symptom checker must not miss, SNOMED CT and ICD-10 coded. One file per
 * body system under `starter/conditions/` and `starter/findings/`; a new condition goes in its
 * system's file, and the load-time check (validateKnowledgeBase) names any bad entry.
 *
 * `findings` of a condition give P(finding present | condition) from typical presentations in
 * clinical references; a finding not listed has its background probability. `prevalence` is a
 * relative frequency among people who seek advice, scaled by age band and sex.
 */
export const STARTER_KB: KnowledgeBase = {
  name: 'starter',
  codingSystem: 'snomed',
  conditions: [
    ...RESPIRATORY,
    ...ENT,
    ...NEUROLOGICAL,
    ...EYE,
    ...ALLERGY,
    ...SKIN,
    ...CARDIOVASCULAR,
    ...HAEMATOLOGICAL,
    ...GASTROINTESTINAL,
    ...OBSTETRIC_GYNAECOLOGICAL,
    ...GENITOURINARY,
    ...MUSCULOSKELETAL,
    ...MENTAL_HEALTH,
    ...INFECTIOUS_SYSTEMIC,
    ...ENDOCRINE_METABOLIC,
    ...PAEDIATRIC,
    ...INJURY_POISONING
  ],
  findings: [
    ...GENERAL,
    ...NEUROLOGICAL_FINDINGS,
    ...HEAD_NECK,
    ...CHEST,
    ...CIRCULATION,
    ...ABDOMEN,
    ...GENITOURINARY_FINDINGS,
    ...SKIN_FINDINGS,
    ...MUSCULOSKELETAL_FINDINGS,
    ...MENTAL_HEALTH_FINDINGS,
    ...PAEDIATRIC_FINDINGS,
    ...HISTORY
  ]
}
