/**
 * Finnish UI texts: the source of every message key. `en.ts` must have exactly the same keys.
 *
 * Keys are flat, dotted and grouped by screen. `{name}` marks a parameter that `t()` fills in;
 * the English text must use the same parameters. Add a key here first, then in `en.ts`.
 */
import { fiCase } from './fi-case.ts';
import { fiDevice } from './fi-device.ts';
import { fiUi } from './fi-ui.ts';

export const fi = {
  'app.name': 'Rinnalla',
  'app.titleSuffix': '{page} – Rinnalla',

  'common.loading': 'Ladataan…',
  'common.save': 'Tallenna',
  'common.cancel': 'Peruuta',
  'common.close': 'Sulje',
  'common.continue': 'Jatka',
  'common.retry': 'Yritä uudelleen',
  'common.copy': 'Kopioi',
  'common.copyValue': 'Kopioi: {label}',
  'common.copied': 'Kopioitu leikepöydälle.',
  'common.copyFailed': 'Kopiointi ei onnistunut. Valitse teksti ja kopioi se itse.',
  'common.saved': 'Tallennettu.',
  'common.working': 'Odota hetki…',

  'language.fi': 'suomi',
  'language.en': 'English',
  'language.switchLabel': 'Kieli',

  'shell.skipToContent': 'Siirry pääsisältöön',
  'shell.mainNav': 'Päävalikko',
  'shell.userMenu': 'Käyttäjävalikko',
  'shell.settings': 'Asetukset',
  'shell.logout': 'Kirjaudu ulos',
  'shell.demoBanner': 'Esittelytyötila – kuvitteellista aineistoa',

  'nav.participants': 'Osallistujat',
  'nav.groups': 'Ryhmät',
  'nav.outreach': 'Jalkautuminen',
  'nav.reports': 'Raportit',
  'nav.admin': 'Ylläpito',

  'role.admin': 'Ylläpitäjä',
  'role.coordinator': 'Koordinaattori',
  'role.worker': 'Ohjaaja',
  'role.expert': 'Kokemusasiantuntija',

  'boot.loading': 'Rinnalla käynnistyy…',
  'boot.unreachableTitle': 'Palvelimeen ei saada yhteyttä',
  'boot.unreachableBody':
    'Tarkista verkkoyhteys ja yritä uudelleen. Jos ongelma jatkuu, ota yhteyttä ylläpitäjään.',

  'error.network': 'Palvelimeen ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.',
  'error.server': 'Palvelimella tapahtui virhe. Yritä uudelleen. Jos virhe toistuu, kerro ylläpitäjälle.',
  'error.forbidden': 'Roolisi ei salli tätä toimintoa.',
  'error.csrf': 'Pyynnöstä puuttui suojaustunniste. Lataa sivu uudelleen.',
  'error.invalid': 'Tarkista lomakkeen tiedot.',
  'error.notFound': 'Kohdetta ei löytynyt. Se on ehkä poistettu.',
  'error.conflict': 'Toiminto ei onnistunut, koska tiedot ovat muuttuneet. Lataa sivu uudelleen.',
  'error.unknown': 'Toiminto epäonnistui (virhekoodi {code}).',
  'error.tooManyAttempts': 'Liian monta epäonnistunutta yritystä. Yritä uudelleen {minutes} min kuluttua.',
  'error.formHasErrors': 'Lomakkeessa on virheitä. Korjaa merkityt kentät.',

  'validation.required': 'Täytä tämä kenttä.',
  'validation.usernameFormat':
    'Käyttäjätunnuksessa on oltava 3–40 merkkiä: pieniä kirjaimia a–z, numeroita, pisteitä, alaviivoja tai yhdysviivoja.',
  'validation.passwordTooShort': 'Salasanassa on oltava vähintään {min} merkkiä.',
  'validation.passwordTooLong': 'Salasanassa saa olla enintään {max} merkkiä.',
  'validation.passwordMismatch': 'Salasanat eivät täsmää.',
  'validation.displayNameLength': 'Nimessä on oltava 1–{max} merkkiä.',

  'field.username': 'Käyttäjätunnus',
  'field.usernameDescription': '3–40 merkkiä: pienet kirjaimet a–z, numerot, piste, alaviiva tai yhdysviiva.',
  'field.displayName': 'Nimi',
  'field.displayNameDescription': 'Näkyy muille käyttäjille.',
  'field.password': 'Salasana',
  'field.passwordDescription': 'Vähintään {min} merkkiä. Pitkä salalause on hyvä valinta.',
  'field.passwordConfirm': 'Salasana uudelleen',
  'field.role': 'Rooli',

  'login.title': 'Kirjaudu sisään',
  'login.intro': 'Kirjaudu sisään käyttäjätunnuksellasi ja salasanallasi.',
  'login.submit': 'Kirjaudu sisään',
  'login.invalidCredentials': 'Käyttäjätunnus tai salasana on väärin. Tarkista ne ja yritä uudelleen.',
  'login.sessionEnded': 'Istuntosi on päättynyt. Kirjaudu sisään uudelleen.',
  'login.loggedOut': 'Olet kirjautunut ulos.',
  'login.forgotHelp': 'Jos olet unohtanut salasanasi, pyydä ylläpitäjää nollaamaan se.',

  'setup.title': 'Rinnallan käyttöönotto',
  'setup.intro': 'Tässä asennuksessa ei ole vielä käyttäjiä. Luo ensin ylläpitäjän tunnus.',
  'setup.codeHelp':
    'Palvelin tulosti käynnistyessään konsoliinsa kertakäyttöisen käyttöönottokoodin. Koodi varmistaa, ettei kukaan muu verkossa voi ottaa uutta asennusta haltuunsa.',
  'setup.code': 'Käyttöönottokoodi',
  'setup.codeDescription': 'Koodi näkyy palvelimen konsolissa.',
  'setup.adminSection': 'Ylläpitäjän tunnus',
  'setup.submit': 'Luo ylläpitäjä',
  'setup.invalidCode': 'Käyttöönottokoodi on väärin. Tarkista koodi palvelimen konsolista.',
  'setup.alreadyDone': 'Rinnalla on jo otettu käyttöön. Kirjaudu sisään.',
  'setup.doneTitle': 'Ylläpitäjän tunnus on luotu',
  'setup.doneBody': 'Olet nyt kirjautunut sisään ylläpitäjänä.',
  'setup.demoTitle': 'Kuvitteellinen esittelytyötila',
  'setup.demoBody':
    'Esittelytyötilassa on keksittyjä käyttäjiä kaikissa rooleissa, jotta toimintoja voi kokeilla turvallisesti. Kaikki sen tiedot ovat kuvitteellisia, ja ne merkitään kuvitteellisiksi kaikkialla.',
  'setup.demoWarning':
    'Lataa esittelytyötila vain kokeilua tai koulutusta varten, ei asennukseen, johon tallennetaan oikeiden ihmisten tietoja.',
  'setup.loadDemo': 'Lataa esittelytyötila',
  'setup.skipDemo': 'Aloita tyhjällä työtilalla',
  'setup.demoLoadedTitle': 'Esittelytyötila on ladattu',
  'setup.demoUsersCaption': 'Esittelykäyttäjät',
  'setup.demoUsersIntro': 'Kaikki esittelykäyttäjät kirjautuvat samalla salasanalla.',
  'setup.demoPassword': 'Esittelykäyttäjien yhteinen salasana',
  'setup.demoPasswordOnce': 'Salasana näytetään vain nyt. Kopioi se talteen ennen kuin jatkat.',
  'setup.continueToApp': 'Siirry sovellukseen',
  'demo.fictionalLabel': 'Kuvitteellinen esimerkkiaineisto',

  'password.changeTitle': 'Vaihda salasana',
  'password.forcedTitle': 'Valitse oma salasana',
  'password.forcedIntro':
    'Ylläpitäjä on antanut sinulle tilapäisen salasanan. Valitse oma salasana ennen kuin jatkat. Älä kerro sitä kenellekään.',
  'password.current': 'Nykyinen salasana',
  'password.currentForcedDescription': 'Ylläpitäjältä saamasi tilapäinen salasana.',
  'password.new': 'Uusi salasana',
  'password.confirm': 'Uusi salasana uudelleen',
  'password.submit': 'Vaihda salasana',
  'password.changed': 'Salasana on vaihdettu. Muiden laitteiden istunnot päättyivät.',
  'password.wrongCurrent': 'Nykyinen salasana on väärin.',
  'password.unchanged': 'Uuden salasanan on oltava eri kuin nykyinen.',

  'area.notAvailableTitle': 'Tämä osa ei ole vielä käytössä',
  'participants.unavailable':
    'Osallistujarekisteri ja osallistujien suunnitelmat eivät ole vielä käytettävissä tässä versiossa. Kun ne valmistuvat, näet täällä osallistujat, joiden työskentelyyn sinut on nimetty.',
  'groups.unavailable':
    'Ryhmäjaksot, ryhmätapaamiset ja läsnäolot eivät ole vielä käytettävissä tässä versiossa.',
  'outreach.unavailable':
    'Jalkautumistapahtumien sekä oppilaitos- ja työnantajakontaktien kirjaaminen ei ole vielä käytettävissä tässä versiossa.',
  'reports.unavailable': 'Raportit ja seurantaindikaattorit eivät ole vielä käytettävissä tässä versiossa.',
  'access.deniedTitle': 'Ei käyttöoikeutta',
  'access.deniedBody': 'Roolisi ({role}) ei anna pääsyä tälle sivulle.',

  'admin.sections': 'Ylläpidon osiot',
  'admin.usersTitle': 'Käyttäjät',
  'admin.usersIntro':
    'Luo tunnukset, vaihda rooleja, poista tunnuksia käytöstä ja nollaa salasanoja. Ylläpitäjä ei näe osallistujien tietoja.',
  'admin.addUser': 'Lisää käyttäjä',
  'admin.usersCaption': 'Kaikki käyttäjät',
  'admin.status': 'Tila',
  'admin.statusActive': 'Käytössä',
  'admin.statusDisabled': 'Poistettu käytöstä',
  'admin.statusMustChange': 'Salasana vaihdettava',
  'admin.actions': 'Toiminnot',
  'admin.manage': 'Hallinnoi',
  'admin.manageLabel': 'Hallinnoi käyttäjää {name}',
  'admin.createTitle': 'Uusi käyttäjä',
  'admin.initialPassword': 'Alkusalasana',
  'admin.initialPasswordDescription':
    'Vähintään {min} merkkiä. Anna salasana käyttäjälle turvallisesti. Hän valitsee oman salasanan ensimmäisellä kirjautumisella.',
  'admin.create': 'Luo käyttäjä',
  'admin.created': 'Käyttäjä {username} on luotu.',
  'admin.usernameTaken': 'Käyttäjätunnus on jo käytössä. Valitse toinen.',
  'admin.editTitle': 'Käyttäjä: {name}',
  'admin.detailsSection': 'Nimi ja rooli',
  'admin.saveChanges': 'Tallenna muutokset',
  'admin.updated': 'Muutokset on tallennettu.',
  'admin.accessSection': 'Käyttöoikeus',
  'admin.disable': 'Poista käytöstä',
  'admin.enable': 'Ota käyttöön',
  'admin.disableDescription':
    'Käytöstä poistettu käyttäjä ei voi kirjautua sisään, ja hänen istuntonsa päättyvät heti.',
  'admin.enableDescription':
    'Tunnus on poistettu käytöstä. Kun otat sen käyttöön, käyttäjä voi taas kirjautua.',
  'admin.disabledDone': 'Käyttäjä {name} on poistettu käytöstä, ja hänen istuntonsa päättyivät.',
  'admin.enabledDone': 'Käyttäjä {name} on otettu käyttöön.',
  'admin.cannotLockOutSelf':
    'Et voi poistaa omaa tunnustasi käytöstä etkä poistaa itseltäsi ylläpitäjän roolia. Pyydä toista ylläpitäjää.',
  'admin.resetSection': 'Salasanan nollaus',
  'admin.resetDescription':
    'Luo kertakäyttöisen salasanan ja päättää käyttäjän istunnot. Käyttäjä valitsee uuden salasanan kirjautuessaan.',
  'admin.reset': 'Nollaa salasana',
  'admin.oneTimePassword': 'Kertakäyttöinen salasana',
  'admin.oneTimePasswordOnce':
    'Salasana näytetään vain kerran. Anna se käyttäjälle turvallisesti, esimerkiksi kasvokkain.',
  'admin.you': '(sinä)',
  'admin.sessionsTitle': 'Aktiiviset istunnot',
  'admin.sessionsIntro': 'Kirjautuneet laitteet ja selaimet. Istunnon päättäminen kirjaa laitteen ulos.',
  'admin.sessionsCaption': 'Aktiiviset istunnot',
  'admin.sessionUser': 'Käyttäjä',
  'admin.sessionDevice': 'Selain',
  'admin.sessionStarted': 'Aloitettu',
  'admin.sessionLastSeen': 'Viimeksi käytetty',
  'admin.revoke': 'Päätä istunto',
  'admin.revokeLabel': 'Päätä istunto: {username}',
  'admin.revoked': 'Istunto on päätetty.',
  'admin.currentSession': 'Tämä istunto',
  'admin.unknownDevice': 'Tuntematon selain',
  'admin.refresh': 'Päivitä',

  'settings.title': 'Asetukset',
  'settings.account': 'Käyttäjätunnus {username}, rooli: {role}',
  'settings.profileSection': 'Omat tiedot',
  'settings.languageSection': 'Kieli',
  'settings.language': 'Käyttöliittymän kieli',
  'settings.languageDescription': 'Valinta tallentuu käyttäjätunnuksellesi.',
  'settings.languageSaved': 'Kieli on vaihdettu.',
  'settings.passwordSection': 'Salasana',

  'notFound.title': 'Sivua ei löytynyt',
  'notFound.body': 'Tässä osoitteessa ei ole sivua. Tarkista osoite tai palaa etusivulle.',
  'notFound.home': 'Etusivulle',
  'errorPage.title': 'Jokin meni vikaan',
  'errorPage.body': 'Sivun näyttäminen epäonnistui. Lataa sivu uudelleen.',
  ...fiCase,
  ...fiDevice,
  ...fiUi
} as const satisfies Record<string, string>;
