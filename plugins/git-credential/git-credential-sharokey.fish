# fish completion for git-credential-sharokey(1)
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fish's git completion hands `git credential-sharokey …` to these, since
# git-credential-sharokey is in PATH.

set -l commands share request receive list revoke

complete -c git-credential-sharokey -f
complete -c git-credential-sharokey -s h -l help -d 'Show help options'
complete -c git-credential-sharokey -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version and exit'
complete -c git-credential-sharokey -n "not __fish_seen_subcommand_from $commands" -a share -d 'Share the credential of a URL as a link'
complete -c git-credential-sharokey -n "not __fish_seen_subcommand_from $commands" -a request -d 'Ask someone for the credential of a URL'
complete -c git-credential-sharokey -n "not __fish_seen_subcommand_from $commands" -a receive -d 'Store the answer to a request with git credential approve'
complete -c git-credential-sharokey -n "not __fish_seen_subcommand_from $commands" -a list -d 'List the links shared, with their status'
complete -c git-credential-sharokey -n "not __fish_seen_subcommand_from $commands" -a revoke -d 'Expire the links shared for a URL'

complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share request' -l hours -x -d 'Hours (like 2h, 1d, 1w)'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share request' -l views -x -d 'Times it can be opened'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share' -l password -x -d 'Password the recipient must type'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share' -l password-fd -x -d 'Read that password from a file descriptor'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share' -l otp-email -x -d 'Send a one-time code to this e-mail address'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share' -l otp-phone -x -d 'Send a one-time code to this phone number'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share' -l captcha -d 'The recipient solves a captcha'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share' -l ip-whitelist -x -d 'Addresses or ranges allowed to open it'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share' -l geolocation -x -d 'Country codes allowed to open it'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share' -l message -x -d 'Message shown to the recipient'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from share' -l format -x -a 'git password' -d 'What the link holds'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from request' -l email-to -x -d 'Who is asked for the credential'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from request' -l email-reply -x -d 'Where the answer is announced'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from request' -l locale -x -a 'en fr' -d 'Language of the e-mail'
complete -c git-credential-sharokey -n '__fish_seen_subcommand_from request' -l request-hours -x -d 'Hours the request stays open'
