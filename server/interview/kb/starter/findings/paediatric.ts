import type { KbFinding } from '../../model.js'
import { finding } from '../define.js'

/** Babies and young children: what parents notice. */
export const PAEDIATRIC: KbFinding[] = [
  finding('excessive_crying', '788918005', 'Inconsolable crying', 'A baby or child crying or screaming and not settling, often drawing up the legs', ['crying inconsolably', 'will not stop crying', 'cannot settle', 'screaming', 'inconsolable', 'crying for hours', 'screams', 'crying all the time', 'draws up his legs', 'draws up her legs', 'pulling his legs up', 'pulling her legs up', 'crying a lot', 'keeps crying', 'unsettled'], 'Is the child crying or screaming and hard to settle, perhaps drawing the legs up?'),
  finding('floppy', '205294008', 'Floppy or unresponsive child', 'A baby or child who is limp, floppy or hard to rouse', ['floppy', 'limp and floppy', 'very floppy', 'no muscle tone', 'lifeless', 'not responding', 'unresponsive', 'hard to rouse', 'will not wake up'], 'Is the child floppy, limp or hard to wake?', { redFlag: true, background: 0.003 }),
  finding('poor_feeding', '72552008', 'Poor feeding', 'A baby or child taking much less milk, food or drink than usual', ['not feeding', 'off his feeds', 'off her feeds', 'refusing feeds', 'refusing bottles', 'not taking milk', 'feeding poorly', 'will not feed', 'refusing to drink', 'not drinking', 'off his food', 'off her food', 'not eating or drinking'], 'Is the child feeding or drinking much less than usual?', { urgent: true }),
  finding('irritability', '55929007', 'Irritable', 'Unusually grumpy, fussy or miserable', ['irritable', 'grumpy', 'cranky', 'fussy', 'miserable', 'whingey', 'clingy', 'not himself', 'not herself'], 'Is the child unusually irritable or miserable?', { background: 0.02 })
]
