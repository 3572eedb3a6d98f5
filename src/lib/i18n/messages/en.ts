/**
 * English UI texts. `satisfies Messages` makes the compiler reject a missing or an extra key;
 * `messages.test.ts` checks that every text uses the same `{parameters}` as its Finnish source.
 */
import type { Messages } from '../types.ts';
import { enCase } from './en-case.ts';
import { enDevice } from './en-device.ts';
import { enUi } from './en-ui.ts';

export const en = {
  'app.name': 'Rinnalla',
  'app.titleSuffix': '{page} – Rinnalla',

  'common.loading': 'Loading…',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.continue': 'Continue',
  'common.retry': 'Try again',
  'common.copy': 'Copy',
  'common.copyValue': 'Copy: {label}',
  'common.copied': 'Copied to the clipboard.',
  'common.copyFailed': 'Copying failed. Select the text and copy it yourself.',
  'common.saved': 'Saved.',
  'common.working': 'Please wait…',

  'language.fi': 'suomi',
  'language.en': 'English',
  'language.switchLabel': 'Language',

  'shell.skipToContent': 'Skip to main content',
  'shell.mainNav': 'Main navigation',
  'shell.userMenu': 'User menu',
  'shell.settings': 'Settings',
  'shell.logout': 'Log out',
  'shell.demoBanner': 'Demo workspace – fictional data',

  'nav.participants': 'Participants',
  'nav.groups': 'Groups',
  'nav.outreach': 'Outreach',
  'nav.reports': 'Reports',
  'nav.admin': 'Admin',

  'role.admin': 'Administrator',
  'role.coordinator': 'Coordinator',
  'role.worker': 'Case worker',
  'role.expert': 'Experience expert',

  'boot.loading': 'Rinnalla is starting…',
  'boot.unreachableTitle': 'The server cannot be reached',
  'boot.unreachableBody':
    'Check the network connection and try again. If the problem continues, contact the administrator.',

  'error.network': 'Could not reach the server. Check the network connection and try again.',
  'error.server':
    'Something went wrong on the server. Try again. If it keeps happening, tell the administrator.',
  'error.forbidden': 'Your role does not allow this.',
  'error.csrf': 'The request was missing its security token. Reload the page.',
  'error.invalid': 'Check the form.',
  'error.notFound': 'Not found. It may have been removed.',
  'error.conflict': 'This did not succeed because the data has changed. Reload the page.',
  'error.unknown': 'The action failed (error code {code}).',
  'error.tooManyAttempts': 'Too many failed attempts. Try again in {minutes} min.',
  'error.formHasErrors': 'The form has errors. Correct the marked fields.',

  'validation.required': 'Fill in this field.',
  'validation.usernameFormat':
    'The username must have 3–40 characters: lower-case letters a–z, digits, dots, underscores or hyphens.',
  'validation.passwordTooShort': 'The password must have at least {min} characters.',
  'validation.passwordTooLong': 'The password may have at most {max} characters.',
  'validation.passwordMismatch': 'The passwords do not match.',
  'validation.displayNameLength': 'The name must have 1–{max} characters.',

  'field.username': 'Username',
  'field.usernameDescription': '3–40 characters: lower-case letters a–z, digits, dot, underscore or hyphen.',
  'field.displayName': 'Name',
  'field.displayNameDescription': 'Shown to other users.',
  'field.password': 'Password',
  'field.passwordDescription': 'At least {min} characters. A long passphrase is a good choice.',
  'field.passwordConfirm': 'Password again',
  'field.role': 'Role',

  'login.title': 'Log in',
  'login.intro': 'Log in with your username and password.',
  'login.submit': 'Log in',
  'login.invalidCredentials': 'The username or password is wrong. Check them and try again.',
  'login.sessionEnded': 'Your session has ended. Please log in again.',
  'login.loggedOut': 'You have logged out.',
  'login.forgotHelp': 'If you have forgotten your password, ask an administrator to reset it.',

  'setup.title': 'Setting up Rinnalla',
  'setup.intro': 'This installation has no users yet. First create the administrator account.',
  'setup.codeHelp':
    'When it started, the server printed a one-time setup code to its console. The code makes sure that nobody else on the network can take over a new installation.',
  'setup.code': 'Setup code',
  'setup.codeDescription': 'The code is shown in the server console.',
  'setup.adminSection': 'Administrator account',
  'setup.submit': 'Create administrator',
  'setup.invalidCode': 'The setup code is wrong. Check the code in the server console.',
  'setup.alreadyDone': 'Rinnalla is already set up. Please log in.',
  'setup.doneTitle': 'The administrator account is ready',
  'setup.doneBody': 'You are now logged in as the administrator.',
  'setup.demoTitle': 'Fictional demo workspace',
  'setup.demoBody':
    'The demo workspace has invented users in every role, so that the features can be tried out safely. Everything in it is fictional and marked as fictional wherever it appears.',
  'setup.demoWarning':
    "Load the demo workspace only for trying out or training, never into an installation that will hold real people's data.",
  'setup.loadDemo': 'Load the demo workspace',
  'setup.skipDemo': 'Start with an empty workspace',
  'setup.demoLoadedTitle': 'The demo workspace is loaded',
  'setup.demoUsersCaption': 'Demo users',
  'setup.demoUsersIntro': 'All demo users log in with the same password.',
  'setup.demoPassword': 'Shared password of the demo users',
  'setup.demoPasswordOnce': 'The password is shown only now. Copy it somewhere safe before you continue.',
  'setup.continueToApp': 'Go to the app',
  'demo.fictionalLabel': 'Fictional demo data',

  'password.changeTitle': 'Change password',
  'password.forcedTitle': 'Choose your own password',
  'password.forcedIntro':
    'An administrator gave you a temporary password. Choose your own password before you continue. Do not share it with anyone.',
  'password.current': 'Current password',
  'password.currentForcedDescription': 'The temporary password you got from the administrator.',
  'password.new': 'New password',
  'password.confirm': 'New password again',
  'password.submit': 'Change password',
  'password.changed': 'Your password is changed. Sessions on your other devices have ended.',
  'password.wrongCurrent': 'The current password is wrong.',
  'password.unchanged': 'The new password must differ from the current one.',

  'area.notAvailableTitle': 'This area is not available yet',
  'participants.unavailable':
    "The participant register and participants' plans are not available in this version yet. When they are ready, you will see here the participants you are assigned to.",
  'groups.unavailable': 'Group periods, group sessions and attendance are not available in this version yet.',
  'outreach.unavailable':
    'Recording outreach events and contacts with schools and employers is not available in this version yet.',
  'reports.unavailable': 'Reports and monitoring indicators are not available in this version yet.',
  'access.deniedTitle': 'No access',
  'access.deniedBody': 'Your role ({role}) does not give access to this page.',

  'admin.sections': 'Admin sections',
  'admin.usersTitle': 'Users',
  'admin.usersIntro':
    "Create accounts, change roles, disable accounts and reset passwords. Administrators cannot see participants' data.",
  'admin.addUser': 'Add user',
  'admin.usersCaption': 'All users',
  'admin.status': 'Status',
  'admin.statusActive': 'Active',
  'admin.statusDisabled': 'Disabled',
  'admin.statusMustChange': 'Must change password',
  'admin.actions': 'Actions',
  'admin.manage': 'Manage',
  'admin.manageLabel': 'Manage user {name}',
  'admin.createTitle': 'New user',
  'admin.initialPassword': 'Initial password',
  'admin.initialPasswordDescription':
    'At least {min} characters. Give it to the user safely. They choose their own password at their first login.',
  'admin.create': 'Create user',
  'admin.created': 'User {username} was created.',
  'admin.usernameTaken': 'This username is taken. Choose another.',
  'admin.editTitle': 'User: {name}',
  'admin.detailsSection': 'Name and role',
  'admin.saveChanges': 'Save changes',
  'admin.updated': 'The changes are saved.',
  'admin.accessSection': 'Access',
  'admin.disable': 'Disable',
  'admin.enable': 'Enable',
  'admin.disableDescription': 'A disabled user cannot log in, and their sessions end at once.',
  'admin.enableDescription': 'This account is disabled. When you enable it, the user can log in again.',
  'admin.disabledDone': 'User {name} is disabled, and their sessions have ended.',
  'admin.enabledDone': 'User {name} is enabled.',
  'admin.cannotLockOutSelf':
    'You cannot disable your own account or take away your own administrator role. Ask another administrator.',
  'admin.resetSection': 'Password reset',
  'admin.resetDescription':
    "Creates a one-time password and ends the user's sessions. The user chooses a new password when they log in.",
  'admin.reset': 'Reset password',
  'admin.oneTimePassword': 'One-time password',
  'admin.oneTimePasswordOnce':
    'The password is shown only once. Give it to the user safely, for example in person.',
  'admin.you': '(you)',
  'admin.sessionsTitle': 'Active sessions',
  'admin.sessionsIntro': 'Logged-in devices and browsers. Revoking a session logs that device out.',
  'admin.sessionsCaption': 'Active sessions',
  'admin.sessionUser': 'User',
  'admin.sessionDevice': 'Browser',
  'admin.sessionStarted': 'Started',
  'admin.sessionLastSeen': 'Last used',
  'admin.revoke': 'Revoke session',
  'admin.revokeLabel': 'Revoke session: {username}',
  'admin.revoked': 'The session was revoked.',
  'admin.currentSession': 'This session',
  'admin.unknownDevice': 'Unknown browser',
  'admin.refresh': 'Refresh',

  'settings.title': 'Settings',
  'settings.account': 'Username {username}, role: {role}',
  'settings.profileSection': 'Your details',
  'settings.languageSection': 'Language',
  'settings.language': 'Interface language',
  'settings.languageDescription': 'Your choice is saved with your account.',
  'settings.languageSaved': 'The language is changed.',
  'settings.passwordSection': 'Password',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at this address. Check the address or go back to the start page.',
  'notFound.home': 'To the start page',
  'errorPage.title': 'Something went wrong',
  'errorPage.body': 'The page could not be shown. Reload the page.',
  ...enCase,
  ...enDevice,
  ...enUi
} as const satisfies Messages;
