import * as vscode from 'vscode';
import { checkProfileName, defaultProfile } from '../../../core/keys/keyStore';
import type { KeyService } from '../../keys/keyService';

export const switchProfileCommand = 'ucanpay.switchProfile';

/** Profiles separate merchant accounts; the choice is saved for this workspace. */
export async function switchProfile(keys: KeyService): Promise<void> {
  const store = await keys.keyStore();
  const profiles = [...new Set([defaultProfile, ...(await store.profiles())])];
  const current = keys.profile;
  const newProfile = '$(add) New profile…';
  const picked = await vscode.window.showQuickPick(
    [...profiles.map((name) => ({ label: name, description: name === current ? 'current' : undefined })), { label: newProfile }],
    { title: 'UCanPay: Switch Profile', placeHolder: 'Which merchant account should this workspace use?' },
  );
  if (!picked) {
    return;
  }
  let profile = picked.label;
  if (profile === newProfile) {
    const name = await vscode.window.showInputBox({ title: 'UCanPay: New Profile', prompt: 'A name for the merchant account (letters, digits, . _ -)', validateInput: (value) => (value ? checkProfileName(value) : undefined) });
    if (!name) {
      return;
    }
    profile = name;
  }
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('ucanpay').update('profile', profile === defaultProfile ? undefined : profile, target);
  keys.fireChanged();
}
