/**
 * Cognates as anchors between two Latin-script languages (Simard, Foster & Isabelle 1992; issue #12, Text+Berg
 * German-French): words sharing their first four letters once diacritics are dropped (`Expedition` / `expédition`,
 * `Temperatur` / `température`) link a pair that shares no number, name or identical word. German–French pairs
 * written for this test, each linked only by such words.
 */
import { describe, expect, it } from 'vitest'
import { cognateKey, readSide } from '../../src/align/anchors.js'
import { alignSentences } from '../../src/align/index.js'

/** German–French pairs of our own: each shares cognates, none an identical word or a number. */
const pairs: Array<[string, string]> = [
  ['Die Expedition verliess das Basislager im Morgengrauen.', "L' expédition quitta le camp de base à l' aube."],
  ['Der Meteorologe notierte jede Stunde die Temperatur.', 'Le météorologue nota la température chaque heure.'],
  ['Ein Geologe untersuchte die Kristalle am Rand der Moräne.', 'Un géologue examina les cristaux au bord de la moraine.'],
  ['Unser Botaniker sammelte seltene Pflanzen für das Herbarium.', "Notre botaniste récolta des plantes rares pour l' herbier."],
  ['Das Teleskop des Fotografen fror in der Kälte fest.', 'Le télescope du photographe gela dans le froid.'],
  ['Am Abend erreichten die Diplomaten das alte Kloster.', 'Le soir, les diplomates atteignirent le vieux monastère.'],
  ['Die Instrumente wurden sorgfältig in Kisten verpackt.', 'Les instruments furent soigneusement emballés dans des caisses.'],
  ['Das Barometer fiel rasch, ein Sturm kündigte sich an.', "Le baromètre baissa vite, une tempête s' annonçait."],
  ['Im Observatorium las der Astronom die Koordinaten ab.', "À l' observatoire, l' astronome lut les coordonnées."],
  ['Die Provisionen reichten noch für zwei Wochen.', 'Les provisions suffisaient encore pour deux semaines.'],
  ['Der Kommandant befahl den Rückzug in das Tal.', 'Le commandant ordonna la retraite dans la vallée.'],
  ['Eine Lawine zerstörte die Telefonleitung zum Dorf.', 'Une avalanche détruisit la ligne téléphonique du village.'],
  ['Der Doktor behandelte die Patienten im Zelt.', 'Le docteur soigna les patients sous la tente.'],
  ['Die Karte zeigte eine unbekannte Region im Norden.', 'La carte montrait une région inconnue au nord.'],
  ['Der Kapitän kontrollierte die Ausrüstung der Träger.', "Le capitaine contrôla l' équipement des porteurs."],
  ['Die Biologin beobachtete eine Kolonie von Vögeln.', 'La biologiste observa une colonie d\' oiseaux.'],
  ['Ein Journalist telegrafierte die Nachricht nach Europa.', 'Un journaliste télégraphia la nouvelle en Europe.'],
  ['Die Mechaniker reparierten den Motor des Lastwagens.', 'Les mécaniciens réparèrent le moteur du camion.'],
  ['Der Präsident des Klubs gratulierte der Mannschaft.', "Le président du club félicita l' équipe."],
  ['Die Situation blieb trotz allem sehr kritisch.', 'La situation resta malgré tout très critique.'],
  ['Der Pilot landete das Flugzeug auf dem Plateau.', "Le pilote posa l' avion sur le plateau."],
  ['Die Familie des Professors wartete in der Hauptstadt.', 'La famille du professeur attendait dans la capitale.'],
  ['Der Tourist fotografierte die Monumente der Stadt.', 'Le touriste photographia les monuments de la ville.'],
  ['Die Kommission publizierte einen detaillierten Bericht.', 'La commission publia un rapport détaillé.'],
]
/** A German sentence with no French counterpart, sharing no cognate with its neighbours. */
const omitted = 'Niemand wusste, wie lange wir noch warten mussten.'

describe('cognateKey', () => {
  it.each([
    ['expédition', 'expe'],
    ['expedition', 'expe'],
    ['température', 'temp'],
    ['Temperatur', 'temp'],
    ['Moräne', 'mora'],
    ['und', undefined],
    ['4x4', undefined],
  ])('keys %s as %s', (word, key) => {
    expect(cognateKey(word)).toBe(key)
  })

  it('gives identity keys only when asked (two Latin-script languages), never to Arabic–English', () => {
    const german = readSide(['Die Expedition verliess das Lager.'], 'de', 'none', true)
    expect(german.identityKeys).toContain('c:expe')
    expect(readSide(['Die Expedition verliess das Lager.'], 'de', 'none').identityKeys.some((key) => key.startsWith('c:'))).toBe(false)
  })
})

describe('alignSentences', () => {
  it.each([3, 7, 11, 15, 19])('aligns German and French linked only by cognates exactly, a German sentence left out after pair %i', (after) => {
    const source: string[] = []
    const target: string[] = []
    const gold: string[] = []
    pairs.forEach(([german, french], k) => {
      gold.push(`${source.length}:${target.length}`)
      source.push(german)
      target.push(french)
      if (k === after) {
        gold.push(`${source.length}:`)
        source.push(omitted)
      }
    })
    const { beads } = alignSentences(source, target, { sourceLang: 'de', targetLang: 'fr' })
    expect(beads.map((bead) => `${bead.source}:${bead.target}`)).toEqual(gold)
  })
})
