import type { KbCondition } from '../../model.js'
import { GP } from '../define.js'

/** Mental health. */
export const MENTAL_HEALTH: KbCondition[] = [
  {
    key: 'panic_attack',
    code: '225624000',
    term: 'Panic attack',
    icd10: 'F41.0',
    prevalence: 15,
    ages: { '0-4': 0.01, '5-15': 0.4, '65+': 0.4 },
    sexes: { female: 1.3 },
    description: 'A sudden surge of intense fear with racing heart and breathlessness, which passes within minutes.',
    // A first attack, or attacks that recur, are for a doctor to assess (NICE CG113).
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Breathe slowly in through the nose and out through the mouth, focus on your senses, and remind yourself it will pass. See a doctor if attacks keep happening; talking therapies help.',
    findings: { palpitations: 0.85, anxiety: 0.9, fear_of_dying: 0.6, hyperventilation: 0.6, dyspnea: 0.6, chest_tightness: 0.45, chest_pain: 0.35, trembling: 0.6, sweating: 0.6, dizziness: 0.55, tingling: 0.45, numbness: 0.2, nausea: 0.3, sudden_onset: 0.8, previous_similar: 0.55, stress: 0.5, throat_tightness: 0.15, chest_pain_radiating: 0.05 }
  },
  {
    key: 'depression',
    code: '35489007',
    term: 'Depression',
    icd10: 'F32.9',
    prevalence: 20,
    ages: { '0-4': 0.01, '5-15': 0.4 },
    sexes: { male: 0.7, female: 1.3 },
    description: 'Low mood and loss of interest lasting weeks, affecting sleep, energy and daily life.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'See a doctor: talking therapies and medicines help. If you have thoughts of ending your life, call a crisis line or emergency services now.',
    findings: { low_mood: 0.95, fatigue: 0.8, insomnia: 0.6, appetite_loss: 0.5, weight_loss: 0.2, anxiety: 0.5, suicidal_thoughts: 0.3, stress: 0.5, duration_long: 0.9, previous_similar: 0.5, headache: 0.2 }
  },
  {
    key: 'generalised_anxiety_disorder',
    code: '21897009',
    term: 'Generalised anxiety disorder',
    icd10: 'F41.1',
    prevalence: 15,
    ages: { '0-4': 0.01, '5-15': 0.4 },
    sexes: { male: 0.7, female: 1.3 },
    description: 'Constant worry about many things, most days, for months, with tension and poor sleep.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'See a doctor: talking therapies and sometimes medicines help. Regular exercise, less caffeine and alcohol, and a sleep routine help too.',
    findings: { anxiety: 0.95, stress: 0.6, insomnia: 0.6, fatigue: 0.6, palpitations: 0.35, trembling: 0.3, sweating: 0.2, dizziness: 0.2, headache: 0.3, low_mood: 0.3, duration_long: 0.9, previous_similar: 0.6, nausea: 0.2 }
  }
]
