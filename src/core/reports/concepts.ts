import { boundedEditDistance } from './edit-distance.js';

/**
 * The words of customer support that mean the same thing across languages: a report that
 * says "Zahlung" and one that says "payment" share the concept `~pay`. A word ending in `*`
 * is a prefix (it covers the inflections and compounds); others are exact words. Words are
 * written as they read after normalisation (lower case, no accents).
 */
const LEXICON: Readonly<Record<string, string>> = {
  pay: 'payment* pay paid pays paying zahlung* bezahl* zahle zahlen paiement* payer paye payes pago pagos pagar* betaal* betaling* betalen pagamento*',
  fail: 'fail fails failed failing failure* fehlgeschlag* fehl scheitert echou* echec* falla fallan fallo fallando fallido fallida falha* falhou mislukt mislukken faalt',
  declined: 'declin* abgelehnt ablehn* refus* rechaz* geweigerd weiger* recusad* recus*',
  card: 'card cards creditcard* karte* kreditkart* carte cartes tarjeta* kaart* cartao cartoes',
  checkout: 'checkout* kasse caisse',
  login:
    'login* logon signin einlogg* anmeld* connexion* connecter connecte sesion inlog* aanmeld* entrar session* sitzung*',
  password: 'password* passwort* kennwort* motdepasse mdp contrasena* wachtwoord* senha*',
  slow: 'slow* langsam* lent lente lenteur* lento lenta lentos lentitud traag trage lentidao',
  load: 'load* laden ladt laadt laad chargement* charger cargar* carga carregar* carrega* loading',
  email: 'email* mail mails courriel* correo* correu* mailtje',
  delay:
    'delay* verzog* verspat* verzogert retard* retraso* demora* vertraag* vertraging* atraso* atrasad* late',
  crash: 'crash* absturz* absturzt sturzt abgesturzt plante plantage cierra cierre* bloqu* crasht',
  app: 'app apps appli* aplicacion* aplicativo* applicatie*',
  update: 'update* aktualis* maj actualiz* atualiz* bijgewerkt upgrade*',
  invoice: 'invoice* rechnung* facture* factura* factuur* fatura*',
  export: 'export*',
  search: 'search* suche suchen suchfunktion* recherche* busca* busqueda* buscador zoek* pesquisa*',
  reset: 'reset* zurucksetz* reinitialis* restablec* herstel* redefini* restabelec*',
  link: 'link links lien liens enlace* koppeling',
  expired:
    'expire* expired expir* abgelaufen ablauf* caduc* vencid* verlopen expirad* ungultig invalide invalido',
  dashboard: 'dashboard* tableaudebord',
  unreachable:
    'unreachable down offline outage erreichbar unerreichbar ausfall* storung* panne* inaccessible* inaccesible caido caida bereikbaar onbereikbaar storing* acessivel inacessivel fora',
  order: 'order orders bestellung* commande* pedido* bestelling* encomenda*',
  duplicate: 'duplicat* duplicad* doppelt* twice doublon* dubbel* duplique*',
  notification: 'notification* benachrichtig* notificac* melding* notifica*',
  empty: 'empty leer leere leeren vide vides vacio vacia leeg lege vazio vazia',
  download: 'download* herunterlad* telecharg* descarg* baixar*',
  refund: 'refund* erstatt* rembours* reembols* terugbetal* terugstort*',
  timeout: 'timeout* timed',
  webhook: 'webhook*',
};

interface LexiconEntry {
  concept: string;
  form: string;
  isPrefix: boolean;
}

const ENTRIES: readonly LexiconEntry[] = Object.entries(LEXICON).flatMap(([concept, forms]) =>
  forms.split(' ').map((form) => ({
    concept: `~${concept}`,
    form: form.replace(/\*$/, ''),
    isPrefix: form.endsWith('*'),
  })),
);

const EXACT = new Map(ENTRIES.filter((e) => !e.isPrefix).map((e) => [e.form, e.concept]));
const PREFIXES = ENTRIES.filter((e) => e.isPrefix);

const memo = new Map<string, string | null>();

function lookUp(word: string): string | null {
  const exact = EXACT.get(word);
  if (exact) return exact;
  for (const entry of PREFIXES) if (word.startsWith(entry.form)) return entry.concept;
  // A typo in a long support word still names it: "paymnet", "dashbaord", "pasword".
  if (word.length < 6) return null;
  for (const entry of ENTRIES) {
    if (entry.form.length < 5) continue;
    const stretch = entry.isPrefix ? [0, -1, 1] : [word.length - entry.form.length];
    for (const d of stretch) {
      const head = entry.isPrefix ? word.slice(0, entry.form.length + d) : word;
      if (boundedEditDistance(head, entry.form, 1) <= 1) return entry.concept;
    }
  }
  return null;
}

/** The cross-language concept a normalised word names (`~pay`, `~login`…), or null. */
export function conceptOf(word: string): string | null {
  let concept = memo.get(word);
  if (concept === undefined) {
    concept = lookUp(word);
    if (memo.size > 20_000) memo.clear();
    memo.set(word, concept);
  }
  return concept;
}
