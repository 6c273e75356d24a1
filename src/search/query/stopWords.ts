/**
 * Words a reader types around what they look for ("how long until…", "why does my…"): dropped
 * from a query unless the query is nothing else. Per primary language subtag; a language with
 * no list keeps every word.
 */
import { primaryLanguage } from '../../model/language.js';

const LISTS: Record<string, string> = {
  en: `a about above after again against all am an and any are as at be because been before being below between both but by
    can could did do does doing done down during each few for from further get gets getting got had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves im ive id its dont doesnt didnt isnt arent wasnt cant wont also really much many
    anything something anyone someone normal okay ok`,
  es: `a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre
    era es esa esas ese eso esos esta estas este esto estos fue ha hay la las le les lo los mas me mi mis mucho muy nada ni no nos
    nosotros o os otra otro para pero poco por porque que quien se sea ser si sin sobre son su sus también te tengo tiene tu tus
    un una uno unos y ya yo qué cómo cuándo dónde por qué es normal`,
  fr: `a à au aux avec ce ces comment dans de des du elle en est et eux il ils je la le les leur lui ma mais me même mes moi mon
    ne nos notre nous on ou où par pas pour pourquoi qu que quel quelle qui quand sa se ses son sur ta te tes toi ton tu un une
    vos votre vous y est-ce été être avoir ai as avez ont suis es sommes êtes sont c ça cela d j l m n s t`,
  de: `aber als am an auch auf aus bei bin bis bist da dann das dass dein deine dem den der des die dies diese dieser doch du
    durch ein eine einem einen einer eines er es für hat habe haben ich ihr im in ist ja kann mein meine mich mir mit nach nicht
    noch nur ob oder sein seine sich sie sind so über um und uns unser von vor warum was weil wenn wer wie wieso wir wird zu zum zur`,
  pt: `a ao aos as até com como da das de dela dele do dos e ela elas ele eles em entre era é essa esse esta este eu foi há isso
    isto já la lhe mais mas me meu minha muito na nas não no nos nós o os ou para pela pelo por porque qual quando que quem se
    sem ser seu sua são também te tem tenho um uma você vocês`,
};

const parsed = new Map<string, ReadonlySet<string>>();

/** The stop words of a BCP 47 language tag's primary subtag; an empty set for a language with none. */
export function stopWordsOf(language: string): ReadonlySet<string> {
  const primary = primaryLanguage(language);
  let set = parsed.get(primary);
  if (!set) {
    set = new Set((LISTS[primary] ?? '').split(/\s+/).filter(Boolean));
    parsed.set(primary, set);
  }
  return set;
}
