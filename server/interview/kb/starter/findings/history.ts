import type { KbFinding } from '../../model.js'
import { finding } from '../define.js'

/** Risk factors and history. */
export const HISTORY: KbFinding[] = [
  finding('smoker', '77176002', 'Smoker', 'Smokes tobacco', ['smoke', 'smoker', 'cigarettes', 'pack a day', 'i smoke'], 'Do you smoke?', { antecedent: true, background: 0.15 }),
  finding('diabetes', '73211009', 'Diabetes', 'Known diabetes', ['diabetes', 'diabetic', 'sugar diabetes', 'type 2', 'type 1'], 'Do you have diabetes?', { antecedent: true, background: 0.08 }),
  finding('hypertension', '38341003', 'High blood pressure', 'Known high blood pressure', ['high blood pressure', 'hypertension', 'blood pressure tablets'], 'Do you have high blood pressure?', { antecedent: true, background: 0.15 }),
  finding('heart_disease', '414545008', 'Known heart disease', 'Angina, a heart attack or stents in the past', ['heart disease', 'heart problems', 'had a heart attack before', 'stent', 'angina before', 'bypass', 'heart condition'], 'Have you had heart disease, angina or a heart attack before?', { antecedent: true, background: 0.05 }),
  finding('asthma_history', '195967001', 'Known asthma', 'Diagnosed with asthma before', ['asthma', 'asthmatic', 'my inhaler', 'blue inhaler', 'reliever inhaler', 'puffer'], 'Do you have asthma?', { antecedent: true, background: 0.08 }),
  finding('inhaler_not_helping', '699376008', 'Inhaler not helping', 'The reliever inhaler is not working as usual', ['inhaler is not working', 'inhaler does not help', 'inhaler not helping', 'using my inhaler a lot', 'my inhaler is not helping', 'my inhaler is not working', 'my inhaler does not help', 'my inhaler does not work', 'my inhaler not working', 'my inhaler is useless', 'my puffer is not working', 'inhaler not working', 'inhaler is not helping', 'reliever is not working', 'my blue inhaler is not working'], 'Is your reliever inhaler helping less than usual?', { parent: 'asthma_history', redFlag: true }),
  finding('oral_contraceptive', '5935008', 'Taking the contraceptive pill', 'Uses combined oral contraception or hormone therapy', ['the pill', 'contraceptive pill', 'birth control', 'hormone replacement', 'hrt'], 'Do you take the contraceptive pill or hormone therapy?', { antecedent: true, background: 0.1 }),
  finding('pregnant', '77386006', 'Pregnant', 'Currently pregnant', ['pregnant', 'expecting a baby', 'pregnancy'], 'Are you pregnant?', { antecedent: true, background: 0.02 }),
  finding('previous_similar', '161413004', 'Similar episodes before', 'Has had the same problem before', ['had this before', 'happened before', 'same as last time', 'used to get these', 'get these often', 'history of'], 'Have you had the same problem before?', { antecedent: true, background: 0.2 }),
  finding('obesity', '414916001', 'Overweight', 'Carrying a lot of extra weight', ['overweight', 'obese', 'heavy set', 'big build'], 'Would you say you are very overweight?', { antecedent: true, background: 0.15 }),
  finding('copd_history', '13645005', 'Known COPD', 'Diagnosed with COPD, emphysema or chronic bronchitis', ['copd', 'emphysema', 'chronic bronchitis', 'chronic obstructive', 'lung disease', 'oxygen at home', 'bad lungs'], 'Have you been diagnosed with COPD, emphysema or chronic bronchitis?', { antecedent: true, background: 0.03 })
]
