/**
 * English texts of the device layer (see fi-device.ts, the source of the keys).
 */
import type { fiDevice } from './fi-device.ts';

export const enDevice = {
  'sync.label': 'Sync status',
  'sync.idle': 'Online',
  'sync.offline': 'Not connected to the server',
  'sync.connecting': 'Connecting…',
  'sync.syncing': 'Syncing…',
  'sync.saved': 'All changes saved to server',
  'sync.pending.one': '1 change not yet on the server',
  'sync.pending.many': '{n} changes not yet on the server',
  'sync.unverified': 'Changes on this device not yet confirmed by the server',
  'sync.sessionExpired': 'Your session ended. Log in again – your changes are not lost.',
  'sync.forbidden': 'No access to this document. Checking again…',
  'sync.forbiddenDocs': 'Access removed to {n} documents',
  'sync.error': 'The server did not accept a change (error {code})',
  'sync.error.tooLarge': 'A change is too large to save on the server',
  'sync.error.notFound': 'The document was not found on the server',
  'sync.errorDocs': 'Sync error in {n} documents',
  'sync.readOnly': 'Read only: your changes are not saved to the server',
  'sync.deviceError': 'Saving on this device failed',
  'sync.quarantined': '{n} records on this device could not be read',
  'sync.login': 'Log in again',
  'sync.retry': 'Try again',
  'presence.label': 'Here now',
  'presence.you': '{name} (you)',
  'presence.devices': '{name}, {n} devices',
  'presence.more': '+{n}',
  'presence.moreLabel': 'and {n} more: {names}',

  'offline.ready.none': 'Ready for offline use: no documents to sync',
  'offline.ready.one': 'Ready for offline use: 1 document synced {when}',
  'offline.ready.many': 'Ready for offline use: all {n} documents synced {when}',
  'offline.at': 'at {time}',
  'offline.on': 'on {date} at {time}',
  'offline.pulling': 'Fetching documents to this device: {done}/{total}',
  'offline.missing.one': 'Not yet ready for offline use: 1 document is missing from this device',
  'offline.missing.many': 'Not yet ready for offline use: {n} documents are missing from this device',
  'offline.lastSynced': 'Everything last synced {when}',
  'offline.unknown': 'No documents fetched to this device yet',
  'offline.region': 'Device status',

  'device.lock': 'Lock',
  'device.unlockTitle': 'Unlock Rinnalla',
  'device.unlockIntro':
    'This device holds encrypted data of the user {username}. Unlock it with your password – this works offline too.',
  'device.unlockSubmit': 'Unlock',
  'device.unlocking': 'Unlocking…',
  'device.otherUser': 'Log in as another user',
  'device.otherUserHelp':
    'Another user logging in does not remove this data: it stays encrypted on this device.',
  'device.wrongPassword.one':
    'Wrong password. 1 attempt left – after that the data on this device is removed.',
  'device.wrongPassword.many': 'Wrong password. {n} attempts left before the data on this device is removed.',
  'device.notice.idle':
    'The app locked itself because it was not used for a while. Your changes are saved on this device.',
  'device.notice.wipedAttempts':
    'The password was wrong too many times, so the data on this device was removed. Log in while online and it is fetched again.',
  'device.notice.wipedRevoked':
    'An administrator removed this device from use, so its data was removed. Log in if you may still use this device.',
  'device.notice.removed': 'Your data was removed from this device.',
  'device.notice.wipedElsewhere': 'Your data was removed from this device in another tab.',
  'device.notice.passwordChanged':
    'Your password was changed on another device. Type your previous password here, and this device’s data is moved behind the new one.',
  'device.notice.passwordChangedLogin':
    'Your password was changed on another device. Log in with the new password and your changes are sent.',
  'device.setupTitle': 'Set up this device',
  'device.setupIntro':
    'Type your password, and your data is encrypted on this device so that it works offline too.',
  'device.setupSubmit': 'Set up',
  'device.guard.logoutTitle': 'You cannot log out yet',
  'device.guard.removeTitle': 'The data cannot be removed yet',
  'device.guard.intro':
    'These changes are not yet saved to the server. If you go on, they are lost for good.',
  'device.guard.advice':
    'Connect to a network and wait until the changes are saved to the server, then try again.',
  'device.guard.document': '{name}: changes not yet on the server',
  'device.guard.registration': '{name}: registration waiting to be sent',
  'device.guard.unknownDocument': 'Document {id}',
  'device.guard.keep': 'Don’t log out',
  'device.guard.keepData': 'Don’t remove',
  'device.guard.accept': 'I accept that these changes are lost',
  'device.guard.confirmTitle': 'Really discard the changes?',
  'device.guard.confirmBody':
    '{n} unsaved changes will be lost for good and cannot be restored. This cannot be undone.',
  'device.guard.confirmLogout': 'Discard the changes and log out',
  'device.guard.confirmRemove': 'Discard the changes and remove the data',
  'device.guard.checking': 'Checking that everything is saved to the server…',

  'settings.deviceSection': 'This device',
  'settings.deviceIntro':
    'Your data is stored encrypted on this device so that it works offline too. Your login password opens the encryption.',
  'settings.storageUse': 'Storage in use: {used} of {quota}',
  'settings.megabytes': '{n} MB',
  'settings.storageUseUnknown': 'The browser does not tell how much storage is in use.',
  'settings.persisted':
    'The browser promised to keep the data: the device will not remove it when space runs low.',
  'settings.notPersisted':
    'The browser has not promised to keep the data: if the device runs out of space, it may remove it. Installing the app on the device usually gets the promise.',
  'settings.persistUnsupported': 'The browser does not support persistent storage.',
  'settings.autoLock': 'Lock automatically when the app has not been used',
  'settings.autoLockDescription': 'Applies to this device only.',
  'settings.autoLockMinutes.one': 'after 1 minute',
  'settings.autoLockMinutes.many': 'after {n} minutes',
  'settings.autoLockSaved': 'The automatic lock was changed.',
  'settings.removeData': 'Remove my data from this device',
  'settings.removeDataDescription':
    'Removes your data from this device and logs you out. The data saved on the server stays.',
  'settings.deviceId': 'Device id: {id}',

  'admin.devicesTitle': 'Devices',
  'admin.devicesIntro':
    'Devices on which someone has logged in. If a device is lost, remove it from use: its sessions end, and the device deletes the data it holds the next time it reaches the server.',
  'admin.devicesCaption': 'Devices',
  'admin.deviceName': 'Device',
  'admin.deviceLastUser': 'Last user',
  'admin.deviceFirstSeen': 'First login',
  'admin.deviceLastSeen': 'Last used',
  'admin.deviceStatus': 'Status',
  'admin.deviceActive': 'In use',
  'admin.deviceRevokedAt': 'Removed from use {when}',
  'admin.deviceRevoke': 'Remove from use',
  'admin.deviceRevokeLabel': 'Remove from use: {device}, {user}',
  'admin.deviceRevokeTitle': 'Remove the device from use?',
  'admin.deviceRevokeBody':
    'Every session of the device ({device}, last user {user}) ends at once. The next time the device reaches the server, it deletes all the data it holds. This cannot be undone.',
  'admin.deviceRevoked': 'The device was removed from use.',
  'admin.devicesEmpty': 'No one has logged in on any device yet.',

  'directory.waiting': 'waiting to be sent',
  'directory.problem.idInUse':
    'The server already has another participant with the same id. Discard this registration and register the participant again.',
  'directory.problem.forbidden': 'You may not register participants. Ask a coordinator to register them.',
  'directory.problem.invalid': 'The server did not accept the name. Check the name and register again.',
  'directory.problem.unknown': 'The server did not accept the registration.',
  'directory.problem.team':
    'The participant is registered, but the server did not accept the team you chose (for example, someone’s account is no longer in use). Send the team again, or discard it and change the team on the participant’s page.',
  'directory.outbox.one': '1 registration waiting to be sent',
  'directory.outbox.many': '{n} registrations waiting to be sent',
  'directory.problemTitle': 'Registration not accepted: {name}',
  'directory.teamProblemTitle': 'Team not accepted: {name}',
  'directory.retry': 'Send again',
  'directory.discard': 'Discard registration',
  'directory.discardTeam': 'Discard the team',
  'directory.problem.teamChanged':
    'Someone else changed the participant’s team while the team you chose was waiting to be sent. Your choice has not been made. Below are the current team and your choice: apply yours instead of the current team, or discard it.',
  'directory.teamChangedTitle': 'The team was changed meanwhile: {name}',
  'directory.teamCurrent': 'Current team',
  'directory.teamMine': 'Your choice',
  'directory.teamWorkers': 'Workers: {names}',
  'directory.teamExperts': 'Experience experts: {names}',
  'directory.teamReaders': 'Read access: {names}',
  'directory.teamNobody': 'no one',
  'directory.teamApplyMine': 'Apply my change',
  'directory.teamDiscardMine': 'Discard',
  'error.teamChanged':
    'Someone else changed the team meanwhile, so your change was not made. Reload the page to see the current team, then make your change again.',

  'update.available': 'A new version is available.',
  'update.reload': 'Reload',
  'update.later': 'Later'
} as const satisfies { readonly [K in keyof typeof fiDevice]: string };
