# fish completion for pass-sharokey(1): `pass sharokey …`
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Installed in vendor_conf.d: fish loads only one completion file for
# pass (pass's own pass.fish, which has no hook for extensions), so these
# are defined at start-up and add to it.


function __fish_pass_sharokey_at_verb
    set -l words (commandline -opc)
    test (count $words) -eq 2; and test "$words[2]" = sharokey
end

# True after `pass sharokey`, and after one of the verbs ARGV when given
# (share also when no verb is given: it is the default).
function __fish_pass_sharokey_uses
    set -l words (commandline -opc)
    test (count $words) -ge 2; and test "$words[2]" = sharokey; or return 1
    test (count $argv) -eq 0; and return 0
    set -l verb $words[3]
    if not contains -- "$verb" share request receive-request list get delete stats test list-requests get-request delete-request request-stats help version
        set verb share
    end
    contains -- $verb $argv
end

function __fish_pass_sharokey_entries
    set -l prefix $HOME/.password-store
    set -q PASSWORD_STORE_DIR; and set prefix $PASSWORD_STORE_DIR
    for entry in $prefix/**.gpg
        string replace -r -- '^'(string escape --style=regex -- $prefix)'/(.*)\.gpg$' '$1' $entry
    end
end

complete -c pass -f -n '__fish_pass_needs_command' -a sharokey -d 'Command: share an entry as a self-destructing link (Sharokey)'

complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a share -d 'Share a line of an entry, or all of it (the default)'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a request -d 'Ask someone for a secret'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a receive-request -d 'Store the answer to a request in an entry'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a list -d 'List your secrets'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a get -d 'Show the details of a secret'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a delete -d 'Expire a secret'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a stats -d 'Show statistics about your secrets'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a test -d 'Check the configuration and the server'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a list-requests -d 'List your secret requests'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a get-request -d 'Show the details of a secret request'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a delete-request -d 'Cancel a secret request'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a request-stats -d 'Show statistics about your secret requests'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a help -d 'Show the usage'
complete -c pass -f -n '__fish_pass_sharokey_at_verb' -a version -d 'Show the version'

# share (also the default)
complete -c pass -f -n '__fish_pass_sharokey_uses share' -a '(__fish_pass_sharokey_entries)'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l line -x -d 'Share line N of the entry'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l all -d 'Share the whole entry'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l hours -x -d 'Hours before the link expires (like 2h, 1d, 1w)'
complete -c pass -f -n '__fish_pass_sharokey_uses share request' -l views -x -d 'How many times it can be opened'
complete -c pass -f -n '__fish_pass_sharokey_uses share request' -l description -x -d 'A description for yourself'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l describe -d 'Send the entry name as the description'
complete -c pass -f -n '__fish_pass_sharokey_uses share request' -l message -x -d 'A message shown to the other person'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l password -x -d 'A password the recipient must type'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l password-fd -x -d 'Read that password from a file descriptor'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l captcha -d 'The recipient must solve a captcha'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l otp-email -x -d 'Send a one-time code to this e-mail address'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l otp-phone -x -d 'Send a one-time code by SMS to this number'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l ip-whitelist -x -d 'IP addresses or CIDR ranges allowed to open it'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -l geolocation -x -d 'ISO country codes allowed to open it'
complete -c pass -n '__fish_pass_sharokey_uses share' -l attach -r -F -d 'Attach a file'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -s c -l clip -d 'Put the link on the clipboard'
complete -c pass -f -n '__fish_pass_sharokey_uses share' -s q -l qrcode -d 'Show the link as a QR code'
complete -c pass -f -n '__fish_pass_sharokey_uses share request list get delete stats test list-requests get-request delete-request request-stats' -l json -d 'Print the JSON of the API'

# request
complete -c pass -f -n '__fish_pass_sharokey_uses request' -l secret-hours -x -d 'Hours the provided secret lives'
complete -c pass -f -n '__fish_pass_sharokey_uses request' -l request-hours -x -d 'Hours the request stays open'
complete -c pass -f -n '__fish_pass_sharokey_uses request' -l email-to -x -d 'E-mail the request to this address'
complete -c pass -f -n '__fish_pass_sharokey_uses request' -l email-reply -x -d 'Where the answer is announced by e-mail'
complete -c pass -f -n '__fish_pass_sharokey_uses request' -l locale -x -a 'en fr' -d 'Language of the e-mail'

# list, list-requests
complete -c pass -f -n '__fish_pass_sharokey_uses list list-requests' -l limit -x -d 'Show at most N'
complete -c pass -f -n '__fish_pass_sharokey_uses list list-requests' -l status -x -a 'active expired' -d 'Only active or only expired'
complete -c pass -f -n '__fish_pass_sharokey_uses list list-requests' -l creator -x -d 'Only those created by this e-mail address'
complete -c pass -f -n '__fish_pass_sharokey_uses list list-requests' -l search -x -d 'Only those whose description contains TEXT'
complete -c pass -f -n '__fish_pass_sharokey_uses list list-requests' -l page -x -d 'Show page N'
complete -c pass -f -n '__fish_pass_sharokey_uses list list-requests' -l all -d 'Show every page'

# request and receive-request: the entry the answer is for
complete -c pass -f -n '__fish_pass_sharokey_uses request' -a '(__fish_pass_sharokey_entries)'
complete -c pass -f -n '__fish_pass_sharokey_uses receive-request' -s f -l force -d 'Replace an existing entry'
complete -c pass -f -n '__fish_pass_sharokey_uses receive-request' -a '(__fish_pass_sharokey_entries)'
