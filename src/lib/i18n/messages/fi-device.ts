/**
 * Finnish texts of the device layer: unlock and lock, offline readiness, the sync status, the
 * directory outbox, the device settings, the admin's device list and the update prompt. Spread
 * into `fi.ts`; `en-device.ts` must have the same keys.
 */
export const fiDevice = {
  'sync.label': 'Synkronoinnin tila',
  'sync.idle': 'Verkossa',
  'sync.offline': 'Ei yhteyttä palvelimeen',
  'sync.connecting': 'Yhdistetään…',
  'sync.syncing': 'Synkronoidaan…',
  'sync.saved': 'Kaikki muutokset tallennettu palvelimelle',
  'sync.pending.one': '1 muutos ei vielä palvelimella',
  'sync.pending.many': '{n} muutosta ei vielä palvelimella',
  'sync.unverified': 'Laitteen muutoksia ei ole vielä vahvistettu palvelimelta',
  'sync.sessionExpired': 'Istunto päättyi. Kirjaudu uudelleen – muutoksesi eivät katoa.',
  'sync.forbidden': 'Ei pääsyä tähän asiakirjaan. Tarkistetaan uudelleen…',
  'sync.forbiddenDocs': 'Pääsy poistettu {n} asiakirjaan',
  'sync.error': 'Palvelin ei hyväksynyt muutosta (virhe {code})',
  'sync.error.tooLarge': 'Muutos on liian suuri tallennettavaksi palvelimelle',
  'sync.error.notFound': 'Asiakirjaa ei löydy palvelimelta',
  'sync.errorDocs': 'Virhe {n} asiakirjan synkronoinnissa',
  'sync.readOnly': 'Vain luku: muutoksiasi ei tallenneta palvelimelle',
  'sync.deviceError': 'Tallennus tälle laitteelle epäonnistui',
  'sync.quarantined': '{n} tallennetta tällä laitteella ei voitu lukea',
  'sync.login': 'Kirjaudu uudelleen',
  'sync.retry': 'Yritä uudelleen',
  'presence.label': 'Paikalla nyt',
  'presence.you': '{name} (sinä)',
  'presence.devices': '{name}, {n} laitetta',
  'presence.more': '+{n}',
  'presence.moreLabel': 'ja {n} muuta: {names}',

  'offline.ready.none': 'Valmis käyttöön ilman verkkoa: ei asiakirjoja synkronoitavana',
  'offline.ready.one': 'Valmis käyttöön ilman verkkoa: 1 asiakirja synkronoitu {when}',
  'offline.ready.many': 'Valmis käyttöön ilman verkkoa: kaikki {n} asiakirjaa synkronoitu {when}',
  'offline.at': 'klo {time}',
  'offline.on': '{date} klo {time}',
  'offline.pulling': 'Haetaan asiakirjoja laitteelle: {done}/{total}',
  'offline.missing.one': 'Ei vielä valmis käyttöön ilman verkkoa: 1 asiakirja puuttuu laitteelta',
  'offline.missing.many': 'Ei vielä valmis käyttöön ilman verkkoa: {n} asiakirjaa puuttuu laitteelta',
  'offline.lastSynced': 'Viimeksi kaikki synkronoitu {when}',
  'offline.unknown': 'Asiakirjoja ei ole vielä haettu laitteelle',
  'offline.region': 'Laitteen tila',

  'device.lock': 'Lukitse',
  'device.unlockTitle': 'Avaa Rinnalla',
  'device.unlockIntro':
    'Tällä laitteella on käyttäjän {username} salattuja tietoja. Avaa ne salasanallasi – se toimii myös ilman verkkoa.',
  'device.unlockSubmit': 'Avaa',
  'device.unlocking': 'Avataan…',
  'device.otherUser': 'Kirjaudu toisena käyttäjänä',
  'device.otherUserHelp':
    'Toisen käyttäjän kirjautuminen ei poista näitä tietoja: ne pysyvät salattuina tällä laitteella.',
  'device.wrongPassword.one':
    'Väärä salasana. Vielä 1 yritys – sen jälkeen tämän laitteen tiedot poistetaan.',
  'device.wrongPassword.many':
    'Väärä salasana. Vielä {n} yritystä, ennen kuin tämän laitteen tiedot poistetaan.',
  'device.notice.idle':
    'Sovellus lukittiin, koska sitä ei käytetty hetkeen. Muutoksesi on tallennettu laitteelle.',
  'device.notice.wipedAttempts':
    'Salasana annettiin väärin liian monta kertaa, joten tämän laitteen tiedot poistettiin. Kirjaudu sisään verkossa, niin tiedot haetaan uudelleen.',
  'device.notice.wipedRevoked':
    'Ylläpitäjä on poistanut tämän laitteen käytöstä, joten sen tiedot poistettiin. Kirjaudu sisään, jos saat käyttää laitetta edelleen.',
  'device.notice.removed': 'Tietosi on poistettu tältä laitteelta.',
  'device.notice.wipedElsewhere': 'Tietosi poistettiin tältä laitteelta toisessa välilehdessä.',
  'device.notice.passwordChanged':
    'Salasanasi on vaihdettu toisella laitteella. Kirjoita tähän edellinen salasanasi, niin laitteen tiedot siirretään uuden salasanan taakse.',
  'device.notice.passwordChangedLogin':
    'Salasanasi on vaihdettu toisella laitteella. Kirjaudu uudella salasanalla, niin muutoksesi lähetetään.',
  'device.setupTitle': 'Ota tämä laite käyttöön',
  'device.setupIntro':
    'Kirjoita salasanasi, niin tiedot salataan tälle laitteelle ja ne toimivat myös ilman verkkoa.',
  'device.setupSubmit': 'Ota käyttöön',
  'device.guard.logoutTitle': 'Uloskirjautuminen ei onnistu vielä',
  'device.guard.removeTitle': 'Tietoja ei voi vielä poistaa',
  'device.guard.intro':
    'Seuraavia muutoksia ei ole vielä tallennettu palvelimelle. Jos jatkat, ne katoavat lopullisesti.',
  'device.guard.advice':
    'Yhdistä verkkoon ja odota, että muutokset on tallennettu palvelimelle, ja yritä sitten uudelleen.',
  'device.guard.document': '{name}: muutoksia ei vielä palvelimella',
  'device.guard.registration': '{name}: rekisteröinti odottaa lähetystä',
  'device.guard.unknownDocument': 'Asiakirja {id}',
  'device.guard.keep': 'Älä kirjaudu ulos',
  'device.guard.keepData': 'Älä poista',
  'device.guard.accept': 'Hyväksyn, että nämä muutokset katoavat',
  'device.guard.confirmTitle': 'Haluatko varmasti hävittää muutokset?',
  'device.guard.confirmBody':
    '{n} tallentamatonta muutosta katoaa lopullisesti, eikä niitä voi palauttaa. Tätä ei voi perua.',
  'device.guard.confirmLogout': 'Hävitä muutokset ja kirjaudu ulos',
  'device.guard.confirmRemove': 'Hävitä muutokset ja poista tiedot',
  'device.guard.checking': 'Tarkistetaan, onko kaikki tallennettu palvelimelle…',

  'settings.deviceSection': 'Tämä laite',
  'settings.deviceIntro':
    'Tietosi tallennetaan salattuina tälle laitteelle, jotta ne toimivat myös ilman verkkoa. Salaus avataan kirjautumissalasanallasi.',
  'settings.storageUse': 'Tallennustilaa käytössä: {used} / {quota}',
  'settings.megabytes': '{n} Mt',
  'settings.storageUseUnknown': 'Selain ei kerro tallennustilan käyttöä.',
  'settings.persisted': 'Selain on luvannut säilyttää tiedot: laite ei poista niitä tilan loppuessa.',
  'settings.notPersisted':
    'Selain ei ole luvannut säilyttää tietoja pysyvästi: jos laitteen tila loppuu, se voi poistaa ne. Asenna sovellus laitteelle, niin lupa annetaan yleensä.',
  'settings.persistUnsupported': 'Selain ei tue pysyvää tallennusta.',
  'settings.autoLock': 'Lukitse automaattisesti, kun sovellusta ei ole käytetty',
  'settings.autoLockDescription': 'Koskee vain tätä laitetta.',
  'settings.autoLockMinutes.one': '1 minuutin jälkeen',
  'settings.autoLockMinutes.many': '{n} minuutin jälkeen',
  'settings.autoLockSaved': 'Automaattinen lukitus on muutettu.',
  'settings.removeData': 'Poista tietoni tältä laitteelta',
  'settings.removeDataDescription':
    'Poistaa tietosi tältä laitteelta ja kirjaa sinut ulos. Palvelimelle tallennetut tiedot säilyvät.',
  'settings.deviceId': 'Laitteen tunniste: {id}',

  'admin.devicesTitle': 'Laitteet',
  'admin.devicesIntro':
    'Laitteet, joilla on kirjauduttu sisään. Jos laite katoaa, poista se käytöstä: sen istunnot päättyvät ja laite poistaa tallentamansa tiedot, kun se seuraavan kerran saa yhteyden palvelimeen.',
  'admin.devicesCaption': 'Laitteet',
  'admin.deviceName': 'Laite',
  'admin.deviceLastUser': 'Viimeisin käyttäjä',
  'admin.deviceFirstSeen': 'Ensimmäinen kirjautuminen',
  'admin.deviceLastSeen': 'Viimeksi käytössä',
  'admin.deviceStatus': 'Tila',
  'admin.deviceActive': 'Käytössä',
  'admin.deviceRevokedAt': 'Poistettu käytöstä {when}',
  'admin.deviceRevoke': 'Poista käytöstä',
  'admin.deviceRevokeLabel': 'Poista käytöstä: {device}, {user}',
  'admin.deviceRevokeTitle': 'Poistetaanko laite käytöstä?',
  'admin.deviceRevokeBody':
    'Laitteen ({device}, viimeisin käyttäjä {user}) kaikki istunnot päättyvät heti. Kun laite seuraavan kerran saa yhteyden palvelimeen, se poistaa kaikki tallentamansa tiedot. Tätä ei voi perua.',
  'admin.deviceRevoked': 'Laite on poistettu käytöstä.',
  'admin.devicesEmpty': 'Yhdelläkään laitteella ei ole vielä kirjauduttu.',

  'directory.waiting': 'odottaa lähetystä',
  'directory.problem.idInUse':
    'Palvelimella on jo toinen osallistuja samalla tunnisteella. Hylkää tämä rekisteröinti ja rekisteröi osallistuja uudelleen.',
  'directory.problem.forbidden':
    'Sinulla ei ole oikeutta rekisteröidä osallistujia. Pyydä koordinaattoria rekisteröimään.',
  'directory.problem.invalid': 'Palvelin ei hyväksynyt nimeä. Tarkista nimi ja rekisteröi uudelleen.',
  'directory.problem.unknown': 'Palvelin ei hyväksynyt rekisteröintiä.',
  'directory.problem.team':
    'Osallistuja on rekisteröity, mutta palvelin ei hyväksynyt valittua tiimiä (esimerkiksi jonkun tunnus ei ole enää käytössä). Lähetä tiimi uudelleen, tai hylkää se ja muuta tiimiä osallistujan sivulla.',
  'directory.outbox.one': '1 rekisteröinti odottaa lähetystä',
  'directory.outbox.many': '{n} rekisteröintiä odottaa lähetystä',
  'directory.problemTitle': 'Rekisteröintiä ei hyväksytty: {name}',
  'directory.teamProblemTitle': 'Tiimiä ei hyväksytty: {name}',
  'directory.retry': 'Lähetä uudelleen',
  'directory.discard': 'Hylkää rekisteröinti',
  'directory.discardTeam': 'Hylkää tiimi',
  'directory.problem.teamChanged':
    'Joku muu muutti osallistujan tiimiä sillä välin, kun valitsemasi tiimi odotti lähetystä. Valintaasi ei ole tehty. Alla ovat nykyinen tiimi ja oma valintasi: käytä omaa valintaasi nykyisen tiimin sijaan, tai hylkää se.',
  'directory.teamChangedTitle': 'Tiimiä muutettiin sillä välin: {name}',
  'directory.teamCurrent': 'Nykyinen tiimi',
  'directory.teamMine': 'Oma valintasi',
  'directory.teamWorkers': 'Ohjaajat: {names}',
  'directory.teamExperts': 'Kokemusasiantuntijat: {names}',
  'directory.teamReaders': 'Lukuoikeus: {names}',
  'directory.teamNobody': 'ei ketään',
  'directory.teamApplyMine': 'Käytä omaa muutostani',
  'directory.teamDiscardMine': 'Hylkää',
  'error.teamChanged':
    'Joku muu muutti tiimiä sillä välin, joten muutostasi ei tehty. Lataa sivu uudelleen nähdäksesi nykyisen tiimin ja tee muutoksesi sitten uudelleen.',

  'update.available': 'Uusi versio on saatavilla.',
  'update.reload': 'Lataa uudelleen',
  'update.later': 'Myöhemmin'
} as const satisfies Record<string, string>;
