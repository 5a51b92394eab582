/** The languages whose stop words and word endings the report analysis knows. */
export type ReportLanguage = 'en' | 'de' | 'fr' | 'es' | 'nl' | 'pt';

/** The report languages, English first (the default when a text gives no sign). */
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['en', 'de', 'fr', 'es', 'nl', 'pt'];

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/**
 * Small stop-word lists, written without accents (texts are compared after the accents are
 * stripped). They also tell the languages apart, so each holds the language's commonest words.
 */
export const STOP_WORDS: Readonly<Record<ReportLanguage, ReadonlySet<string>>> = {
  en: words(`a an and are as at be been being but by can cannot could did do does doing done
    for from had has have having he her here hers him his how i if in into is it its just me
    my myself no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their them then there these they this those through
    to too under until up very was we were what when where which while who whom why will
    with would you your yours am also any all again about after before because both each few
    more most cant dont doesnt didnt isnt wont im ive its thats theres youre were get got
    getting gets keep keeps let lets still even yet really since ago us`),
  de: words(`aber alle allem allen aller alles als also am an ander andere auch auf aus bei
    bin bis bist da damit dann das dass dein deine dem den der des dich die dies diese diesem
    diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines er es etwas
    euch euer fur gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn
    ihr ihre im in ist jede jedem jeden jeder jetzt kann kein keine konnen konnte mich mit
    muss nach nicht nichts noch nun nur ob oder ohne sehr sein seit sich sie sind so solche
    soll sollte sondern uber um und uns unser unter vom von vor war waren was weil wenn wer
    wie wieder wir wird wo zu zum zur zwar mein meine meinen meiner meinem beim mehr mal schon immer bitte heute gerade seit`),
  fr: words(`a ai au aux avec ce ces cet cette dans de des du elle elles en est et etre eu il
    ils je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas
    pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous y ont sont
    suis etait depuis plus tres tout tous toujours encore quand comme si ca cela ceci
    aujourd hui alors donc deja n l d j c s m qu`),
  es: words(`a al algo algunos ante antes como con contra cual cuando de del desde donde el
    ella ellas ellos en entre era es esa ese eso esta estan estas este esto estos estoy fue
    ha han hasta hay la las le les lo los me mi mis muy nada ni no nos nosotros o os otra
    otro para pero poco por porque que quien se ser si sin sobre su sus tambien te tengo
    tiene todo todos tu un una uno unos y ya yo hoy aun todavia desde mas favor`),
  nl: words(`aan al alles als ben bij dan dat de der deze die dit doch doen door dus een
    eens en er ge geen geweest had heb hebben heeft hem het hier hij hoe hun iemand ik in
    is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu
    of om omdat ons onze ook op over te tegen toch toen tot u uit uw van veel voor want
    waren was wat we wel werd wie wij wordt zal ze zei zich zij zijn zo zonder zou sinds
    vandaag steeds weer graag`),
  pt: words(`a ao aos as ate com como da das de dela dele deles depois do dos e ela elas ele
    eles em entre era essa esse esta estao estou eu foi ha isso isto ja la lhe mais mas me
    mesmo meu minha muito na nao nas nem no nos nossa nosso num numa o os ou para pela
    pelo por quando que quem se sem ser seu sua suas so tambem te tem tenho tu um uma voce
    voces hoje ainda desde favor esta`),
};

/**
 * Words every complaint uses whatever its problem ("not working", "please help", "hello"):
 * they count for little, so two reports do not look alike for sharing them.
 */
export const GENERIC_WORDS: ReadonlySet<string> = words(`problem problems issue issues help
  please hello hi hey thanks thank regards team support work works working worked broken
  today again customer customers anyone someone something anything everything nothing
  fix fixed try tried trying use using used one two minutes minute hours hour time times
  seems seem like know need want see sure ok okay good great hallo danke gruss grusse
  bitte problem funktioniert funktionieren geht gehen bonjour merci cordialement probleme
  marche fonctionne hola gracias saludos problema funciona funcionando hoi bedankt groet
  groeten probleem werkt ola obrigado obrigada funcionar dear sir madam guys anybody
  happening happens happened just error errors fehler erreur erro fout`);
